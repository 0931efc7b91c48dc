from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks


class CountriesConfig(RequiresAppsMixin, AppConfig):
    name = "cms.countries"
    label = "countries"
    verbose_name = "Countries"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        from cms.countries.models import Country, CountryTranslation  # ready only here
        from cms.delivery.invalidation import register_dependency  # models are ready only here
        from cms.delivery.labels import register_label_translations  # imports models

        # Stories and directory pages show their countries: editing one (or its name in
        # another language) drops those documents.
        register_dependency(Country)
        register_label_translations(CountryTranslation)
        register_checks(self)
