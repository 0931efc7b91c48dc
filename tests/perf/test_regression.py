"""Regression rows: every read of a large archive's bench report next to a baseline's."""

import json

from tests.perf import regression


def read(name: str, p50: float, p99: float, rps: float) -> dict:
    return {"name": name, "p50_1c_ms": p50, "p99_1c_ms": p99, "rps": rps}


def report(
    stories: int, results: list[dict], admin: list[dict] | None = None, after: list | None = None
) -> dict:
    return {
        "meta": {"stories": stories},
        "results": results,
        "admin": admin or [],
        "search_after_writes": after or [],
    }


BASELINE = report(
    100_000,
    [read("static", 1.0, 2.0, 5000), read("API search", 50, 80, 100), read("gone", 1, 1, 1)],
    [{"name": "dashboard", "p50_ms": 50, "p95_ms": 60}],
    [{"name": "search after a publication", "p50_ms": 40, "p95_ms": 50}],
)
LARGE = report(
    1_000_000,
    [read("static", 1.1, 2.0, 4800), read("API search", 55, 120, 90), read("new", 1, 1, 1)],
    [{"name": "dashboard", "p50_ms": 55, "p95_ms": 61}],
    [{"name": "search after a publication", "p50_ms": 44, "p95_ms": 75}],
)


def test_a_read_within_the_limit_on_every_figure_passes():
    static = regression.compare(BASELINE, LARGE)[0]
    assert static["factors"] == {"p50_1c": 1.1, "p99_1c": 1.0, "rps": 1.04}
    assert static["within_limit"]


def test_one_figure_beyond_the_limit_makes_the_read_a_regression():
    search = regression.compare(BASELINE, LARGE)[1]
    assert search["worst"] == 1.5  # p99 80 → 120 ms
    assert not search["within_limit"]


def test_lost_throughput_counts_as_slowdown():
    slower = report(1_000_000, [read("static", 1.0, 2.0, 2500)])
    assert regression.compare(BASELINE, slower)[0]["factors"]["rps"] == 2.0


def test_only_reads_measured_in_both_reports_are_compared_admin_pages_included():
    names = [row["name"] for row in regression.compare(BASELINE, LARGE)]
    assert names == ["static", "API search", "admin: dashboard", "search after a publication"]


def test_a_search_after_a_publication_is_compared_on_p50_and_p95():
    after = regression.compare(BASELINE, LARGE)[-1]
    assert after["factors"] == {"p50": 1.1, "p95": 1.5}
    assert not after["within_limit"]


def printed_table(tmp_path, capsys, large: dict) -> str:
    """What the script prints for the baseline and ``large`` written as report files."""
    (tmp_path / "base.json").write_text(json.dumps(BASELINE))
    (tmp_path / "large.json").write_text(json.dumps(large))
    regression.main(str(tmp_path / "base.json"), str(tmp_path / "large.json"))
    return capsys.readouterr().out


def test_the_script_prints_a_table_naming_both_sizes(tmp_path, capsys):
    out = printed_table(tmp_path, capsys, LARGE)
    assert "1,000,000 against 100,000 stories" in out
    assert "| API search | 50.0 / 80.0 / 100.0 | 55.0 / 120.0 / 90.0 | 1.50 | **no** |" in out


def test_admin_pages_are_listed_but_only_public_reads_are_held_to_the_limit(tmp_path, capsys):
    slow_admin = report(
        1_000_000, LARGE["results"], [{"name": "dashboard", "p50_ms": 300, "p95_ms": 400}]
    )
    rows = regression.compare(BASELINE, slow_admin)
    assert [row["public"] for row in rows] == [True, True, False]
    out = printed_table(tmp_path, capsys, slow_admin)
    assert "Public reads within the limit: **1 of 2**" in out
    assert "| admin: dashboard | 50.0 / 60.0 | 300.0 / 400.0 | 6.67 | no (admin) |" in out


def paired(results: list[dict]) -> dict:
    """``LARGE`` with a paired database's rows, measured in the same minutes."""
    return {**LARGE, "paired": {"database": "herald_100k", "stories": 100_000, "results": results}}


def test_a_paired_databases_rows_are_the_baseline_of_the_http_reads():
    same_minutes = paired([read("static", 1.1, 2.0, 4800), read("API search", 54, 118, 90)])
    search = regression.compare(BASELINE, same_minutes)[1]
    assert search["baseline"] == {"p50_1c_ms": 54, "p99_1c_ms": 118, "rps": 90}
    assert search["within_limit"]  # 120 ms against 118 in the same minutes, not 80 an hour ago


def test_with_a_paired_database_the_in_process_parts_still_compare_with_the_baseline_report():
    rows = regression.compare(BASELINE, paired([read("static", 1.1, 2.0, 4800)]))
    assert [row["name"] for row in rows] == [
        "static",
        "admin: dashboard",
        "search after a publication",
    ]
    assert rows[-1]["baseline"] == {"p50_ms": 40, "p95_ms": 50}


def test_the_table_says_when_both_databases_were_measured_side_by_side(tmp_path, capsys):
    out = printed_table(tmp_path, capsys, paired([read("static", 1.1, 2.0, 4800)]))
    assert "1,000,000 against 100,000 stories" in out
    assert "herald_100k the baseline) served side by side" in out
