"""Viewers read, Editors edit content but not accounts; both are made by a migration."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, django_user_model):
    def sign_in(group: str):
        user = django_user_model.objects.create_user(group.lower(), password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return sign_in


def test_the_migration_makes_both_groups():
    viewers = Group.objects.get(name="Viewers")
    editors = Group.objects.get(name="Editors")
    assert viewers.permissions.filter(codename="view_programme").exists()
    assert not viewers.permissions.filter(codename="change_programme").exists()
    assert editors.permissions.filter(codename="change_observation").exists()
    assert not editors.permissions.filter(content_type__app_label="auth").exists()


def test_a_viewer_reads_records_in_the_admin(signed_in):
    assert signed_in("Viewers").get("/admin/comparisons/programme/").status_code == 200


def test_a_viewer_cannot_add_or_change_records(signed_in):
    client = signed_in("Viewers")
    assert client.get("/admin/comparisons/programme/add/").status_code == 403


def test_an_editor_adds_records(signed_in):
    assert signed_in("Editors").get("/admin/comparisons/programme/add/").status_code == 200


def test_an_editor_cannot_reach_user_management(signed_in):
    client = signed_in("Editors")
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
