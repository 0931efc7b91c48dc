"""Site furniture edits reach every page at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.delivery import invalidation
from home.site_settings.models import SiteFurniture


@receiver(post_save, sender=SiteFurniture)
def on_site_furniture_saved(sender, instance, created=False, raw=False, **kwargs):
    """Navigation, footer and social links are on every page: refresh them everywhere.

    Not on creation: the first read of a site's furniture creates it with the defaults
    every page already shows.
    """
    if not raw and not created:
        invalidation.invalidate_paths({"/*"})
