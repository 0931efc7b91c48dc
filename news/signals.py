from django.dispatch import receiver
from wagtail.signals import page_published

from news.models import ArticlePage


@receiver(page_published, sender=ArticlePage)
def set_display_date(sender, instance, **kwargs):
    """A story's display date defaults to its first publication time."""
    if instance.date is None and instance.first_published_at is not None:
        ArticlePage.objects.filter(pk=instance.pk, date__isnull=True).update(
            date=instance.first_published_at
        )
        instance.date = instance.first_published_at
