"""The migrations that add snippet labels per edition keep every existing row and id: countries,
authors, wire sources and instruments made before them read the same after, with no
translation (so both editions show the English labels until editors write Spanish ones)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("countries", "0001_initial"),
    ("news", "0003_correction_kind"),
    ("home", "0011_furniture_translations"),
]
AFTER = [
    ("countries", "0002_country_translations"),
    ("news", "0004_author_and_source_translations"),
    ("home", "0012_instrument_translations"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


# serialized_rollback, as every transactional test here: a plain flush makes the rows
# migrations make again, and the next serialized test would then add them twice.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_made_before_the_label_tables_keep_their_ids_and_labels():
    old = migrate(BEFORE)
    try:
        country = old.get_model("countries", "Country").objects.create(
            name="Venezuela", code="VE", region="south-america"
        )
        author = old.get_model("news", "Author").objects.create(
            name="Ana Rivas", slug="ana-rivas", job_title="Caracas correspondent", bio="Oil."
        )
        source = old.get_model("news", "WireSource").objects.create(name="EFE", slug="efe")
        instrument = old.get_model("home", "Instrument").objects.create(
            name="Crude Oil", kind="commodity", symbol="WTI", quote_convention="USD per barrel"
        )
    finally:
        new = migrate(AFTER)
    assert new.get_model("countries", "Country").objects.get(pk=country.pk).code == "VE"
    assert (
        new.get_model("news", "Author").objects.get(pk=author.pk).job_title
        == "Caracas correspondent"
    )
    assert new.get_model("news", "WireSource").objects.get(pk=source.pk).name == "EFE"
    assert new.get_model("home", "Instrument").objects.get(pk=instrument.pk).symbol == "WTI"
    assert not new.get_model("countries", "CountryTranslation").objects.exists()
    # A translation can now be added to the old row.
    new.get_model("countries", "CountryTranslation").objects.create(
        country_id=country.pk, language="es", name="Venezuela"
    )
