"""The publishing app's tables, adopted from ``home`` where a database already has them."""

import django.utils.timezone
from django.db import migrations, models

from cms.migration_adoption import AdoptModel, after_home_tables


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ] + after_home_tables()

    operations = [
        AdoptModel(
            name='JobRun',
            old_table='home_jobrun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('due_at', models.DateTimeField()),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('status', models.CharField(choices=[('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], default='running', max_length=16)),
                ('worker', models.CharField(blank=True, help_text='host:pid of the scheduler.', max_length=255)),
                ('error', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['-due_at', 'name'],
                'constraints': [models.UniqueConstraint(fields=('name', 'due_at'), name='home_jobrun_one_per_slot')],
            },
        ),
    ]
