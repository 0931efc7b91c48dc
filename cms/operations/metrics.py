"""The CMS's Prometheus metrics (served at ``/metrics``, ``cms.operations.views``).

Counters and histograms are kept by the process that sees the event: publication lateness
by the scheduler, cache hits by the web workers. Where several processes run on one host
(gunicorn workers, the scheduler, the worker), setting ``PROMETHEUS_MULTIPROC_DIR`` for all
of them makes ``/metrics`` add every process's values up (prometheus-client's multiprocess
mode); without it ``/metrics`` shows the serving process's own. What the database knows
(tasks, webhook deliveries, heartbeats) is read at scrape time, so it is the same whichever
process answers.
"""

from django.apps import apps
from django.db.models import Count
from django.utils import timezone
from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from cms.operations import heartbeats

PUBLICATION_LATENESS = Histogram(
    "herald_publication_lateness_seconds",
    "Seconds between a scheduled go-live or expiry time and the scheduler acting on it.",
    ["action"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)
API_RESPONSE_CACHE = Counter(
    "herald_api_response_cache",
    "Cacheable anonymous API reads answered from the response cache (hit) or rendered (miss).",
    ["result"],
)
API_DOCUMENTS = Counter(
    "herald_api_documents",
    "Pages in API answers read from their stored document (hit) or rendered (miss).",
    ["result"],
)

#: django-tasks' statuses, named as the metric labels them.
TASK_STATUSES = {"READY": "queued", "RUNNING": "running", "FAILED": "failed"}


class DatabaseCollector(Collector):
    """Gauges read from the database at scrape time."""

    def collect(self):
        tasks = GaugeMetricFamily(
            "herald_tasks",
            "Background tasks by task and status (queued, running, failed; failed are kept "
            "until pruned).",
            labels=["task", "status"],
        )
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        rows = (
            DBTaskResult.objects.filter(status__in=TASK_STATUSES)
            .values_list("task_path", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for task_path, status, n in rows:
            tasks.add_metric([task_path, TASK_STATUSES[status]], n)
        yield tasks

        deliveries = GaugeMetricFamily(
            "herald_webhook_deliveries",
            "Webhook deliveries kept (WEBHOOK_RETENTION_DAYS) by outcome.",
            labels=["outcome"],
        )
        WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
        counts = WebhookDelivery.objects.values_list("status").annotate(n=Count("pk")).order_by()
        for status, n in counts:
            deliveries.add_metric([status], n)
        yield deliveries

        ages = GaugeMetricFamily(
            "herald_heartbeat_age_seconds",
            "Seconds since the scheduler's last tick and the worker's last finished task.",
            labels=["process"],
        )
        now = timezone.now()
        for name in (heartbeats.SCHEDULER, heartbeats.WORKER):
            age = heartbeats.age(name, now)
            if age is not None:
                ages.add_metric([name], age)
        yield ages
