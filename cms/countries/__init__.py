"""Countries: the shared reference list that stories and the link directory point at."""
