"""The wire desk: agency copy (NewsML-G2, NITF, ninjs, RSS/Atom) ingested, versioned and
taken into stories (``docs/wires.md``)."""
