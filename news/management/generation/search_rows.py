"""Search rows of generated stories, built by PostgreSQL from the generator's own texts.

Wagtail's index (``wagtailsearch_indexentry``) and the API's search table
(``cms_search_entry``) get what their own indexers would store; ``tests/perf/
test_generate_stories.py`` re-indexes stories both ways and compares.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.models import IndexEntry

from cms.bulk_copy import copy_rows
from cms.search import entries
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
    """Writes the rows Wagtail's PostgreSQL search backend would write, for many stories at once.

    The backend's own ``add_bulk`` extracts every search field five times per page
    (title, body, autocomplete and their plain-text twins) and parses each rich-text
    paragraph again each time; that alone caps loading at about 100 stories/s. Here the
    texts come straight from the generator, in the order and with the weights the
    model's ``search_fields`` give them; they are copied into a temporary table, and one
    INSERT per batch builds the same weighted tsvectors (``setweight(to_tsvector(config,
    text), weight)`` joined with ``||``, as ``ObjectIndexer.as_vector`` does) and the
    title norm (average title length in lexemes / this title's, what the backend's
    ``_refresh_title_norms`` stores after adding). With parallel processes each counts the
    titles it has seen, so norms may differ from a serial load in the third decimal.
    ``tests/perf/test_generate_stories.py`` checks the rows match the backend's own.
    """

    def __init__(self, backend):
        self.backend = backend
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        # (group, source, weight) in the order ObjectIndexer reads ArticlePage's fields.
        self.plan = []

        def walk(fields, prefix=""):
            for field in fields:
                source = prefix + field.field_name
                if isinstance(field, SearchField):
                    group = "title" if field.field_name == "title" else "body"
                    self.plan.append((group, source, get_weight(field.boost)))
                elif isinstance(field, AutocompleteField):
                    self.plan.append(("autocomplete", source, "D"))
                elif isinstance(field, RelatedFields):
                    walk(field.fields, prefix=source + ".")

        walk(ArticlePage.get_search_fields())
        check_sources(source for _, source, _ in self.plan)
        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT coalesce(sum(length(title)), 0), count(*) FROM {table} "  # noqa: S608
                "WHERE length(title) > 0"
            )
            self.title_lexemes, self.titles = cursor.fetchone()

    COLUMNS = (
        "object_id text, title text[], title_weights text[], autocomplete text[],"
        " autocomplete_weights text[], body text[], body_weights text[],"
        " title_text text, body_text text"
    )
    SETUP = """
        CREATE OR REPLACE FUNCTION pg_temp.herald_weighted_tsvector(
            config regconfig, texts text[], weights text[]
        ) RETURNS tsvector LANGUAGE plpgsql AS $$
        DECLARE
            result tsvector;
            part tsvector;
        BEGIN
            IF coalesce(array_length(texts, 1), 0) = 0 THEN
                RETURN to_tsvector('');
            END IF;
            FOR i IN 1..array_length(texts, 1) LOOP
                IF config IS NULL THEN
                    part := setweight(to_tsvector(texts[i]), weights[i]::"char");
                ELSE
                    part := setweight(to_tsvector(config, texts[i]), weights[i]::"char");
                END IF;
                result := CASE WHEN i = 1 THEN part ELSE result || part END;
            END LOOP;
            RETURN result;
        END $$;
    """

    def add(self, stories, tag_names):
        rows = []
        for s in stories:
            groups = {"title": ([], []), "autocomplete": ([], []), "body": ([], [])}
            for group, source, weight in self.plan:
                texts, weights = groups[group]
                for value in SEARCH_SOURCES[source](s, tag_names):
                    # Wagtail joins a stream field's block texts with commas.
                    text = (value if isinstance(value, str) else ", ".join(value)).strip()
                    if text:
                        texts.append(text)
                        weights.append(weight)
            rows.append(
                (
                    str(s["id"]),
                    *groups["title"],
                    *groups["autocomplete"],
                    *groups["body"],
                    " ".join(groups["title"][0]),
                    " ".join(groups["body"][0]),
                )
            )
        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(self.SETUP)
            copy_rows(cursor, "herald_generated_index", self.COLUMNS, rows)
            cursor.execute(
                f"""
                WITH vectors AS (
                    SELECT object_id,
                        pg_temp.herald_weighted_tsvector(%(config)s, title, title_weights)
                            AS title,
                        pg_temp.herald_weighted_tsvector(
                            %(autocomplete_config)s, autocomplete, autocomplete_weights
                        ) AS autocomplete,
                        pg_temp.herald_weighted_tsvector(%(config)s, body, body_weights) AS body,
                        title_text, body_text
                    FROM herald_generated_index
                ), stats AS (
                    SELECT (%(lexemes)s + sum(length(title)))::float
                        / (%(titles)s + count(*)) AS lavg
                    FROM vectors WHERE length(title) > 0
                )
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                    title_norm, title_text, body_text)
                SELECT %(content_type)s, object_id, title, autocomplete, body,
                    CASE WHEN length(title) > 0 THEN stats.lavg / length(title) ELSE 1.0 END,
                    title_text, body_text
                FROM vectors, stats
                ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,
                    title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete,
                    body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                    body_text = EXCLUDED.body_text
                RETURNING length(title)
                """,  # noqa: S608 (table name from model metadata)
                {
                    "config": self.backend.config,
                    "autocomplete_config": self.backend.autocomplete_config,
                    "lexemes": self.title_lexemes,
                    "titles": self.titles,
                    "content_type": self.content_type_id,
                },
            )
            lengths = [n for (n,) in cursor.fetchall() if n > 0]
        self.title_lexemes += sum(lengths)
        self.titles += len(lengths)

    @staticmethod
    def handles(backend):
        return connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend)
