"""Migration operation for the platform's models that began life in this site's ``home`` app.

A database made before the platform apps existed has the tables under ``home_*``; a new
database (or a host site without our ``home``) has none. ``AdoptModel`` creates the model
like ``CreateModel`` does, except that where the old table exists it renames it and moves
its content type (and so its permissions) to the new app, so nothing stored is lost.
"""

import importlib.util

from django.db import migrations

# The last migration of this site's ``home`` app that created tables the platform adopts.
HOME_TABLES_MIGRATION = "0006_api_documents"


class AdoptModel(migrations.CreateModel):
    def __init__(self, name, fields, old_table, **kwargs):
        self.old_table = old_table
        super().__init__(name, fields, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["old_table"] = self.old_table
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        connection = schema_editor.connection
        if not self.allow_migrate_model(connection.alias, model):
            return
        if self.old_table not in connection.introspection.table_names():
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        schema_editor.alter_db_table(model, self.old_table, model._meta.db_table)
        content_types = to_state.apps.get_model("contenttypes", "ContentType")
        old = content_types.objects.using(connection.alias).filter(
            app_label="home", model=self.name_lower
        )
        if (
            not content_types.objects.using(connection.alias)
            .filter(app_label=app_label, model=self.name_lower)
            .exists()
        ):
            old.update(app_label=app_label)

    def describe(self):
        return f"Create model {self.name}, or adopt the table {self.old_table}"


class DropLeftoverTables(migrations.RunPython):
    """Drops ``home_*`` tables that a new database created before the platform's own ones.

    On a database made before the move ``AdoptModel`` has renamed them already, so this
    finds nothing to drop.
    """

    def __init__(self, tables):
        self.tables = list(tables)
        super().__init__(self.drop, migrations.RunPython.noop)

    def deconstruct(self):
        return (self.__class__.__name__, [self.tables], {})

    def drop(self, apps, schema_editor):
        existing = set(schema_editor.connection.introspection.table_names())
        for table in self.tables:
            if table in existing:
                schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


def after_home_tables() -> list[tuple[str, str]]:
    """The dependency that makes adoption find the old tables on this site's databases.

    On this site the ``home`` migration that created the last of the moved tables must run
    first, or a new database would get both tables and clashing index names; a host site's
    own ``home`` app has no such migration, and there the platform creates its tables.
    """
    if importlib.util.find_spec("home.migrations") is None:
        return []
    if importlib.util.find_spec(f"home.migrations.{HOME_TABLES_MIGRATION}") is None:
        return []
    return [("home", HOME_TABLES_MIGRATION)]


class AdoptField(migrations.AddField):
    """Adds a field pointing at an adopted model, or keeps the column (or many-to-many table)
    a database made before the move already has.

    The plugins' first migrations leave such fields out: a database made before the move has
    those migrations applied before the model's new app exists, and their state must not
    point at an app that is not there yet.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        connection = schema_editor.connection
        if field.many_to_many:
            exists = field.remote_field.through._meta.db_table in (
                connection.introspection.table_names()
            )
        else:
            with connection.cursor() as cursor:
                columns = connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            exists = field.column in {column.name for column in columns}
        if not exists:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
