import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.delivery.paths import page_path
from home.models import HomePage
from news.factories import ArticlePageFactory, SectionPageFactory
from news.models import ArticleByline, ArticlePage, SectionPage


@pytest.mark.django_db
def test_article_can_only_live_under_a_section(home, section):
    assert ArticlePage.can_create_at(section)
    assert not ArticlePage.can_create_at(home)
    assert not ArticlePage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_sections_nest_under_home_and_sections(home, section):
    assert SectionPage.can_create_at(home)
    assert SectionPage.can_create_at(section)
    article = ArticlePageFactory(parent=section)
    assert not SectionPage.can_create_at(article)
    assert not ArticlePage.can_create_at(article)


@pytest.mark.django_db
def test_only_one_home_page(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_nested_section_url(home, settings):
    latam = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latam, title="Venezuela", slug="venezuela")
    assert page_path(venezuela) == "/latin-america/venezuela/"
    # On the public site, wherever the link is shown (the admin included).
    assert venezuela.url == f"{settings.FRONTEND_URL}/latin-america/venezuela/"


@pytest.mark.django_db
def test_dateline_is_printed_like_the_paper(section):
    article = ArticlePageFactory(parent=section, dateline_city="Moscow")
    assert article.dateline == "MOSCOW –"
    article.dateline_country = "Venezuela"
    article.dateline_city = "San Cristóbal"
    assert article.dateline == "SAN CRISTÓBAL, Venezuela –"
    article.dateline_city = ""
    assert article.dateline == ""


@pytest.mark.django_db
def test_byline_needs_an_author_or_a_name(section):
    article = ArticlePageFactory(parent=section)
    with pytest.raises(ValidationError, match="Choose an author or type a name"):
        ArticleByline(page=article, name="  ").full_clean()
    ArticleByline(page=article, name="EFE staff").full_clean()


@pytest.mark.django_db
def test_display_date_defaults_to_first_publication(section):
    article = ArticlePageFactory(parent=section, live=False)
    assert article.date is None
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date == article.first_published_at
