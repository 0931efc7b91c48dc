"""Wagtail's search backend on PostgreSQL, reading pages' full text from the search table.

The search table (``cms_search_entry``) holds every live page's weighted, stemmed words.
Wagtail's own index would hold them a second time, written on every save and bulk load,
while Wagtail's admin finds pages by their titles (autocomplete) and the API ranks from the
search table. So a page's row in Wagtail's index keeps what autocomplete and fuzzy matching
read (its title's words and text), and ``search()`` over pages matches and ranks the search
table's vectors: live pages, as the public search does; drafts are found by their titles.
Other models (images, documents, snippets) are indexed and searched as by Wagtail's own.
"""

from django.db.models import F
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page
from wagtail.search.models import IndexEntry

UPSERT = """
    INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete,
        body, title_norm, title_text, body_text)
    VALUES {rows}
    ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,
        title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete,
        body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
"""
#: A page's row: empty title and body vectors, so it adds nothing to the title norms either.
PAGE_ROW = "(%s, %s, ''::tsvector, {autocomplete}, ''::tsvector, 1.0, %s, '')"


class PageTitleIndex(PostgresIndex):
    """Pages get a row with their autocomplete words and title text only."""

    def add_items(self, model, objs):
        if not issubclass(model, Page):
            return super().add_items(model, objs)
        if not objs or not model.get_search_fields():
            return None
        connection = self.write_connection
        compiler = InsertQuery(IndexEntry).get_compiler(connection=connection)
        field = IndexEntry._meta.get_field("autocomplete")
        content_type = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            sql, vector_params = compiler.prepare_value(field, indexer.autocomplete).as_sql(
                compiler, connection
            )
            rows.append(PAGE_ROW.format(autocomplete=sql))
            params += [content_type, indexer.id, *vector_params, indexer.title_text]
        with connection.cursor() as cursor:
            cursor.execute(UPSERT.format(rows=", ".join(rows)), params)
        return None


class PageEntryQueryCompiler(PostgresSearchQueryCompiler):
    """``search()`` over a page model matches and ranks the search table's vector (title A,
    boosted fields B, the rest C, as Wagtail weighs its own)."""

    def get_index_vectors(self, search_query):
        if issubclass(self.queryset.model, Page):
            return [(F("search_entry__vector"), 1.0)]
        return super().get_index_vectors(search_query)


class PageEntrySearchBackend(PostgresSearchBackend):
    query_compiler_class = PageEntryQueryCompiler
    index_class = PageTitleIndex


SearchBackend = PageEntrySearchBackend
