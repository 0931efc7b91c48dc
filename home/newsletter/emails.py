"""The newsletter's emails: one message with text and HTML parts and the unsubscribe headers."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.utils import translation

from cms.delivery.locales import path_prefix


def render(template, extension, context, language):
    """``<template>.<extension>`` rendered with the reader's language active: its words from
    the catalogue (home/locale), dates in that language, links to that edition's home."""
    edition_url = context.get("frontend_url", "") + path_prefix(language)
    context = {**context, "edition_url": edition_url}
    with translation.override(language):
        return get_template(f"{template}.{extension}").render(context)


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
