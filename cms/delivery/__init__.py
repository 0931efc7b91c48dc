"""Delivery of the API and its caches: what anonymous readers may read, and how fast."""
