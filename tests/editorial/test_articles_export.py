"""The Articles listing downloads as CSV or XLSX with a header and the listing's columns."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from news.factories import ArticlePageFactory, SectionPageFactory, WireSourceFactory
from tests.editorial.conftest import PUBLIC

HEADER = [
    "Headline",
    "Section",
    "Source",
    "Status",
    "Go-live",
    "Proposed go-live",
    "Embargo",
    "Updated",
    "Public URL",
]


def csv_rows(client, **params):
    response = client.get("/admin/articles/", {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="articles')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_listing_offers_csv_and_xlsx_downloads(client, chief, article):
    html = client.get("/admin/articles/").content.decode()
    assert "Download CSV" in html and "Download XLSX" in html


def test_the_csv_has_a_header_and_one_row_per_story_with_its_columns(client, chief, home):
    latam = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latam, title="Venezuela", slug="venezuela")
    story = ArticlePageFactory(
        parent=venezuela, title="Caracas story", source=WireSourceFactory(name="EFE")
    )
    ArticlePageFactory(parent=venezuela, title="Draft story", live=False)
    rows = csv_rows(client)
    assert rows[0] == HEADER
    by_headline = {row[0]: row for row in rows[1:]}
    assert set(by_headline) == {"Caracas story", "Draft story"}
    caracas = by_headline["Caracas story"]
    assert caracas[1:4] == ["Venezuela", "EFE", "live"]
    assert caracas[8] == f"{PUBLIC}/latin-america/venezuela/{story.slug}/"
    assert by_headline["Draft story"][3] == "draft"


def test_the_csv_follows_the_filters(client, chief, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    ArticlePageFactory(parent=world, title="Live story")
    ArticlePageFactory(parent=world, title="Draft story", live=False)
    rows = csv_rows(client, status="draft")
    assert [row[0] for row in rows[1:]] == ["Draft story"]


def test_the_export_reads_every_row_in_a_constant_number_of_queries(client, chief, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    source = WireSourceFactory(name="AP")

    def count():
        with CaptureQueriesContext(connection) as queries:
            csv_rows(client)
        return len(queries)

    ArticlePageFactory(parent=world, source=source)
    few = count()
    for _ in range(5):
        ArticlePageFactory(parent=world, source=source)
    assert count() == few


def test_the_xlsx_has_the_same_header(client, chief, article):
    response = client.get("/admin/articles/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert list(rows[0]) == HEADER
    assert rows[1][0] == article.title


def test_the_proposed_go_live_column_gives_the_submitted_time_in_newsroom_time(
    client, chief, home, settings
):
    settings.TIME_ZONE = "America/Caracas"
    world = SectionPageFactory(parent=home, title="World", slug="world")
    story = ArticlePageFactory(parent=world, title="Port Strike Called Off")
    tomorrow = timezone.now() + timedelta(days=1)
    proposed = datetime(
        tomorrow.year, tomorrow.month, tomorrow.day, 20, 1, tzinfo=ZoneInfo("America/Caracas")
    )
    story.go_live_at = proposed
    story.save_revision(user=chief)  # a draft of the live story, proposing a go-live
    ArticlePageFactory(parent=world, title="Plain story")

    by_headline = {row[0]: row for row in csv_rows(client)[1:]}
    assert by_headline["Port Strike Called Off"][5] == f"{proposed:%Y-%m-%d} 20:01:00-04:00"
    assert by_headline["Plain story"][5] == ""

    response = client.get("/admin/articles/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    xlsx = {row[0]: row for row in list(sheet.values)[1:]}
    assert xlsx["Port Strike Called Off"][5] == proposed.replace(tzinfo=None)  # Caracas clock
