"""The public site's routes, one module per group; each exports ``routes``.

``frontend.app`` assembles them, the CMS pages' catch-all last.
"""
