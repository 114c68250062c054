"""From typed documents to files: Word templates compiled once (`engine`, `templates`), rules under header lines
sized from font metrics (`layout`), formatting resolved as Word does (`formatting`), PDF through LibreOffice
(`office`), and the consolidated workbook (`tong_hop`)."""
