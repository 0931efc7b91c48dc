from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "cms.countries"
    label = "countries"
    verbose_name = "Countries"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.countries.models import Country  # models are ready only here
        from cms.delivery.invalidation import register_dependency  # models are ready only here

        # Stories and directory pages show their countries: editing one drops those documents.
        register_dependency(Country)
