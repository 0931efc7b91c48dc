
import cms.preview.models
import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
from wagtail.images import get_image_model_string


class Migration(migrations.Migration):

    initial = True

    # The lineage from before the plugins stood on their own (their first migrations
    # depended on this site's home app); a database that applied it has this one too.
    replaces = [
        ('directory', '0001_link_directory'),
    ]

    dependencies = [
        migrations.swappable_dependency(get_image_model_string()),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='DirectoryIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'link directory',
            },
            bases=(cms.preview.models.HeadlessPreviewMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='LinkCategoryPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('kind', models.CharField(choices=[('overview', 'Overview'), ('embassies-abroad', 'Embassies and consulates abroad'), ('embassies-in-capital', 'Embassies in the capital'), ('sites-and-blogs', 'Sites and blogs'), ('newspapers', 'Newspapers'), ('government', 'Government'), ('education', 'Education'), ('tourism', 'Tourism'), ('facts', 'Facts'), ('other', 'Other')], db_index=True, default='other', help_text='What kind of links these are; readers can filter the directory by kind.', max_length=32)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'link category',
                'verbose_name_plural': 'link categories',
            },
            bases=(cms.preview.models.HeadlessPreviewMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='LinkHealth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=1000, unique=True, verbose_name='URL')),
                ('state', models.CharField(choices=[('unchecked', 'Not checked yet'), ('ok', 'OK'), ('redirected', 'Redirected'), ('slow', 'Slow'), ('failing', 'Failing (not yet broken)'), ('broken', 'Broken')], db_index=True, default='unchecked', max_length=16)),
                ('state_since', models.DateTimeField(blank=True, help_text='When the state began.', null=True)),
                ('status_code', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('final_url', models.URLField(blank=True, max_length=2000, verbose_name='final URL')),
                ('response_time_ms', models.PositiveIntegerField(blank=True, null=True)),
                ('error', models.CharField(blank=True, max_length=255)),
                ('consecutive_failures', models.PositiveIntegerField(default=0)),
                ('first_failed_at', models.DateTimeField(blank=True, null=True)),
                ('last_checked_at', models.DateTimeField(blank=True, null=True)),
                ('last_ok_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'link health',
                'verbose_name_plural': 'link health',
            },
        ),
        migrations.CreateModel(
            name='CountryPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('overview', wagtail.fields.RichTextField(blank=True)),
                ('capital', models.CharField(blank=True, max_length=100)),
                ('population', models.PositiveBigIntegerField(blank=True, null=True)),
                ('currency', models.CharField(blank=True, help_text='e.g. Bolívar (VES)', max_length=100)),
                ('official_languages', models.CharField(blank=True, help_text='e.g. Spanish', max_length=255)),
                ('time_zone', models.CharField(blank=True, help_text='e.g. UTC−04:00', max_length=100)),
                ('calling_code', models.CharField(blank=True, help_text='e.g. +58', max_length=50)),
                ('facts_source', models.CharField(blank=True, help_text="Where the facts come from, e.g. 'World Bank'.", max_length=255)),
                ('facts_source_url', models.URLField(blank=True, validators=[django.core.validators.URLValidator(code='not_web_address', message='Enter a full web address starting with http:// or https://.', schemes=['http', 'https'])])),
                ('facts_as_of', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2100)], verbose_name='facts as of (year)')),
                ('flag', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=get_image_model_string())),
            ],
            options={
                'verbose_name': 'country guide',
            },
            bases=(cms.preview.models.HeadlessPreviewMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='DirectoryLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=255)),
                ('url', models.URLField(help_text='The full address, starting with http:// or https://.', max_length=1000, validators=[django.core.validators.URLValidator(code='not_web_address', message='Enter a full web address starting with http:// or https://.', schemes=['http', 'https'])], verbose_name='URL')),
                ('description', models.TextField(blank=True)),
                ('city', models.CharField(blank=True, max_length=100)),
                ('language', models.CharField(blank=True, choices=[('es', 'Spanish'), ('en', 'English'), ('pt', 'Portuguese'), ('fr', 'French'), ('nl', 'Dutch'), ('ht', 'Haitian Creole'), ('pap', 'Papiamento'), ('other', 'Other')], max_length=8)),
                ('phone', models.CharField(blank=True, max_length=50)),
                ('address', models.TextField(blank=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='directory.linkcategorypage')),
            ],
            options={
                'verbose_name': 'link',
                'ordering': ['sort_order'],
                'abstract': False,
                'indexes': [models.Index(fields=['url'], name='directory_d_url_6d3f35_idx')],
            },
        ),
    ]
