"""Admin panels of the news plugin."""

from wagtail.admin.panels import FieldPanel


class PublicAddressSlugPanel(FieldPanel):
    """The slug, with the story's real public address as its help (Wagtail's help shows a
    made-up ``http://domain.com/blog/[my-slug]/``)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            url = self.instance.full_url if self.instance.pk else None
            self.help_text = (
                f"The last part of the story's public address, now {url}"
                if url
                else "The last part of the story's public address, under its section's."
            )
