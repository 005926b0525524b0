"""NetworkMembership moved from moderation to resources: the rows, their table, the content
type and the permissions on it come through the migration unchanged."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from resources.models import Network, NetworkMembership

# Migrations run outside a test transaction. serialized_rollback, as the other transactional
# tests: the database is put back as it was, content types under their ids (which is also
# why these tests read content types from the table, never through ContentType's cache).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("moderation", "0005_contrib_proposal_typed"),
    ("resources", "0005_contrib_network_email"),
]
AFTER = [
    ("moderation", "0006_networkmembership_moves_to_resources"),
    ("resources", "0007_networkmembership_from_moderation"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_memberships_and_their_permissions_survive_the_move():
    migrate(BEFORE)
    try:
        user = get_user_model().objects.create_user("camille", "camille@example.org", "x")
        network = Network.objects.create(name="Réseau des AMAP de Test", slug="test")
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO moderation_networkmembership (user_id, network_id) VALUES (%s, %s)",
                [user.pk, network.pk],
            )
        ContentType.objects.filter(model="networkmembership").delete()
        old_type = ContentType.objects.create(app_label="moderation", model="networkmembership")
        change = Permission.objects.create(
            content_type=old_type, codename="change_networkmembership", name="Can change"
        )
        group = Group.objects.create(name="Gestion des réseaux")
        group.permissions.add(change)
    finally:
        migrate(AFTER)

    assert NetworkMembership.objects.filter(user=user, network=network).count() == 1
    assert NetworkMembership._meta.db_table == "moderation_networkmembership"
    moved = ContentType.objects.get(app_label="resources", model="networkmembership")
    assert moved.pk == old_type.pk and moved.app_label == "resources"
    assert not ContentType.objects.filter(app_label="moderation", model="networkmembership")
    assert group.permissions.get().content_type_id == moved.pk
    user = get_user_model().objects.get(pk=user.pk)
    group.user_set.add(user)
    assert user.has_perm("resources.change_networkmembership")


def test_the_move_can_be_undone():
    moved = ContentType.objects.get(app_label="resources", model="networkmembership")
    migrate(BEFORE)
    try:
        back = ContentType.objects.get(pk=moved.pk)
        assert (back.app_label, back.model) == ("moderation", "networkmembership")
    finally:
        migrate(AFTER)
    assert ContentType.objects.get(pk=moved.pk).app_label == "resources"
