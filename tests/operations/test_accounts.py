"""Password reset e-mails are limited per mailbox, whoever asks and from wherever."""

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from operations.accounts import PASSWORD_RESET_PER_MAILBOX

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"


def test_one_mailbox_gets_a_few_reset_emails_an_hour_from_any_number_of_addresses(client):
    User = get_user_model()
    User.objects.create_user("camille", "camille.reset@exemple.org", "un-mot-de-passe-long")
    User.objects.create_user("sacha", "sacha.reset@exemple.org", "un-mot-de-passe-long")
    allowed = int(PASSWORD_RESET_PER_MAILBOX.split("/")[0])
    answers = [
        client.post(URL, {"email": "Camille.Reset@exemple.org"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(1, allowed + 4)
    ]
    # Every answer is the same « e-mail sent » page: the limit tells nothing about the account.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/admin/password_reset/done/")
    }
    assert len(mail.outbox) == allowed
    assert all(m.to == ["camille.reset@exemple.org"] for m in mail.outbox)
    # Another mailbox is not affected.
    client.post(URL, {"email": "sacha.reset@exemple.org"}, REMOTE_ADDR="10.0.0.1")
    assert mail.outbox[-1].to == ["sacha.reset@exemple.org"]
    assert len(mail.outbox) == allowed + 1
