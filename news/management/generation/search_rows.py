"""Search rows of generated stories, built by PostgreSQL from the generator's own texts.

Wagtail's index (``wagtailsearch_indexentry``) and the API's search table
(``cms_search_entry``) get what their own indexers would store; ``tests/perf/
test_generate_stories.py`` re-indexes stories both ways and compares.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection
from modelsearch.index import AutocompleteField, RelatedFields, SearchField

from cms.bulk_copy import copy_rows
from cms.search import entries
from cms.search.backend import PageEntrySearchBackend
from cms.search.bulk import BulkEntry
from news.models import ArticlePage
from news.search_facets import story_facet_values

#: A search field's values in a generated story, one per object (a related field has one per
#: tag), each as the model holds it: a stream field's is the list of its blocks' texts.
SEARCH_SOURCES = {
    "title": lambda s, tags: [s["title"]],
    "deck": lambda s, tags: [s["deck"]],
    "body": lambda s, tags: [s["body_texts"]],
    "dateline_city": lambda s, tags: [s["dateline_city"]],
    "tags.name": lambda s, tags: [tags[t] for t in s["tags"]],
}


def check_sources(sources):
    unknown = set(sources) - set(SEARCH_SOURCES)
    if unknown:
        raise CommandError(
            f"generate_stories does not know the search field(s) {sorted(unknown)} of "
            "ArticlePage: teach SEARCH_SOURCES their text."
        )


class SearchEntryRows:
    """The search table's entry of a generated story (``cms.search.bulk``), with the texts,
    weights, configuration, section and facets ``cms.search.rebuild.index_pages`` would
    store for it; the facets come from ``story_facet_values``, as the hook's do. A test
    compares the rows with ``index_pages``'."""

    def __init__(self, locale, tag_names):
        self.plan = list(entries.weight_plan(ArticlePage.get_search_fields()))
        check_sources(source for source, _ in self.plan)
        self.config = entries.text_config(locale.language_code)
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.tag_names = tag_names

    def entry(self, s):
        texts = [
            (entries.plain(value).strip(), weight)
            for source, weight in self.plan
            for value in SEARCH_SOURCES[source](s, self.tag_names)
        ]
        return BulkEntry(
            page_id=s["id"],
            content_type_id=self.content_type_id,
            config=self.config,
            texts=entries.weighted_texts([(text, weight) for text, weight in texts if text]),
            first_published_at=s["published"],
            section=s["section_id"],
            facets=story_facet_values(s["authors"], s["countries"]),
        )


class PostgresIndexWriter:
    """Writes the rows ``cms.search.backend`` would write in Wagtail's index, for many stories
    at once: a page's row holds its autocomplete words and title text only (its full text is
    the search table's entry, ``SearchEntryRows``).

    The backend's own ``add_bulk`` extracts the search fields of each page through the ORM;
    here the texts come straight from the generator, copied into a temporary table, and one
    INSERT per batch builds the same vectors (``setweight(to_tsvector('simple', text), 'D')``
    joined with ``||``, as ``ObjectIndexer.as_vector`` does).
    ``tests/perf/test_generate_stories.py`` checks the rows match the backend's own.
    """

    def __init__(self, backend):
        self.backend = backend
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        # (source, kind) in the order ObjectIndexer reads ArticlePage's fields.
        self.plan = []

        def walk(fields, prefix=""):
            for field in fields:
                source = prefix + field.field_name
                if isinstance(field, AutocompleteField):
                    self.plan.append((source, "autocomplete"))
                elif isinstance(field, SearchField) and field.field_name == "title":
                    self.plan.append((source, "title"))
                elif isinstance(field, RelatedFields):
                    walk(field.fields, prefix=source + ".")

        walk(ArticlePage.get_search_fields())
        check_sources(source for source, _ in self.plan)

    COLUMNS = "object_id text, autocomplete text[], title_text text"
    #: Autocomplete words, all weighted D, one ``to_tsvector`` per text joined with ``||``.
    SETUP = """
        CREATE OR REPLACE FUNCTION pg_temp.herald_autocomplete_tsvector(
            config regconfig, texts text[]
        ) RETURNS tsvector LANGUAGE plpgsql AS $$
        DECLARE
            result tsvector := to_tsvector('');
        BEGIN
            FOR i IN 1..coalesce(array_length(texts, 1), 0) LOOP
                result := result || setweight(to_tsvector(config, texts[i]), 'D');
            END LOOP;
            RETURN result;
        END $$;
    """
    INSERT = """
        INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete,
            body, title_norm, title_text, body_text)
        SELECT %(content_type)s, object_id, ''::tsvector,
            pg_temp.herald_autocomplete_tsvector(%(config)s, autocomplete), ''::tsvector, 1.0,
            title_text, ''
        FROM herald_generated_index
        ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,
            title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete,
            body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """

    def add(self, stories, tag_names):
        rows = []
        for s in stories:
            texts = {"autocomplete": [], "title": []}
            for source, kind in self.plan:
                for value in SEARCH_SOURCES[source](s, tag_names):
                    # Wagtail joins a stream field's block texts with commas.
                    text = (value if isinstance(value, str) else ", ".join(value)).strip()
                    if text:
                        texts[kind].append(text)
            rows.append((str(s["id"]), texts["autocomplete"], " ".join(texts["title"])))
        with connection.cursor() as cursor:
            cursor.execute(self.SETUP)
            copy_rows(cursor, "herald_generated_index", self.COLUMNS, rows)
            cursor.execute(
                self.INSERT,
                {"config": self.backend.autocomplete_config, "content_type": self.content_type_id},
            )

    @staticmethod
    def handles(backend):
        return connection.vendor == "postgresql" and isinstance(backend, PageEntrySearchBackend)
