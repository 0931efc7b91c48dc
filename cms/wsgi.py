import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# What start-up loaded (Django, Wagtail, every app's models, blocks and URLs) lives as long
# as the process: keep it out of the cyclic garbage collector's scans, so a collection during
# a request only walks what requests allocate. An uncached 20-story listing: mean 54 -> 47 ms,
# most of it in the slowest tenth of requests (docs/performance.md).
gc.freeze()
