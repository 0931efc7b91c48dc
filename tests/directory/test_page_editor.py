"""The directory in the Wagtail page editor: categories with ordered links, and a clear message
for every refused link or guide."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.models import CountryPage, DirectoryLink, LinkCategoryPage, LinkKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    admin = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(admin)
    return client


def category_post_data(links, *, title="Embassies in Caracas", slug="embassies-in-caracas"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": "embassies-in-capital",
            "intro": rich_text("<p>Foreign missions in the capital.</p>"),
            "links": inline_formset(links),
            "comments": inline_formset([]),
        }
    )


def add_category(editor_client, parent, links, **names):
    url = reverse("wagtailadmin_pages:add", args=["directory", "linkcategorypage", parent.pk])
    return editor_client.post(url, category_post_data(links, **names))


def test_editor_adds_a_category_with_ordered_links(editor_client, venezuela):
    response = add_category(
        editor_client,
        venezuela,
        [
            {"name": "Embassy of Spain", "url": "https://www.exteriores.gob.es/", "ORDER": 2},
            {"name": "Embassy of Brazil", "url": "https://www.gov.br/mre/", "ORDER": 1},
        ],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    category = LinkCategoryPage.objects.child_of(venezuela).get()
    assert category.kind == LinkKind.EMBASSIES_IN_CAPITAL
    assert [link.name for link in category.links.all()] == [
        "Embassy of Brazil",
        "Embassy of Spain",
    ]


def test_editor_sees_why_a_duplicate_url_is_refused(editor_client, venezuela):
    response = add_category(
        editor_client,
        venezuela,
        [
            {"name": "Embassy of Spain", "url": "https://www.exteriores.gob.es/"},
            {"name": "Spain again", "url": "HTTPS://WWW.EXTERIORES.GOB.ES/#consulate"},
        ],
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This URL is already listed in this category (link 1)." in html
    assert "The page could not be created due to validation errors" in html
    assert not LinkCategoryPage.objects.exists()
    assert not DirectoryLink.objects.exists()


def test_editor_sees_why_a_non_web_address_is_refused(editor_client, venezuela):
    response = add_category(
        editor_client,
        venezuela,
        [{"name": "Old FTP archive", "url": "ftp://files.example.org/"}],
    )
    assert response.status_code == 200
    assert (
        "Enter a full web address starting with http:// or https://." in response.content.decode()
    )
    assert not LinkCategoryPage.objects.exists()


def test_an_address_without_http_is_refused_with_a_message_not_rewritten(editor_client, venezuela):
    response = add_category(
        editor_client, venezuela, [{"name": "Electoral council", "url": "www.cne.gob.ve"}]
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a full web address starting with http:// or https://." in html
    assert 'value="www.cne.gob.ve"' in html  # kept as typed, for the editor to fix
    assert not LinkCategoryPage.objects.exists()


def test_the_same_url_may_appear_in_two_categories(editor_client, venezuela, embassies):
    url = embassies.links.first().url
    response = add_category(
        editor_client,
        venezuela,
        [{"name": "Spain", "url": url}],
        title="Embassies and consulates",
        slug="embassies-and-consulates",
    )
    assert response.status_code == 302
    assert DirectoryLink.objects.filter(url=url).count() == 2


def test_a_second_guide_for_a_country_is_refused_in_the_editor(editor_client, venezuela):
    url = reverse(
        "wagtailadmin_pages:add", args=["directory", "countrypage", venezuela.get_parent().pk]
    )
    data = nested_form_data(
        {
            "title": "Venezuela (copy)",
            "slug": "venezuela-copy",
            "country": venezuela.country.pk,
            "overview": rich_text(""),
            "comments": inline_formset([]),
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This country already has a guide in the directory." in response.content.decode()
    assert CountryPage.objects.count() == 1
