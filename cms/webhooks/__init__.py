"""Webhooks: signed notifications of page transitions to subscribed receivers."""
