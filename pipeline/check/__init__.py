"""Checking documents against Nghị định 30/2020: the rules on the file (`rules`), on the laid-out pages
(`rendered`), and both on any file (`files`)."""
