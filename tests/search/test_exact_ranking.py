"""A word in few stories (PostgreSQL): the database ranks and counts every match and answers
only the page asked for, in the order and with the counts the per-row ranking gives."""

import datetime

import pytest
from django.utils import timezone

from cms.countries.factories import CountryFactory
from cms.search.exact import rank_exact
from cms.search.ranking import match_sql
from cms.search.rows import count_facets, fetch, top
from news.factories import ArticleBylineFactory, ArticlePageFactory, AuthorFactory
from news.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search=cacao"


@pytest.fixture
def archive(section):
    countries = [CountryFactory(code=code, name=code) for code in ("VE", "GH", "CO")]
    authors = [AuthorFactory(), AuthorFactory()]
    now = timezone.now()
    for n in range(24):
        in_title = n % 3 == 0
        page = ArticlePageFactory(
            parent=section,
            title=f"Cacao report {n}" if in_title else f"Market report {n}",
            body=[("paragraph", "<p>" + "Cacao and coffee. " * (1 + n % 4) + "</p>")],
        )
        page.countries.add(*countries[: 1 + n % 3])
        if n % 2:
            ArticleBylineFactory(page=page, author=authors[n % 4 // 2])
        published = now - datetime.timedelta(days=5 + 37 * n, hours=n)
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published)
        page.refresh_from_db()
        page.save()  # the search entry takes the date and the facets
    return now


def every_match():
    """Each match read into Python, as the ranking did row by row."""
    match, rank, match_params, rank_params = match_sql("'cacao'")
    return fetch(
        "SELECT page_id, first_published_at, section, year, facets,"  # noqa: S608
        f" {rank} FROM cms_search_entry WHERE {match}",
        rank_params + match_params,
    )


@pytest.mark.parametrize("by_date", [False, True])
def test_the_best_matches_total_and_facets_are_those_of_every_match(archive, by_date):
    now = archive
    rows = every_match()
    match, rank, match_params, rank_params = match_sql("'cacao'")
    matching = (
        "SELECT page_id, first_published_at AS published, section, year, facets,"  # noqa: S608
        f" {rank} AS rank FROM cms_search_entry WHERE {match}"
    )

    exact = rank_exact(matching, rank_params + match_params, now, 7, by_date)
    ranking = exact.ranking

    assert len(rows) == 24
    assert sorted(exact.matches) == sorted(row.page_id for row in rows)
    assert ranking.ids == top(rows, 7, now, by_date)
    assert (ranking.total, ranking.exact) == (24, True)
    assert ranking.facets == count_facets(rows)
    assert sorted(ranking.facets["country"].values()) == [8, 16, 24]


def test_a_page_of_the_answer_carries_the_true_count_and_facets(client, archive):
    response = client.get(API + "&limit=5&offset=5")
    assert response.status_code == 200, response.content
    meta = response.json()["meta"]
    assert len(response.json()["items"]) == 5
    assert (meta["total_count"], meta["total_count_exact"]) == (24, True)
    assert sum(value["count"] for value in meta["facets"]["year"]) == 24
    assert sum(value["count"] for value in meta["facets"]["author"]) == 12
