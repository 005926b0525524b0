from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from moderation.roles import CONTRIBUTORS, MODERATORS
from resources.models import GuidePage, Network, NetworkMembership, ResourceIndexPage, Theme

PASSWORD = "mot-de-passe-de-test"


def make_user(username, group=None, networks=(), **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@exemple.org", PASSWORD, is_staff=False, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    for network in networks:
        NetworkMembership.objects.create(user=user, network=network)
    return user


@pytest.fixture
def networks(db):
    return (
        Network.objects.create(name="Réseau AMAP Île-de-France", slug="idf"),
        Network.objects.create(name="Réseau des AMAP de Bretagne", slug="bretagne"),
    )


@pytest.fixture
def contributor(networks):
    return make_user("contributeur", CONTRIBUTORS, [networks[0]], first_name="Sacha")


@pytest.fixture
def other_contributor(networks):
    return make_user("contributrice-bzh", CONTRIBUTORS, [networks[1]])


@pytest.fixture
def moderator(db):
    return make_user("moderatrice", MODERATORS, first_name="Dominique")


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@exemple.org", PASSWORD)


def make_resource(title, network=None, live=False, slug=None, **fields):
    index = ResourceIndexPage.objects.get()
    page = GuidePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary="Un résumé.",
        network=network,
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    page.themes = [Theme.objects.get(slug="vie-associative")]
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (e-mails, making files public)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
