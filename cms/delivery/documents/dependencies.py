"""What a page's representation shows, recorded with its document so that a change to any of
it drops the document (``dropping``)."""

from django.contrib.contenttypes.models import ContentType
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.models import Page

from cms.delivery.prefetch import is_loaded, related_objects

_dependency_models = set()


def track_dependency(model):
    """Note that documents may show instances of ``model`` (a concrete model); False when it
    was noted already (``invalidation.register_dependency`` connects its signals once)."""
    if model in _dependency_models:
        return False
    _dependency_models.add(model)
    return True


def base_model(model):
    """The model a dependency is recorded under: ``Page`` for every page type."""
    if issubclass(model, Page):
        return Page
    return model._meta.concrete_model


def content_type_id(model):
    return ContentType.objects.get_for_model(base_model(model), for_concrete_model=True).pk


def is_dependency(model):
    return issubclass(model, Page) or model._meta.concrete_model in _dependency_models


def object_dependencies(obj):
    """``(model, pk)`` of what ``obj``'s own fields point at: foreign keys, many-to-many
    fields (tags too), references inside stream and rich-text fields, and the same for its
    child objects (bylines, related stories…). Read from what is loaded (prefetched).

    To-many relations count when the representation reads them: prefetched for it
    (``api_prefetch``) or named in ``api_fields`` (Wagtail's admin comments are neither).
    """
    found = set()
    shown = {getattr(field, "name", field) for field in getattr(obj, "api_fields", ())}
    for model_field in obj._meta.get_fields():
        if getattr(model_field, "auto_created", False) and not model_field.concrete:
            continue  # reverse relations
        related = model_field.related_model
        if model_field.many_to_one and model_field.concrete:
            if isinstance(model_field, ParentalKey) or not is_dependency(related):
                continue  # a child's own page, or nothing a document shows
            value = getattr(obj, model_field.attname)
            if value is not None:
                found.add((related, value))
        elif model_field.many_to_many:
            name = model_field.name
            if is_dependency(related) and (is_loaded(obj, name) or name in shown):
                found.update((related, item.pk) for item in related_objects(obj, name))
        elif hasattr(model_field, "extract_references"):
            value = model_field.value_from_object(obj)
            if value is not None:
                for model, pk, _, _ in model_field.extract_references(value):
                    if is_dependency(model) and str(pk).isdigit():
                        found.add((model, int(pk)))
    if isinstance(obj, ClusterableModel):
        tags = getattr(getattr(obj, "tags", None), "through", None)
        for relation in get_all_child_relations(obj):
            name = relation.get_accessor_name()
            if relation.related_model is tags:  # tags: the many-to-many field above
                continue
            if is_loaded(obj, name) or name in shown:
                for child in related_objects(obj, name):
                    found |= object_dependencies(child)
    return found
