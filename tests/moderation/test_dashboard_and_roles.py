"""The moderators' panel on the admin home; the roles made by the data migration; demo accounts."""

import datetime
from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission, TaskState, Workflow

import pytest

from demo.loader import DEMO_PASSWORD, ensure_accounts
from moderation import roles
from moderation.models import PermissionGrant
from resources.models import NetworkMembership, ResourceIndexPage

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def test_moderators_see_the_queue_with_waiting_times_and_overdue_reviews(
    client, contributor, moderator, networks
):
    old = make_resource("Ancienne demande", network=networks[0])
    old.get_workflow().start(old, contributor)
    TaskState.objects.filter(workflow_state__object_id=str(old.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=9)
    )
    new = make_resource("Nouvelle demande", network=networks[0])
    new.get_workflow().start(new, contributor)
    stale = make_resource("Fiche à revoir", live=True)
    type(stale).objects.filter(pk=stale.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    make_resource("Fiche à jour", live=True)

    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode().replace("\xa0", " ")
    assert "Relecture : ressources en attente" in html
    assert html.index("Ancienne demande") < html.index("Nouvelle demande"), "oldest first"
    assert "1 semaine, 2 jours" in html
    assert "Fiche à revoir" in html and "Fiche à jour" not in html

    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Relecture : ressources en attente" not in html


def test_roles_exist_with_their_permissions():
    contributors = Group.objects.get(name="Contributeur·rices")
    moderators = Group.objects.get(name="Modérateur·rices")
    index = ResourceIndexPage.objects.get()

    def page_perms(group):
        return set(
            GroupPagePermission.objects.filter(group=group, page=index).values_list(
                "permission__codename", flat=True
            )
        )

    assert page_perms(contributors) == {"add_page", "change_page"}
    assert page_perms(moderators) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert moderators.permissions.filter(codename="change_theme").exists()
    assert moderators.permissions.filter(codename="change_network").exists()
    assert not contributors.permissions.filter(codename__startswith="change_").exists()
    for group in (contributors, moderators):
        assert group.permissions.filter(codename="access_admin").exists()
        assert not group.permissions.filter(content_type__app_label="auth").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()

    workflow = Workflow.objects.get(name="Relecture éditoriale")
    assert index.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [moderators] and task.require_checklist


def test_synonyms_permissions_are_granted_once_when_the_model_appears(monkeypatch):
    # The search app's SynonymGroup does not exist on this branch: an existing model stands
    # in for it, to exercise the post_migrate grant.
    monkeypatch.setattr(
        roles,
        "LATE_GRANTS",
        {("resources", "audience"): (roles.MODERATORS, ["add", "change", "delete", "view"])},
    )
    moderators = Group.objects.get(name=roles.MODERATORS)
    roles.grant_late_permissions(sender=None)
    assert moderators.permissions.filter(codename="change_audience").exists()
    assert PermissionGrant.objects.filter(key="resources.audience:Modérateur·rices").exists()

    # An administrator takes it back: the next migrate leaves that choice alone.
    moderators.permissions.remove(Permission.objects.get(codename="change_audience"))
    roles.grant_late_permissions(sender=None)
    assert not moderators.permissions.filter(codename="change_audience").exists()


def test_a_resource_index_created_later_gets_the_roles_and_the_workflow():
    index = ResourceIndexPage.objects.get()
    parent = index.get_parent()
    index.delete()
    new_index = parent.add_child(instance=ResourceIndexPage(title="Ressources", slug="ressources"))
    assert new_index.get_workflow().name == "Relecture éditoriale"
    assert GroupPagePermission.objects.filter(page=new_index).count() == 7


def test_demo_accounts_have_one_per_role(networks):
    ensure_accounts()
    contributor = roles.CONTRIBUTORS
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["moderatrice"].groups.filter(name=roles.MODERATORS).exists()
    assert users["contributeur"].groups.filter(name=contributor).exists()
    assert users["contributeur"].check_password(DEMO_PASSWORD)
    membership = NetworkMembership.objects.get(user=users["contributeur"])
    assert membership.network.name == "Réseau AMAP Île-de-France"


def test_import_in_moderation_starts_the_editorial_workflow(import_file):
    from tests.conftest import resource_line

    run = import_file([resource_line(id="relire", status="in_moderation")])
    assert run.exit_code == 0, run.stderr
    from resources.models import ResourcePage

    page = ResourcePage.objects.get(source_id="relire")
    assert page.current_workflow_state.workflow.name == "Relecture éditoriale"


def test_load_demo_prints_roles(monkeypatch, networks):
    from demo import loader as demo

    monkeypatch.setattr(
        demo,
        "load_resources",
        lambda **kwargs: dict.fromkeys(("created", "updated", "unchanged", "rejected"), 0),
    )
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "moderatrice (Dominique Modératrice) : Modérateur·rices" in out.getvalue()
    assert "contributeur (Sacha Contributeur) : Contributeur·rices ; Réseau AMAP Île-de-France" in (
        out.getvalue()
    )


def test_administrators_edit_the_review_task_in_the_admin(client, admin_user):
    task = Workflow.objects.get(name="Relecture éditoriale").tasks.get()
    client.force_login(admin_user)
    url = reverse("wagtailadmin_workflows:edit_task", args=[task.pk])
    html = client.get(url).content.decode()
    assert "liste de relecture obligatoire" in html.lower()
    moderators = Group.objects.get(name=roles.MODERATORS)
    response = client.post(url, {"groups": [moderators.pk], "require_checklist": ""})
    assert response.status_code == 302
    task.specific.refresh_from_db()
    assert task.specific.require_checklist is False


# -- roles need no is_staff (issue 10) -----------------------------------------------------


def test_contributor_and_moderator_use_wagtail_admin_but_not_django_admin(
    client, contributor, moderator
):
    from resources.models import ResourceIndexPage

    index = ResourceIndexPage.objects.get()
    for user in (contributor, moderator):
        assert not user.is_staff
        client.force_login(user)
        for url in (
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[index.pk]),
            reverse("wagtailadmin_pages:add_subpage", args=[index.pk]),
        ):
            assert client.get(url).status_code == 200, (user.username, url)
        django_admin = client.get("/django-admin/")
        assert django_admin.status_code == 302
        assert django_admin["Location"].startswith("/django-admin/login/")
        assert client.get("/django-admin/auth/user/").status_code == 302


def test_migration_takes_is_staff_from_roles_not_from_administrators(contributor, moderator):
    import importlib

    from django.apps import apps
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.filter(pk__in=[contributor.pk, moderator.pk]).update(is_staff=True)
    admin = User.objects.create_superuser("admin-staff", "a@exemple.org", "x")
    outsider = User.objects.create_user("sans-role", "s@exemple.org", "x", is_staff=True)
    migration = importlib.import_module("moderation.migrations.0003_sec_ip_roles_not_staff")
    migration.roles_not_staff(apps, None)
    staff = dict(User.objects.values_list("username", "is_staff"))
    assert staff[contributor.username] is False and staff[moderator.username] is False
    assert staff[admin.username] is True  # administrators keep the Django admin
    assert staff[outsider.username] is True  # no role, not ours to change
    assert User.objects.count() == 4  # nobody deleted


def test_demo_accounts_are_staff_only_when_administrators(db):
    from demo.loader import ensure_accounts

    accounts = {user.username: user for user in ensure_accounts()}
    assert accounts["admin"].is_staff and accounts["admin"].is_superuser
    assert not accounts["moderatrice"].is_staff
    assert not accounts["contributeur"].is_staff
