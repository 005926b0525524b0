"""Issue 12: every path to the public goes through the committee's approval, except an
administrator's plain publication, which the page history names as such."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from wagtail.actions.publish_page_revision import (
    PublishPagePermissionError,
    PublishPageRevisionAction,
)
from wagtail.models import Page, PageLogEntry

import pytest

from moderation.workflow import ADMIN_PUBLISH, CHECKLIST
from resources.models import GuidePage, ResourceIndexPage

from .conftest import make_resource
from .test_permissions import guide_data, refused

pytestmark = pytest.mark.django_db

CHECKED = {name: True for name, _label in CHECKLIST}


@pytest.fixture
def in_review(contributor, networks):
    page = make_resource("Fiche en relecture", network=networks[0])
    page.get_workflow().start(page, contributor)
    return page


@pytest.fixture
def live(networks):
    """A published resource with a newer draft: publishing anything would change its live
    revision."""
    page = make_resource("Fiche publiée", network=networks[0], live=True)
    page.title = "Brouillon non relu"
    page.save_revision()
    page.refresh_from_db()
    return page


def snapshot(page):
    page.refresh_from_db()
    return (page.live, page.live_revision_id, page.title, page.go_live_at, page.last_reviewed_at)


def plain_publish(client, user, page, **extra):
    client.force_login(user)
    data = guide_data(
        page.network, title="Publiée sans relecture", slug=page.slug, **{"action-publish": "1"}
    )
    data.update(extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.fixture(params=["moderator", "contributor"])
def someone(request):
    return request.getfixturevalue(request.param)


# -- refused for moderators and contributors ---------------------------------------------------


def test_the_editor_offers_no_plain_publish_to_the_committee(client, moderator, in_review):
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[in_review.pk])).content.decode()
    assert 'name="action-publish"' not in html
    assert "Approuver et publier" in html and "Demander des modifications" in html
    assert "et Publier" not in html


def test_plain_publish_of_a_resource_in_review_is_refused(client, someone, in_review):
    before = snapshot(in_review)
    assert refused(plain_publish(client, someone, in_review))
    assert snapshot(in_review) == before
    assert not in_review.live and in_review.workflow_in_progress


def test_scheduling_without_review_is_refused(client, someone, in_review):
    before = snapshot(in_review)
    go_live = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    assert refused(plain_publish(client, someone, in_review, go_live_at=go_live))
    assert snapshot(in_review) == before
    assert not in_review.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_publishing_a_newer_draft_of_a_live_resource_is_refused(client, someone, live):
    before = snapshot(live)
    assert refused(plain_publish(client, someone, live))
    assert snapshot(live) == before


def test_reverting_to_an_old_revision_and_publishing_is_refused(client, moderator, live):
    old = live.revisions.order_by("created_at").first()
    before = snapshot(live)
    client.force_login(moderator)
    data = guide_data(
        live.network, title="Fiche publiée", slug=live.slug, **{"action-publish": "1"}
    )
    data["revision"] = old.pk
    response = client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[live.pk, old.pk]), data
    )
    assert refused(response)
    assert refused(
        client.post(
            reverse("wagtailadmin_pages:edit", args=[live.pk]), {**data, "revision": old.pk}
        )
    )
    assert snapshot(live) == before


def test_unpublish_then_publish_is_refused(client, moderator, live):
    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert response.status_code == 302
    before = snapshot(live)
    assert not before[0]
    assert refused(plain_publish(client, moderator, live))
    assert snapshot(live) == before


def test_copy_with_publication_is_refused(client, someone, live):
    client.force_login(someone)
    index = ResourceIndexPage.objects.get()
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Copie publiée",
            "new_slug": "copie-publiee",
            "new_parent_page": index.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code in (200, 302, 403)
    assert not Page.objects.filter(slug="copie-publiee", live=True).exists()


def test_creating_a_live_resource_is_refused_to_the_committee(client, moderator, networks):
    index = ResourceIndexPage.objects.get()
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["resources", "guidepage", index.pk]),
        guide_data(networks[0], **{"action-publish": "1"}),
    )
    assert refused(response)
    assert not GuidePage.objects.filter(slug="kit-accueil").exists()


def test_bulk_publish_is_refused(client, someone, live):
    client.force_login(someone)
    unpublished = make_resource("Autre brouillon", network=live.network)
    before = snapshot(live), snapshot(unpublished)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={live.pk}&id={unpublished.pk}", {"include_descendants": ""})
    assert response.status_code in (200, 302, 403)
    assert (snapshot(live), snapshot(unpublished)) == before


def test_the_publish_action_the_api_uses_is_refused(moderator, live):
    # Wagtail's page API (v3 router, not mounted here) publishes through this action.
    before = snapshot(live)
    with pytest.raises(PublishPagePermissionError):
        PublishPageRevisionAction(live.get_latest_revision(), user=moderator).execute()
    assert snapshot(live) == before


# -- the committee's approval still publishes, and says so -------------------------------------


def test_approval_from_the_editor_publishes_and_says_so(client, moderator, in_review, networks):
    client.force_login(moderator)
    data = guide_data(
        networks[0],
        title="Fiche en relecture",
        slug=in_review.slug,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    data["workflow-action-extra-data"] = json.dumps({**CHECKED, "comment": "Bien"})
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[in_review.pk]), data, follow=True
    )
    html = response.content.decode()
    assert "La ressource « Fiche en relecture » a été publiée." in html
    assert "a été mise à jour" not in html
    in_review.refresh_from_db()
    assert in_review.live and in_review.last_reviewed_at
    assert not PageLogEntry.objects.filter(page=in_review, action=ADMIN_PUBLISH).exists()


# -- administrators keep a plain publication, logged ----------------------------------------------


def test_administrator_publishes_and_the_history_says_without_review(client, admin_user, in_review):
    response = plain_publish(client, admin_user, in_review)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.live and in_review.title == "Publiée sans relecture"
    entry = PageLogEntry.objects.get(page=in_review, action=ADMIN_PUBLISH)
    assert entry.user == admin_user
    html = client.get(reverse("wagtailadmin_pages:history", args=[in_review.pk])).content.decode()
    assert "sans relecture du comité" in html


def test_administrator_copy_with_publication_is_logged(client, admin_user, live):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Copie publiée",
            "new_slug": "copie-publiee",
            "new_parent_page": ResourceIndexPage.objects.get().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = Page.objects.get(slug="copie-publiee")
    assert copy.live
    assert PageLogEntry.objects.filter(page=copy, action=ADMIN_PUBLISH, user=admin_user).exists()


def test_administrator_bulk_publish_is_logged(client, admin_user, networks):
    draft = make_resource("Brouillon en masse", network=networks[0])
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={draft.pk}", {"include_descendants": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert PageLogEntry.objects.filter(page=draft, action=ADMIN_PUBLISH).exists()
