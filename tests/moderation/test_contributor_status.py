"""Contributors see where their work stands: the review status at the top of the edit form,
in French with the committee's comment in full, and « Mes ressources » on the admin home."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState

import pytest

from downloads.models import DownloadDay
from resources.models import ResourceIndexPage

from .conftest import make_resource
from .test_workflow import CHECKED, act, submit

pytestmark = pytest.mark.django_db

COMMENT = "Le nom du paysan est à retirer.\nAjoutez aussi la date de la distribution."


def text_of(response):
    assert response.status_code == 200
    html = response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")
    return re.sub(r"\s+", " ", html)


@pytest.fixture
def sent_back(client, contributor, moderator, networks, commit):
    page = make_resource("Fiche à relire", network=networks[0])
    with commit():
        submit(client, contributor, page, networks[0], title="Fiche à relire")
    response = act(client, moderator, page, "reject", {"comment": COMMENT})
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def test_edit_page_says_changes_requested_in_french_with_the_comment(
    client, sent_back, contributor
):
    client.force_login(contributor)
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=[sent_back.pk])))
    # Wagtail's own status line, translated at the root (django.contrib.humanize's catalogue).
    wagtail_line = re.search(r"Modifications demandées (il y a [^<]{1,30}|maintenant) par", html)
    assert wagtail_line, html[:500]
    assert " ago" not in html and "just now" not in html
    # Our panel: first in the form, the comment in full (both lines), who sent it back.
    status = html.index('data-review-status="sent_back"')
    assert html.index("Le nom du paysan est à retirer.<br>Ajoutez aussi la date", status)
    assert html.index('name="title"') > status, "the status comes before the first field"
    assert "par Dominique" in html[status : status + 1500]
    assert "Resoumettre à Relecture par le comité" in html[status : status + 3000]


def test_edit_page_says_waiting_since_and_draft(client, contributor, moderator, networks):
    page = make_resource("Fiche en attente", network=networks[0])
    draft = make_resource("Fiche brouillon", network=networks[0])
    page.get_workflow().start(page, contributor)
    TaskState.objects.filter(workflow_state__object_id=str(page.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(contributor)
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert 'data-review-status="in_review"' in html
    assert re.search(r"En attente de relecture</strong> — <time[^>]*>il y a 3 jours</time>", html)
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
    assert 'data-review-status="draft"' in html and "Brouillon" in html


def test_my_resources_panel_by_state_with_comment_downloads_and_review_date(
    client, contributor, other_contributor, moderator, networks, sent_back
):
    waiting = make_resource("Fiche en attente", network=networks[0])
    waiting.get_workflow().start(waiting, contributor)
    TaskState.objects.filter(workflow_state__object_id=str(waiting.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=9)
    )
    make_resource("Fiche brouillon", network=networks[0])
    published = make_resource("Fiche publiée", network=networks[0], live=True)
    today = timezone.localdate()
    DownloadDay.objects.create(resource=published, day=today, count=7)
    DownloadDay.objects.create(
        resource=published, day=today.replace(day=1) - datetime.timedelta(days=1), count=50
    )
    make_resource("Fiche bretonne", network=networks[1], live=True)

    client.force_login(contributor)
    html = text_of(client.get(reverse("wagtailadmin_home")))
    assert "Mes ressources" in html
    assert "Relecture : ressources en attente" not in html
    # Wagtail's own « in a workflow » panel (language, privacy columns) is replaced by ours.
    assert "dans un workflow" not in html

    def section(code):
        start = html.index(f'data-section="{code}"')
        return html[start : html.index("</section>", start)]

    sent = section("sent_back")
    assert "Modifications demandées (1)" in sent and "Fiche à relire" in sent
    assert "Le nom du paysan est à retirer.<br>Ajoutez aussi la date de la distribution." in sent
    assert re.search(r"Dominique, <time[^>]*>(maintenant|il y a [^<]+)</time>", sent)
    assert "Fiche brouillon" in section("draft")
    waiting_html = section("in_review")
    assert "Fiche en attente" in waiting_html and "1 semaine, 2 jours" in waiting_html
    live = section("published")
    assert "Fiche publiée" in live
    assert re.search(r"Fiche publiée.*?<td>7", live), "downloads of this month only (not 57)"
    review = published.review_date
    assert review.strftime("%Y") in live and f'datetime="{review:%Y-%m-%d}"' in live
    assert "Fiche bretonne" not in html, "another network's resources are not theirs"

    client.force_login(other_contributor)
    html = text_of(client.get(reverse("wagtailadmin_home")))
    assert "Fiche bretonne" in html
    assert "Fiche à relire" not in html and "Le nom du paysan" not in html

    client.force_login(moderator)
    html = text_of(client.get(reverse("wagtailadmin_home")))
    assert "Mes ressources" not in html and "Relecture : ressources en attente" in html


def test_a_contributor_without_resources_is_invited_to_write(client, networks):
    from .conftest import make_user

    newcomer = make_user("nouvelle", "Contributeur·rices", [networks[1]])
    client.force_login(newcomer)
    html = text_of(client.get(reverse("wagtailadmin_home")))
    assert "Vous n'avez pas encore de ressource." in html
    index = ResourceIndexPage.objects.get()
    add_url = reverse("wagtailadmin_pages:add_subpage", args=[index.pk])
    assert f'href="{add_url}">Écrire une ressource</a>' in html
    # One click more: the type, then the form.
    html = text_of(client.get(add_url))
    assert "Guide, kit ou fiche méthode" in html


def test_a_hostile_comment_is_shown_as_text(client, contributor, moderator, networks, commit):
    page = make_resource("Fiche piégée", network=networks[0])
    with commit():
        submit(client, contributor, page, networks[0], title="Fiche piégée")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    act(client, moderator, page, "reject", {"comment": hostile})
    client.force_login(contributor)
    for url in (reverse("wagtailadmin_pages:edit", args=[page.pk]), reverse("wagtailadmin_home")):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert hostile not in html and "<img src=x" not in html


def test_an_update_asked_by_the_committee_is_shown_until_the_update_is_published(
    client, contributor, moderator, networks, settings, commit
):
    """The committee sends a published resource whose review date has passed back to its
    network: the network's dashboard and the resource's edit form say so, with the reason,
    until a new version is approved (a confirmation « toujours juste » closes it too)."""
    reason = "Les tarifs de 2021 ne sont plus justes."
    page = make_resource("Fiche ancienne", network=networks[0], live=True)
    due = timezone.localdate() - datetime.timedelta(days=3)
    type(page).objects.filter(pk=page.pk).update(review_date=due)
    client.force_login(moderator)
    with commit():
        response = client.post(reverse("moderation_send_back", args=[page.pk]), {"reason": reason})
    assert response.status_code == 302

    client.force_login(contributor)
    home = text_of(client.get(reverse("wagtailadmin_home")))
    section = re.search(r'data-section="update_asked">(.*?)</section>', home).group(1)
    assert "Mises à jour demandées par le comité (1)" in section
    assert "Fiche ancienne" in section and reason in section
    assert 'data-section="published"' not in home
    edit = text_of(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert 'data-review-status="update_asked"' in edit
    assert "Mise à jour demandée" in edit and reason in edit

    # The network submits its update: waiting for the committee, then published.
    with commit():
        submit(
            client,
            contributor,
            page,
            networks[0],
            title="Fiche ancienne, tarifs 2026",
            review_date=due.isoformat(),
        )
    assert 'data-section="in_review"' in text_of(client.get(reverse("wagtailadmin_home")))
    with commit():
        response = act(client, moderator, page, "approve", {**CHECKED, "comment": ""})
    assert response.status_code == 302
    client.force_login(contributor)
    home = text_of(client.get(reverse("wagtailadmin_home")))
    assert 'data-section="update_asked"' not in home
    assert 'data-section="published"' in home and "Fiche ancienne, tarifs 2026" in home
    edit = text_of(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert 'data-review-status="published"' in edit


def test_a_confirmation_closes_the_update_request(client, contributor, moderator, networks):
    page = make_resource("Fiche ancienne", network=networks[0], live=True)
    type(page).objects.filter(pk=page.pk).update(review_date=timezone.localdate())
    client.force_login(moderator)
    client.post(reverse("moderation_send_back", args=[page.pk]), {"reason": "À vérifier."})
    client.force_login(contributor)
    assert 'data-section="update_asked"' in text_of(client.get(reverse("wagtailadmin_home")))
    client.force_login(moderator)
    client.post(reverse("moderation_confirm_still_right", args=[page.pk]))
    client.force_login(contributor)
    home = text_of(client.get(reverse("wagtailadmin_home")))
    assert 'data-section="update_asked"' not in home and 'data-section="published"' in home


def test_after_submitting_the_contributor_lands_on_their_resources(
    client, contributor, networks, commit
):
    from .test_permissions import guide_data

    page = make_resource("Fiche à soumettre", network=networks[0])
    client.force_login(contributor)
    data = guide_data(networks[0], slug=page.slug, title="Fiche à soumettre")
    with commit():
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-submit": "1"}
        )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    home = text_of(client.get(response.url))
    assert "Fiche à soumettre" in re.search(r'data-section="in_review">(.*?)</section>', home)[1]
    # Saving a draft keeps Wagtail's behaviour (stays on the form).
    draft = make_resource("Fiche en cours", network=networks[0])
    data = guide_data(networks[0], slug=draft.slug, title="Fiche en cours")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
