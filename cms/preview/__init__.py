"""Headless preview: signed, expiring links that let the frontend render a draft."""
