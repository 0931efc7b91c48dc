"""Hard bounces and spam complaints reported by the mail provider suppress the subscriber.

django-anymail normalises every provider's tracking webhook (``/anymail/<provider>/tracking/``,
mounted when ``ANYMAIL_PROVIDER`` is set) into one ``tracking`` signal. Anymail's
``bounced`` is a permanent failure (a soft bounce is ``deferred`` and is left alone);
``complained`` is a reader marking the email as spam. Either stops the daily headlines:
mailbox providers throttle senders who keep mailing such addresses.
"""

import logging

from anymail.signals import AnymailTrackingEvent, tracking
from django.dispatch import receiver
from django.utils import timezone

from home.newsletter.models import Subscriber, new_nonce, normalize_email

logger = logging.getLogger(__name__)

SUPPRESSING_EVENTS = {
    "bounced": Subscriber.Status.BOUNCED,
    "complained": Subscriber.Status.COMPLAINED,
}


@receiver(tracking, dispatch_uid="home.newsletter.bounces")
def suppress_on_bounce_or_complaint(
    sender: object, event: AnymailTrackingEvent, esp_name: str, **kwargs: object
) -> None:
    status = SUPPRESSING_EVENTS.get(event.event_type)
    if status is None or not event.recipient:
        return
    now = timezone.now()
    suppressed = Subscriber.objects.filter(email=normalize_email(event.recipient)).update(
        status=status,
        unsubscribed_at=now,
        # A confirmation link sent before the bounce must not undo the suppression.
        confirm_nonce=new_nonce(),
        updated_at=now,
    )
    logger.info(
        "%s reported %s for %s: %d subscriber(s) suppressed",
        esp_name,
        event.event_type,
        event.recipient,
        suppressed,
    )
