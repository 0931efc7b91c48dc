
import cms.preview.models
import django.db.models.deletion
import django.utils.timezone
import modelcluster.contrib.taggit
import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
from wagtail.images import get_image_model_string


SEARCH_INDEX = "herald_indexentry_title_body_gin"
URL_PATH_INDEX = "herald_page_url_path"


def create_search_index(apps, schema_editor):
    """PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index, the
    expression its database backend matches (docs/performance.md)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):

    initial = True

    # The lineage from before the plugins stood on their own (their first migrations
    # depended on this site's home app); a database that applied it has this one too.
    replaces = [
        ('news', '0001_initial'),
        ('news', '0002_article_countries_help_text'),
        ('news', '0003_article_embargo'),
        ('news', '0004_search_title_body_index'),
        ('news', '0005_page_url_path_index'),
    ]

    dependencies = [
        ('wagtailsearch', '0010_add_text_fields'),
        migrations.swappable_dependency(get_image_model_string()),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SectionPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
                ('body', wagtail.fields.StreamField([('featured_story', 3), ('section_rail', 7), ('story_list', 11), ('markets_box', 13), ('most_viewed', 16), ('newsletter_promo', 19), ('promo', 24), ('link_list', 28)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'The lead story of the front page.'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional headline override for the front page.', 'required': False}), 2: ('wagtail.blocks.TextBlock', (), {'help_text': 'Optional summary override.', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('page', 0), ('headline', 1), ('summary', 2)]], {}), 4: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['news.SectionPage']}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the section's title.", 'required': False}), 6: ('wagtail.blocks.IntegerBlock', (), {'default': 5, 'max_value': 20, 'min_value': 1}), 7: ('wagtail.blocks.StructBlock', [[('section', 4), ('title', 5), ('count', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'required': False}), 9: ('wagtail.blocks.PageChooserBlock', (), {}), 10: ('wagtail.blocks.ListBlock', (9,), {'min_num': 1}), 11: ('wagtail.blocks.StructBlock', [[('title', 8), ('stories', 10)]], {}), 12: ('wagtail.blocks.CharBlock', (), {'default': 'Markets'}), 13: ('wagtail.blocks.StructBlock', [[('title', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'default': 'Most Viewed'}), 15: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('24h', 'Last 24 hours'), ('7d', 'Last 7 days')]}), 16: ('wagtail.blocks.StructBlock', [[('title', 14), ('period', 15), ('count', 6)]], {}), 17: ('wagtail.blocks.CharBlock', (), {'default': 'Receive Our Daily Headlines'}), 18: ('wagtail.blocks.TextBlock', (), {'default': 'Enter your email address to subscribe to free headlines (and great cartoons so every email has a happy ending!) from the Latin American Herald Tribune:'}), 19: ('wagtail.blocks.StructBlock', [[('title', 17), ('text', 18)]], {}), 20: ('wagtail.blocks.CharBlock', (), {'help_text': "e.g. What's New at LAHT?"}), 21: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul', 'ol']}), 22: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 23: ('wagtail.blocks.URLBlock', (), {'required': False}), 24: ('wagtail.blocks.StructBlock', [[('title', 20), ('body', 21), ('link_page', 22), ('link_url', 23)]], {}), 25: ('wagtail.blocks.CharBlock', (), {}), 26: ('wagtail.blocks.StructBlock', [[('label', 25), ('page', 22), ('url', 23)]], {}), 27: ('wagtail.blocks.ListBlock', (26,), {}), 28: ('wagtail.blocks.StructBlock', [[('title', 25), ('links', 27)]], {})}, help_text="Optional layout above the section's story list.")),
            ],
            options={
                'verbose_name': 'section',
            },
            bases=(cms.preview.models.HeadlessPreviewMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='WireSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('is_agency', models.BooleanField(default=True, help_text="Unticked for the paper's own staff.")),
                ('url', models.URLField(blank=True)),
            ],
            options={
                'verbose_name': 'wire source',
                'ordering': ['name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='ArticlePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('embargo_until', models.DateTimeField(blank=True, db_index=True, help_text="Earliest legal publication time (wire embargo), in the newsroom's time zone. The story cannot be published, or scheduled to go live, before it.", null=True, verbose_name='embargoed until')),
                ('deck', models.TextField(blank=True, help_text='The standfirst under the headline, one or two sentences.')),
                ('dateline_city', models.CharField(blank=True, help_text="Where the story was filed, e.g. Moscow. Shown as 'MOSCOW –'.", max_length=100)),
                ('dateline_country', models.CharField(blank=True, help_text='Optional, for less-known places, e.g. Venezuela.', max_length=100)),
                ('lead_image_caption', models.CharField(blank=True, help_text="Defaults to the image's caption.", max_length=500)),
                ('lead_image_credit', models.CharField(blank=True, help_text="Defaults to the image's credit.", max_length=255)),
                ('body', wagtail.fields.StreamField([('paragraph', 0), ('heading', 3), ('quote', 6), ('image', 11), ('embed', 14), ('related_story', 17)], blank=True, block_lookup={0: ('news.blocks.ParagraphBlock', (), {}), 1: ('wagtail.blocks.CharBlock', (), {}), 2: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3')]}), 3: ('wagtail.blocks.StructBlock', [[('text', 1), ('level', 2)]], {}), 4: ('wagtail.blocks.TextBlock', (), {}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': "Who said it, e.g. 'Kremlin statement'.", 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('text', 4), ('attribution', 5)]], {}), 7: ('news.blocks.RenditionImageChooserBlock', (), {}), 8: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the image's caption.", 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the image's credit.", 'required': False}), 10: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the image's alt text.", 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8), ('credit', 9), ('alt', 10)]], {}), 12: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A YouTube, X/Twitter, Vimeo… URL.'}), 13: ('wagtail.blocks.CharBlock', (), {'required': False}), 14: ('wagtail.blocks.StructBlock', [[('url', 12), ('caption', 13)]], {}), 15: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['news.ArticlePage']}), 16: ('wagtail.blocks.CharBlock', (), {'default': 'Related', 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('page', 15), ('label', 16)]], {})})),
                ('date', models.DateTimeField(blank=True, db_index=True, help_text="Shown as the story's date. Leave empty to use the first publication time.", null=True, verbose_name='display date')),
                ('lead_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=get_image_model_string())),
            ],
            options={
                'verbose_name': 'article',
            },
            bases=(cms.preview.models.HeadlessPreviewMixin, 'wagtailcore.page', models.Model),
        ),
        migrations.CreateModel(
            name='ArticleCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('date', models.DateField(default=django.utils.timezone.localdate)),
                ('text', models.TextField(help_text='What was wrong and what is right now.')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='news.articlepage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ArticleRelatedStory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_stories', to='news.articlepage')),
                ('related', models.ForeignKey(help_text='Another story readers should see.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ArticleTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='news.articlepage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='articlepage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='news.ArticleTag', to='taggit.Tag', verbose_name='Tags'),
        ),
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255)),
                ('slug', models.SlugField(max_length=255, unique=True)),
                ('job_title', models.CharField(blank=True, help_text='e.g. Caracas correspondent', max_length=255)),
                ('bio', models.TextField(blank=True)),
                ('photo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=get_image_model_string())),
            ],
            options={
                'ordering': ['name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='ArticleByline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(blank=True, help_text="Free-text byline, e.g. 'EFE staff'.", max_length=255)),
                ('role', models.CharField(blank=True, help_text="e.g. 'reporting from Caracas'.", max_length=100)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='news.articlepage')),
                ('author', models.ForeignKey(blank=True, help_text='Choose a staff author, or type a name below for agency copy.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bylines', to='news.author')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='articlepage',
            name='source',
            field=models.ForeignKey(blank=True, help_text='The agency the story came from, or Staff.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles', to='news.wiresource'),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
        # The API's find-by-path looks a page up by its url_path, which Wagtail does not index.
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {URL_PATH_INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {URL_PATH_INDEX}",
        ),
    ]
