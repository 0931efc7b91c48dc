"""Production: refuses to start without SECRET_KEY; static files through WhiteNoise."""

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
