"""The public APIs used where a private name could have been: pinned so an upgrade that
changes them fails here, not in the code that relies on them."""

from http import HTTPStatus

import pytest
from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, formset_factory
from rest_framework.utils import model_meta
from taggit.managers import TaggableManager
from wagtail.api.v3.errors import build_problem_detail
from wagtail.models import Page

from cms.delivery.page_serializer import HeraldPageSerializer, TagNamesField
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_a_tag_field_is_a_taggable_manager_that_drf_leaves_to_build_property_field():
    """``HeraldPageSerializer`` recognises tags by their field (not ``_TaggableManager``)."""
    assert isinstance(ArticlePage._meta.get_field("tags"), TaggableManager)
    info = model_meta.get_field_info(ArticlePage)
    assert "tags" not in info.fields and "tags" not in info.relations
    assert HeraldPageSerializer().build_property_field("tags", ArticlePage)[0] is TagNamesField


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 503])
def test_a_problem_title_is_the_status_reason_phrase(status):
    """``problem`` (cms.delivery.schemas) titles with ``build_problem_detail``."""
    assert build_problem_detail(status=status).title == HTTPStatus(status).phrase


def test_is_cached_tells_whether_a_page_came_with_its_locale(article):
    """``page_loading.as_specific`` asks ``is_cached`` (not ``_state.fields_cache``)."""
    locale = Page._meta.get_field("locale")
    assert locale.is_cached(Page.objects.select_related("locale").get(pk=article.pk))
    assert not locale.is_cached(Page.objects.get(pk=article.pk))


def test_a_formset_deletes_the_forms_whose_delete_field_is_checked():
    """The directory's category form reads ``DELETE`` (not ``_should_delete_form``)."""

    class LinkForm(forms.Form):
        url = forms.CharField()

    formset_class = formset_factory(LinkForm, can_delete=True)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-url": "https://a.example/",
        "form-1-url": "https://b.example/",
        f"form-1-{DELETION_FIELD_NAME}": "on",
    }
    formset = formset_class(data)
    assert formset.is_valid()
    for form in formset.forms:
        deleted = form.cleaned_data.get(DELETION_FIELD_NAME, False)
        assert deleted == formset._should_delete_form(form)
    assert [form.cleaned_data.get(DELETION_FIELD_NAME) for form in formset.forms] == [
        False,
        True,
    ]
