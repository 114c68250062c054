"""`tdkt web`: the clerk's page, a thin skin over the same library functions the command line calls."""
