"""Checking documents against Nghị định 30/2020: the rules on the file (`rules`), on what a reward document says
(`content`), on the laid-out pages (`rendered`), and all of them on any file (`files`)."""

from . import content  # noqa: F401  (its rules join the others when the package is imported)
