"""The pages endpoint's serializer: Wagtail's, with shared child relations, prefetched parents and
the fields our page types add."""

from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch
from rest_framework.fields import Field
from taggit.managers import TaggableManager
from wagtail.api.v2.serializers import (
    ChildRelationField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.images import get_image_model

from cms.delivery.batch import current_batch
from cms.delivery.images import serialize_image
from cms.delivery.prefetch import related_objects
from cms.delivery.translations import translations_of


class LoadedRelationMixin:
    """A to-many relation read as the list ``prefetch_for_api`` loaded (or read now)."""

    def get_attribute(self, instance):
        if len(self.source_attrs) == 1:
            return related_objects(instance, self.source)
        return list(super().get_attribute(instance).all())


class SummaryField(LoadedRelationMixin, Field):
    """A related object as its ``api_summary()`` (author, source, country)."""

    def __init__(self, *, many=False, **kwargs):
        self.many = many
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        if self.many:
            return super().get_attribute(instance)
        return Field.get_attribute(self, instance)

    def to_representation(self, value):
        if self.many:
            return [item.api_summary() for item in value]
        return value.api_summary()


class ImageRenditionsField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return serialize_image(value)


class TagNamesField(LoadedRelationMixin, Field):
    """Tag names, read from the prefetched tags (Wagtail's TagsField queries per page)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value)


class PrefetchedParentField(PageParentField):
    """``meta.parent`` from the parent ``prefetch_for_api`` loaded, with its visibility.

    One serializer per parent type for the whole response: Wagtail's field builds a
    serializer class, and DRF its fields, for every page (~1 ms each).
    """

    def get_attribute(self, instance):
        parent = getattr(instance, "_api_section", None)
        if parent is None or not hasattr(parent, "_api_visible"):
            return super().get_attribute(instance)
        return parent if parent._api_visible else None

    def to_representation(self, value):
        serializers = self.__dict__.setdefault("_parent_serializers", {})
        model = type(value)
        if model not in serializers:
            serializer_class = get_serializer_class(
                model,
                ["id", "type", "detail_url", "html_url", "title"],
                meta_fields=["type", "detail_url", "html_url"],
                base=BatchedUrlPageSerializer,
            )
            serializers[model] = serializer_class(context=self.context)
        return serializers[model].to_representation(value)


class BatchedHtmlUrlField(PageHtmlUrlField):
    """``html_url`` with the site root paths read once per response: Wagtail's field reads
    ``page.full_url``, which looks them up in the cache again for every page."""

    def to_representation(self, page):
        batch = current_batch()
        try:
            return page.get_full_url(batch["site_root_paths"] if batch is not None else None)
        except NoReverseMatch:
            return None


class BatchedUrlPageSerializer(PageSerializer):
    html_url = BatchedHtmlUrlField(read_only=True)


class TranslationsField(Field):
    """``meta.translations``: the page's public translations with their public paths (for a
    listing, read for every item at once: ``translations.attach_translations``)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        found = getattr(value, "_api_translations", None)  # a listing's, read at once
        return found if found is not None else translations_of(value.pk, value.translation_key)


class SharedChildRelationField(LoadedRelationMixin, ChildRelationField):
    """Child relations (bylines, corrections) through one serializer for the whole response.

    Wagtail's field builds a serializer, and DRF its fields, for every page it
    serialises: ~30 times for a listing of 20 stories.
    """

    def to_representation(self, value):
        if not hasattr(self, "_child_serializer"):
            self._child_serializer = self.serializer_class(context=self.context)
        return [self._child_serializer.to_representation(child) for child in value]


class SummariesMixin:
    """Child objects (bylines) show the snippets they point at as summaries, not bare ids."""

    def build_relational_field(self, field_name, relation_info):
        if hasattr(relation_info.related_model, "api_summary"):
            return SummaryField, {"many": relation_info.to_many}
        return super().build_relational_field(field_name, relation_info)


def with_summaries(serializer_class):
    return type(serializer_class.__name__, (SummariesMixin, serializer_class), {})


class HeraldPageSerializer(BatchedUrlPageSerializer):
    """Pages with related images as renditions and snippets as summaries, never bare ids."""

    parent = PrefetchedParentField(read_only=True)
    translations = TranslationsField()

    def build_property_field(self, field_name, model_class):
        try:
            model_field = model_class._meta.get_field(field_name)
        except FieldDoesNotExist:
            model_field = None
        if isinstance(model_field, TaggableManager):
            return TagNamesField, {}
        return super().build_property_field(field_name, model_class)

    def build_relational_field(self, field_name, relation_info):
        related = relation_info.related_model
        if related is get_image_model() and not relation_info.to_many:
            return ImageRenditionsField, {}
        if hasattr(related, "api_summary"):
            return SummaryField, {"many": relation_info.to_many}
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            kwargs["serializer_class"] = with_summaries(kwargs["serializer_class"])
            return SharedChildRelationField, kwargs
        return field_class, kwargs
