"""How fast this machine is, probed the same way in every run.

The generation and rendering floors are rates, and the machines these runs land on differ (and
one machine's speed drifts within an hour): a fixed probe at the start and end of a run lets
two reports' rates be read side by side. It measures the two kinds of work a load spends its
CPU on, Python and PostgreSQL stemming a story's text.
"""

import random
import statistics
import time

LOOP = 5_000_000
BODIES = 200
ROUNDS = 3


def python_seconds() -> float:
    """A fixed pure-Python loop, timed."""
    started = time.perf_counter()
    total = 0
    for i in range(LOOP):
        total += i
    return time.perf_counter() - started


def stemming_ms(bodies: list[str]) -> float:
    """PostgreSQL's ``to_tsvector`` per story body, on the bench's database."""
    from django.db import connection

    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            "SELECT sum(length(to_tsvector('english', t))) FROM unnest(%s::text[]) t", [bodies]
        )
        cursor.fetchone()
    return (time.perf_counter() - started) * 1000 / len(bodies)


def probe() -> dict[str, float]:
    """Medians of ``ROUNDS`` rounds: seconds of the Python loop, milliseconds of stemming one
    generated story body (the same bodies in every run)."""
    from news.management.generation.vocabulary import TextGenerator

    text = TextGenerator(random.Random(0))
    bodies = [" ".join(text.paragraph() for _ in range(6)) for _ in range(BODIES)]
    return {
        "python_loop_s": round(statistics.median(python_seconds() for _ in range(ROUNDS)), 3),
        "stemming_ms": round(statistics.median(stemming_ms(bodies) for _ in range(ROUNDS)), 3),
    }


def markdown(probes: dict[str, dict[str, float]]) -> str:
    start, end = probes["start"], probes["end"]
    return (
        f"Machine probe (start / end of the run): a Python loop of {LOOP:,} additions "
        f"{start['python_loop_s']} / {end['python_loop_s']} s; PostgreSQL stemming one story "
        f"body {start['stemming_ms']} / {end['stemming_ms']} ms"
    )
