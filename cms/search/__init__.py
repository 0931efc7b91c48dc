"""Search: the pages API's search over the archive (Wagtail's search backends are the seam)."""
