"""Load a large, realistic archive of published stories quickly (benchmarks, load tests).

``python manage.py generate_stories --count 100000`` adds live ``news.ArticlePage``
stories under generated sections, with bylines, sources, tags, countries, reused
lead images, corrections and related stories, dated over ``--years`` years and written
oldest first, as a newspaper's archive grows.

How it stays fast and correct (``docs/performance.md`` has the measured rates):

* No model instances: each story is a dict, its rows tuples. Primary keys are taken up
  front (PostgreSQL: the table's sequence; SQLite: above the largest id and the
  AUTOINCREMENT counter), so the page row, its ``news_articlepage`` row, its child rows
  and its index rows can name each other, and each table is written once per batch
  (``COPY`` on PostgreSQL, ``executemany`` on SQLite).
* Tree paths, depth and ``url_path`` are computed here (treebeard materialised path:
  each new story takes the next free step under its section) and every section's
  ``numchild`` is raised by the number of stories it received, so the tree stays valid
  (``Page.find_problems()`` reports nothing) without ``fix_tree``.
* Stories are live and published (``first_published_at``/``last_published_at`` set) but
  have no revision yet: the v2 API reads the page rows, and the admin edits a page
  without revisions from its live content, creating the first revision on the first
  save, as for pages created by a migration or fixture.
* Wagtail's reference index gets the rows its own extraction would (foreign keys of
  the page, image blocks of the body, foreign keys of the child rows by their ids).
* The search index: on PostgreSQL, ``PostgresIndexWriter`` writes the rows
  ``cms.search.backend`` keeps in Wagtail's index (a story's autocomplete words and title
  text) with one statement per batch; other backends get their own ``add_bulk``. The
  search table gets each story's full text (``SearchEntryRows`` and ``cms.search.bulk``;
  SQLite: ``index_pages``).
* Foreign keys (PostgreSQL): a superuser's batch checks them once per referenced table
  (``BatchKeys``, with the locks PostgreSQL's own checks take) instead of by a trigger per
  row; other users keep the triggers.
* At the end, PostgreSQL's planner statistics are refreshed (``VACUUM ANALYZE``, one
  table per connection on ``--workers`` connections) and the API response cache is
  invalidated once.

``tests/perf/test_generate_stories.py`` checks each of these against what Wagtail
itself stores. The vocabulary, the supporting content, the row writers, the key checks and
the search rows are modules of ``news.management.generation``; this module builds the
batches from them.

Runs are additive: each run adds ``--count`` new stories and reuses the sections,
authors, sources, tags, countries and images earlier runs made (matched by slug or
title). The text depends only on ``--seed`` and on how many stories exist already,
so the same command on the same database produces the same stories.
"""

import datetime
import json
import multiprocessing
import os
import random
import sys
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from cms.delivery.generation import invalidate_api_cache
from cms.search.bulk import store_entries
from cms.search.models import SearchEntry
from cms.search.rebuild import index_pages
from cms.wagtail_internals.tree import step_position
from news.management.generation import supporting
from news.management.generation.rows import (
    ReferenceRows,
    RowWriter,
    Table,
    det_uuid,
    step,
    time_ordered_uuid,
)
from news.management.generation.search_rows import PostgresIndexWriter, SearchEntryRows
from news.management.generation.statistics import refresh_statistics
from news.management.generation.vocabulary import CITIES, PLACES, TextGenerator
from news.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticleRelatedStory,
    ArticleTag,
)


class Command(BaseCommand):
    help = "Bulk-add realistic published stories (additive; see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Stories to add.")
        parser.add_argument("--sections", type=int, default=11)
        parser.add_argument("--authors", type=int, default=40)
        parser.add_argument("--sources", type=int, default=4)
        parser.add_argument("--tags", type=int, default=300)
        parser.add_argument("--countries", type=int, default=20)
        parser.add_argument("--images", type=int, default=24, help="Lead images, reused.")
        parser.add_argument("--years", type=float, default=10, help="Date spread, up to now.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help=(
                "Processes inserting in parallel on PostgreSQL (one on SQLite), and the"
                " connections refreshing the planner statistics afterwards."
            ),
        )

    def handle(self, *args, **options):
        count, batch_size = options["count"], options["batch_size"]
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be >= 0 and --batch-size >= 1.")
        for name in ("sections", "authors", "sources", "tags", "countries", "images"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        if options["years"] <= 0:
            raise CommandError("--years must be positive.")

        started = time.monotonic()
        with transaction.atomic():
            self.prepare(supporting.site_root(), options)
        existing = ArticlePage.objects.count()
        self.now = timezone.now().replace(microsecond=0)
        self.span = int(options["years"] * 365.25 * 86400)
        self.verbosity = int(options.get("verbosity", 1))

        prepared = time.monotonic()
        workers = min(options["workers"], len(self.sections), max(1, count // batch_size))
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            # SQLite has one writer at a time; inside a caller's transaction other
            # connections would not see the sections this one just made.
            workers = 1
        # Progress with a rate and an estimate on stderr; -v 0 is silent.
        with tqdm(
            total=count,
            unit=" stories",
            file=options.get("stderr") or sys.stderr,
            disable=self.verbosity == 0,
            mininterval=1,
        ) as progress:
            if workers == 1:
                self.run(
                    options["seed"], existing, count, batch_size, self.sections, progress.update
                )
            else:
                self.run_in_processes(
                    options["seed"], existing, count, batch_size, workers, progress
                )
        elapsed = time.monotonic() - prepared
        self.invalidate_caches(options["workers"])
        finished = time.monotonic()
        rate = count / elapsed if elapsed > 0 else float("inf")
        self.stdout.write(
            f"Added {count} stories in {elapsed:.1f}s ({rate:.0f} stories/s, "
            f"{workers} process{'es' if workers > 1 else ''}; setup {prepared - started:.1f}s, "
            f"statistics and caches {finished - prepared - elapsed:.1f}s, "
            f"{finished - started:.1f}s in all). Total stories: {ArticlePage.objects.count()}."
        )

    def run(self, seed, existing, count, batch_size, sections, progress, worker=0):
        """Add ``count`` stories under ``sections``, one transaction per batch, calling
        ``progress(n)`` after each batch of ``n``."""
        self.rng = random.Random(f"{seed}:{existing}:{worker}")
        self.text = TextGenerator(self.rng)
        self.sections = sections
        self.recent_ids = list(
            ArticlePage.objects.order_by("-pk").values_list("pk", flat=True)[:200]
        )
        # Per process: each has its own connection (temporary table, id allocation).
        self.writer = RowWriter()
        self.tables = {
            "page": Table(Page),
            "article": Table(ArticlePage, local=True),
            "byline": Table(ArticleByline),
            "tag": Table(ArticleTag),
            "countries": Table(ArticlePage.countries.through),
            "correction": Table(ArticleCorrection),
            "related": Table(ArticleRelatedStory),
        }
        self.references = ReferenceRows(ArticlePage)
        self.tables["reference"] = self.references.table
        # (backend, its bulk writer or None): once, as get_search_backends() builds new
        # backend instances on every call.
        self.search_backends = [
            (
                backend,
                PostgresIndexWriter(backend) if PostgresIndexWriter.handles(backend) else None,
            )
            for backend in get_search_backends(with_auto_update=True)
        ]
        self.entry_rows = (
            SearchEntryRows(self.locale, self.tag_names) if self.writer.postgres else None
        )
        done = 0
        while done < count:
            size = min(batch_size, count - done)
            with transaction.atomic():
                self.writer.start_batch()
                self.insert_batch(done, size, count)
                self.writer.finish_batch()
            done += size
            progress(size)

    def run_in_processes(self, seed, existing, count, batch_size, workers, progress):
        """PostgreSQL: forked processes, each owning a disjoint set of sections, so tree
        positions and ``numchild`` updates never collide and no locks are shared. They
        count their stories in shared memory, which this process shows in ``progress``."""
        shares = [count // workers + (1 if i < count % workers else 0) for i in range(workers)]
        groups = [self.sections[i::workers] for i in range(workers)]
        connections.close_all()  # each process opens its own connection
        context = multiprocessing.get_context("fork")
        added = context.Value("q", 0)

        def count_added(n):
            with added.get_lock():
                added.value += n

        processes = []
        for worker in range(workers):
            process = context.Process(
                target=self.run_worker,
                args=(
                    seed, existing, shares[worker], batch_size, groups[worker], count_added,
                    worker,
                ),
            )  # fmt: skip
            process.start()
            processes.append(process)
        for process in processes:
            while process.is_alive():
                process.join(timeout=0.5)
                progress.update(added.value - progress.n)
        progress.update(added.value - progress.n)
        failed = [i for i, process in enumerate(processes) if process.exitcode != 0]
        if failed:
            raise CommandError(
                f"Worker(s) {failed} failed (see the error above); the batches they had "
                "committed remain, the tree stays valid."
            )

    def run_worker(self, *args):
        try:
            self.run(*args)
        finally:
            connections.close_all()

    def prepare(self, home, options):
        self.locale = home.locale
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.sections = supporting.ensure_sections(home, options["sections"])
        self.sources = supporting.ensure_sources(options["sources"])
        self.authors = supporting.ensure_authors(options["authors"])
        self.countries = supporting.ensure_countries(options["countries"])
        self.tags = supporting.ensure_tags(options["tags"])
        self.tag_names = dict(Tag.objects.filter(pk__in=self.tags).values_list("pk", "name"))
        self.images = supporting.ensure_images(options["images"])
        self.positions = {}
        for section in self.sections:
            last = (
                Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.positions[section.pk] = step_position(last) if last else 0

    def make_body(self):
        """The body as stored (JSON), its searchable texts as Wagtail extracts them, and
        the images it references (block id, image id)."""
        r = self.rng
        blocks, texts, images = [], [], []
        for i in range(r.randint(4, 9)):
            paragraph = self.text.paragraph()
            blocks.append({"type": "paragraph", "value": f"<p>{paragraph}</p>"})
            texts.append(paragraph)
            if i == 1 and r.random() < 0.3:
                quote = {"text": self.text.sentence(), "attribution": self.text.person()}
                blocks.append({"type": "quote", "value": quote})
                texts += [quote["text"], quote["attribution"]]
            if i == 3 and r.random() < 0.05:
                image = {
                    "image": r.choice(self.images),
                    "caption": f"A scene in {r.choice(PLACES)}.",
                    "credit": "Herald archive",
                    "alt": "Archive photograph",
                }
                blocks.append({"type": "image", "value": image})
                texts += [image["caption"], image["credit"], image["alt"]]
        for block in blocks:
            block["id"] = str(det_uuid(r))
            if block["type"] == "image":
                images.append((block["id"], block["value"]["image"]))
        return json.dumps(blocks), texts, images

    def publication_times(self, first, size, count):
        """When stories ``first`` to ``first + size`` of the ``count`` this process adds were
        published: the k-th falls in the k-th of ``count`` equal slices of ``--years``, so a
        run writes its archive oldest first, as a newspaper does. Dates in order keep every
        date index's insertions (and the translation keys') at its right edge."""
        start, span = self.now - datetime.timedelta(seconds=self.span), self.span
        return [
            start + datetime.timedelta(seconds=int((k + self.rng.random()) * span / count))
            for k in range(first, first + size)
        ]

    def insert_batch(self, first, size, count):
        """One batch: every row of stories ``first`` to ``first + size`` of this process's
        ``count``, written table by table (COPY on PostgreSQL), with ids allocated up front
        so children and index rows can name them."""
        r, w, t = self.rng, self.writer, self.tables
        page_ids = w.allocate_ids(Page, size)
        stories, per_section = [], {}
        for page_id, published in zip(
            page_ids, self.publication_times(first, size, count), strict=True
        ):
            section = r.choice(self.sections)
            self.positions[section.pk] += 1
            position = self.positions[section.pk]
            per_section[section.pk] = per_section.get(section.pk, 0) + 1
            title = self.text.headline()
            slug = f"{slugify(title)[:80]}-{position}"
            body, body_texts, body_images = self.make_body()
            story = {
                "id": page_id,
                "title": title,
                "slug": slug,
                "section_id": section.pk,
                "path": section.path + step(position),
                "depth": section.depth + 1,
                "url_path": f"{section.url_path}{slug}/",
                "translation_key": time_ordered_uuid(r, published),
                "published": published,
                "deck": self.text.sentence(),
                "dateline_city": r.choice(CITIES),
                "source_id": r.choice(self.sources),
                "lead_image_id": r.choice(self.images) if r.random() < 0.8 else None,
                "body": body,
                "body_texts": body_texts,
                "body_images": body_images,
                **self.make_children(r),
            }
            stories.append(story)

        w.insert(
            t["page"],
            [
                t["page"].row(
                    id=s["id"],
                    title=s["title"],
                    draft_title=s["title"],
                    slug=s["slug"],
                    path=s["path"],
                    depth=s["depth"],
                    numchild=0,
                    url_path=s["url_path"],
                    content_type_id=self.article_type.pk,
                    locale_id=self.locale.pk,
                    translation_key=s["translation_key"],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=s["published"],
                    last_published_at=s["published"],
                )
                for s in stories
            ],
        )
        w.insert(
            t["article"],
            [
                t["article"].row(
                    page_ptr_id=s["id"],
                    deck=s["deck"],
                    dateline_city=s["dateline_city"],
                    source_id=s["source_id"],
                    lead_image_id=s["lead_image_id"],
                    body=s["body"],
                    date=s["published"],
                )
                for s in stories
            ],
        )
        self.insert_children(stories)
        for section_pk, added in per_section.items():
            Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + added)
        self.index(stories)
        self.recent_ids = ([s["id"] for s in stories] + self.recent_ids)[:200]

    def make_children(self, r):
        staff = r.random() < 0.6
        return {
            "authors": r.sample(self.authors, k=1 if r.random() < 0.85 else 2) if staff else [],
            "byline": "" if staff else "Agency staff",
            # In id order, the order the database hands them back to the search indexer.
            "tags": sorted(r.sample(self.tags, k=min(len(self.tags), r.randint(1, 4)))),
            "countries": r.sample(self.countries, k=min(len(self.countries), r.randint(1, 2))),
            "correction": self.text.person() if r.random() < 0.03 else None,
            "related": r.sample(self.recent_ids, k=min(len(self.recent_ids), r.randint(1, 2)))
            if self.recent_ids and r.random() < 0.3
            else [],
        }

    def insert_children(self, stories):
        """Bylines, tags, countries, corrections and related stories: one write per kind,
        and the batch's reference index rows, as Wagtail's extraction names them
        (``ReferenceIndex._extract_references_from_object``: foreign keys of the page,
        image blocks of the body, and foreign keys of the child rows by their ids).
        """
        w, t = self.writer, self.tables
        bylines, tags, countries, corrections, related = [], [], [], [], []
        byline_ids = iter(
            w.allocate_ids(
                ArticleByline, sum(len(s["authors"]) + bool(s["byline"]) for s in stories)
            )
        )
        tag_ids = iter(w.allocate_ids(ArticleTag, sum(len(s["tags"]) for s in stories)))
        related_ids = iter(
            w.allocate_ids(ArticleRelatedStory, sum(len(s["related"]) for s in stories))
        )
        ref = self.references
        references = []
        for s in stories:
            page_id = s["id"]
            refs = [ref.row(page_id, "source", s["source_id"])]
            if s["lead_image_id"] is not None:
                refs.append(ref.row(page_id, "lead_image", s["lead_image_id"]))
            for block_id, image_id in s["body_images"]:
                refs.append(
                    ref.row(page_id, "body.image.image", image_id, f"body.{block_id}.image")
                )
            for order, author_id in enumerate(s["authors"]):
                pk = next(byline_ids)
                bylines.append(
                    t["byline"].row(id=pk, page_id=page_id, sort_order=order, author_id=author_id)
                )
                refs.append(
                    ref.row(page_id, "bylines.item.author", author_id, f"bylines.{pk}.author")
                )
            if s["byline"]:
                bylines.append(
                    t["byline"].row(
                        id=next(byline_ids),
                        page_id=page_id,
                        sort_order=0,
                        name=s["byline"],
                    )
                )
            for tag_id in s["tags"]:
                pk = next(tag_ids)
                tags.append(t["tag"].row(id=pk, content_object_id=page_id, tag_id=tag_id))
                refs.append(
                    ref.row(page_id, "tagged_items.item.tag", tag_id, f"tagged_items.{pk}.tag")
                )
            countries += [
                t["countries"].row(articlepage_id=page_id, country_id=c) for c in s["countries"]
            ]
            if s["correction"]:
                corrections.append(
                    t["correction"].row(
                        page_id=page_id,
                        sort_order=0,
                        date=s["published"].date(),
                        text=f"An earlier version misspelled the name of {s['correction']}.",
                    )
                )
            for order, related_id in enumerate(s["related"]):
                pk = next(related_ids)
                related.append(
                    t["related"].row(
                        id=pk, page_id=page_id, sort_order=order, related_id=related_id
                    )
                )
                refs.append(
                    ref.row(
                        page_id,
                        "related_stories.item.related",
                        related_id,
                        f"related_stories.{pk}.related",
                    )
                )
            references += refs
        for table, rows in (
            ("byline", bylines),
            ("tag", tags),
            ("countries", countries),
            ("correction", corrections),
            ("related", related),
        ):
            w.insert(t[table], rows)
        w.insert(t["reference"], references)

    def index(self, stories):
        """Search index entries for a batch (the reference index rows are already written)."""
        for backend, writer in self.search_backends:
            if writer is not None:
                writer.add(stories, self.tag_names)
            else:
                # Other backends (SQLite's, Elasticsearch) index model instances, read back
                # with their tags in two queries.
                pages = ArticlePage.objects.filter(pk__in=[s["id"] for s in stories])
                backend.add_bulk(ArticlePage, list(pages.prefetch_related("tags")))
        # The API's ranked search reads its own table (cms.search), which bulk inserts do
        # not reach through signals: on PostgreSQL written from the generator's own values,
        # elsewhere read back and stored page by page.
        if self.entry_rows is not None:
            store_entries([self.entry_rows.entry(s) for s in stories])
        else:
            index_pages(ArticlePage, [s["id"] for s in stories])

    def invalidate_caches(self, workers):
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            models = (
                Page,
                ArticlePage,
                ArticleTag,
                Tag,
                ArticlePage.countries.through,
                ArticleByline,
                ArticleCorrection,
                ArticleRelatedStory,
                IndexEntry,
                SearchEntry,
                ReferenceIndex,
                # Usually empty, and never analyzed: the planner then costs the public-pages
                # filter (a NOT EXISTS on it) as if it held rows (home migration 0005).
                PageViewRestriction,
            )
            refresh_statistics(models, workers)
        invalidate_api_cache()
