"""Daily headlines newsletter: subscribers, consent, issues and delivery."""
