"""Reading what the clerk provides: the agency profile, the legal data, and the evidence files units send in
(files → grids of cells → Unicode → tables → validated nominations)."""
