"""Every permission edge, through the admin's real views."""

from django.urls import reverse

from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from resources.models import GuidePage, NetworkMembership, ResourceIndexPage, Theme

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def guide_data(network=None, title="Kit d'accueil", slug="kit-accueil", **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Accueillir les nouveaux adhérents.",
            "body": streamfield([("paragraph", rich_text("<p>Le kit.</p>"))]),
            "tags": "",
            "guide_format": "kit",
            "downloads": inline_formset([]),
            **actions,
        }
    )
    data["themes"] = [Theme.objects.get(slug="vie-associative").pk]
    data["network"] = network.pk if network else ""
    return data


@pytest.fixture
def own(networks):
    return make_resource("Fiche de mon réseau", network=networks[0], live=True)


@pytest.fixture
def foreign(networks):
    return make_resource("Fiche bretonne", network=networks[1], live=True)


def login(client, user):
    client.force_login(user)
    return client


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its home and a message."""
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        return True
    return response.status_code == 403


# -- publishing is refused -------------------------------------------------------------------


def test_contributor_forged_publish_post_is_refused_and_nothing_goes_live(
    client, contributor, networks
):
    draft = make_resource("Brouillon", network=networks[0])
    revisions = Revision.objects.count()
    response = login(client, contributor).post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        guide_data(
            networks[0], title="Publiée en douce", slug=draft.slug, **{"action-publish": "1"}
        ),
    )
    assert refused(response)
    draft.refresh_from_db()
    assert not draft.live and draft.title == "Brouillon"
    assert Revision.objects.count() == revisions


def test_contributor_forged_publish_on_creation_is_refused(client, contributor, networks):
    index = ResourceIndexPage.objects.get()
    response = login(client, contributor).post(
        reverse("wagtailadmin_pages:add", args=["resources", "guidepage", index.pk]),
        guide_data(networks[0], **{"action-publish": "1"}),
    )
    assert refused(response)
    assert not GuidePage.objects.filter(slug="kit-accueil").exists()


def test_contributor_forged_approval_is_refused(client, contributor, networks):
    page = make_resource("En relecture", network=networks[0])
    page.get_workflow().start(page, contributor)
    response = login(client, contributor).post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        guide_data(
            networks[0],
            title="En relecture",
            slug=page.slug,
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
    )
    assert refused(response)
    state = page.current_workflow_task_state
    task_state_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]
    )
    assert refused(client.post(task_state_url, {"comment": "ok"}))
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_contributor_cannot_unpublish_nor_delete_a_live_resource(client, contributor, own):
    login(client, contributor)
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[own.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[own.pk])))
    own.refresh_from_db()
    assert own.live


def test_contributor_may_delete_own_network_draft(client, contributor, networks):
    draft = make_resource("Brouillon à jeter", network=networks[0])
    response = login(client, contributor).post(
        reverse("wagtailadmin_pages:delete", args=[draft.pk])
    )
    assert response.status_code == 302
    # Deleted means in the recycle bin, for 30 days (resources.recycle_bin).
    assert Page.objects.get(pk=draft.pk).get_parent().slug == "corbeille"
    from operations.models import BinEntry

    assert BinEntry.objects.get(object_id=draft.pk).deleted_by == contributor


# -- own network: edit and submit --------------------------------------------------------------


def test_contributor_edits_and_submits_own_network_resource(client, contributor, own, networks):
    login(client, contributor)
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, guide_data(networks[0], title="Fiche revue", slug=own.slug, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.workflow_in_progress
    assert own.title == "Fiche de mon réseau", "the live version waits for the review"
    assert own.get_latest_revision_as_object().title == "Fiche revue"


def test_contributor_creates_resource_only_for_own_network(client, contributor, networks):
    index = ResourceIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["resources", "guidepage", index.pk])
    login(client, contributor)
    form = client.get(url).content.decode()
    assert networks[0].name in form and networks[1].name not in form
    response = client.post(url, guide_data(networks[1]))
    assert response.status_code == 200
    assert "vous ne pouvez pas écrire pour un autre réseau" in response.content.decode()
    assert not GuidePage.objects.filter(slug="kit-accueil").exists()
    response = client.post(url, guide_data(None))
    assert "Choisissez l&#x27;un de vos réseaux." in response.content.decode()
    assert not GuidePage.objects.filter(slug="kit-accueil").exists()
    assert client.post(url, guide_data(networks[0])).status_code == 302
    page = GuidePage.objects.get(slug="kit-accueil")
    assert page.network == networks[0] and not page.live


def test_contributor_without_network_is_told_why(client, contributor, networks):
    NetworkMembership.objects.filter(user=contributor).delete()
    index = ResourceIndexPage.objects.get()
    response = login(client, contributor).post(
        reverse("wagtailadmin_pages:add", args=["resources", "guidepage", index.pk]),
        guide_data(networks[0]),
    )
    assert "rattaché à aucun réseau" in response.content.decode()
    assert not GuidePage.objects.filter(slug="kit-accueil").exists()


# -- another network: read, never touch -------------------------------------------------------


def test_contributor_reads_other_networks_in_the_explorer(client, contributor, own, foreign):
    index = ResourceIndexPage.objects.get()
    html = login(client, contributor).get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert html.status_code == 200
    content = html.content.decode()
    assert "Fiche bretonne" in content and "Fiche de mon réseau" in content


def test_contributor_cannot_edit_another_networks_resource(client, contributor, foreign, networks):
    login(client, contributor)
    url = reverse("wagtailadmin_pages:edit", args=[foreign.pk])
    assert refused(client.get(url))
    response = client.post(url, guide_data(networks[1], title="Changée", slug=foreign.slug))
    assert refused(response)
    foreign.refresh_from_db()
    assert foreign.get_latest_revision_as_object().title == "Fiche bretonne"


@pytest.mark.parametrize(
    "view",
    [
        "preview_on_edit",
        "view_draft",
        "history",
        "revisions_compare",
        "revisions_view",
        "revisions_revert",
        "copy",
        "move",
        "delete",
        "unpublish",
        "lock",
        "workflow_history",
        "usage",
    ],
)
def test_contributor_cannot_reach_another_networks_views(client, contributor, foreign, view):
    revision = foreign.latest_revision
    urls = {
        "revisions_compare": reverse(
            "wagtailadmin_pages:revisions_compare", args=[foreign.pk, "earliest", "latest"]
        ),
        "revisions_view": reverse(
            "wagtailadmin_pages:revisions_view", args=[foreign.pk, revision.pk]
        ),
        "revisions_revert": reverse(
            "wagtailadmin_pages:revisions_revert", args=[foreign.pk, revision.pk]
        ),
    }
    url = urls.get(view) or reverse(f"wagtailadmin_pages:{view}", args=[foreign.pk])
    login(client, contributor)
    method = client.post if view in ("lock",) else client.get
    assert refused(method(url))


def test_contributor_cannot_submit_another_networks_resource(client, contributor, foreign):
    assert not foreign.permissions_for_user(contributor).can_submit_for_moderation()
    assert not foreign.permissions_for_user(contributor).can_edit()


# -- the reading committee ---------------------------------------------------------------------


def test_moderator_edits_every_network(client, moderator, foreign):
    assert (
        login(client, moderator)
        .get(reverse("wagtailadmin_pages:edit", args=[foreign.pk]))
        .status_code
        == 200
    )
    perms = foreign.permissions_for_user(moderator)
    # Issue 12: no plain publish for the committee, only approval through the review.
    assert not perms.can_publish() and perms.can_unpublish() and perms.can_unschedule()


def test_nobody_but_administrators_manages_users_or_groups(client, contributor, moderator):
    for user in (contributor, moderator):
        client.force_login(user)
        assert refused(client.get(reverse("wagtailusers_users:index")))
        assert refused(client.get(reverse("wagtailusers_groups:index")))
        assert not user.has_perm("auth.change_user") and not user.has_perm("auth.change_group")
        assert refused(client.get("/admin/snippets/moderation/networkmembership/"))
