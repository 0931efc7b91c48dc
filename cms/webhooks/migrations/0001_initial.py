"""The webhooks app's tables, adopted from ``home`` where a database already has them."""

import cms.webhooks.events
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models

from cms.migration_adoption import AdoptModel, after_home_tables


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ] + after_home_tables()

    operations = [
        AdoptModel(
            name='WebhookSubscription',
            old_table='home_webhooksubscription',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(help_text='Receives a JSON POST per event.', max_length=500, verbose_name='URL')),
                ('description', models.CharField(blank=True, help_text='Who this is for.', max_length=255)),
                ('events', models.JSONField(default=cms.webhooks.events.all_webhook_events, help_text='Which events to send.')),
                ('secret', models.CharField(default=cms.webhooks.events.generate_webhook_secret, help_text='Shared secret: each delivery carries X-Herald-Signature: sha256=<HMAC-SHA256 of the raw body with this secret>. Give it to the subscriber.', max_length=128)),
                ('active', models.BooleanField(default=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'webhook subscription',
                'ordering': ['url'],
            },
        ),
        AdoptModel(
            name='WebhookDelivery',
            old_table='home_webhookdelivery',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('event', models.CharField(choices=[('published', 'Published: a page went live'), ('unpublished', 'Unpublished: a page was taken down or deleted'), ('scheduled', 'Scheduled: a go-live time was set'), ('expired', 'Expired: a page reached its expiry time'), ('updated', 'Updated: a live page changed or moved')], max_length=20)),
                ('page_id', models.BigIntegerField(blank=True, null=True)),
                ('payload', models.TextField(help_text='The exact JSON body that is signed and sent.')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('delivered', 'Delivered'), ('failed', 'Failed')], default='pending', max_length=16)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('locked_until', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('response_status', models.PositiveIntegerField(blank=True, null=True)),
                ('response_body', models.TextField(blank=True, help_text='The start of the last response.')),
                ('error', models.TextField(blank=True)),
                ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.webhooksubscription')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='home_webhoo_status_a6af4c_idx')],
            },
        ),
    ]
