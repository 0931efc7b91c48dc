"""Directory page types: see the link directory issue."""
