"""The platform's models leave this app: countries, API documents, preview, jobs, webhooks.

Their tables were adopted (renamed, content types moved) by the platform apps' first
migrations, which run before this one; on a new database this drops the empty ``home_*``
tables created by this app's earlier migrations.
"""

from django.db import migrations

from cms.migration_adoption import DropLeftoverTables


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_api_documents'),
        ('countries', '0001_initial'),
        ('delivery', '0001_initial'),
        ('preview', '0001_initial'),
        ('publishing', '0001_initial'),
        ('webhooks', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='apidocument',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='apidocumentdependency',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='apidocumentdependency',
                    name='content_type',
                ),
                migrations.DeleteModel(
                    name='APIDocumentState',
                ),
                migrations.DeleteModel(
                    name='Country',
                ),
                migrations.DeleteModel(
                    name='JobRun',
                ),
                migrations.RemoveField(
                    model_name='pagepreview',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='pagepreview',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='pagepreview',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='webhookdelivery',
                    name='subscription',
                ),
                migrations.DeleteModel(
                    name='APIDocument',
                ),
                migrations.DeleteModel(
                    name='APIDocumentDependency',
                ),
                migrations.DeleteModel(
                    name='PagePreview',
                ),
                migrations.DeleteModel(
                    name='WebhookDelivery',
                ),
                migrations.DeleteModel(
                    name='WebhookSubscription',
                ),
            ],
            database_operations=[
                DropLeftoverTables([
                    'home_apidocumentdependency',
                    'home_apidocument',
                    'home_apidocumentstate',
                    'home_country',
                    'home_jobrun',
                    'home_pagepreview',
                    'home_webhookdelivery',
                    'home_webhooksubscription',
                ]),
            ],
        ),
    ]
