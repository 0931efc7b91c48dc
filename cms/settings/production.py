"""Production: refuses to start without SECRET_KEY; static files through WhiteNoise; HTTPS
only (``python manage.py check --deploy`` reports nothing, tests/edge/test_deploy_check.py)."""

from django.core.exceptions import ImproperlyConfigured

from cms.settings import base

globals().update({name: value for name, value in vars(base).items() if name.isupper()})

if not base.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

DEBUG = False
MIDDLEWARE = [
    base.MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *base.MIDDLEWARE[1:],
]
STORAGES = {
    **base.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at the balancer, which says so with X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER):
# plain-HTTP requests are redirected and browsers told to stay on HTTPS. The API, static files
# and the health endpoints are exempt: the frontend, the schedulers and the balancer's checks
# reach the CMS over the internal network (CMS_API_URL), where there is no TLS to redirect to.
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^api/", r"^static/", r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Nothing of the CMS is framed, except Wagtail's preview, which allows its own admin.
X_FRAME_OPTIONS = "DENY"
