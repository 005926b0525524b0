"""`load_demo` on an empty database: a browsable French library, twice without harm."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Revision

import pytest

from resources.models import KINDS, Audience, ResourcePage, Theme

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo", "--force", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_demo_covers_every_type_and_theme_and_can_run_twice(client):
    output = load()
    assert "rejetée" in output and "0 rejetée(s)" in output
    assert "admin" in output and "amapartage-demo" in output

    resources = ResourcePage.objects.all()
    assert resources.count() >= 30
    live = resources.live()
    assert {r.kind for r in live} == set(KINDS)
    used_themes = set(Theme.objects.filter(resources__in=live).values_list("slug", flat=True))
    assert used_themes == set(Theme.objects.values_list("slug", flat=True))
    assert (
        Audience.objects.filter(resources__in=live).distinct().count() == Audience.objects.count()
    )
    assert any(r.get_downloads() for r in live), "real files to download"
    assert resources.filter(live=False).exists(), "drafts show the editorial side"

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("amapartage-demo")

    # Every public page renders.
    for page in live:
        assert client.get(page.url).status_code == 200, page.url

    counts = (ResourcePage.objects.count(), Revision.objects.count())
    second = load()
    assert "0 créée(s)" in second
    assert (ResourcePage.objects.count(), Revision.objects.count()) == counts


@override_settings(DEBUG=False)
def test_demo_refuses_outside_development_without_force():
    with pytest.raises(CommandError, match="mot de passe est public"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
