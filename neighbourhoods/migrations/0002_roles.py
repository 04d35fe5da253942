"""The Viewers and Editors groups, with rights on the content of both apps."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("comparisons", "neighbourhoods")


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)

    viewers, _created = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.set(content.filter(codename__startswith="view_"))
    # Editors change content, never accounts: nothing of the auth app.
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(content)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Viewers", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comparisons", "0003_country_language"),
        ("neighbourhoods", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
