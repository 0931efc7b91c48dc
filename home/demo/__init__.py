"""The demo publication: this site's sections, stories, directory, furniture and users."""
