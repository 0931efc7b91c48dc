"""The newsletter's emails: one message with text and HTML parts and the unsubscribe headers."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template
from django.utils import translation


def render(template, extension, context, language):
    """The template in the reader's language (``<name>.<language>.<extension>`` when there is
    one), rendered with that language active (dates in its words)."""
    chosen = select_template([f"{template}.{language}.{extension}", f"{template}.{extension}"])
    with translation.override(language):
        return chosen.render(context)


def build_message(subject, template, context, subscriber, language=None):
    language = language or subscriber.language
    context = {**context, "unsubscribe_url": subscriber.unsubscribe_url()}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render(template, "txt", context, language),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to that URL,
            # without cookies or a CSRF token; the signed token in the URL is the authority.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render(template, "html", context, language), "text/html")
    return message
