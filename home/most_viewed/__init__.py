"""Most viewed: view counting and the most-read rankings."""
