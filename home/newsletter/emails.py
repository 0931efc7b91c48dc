"""The newsletter's emails: one message with text and HTML parts and the unsubscribe headers."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def build_message(subject, template, context, subscriber):
    context = {**context, "unsubscribe_url": subscriber.unsubscribe_url()}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to that URL,
            # without cookies or a CSRF token; the signed token in the URL is the authority.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
