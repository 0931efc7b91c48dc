"""Site furniture: navigation, footer, social links and other site-wide settings."""
