import factory
import wagtail_factories
from django.utils.text import slugify

from cms.delivery.factories import ImageFactory
from news.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    Author,
    SectionPage,
    WireSource,
)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    job_title = "Staff writer"


class WireSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WireSource
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    is_agency = True


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    intro = "<p>The latest news.</p>"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:200])
    deck = factory.LazyAttribute(lambda o: f"What happened in '{o.title}'.")
    dateline_city = "Caracas"
    source = factory.SubFactory(WireSourceFactory, name="EFE")
    lead_image = factory.SubFactory(ImageFactory)
    body = factory.LazyAttribute(
        lambda o: [
            ("paragraph", f"<p>First paragraph of {o.title}.</p>"),
            ("quote", {"text": "We will see.", "attribution": "An official"}),
            ("paragraph", "<p>Second paragraph.</p>"),
        ]
    )


class ArticleBylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleByline

    page = factory.SubFactory(ArticlePageFactory)
    author = factory.SubFactory(AuthorFactory)


class ArticleCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleCorrection

    page = factory.SubFactory(ArticlePageFactory)
    text = "An earlier version misspelled a name."
