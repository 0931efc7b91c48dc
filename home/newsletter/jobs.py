"""The scheduler's daily headlines email (also ``manage.py send_daily_headlines``)."""

from django.conf import settings

from cms.publishing.jobs import register
from home.newsletter.sending import send_daily_headlines as send


@register("home.send_daily_headlines", daily_at=settings.NEWSLETTER_SEND_AT)
def send_daily_headlines():
    """Send today's daily headlines to every confirmed subscriber (resumable)."""

    return str(send())
