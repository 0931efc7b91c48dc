"""Snippet labels per edition: what readers see of a shared snippet (a country's name, an
author's job title) in each content language other than the default.

A snippet stays one row with one id in both editions (stories, bylines and guides keep
pointing at it); its translations are child rows, one per language, edited on the
snippet's "Translations" panel. A blank field reads the default language's
(docs/i18n.md, "Labels of shared snippets").
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.coreutils import get_content_languages

from cms.delivery import invalidation
from cms.delivery.locales import default_language


def other_languages() -> list[tuple[str, str]]:
    """The content languages a label may be translated into (all but the default)."""
    default = default_language()
    return [(code, name) for code, name in get_content_languages().items() if code != default]


class LabelTranslation(models.Model):
    """A snippet's labels in one language. Subclasses add a ``ParentalKey`` to the snippet
    with ``related_name="translations"`` and the label fields (blank allowed), named as the
    snippet's own and listed in ``translated_fields``."""

    translated_fields: tuple[str, ...] = ()

    language = models.CharField(max_length=10, choices=other_languages)

    class Meta:
        abstract = True

    def __str__(self):
        return self.language


def translations_of(model: type[models.Model]) -> tuple[type[LabelTranslation], str]:
    """A snippet model's translation model and the name of its key to the snippet."""
    relation = model._meta.get_field("translations")
    return relation.related_model, relation.field.name


def localise(objects: Iterable[models.Model | None], language: str) -> None:
    """Put ``language``'s labels in place of the default's on these snippet instances, one
    query per snippet model; labels left blank stay as they are. For reading only: an
    instance localised must never be saved (its English fields now hold Spanish)."""
    if language == default_language():
        return
    by_model: dict[type, list] = defaultdict(list)
    for obj in objects:
        if obj is not None and obj.pk is not None:
            by_model[type(obj)].append(obj)
    for model, instances in by_model.items():
        translation_model, key = translations_of(model)
        rows = translation_model.objects.filter(
            **{f"{key}_id__in": {obj.pk for obj in instances}}, language=language
        )
        found = {getattr(row, f"{key}_id"): row for row in rows}
        for obj in instances:
            row = found.get(obj.pk)
            for name in translation_model.translated_fields if row else ():
                setattr(obj, name, getattr(row, name) or getattr(obj, name))


def localise_in_pages(pages: Iterable, objects_of: Callable[[object], Iterable]) -> None:
    """Each page's snippets (``objects_of(page)``) in the page's own language: a Spanish
    page shows Spanish labels, whichever edition the request asked for."""
    default = default_language()
    by_language: dict[str, list] = defaultdict(list)
    for page in pages:
        language = page.locale.language_code
        if language != default:  # the default's labels are the snippets' own
            by_language[language].extend(objects_of(page))
    for language, objects in by_language.items():
        localise(objects, language)


def register_label_translations(translation_model: type[LabelTranslation]) -> None:
    """Saving or deleting a translation refreshes what shows its snippet (documents, the
    API response cache, frontend pages), as saving the snippet itself does."""
    label = translation_model._meta.label_lower
    post_save.connect(_changed, sender=translation_model, dispatch_uid=f"labels-{label}")
    post_delete.connect(_changed, sender=translation_model, dispatch_uid=f"labels-d-{label}")


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    relation = next(
        field
        for field in sender._meta.get_fields()
        if field.many_to_one and field.remote_field.related_name == "translations"
    )
    # A stub: the snippet may be going (a cascade), and only its type and id are read.
    invalidation.invalidate_object(relation.related_model(pk=getattr(instance, relation.attname)))
