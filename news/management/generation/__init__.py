"""What ``generate_stories`` is made of: its vocabulary, its rows and its search rows."""
