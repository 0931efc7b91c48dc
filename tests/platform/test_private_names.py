"""Only ``cms/wagtail_internals/`` touches private names of the libraries we build on; and the
scanner that checks it (``tests/platform/private_names.py``) finds what it should."""

import pytest

from tests.platform.private_names import ALLOWED_PACKAGE, ROOT, our_modules, private_uses


@pytest.mark.parametrize(
    "source",
    [
        "from wagtail.api.v3.errors import _status_title",
        "from wagtail.api.v3.errors import _status_title as title",
        "import wagtail.api.v3.errors as errors\nerrors._status_title(404)",
        "import wagtail.api.v3.errors\nwagtail.api.v3.errors._status_title(404)",
        "from taggit.managers import _TaggableManager",
        "from taggit import managers\nmanagers._TaggableManager",
        "from wagtail.models import Page\nPage._get_path('', 1, 1)",
        "from wagtail.models import ReferenceIndex\nReferenceIndex._get_base_content_type(m)",
        "from rest_framework import serializers\nserializers.Field()._context",
        "from ninja import NinjaAPI\nNinjaAPI._routers",
        "import treebeard._private",
        "request._wagtail_site = site",
        "hasattr(request, '_wagtail_site')",
        "getattr(obj, '_prefetched_objects_cache', {})",
        "viewset._get_serializer_class(router, model, [], show_details=True)",
        "from wagtail import blocks\nblocks.list_block.ListValue.ListChild(block, value)",
        "page.path[: -page.steplen]",
        "formset._should_delete_form(form)",
        "'locale' in page._state.fields_cache",
    ],
)
def test_the_check_finds_a_private_library_name(source):
    assert private_uses(source), source


@pytest.mark.parametrize(
    "source",
    [
        "from wagtail.models import Page\nPage._meta.get_field('locale')",
        "from wagtail.models import Page\nPage._default_manager.all()",
        "obj._state.db",
        "from django.utils.translation import gettext_lazy as _",
        "from cms.delivery.batch import _is_public\n_is_public()",
        "def _helper():\n    pass\n_helper()",
        "self._base_queryset = queryset",
        "page._api_section = parent",
        "getattr(page, '_api_section', None)",
        "from wagtail.models import Page\nPage.__name__",
        "from . import _sibling",
    ],
)
def test_the_check_lets_our_own_and_documented_names_pass(source):
    assert private_uses(source) == [], source


def test_the_check_finds_the_private_names_wagtail_internals_keeps():
    found = {
        what
        for path in ALLOWED_PACKAGE.glob("*.py")
        for _, what in private_uses(path.read_text(), str(path))
    }
    assert {
        ".steplen",
        ".alphabet",
        "getattr(…, '_wagtail_site')",
        "._wagtail_site",
        "._get_serializer_class",
        ".ListChild",
        "._get_base_content_type",
        "._get_content_path_hash",
    } <= found


def test_no_module_but_wagtail_internals_uses_a_private_name_of_a_library():
    modules = our_modules()
    allowed = set(ALLOWED_PACKAGE.glob("*.py"))
    assert len(modules) > 50 and len(allowed) > 5 and allowed < set(modules)
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in modules
        if path not in allowed
        for line, what in private_uses(path.read_text(), str(path))
    ]
    assert offences == [], (
        "Use or add an entry of cms/wagtail_internals/ (with its test in "
        "tests/platform/wagtail_internals/) instead of:\n" + "\n".join(offences)
    )
