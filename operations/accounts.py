"""Password reset e-mails, limited per mailbox.

nginx limits the reset form per client address (deploy/nginx); a robot spread over many
addresses could still send one account's owner an e-mail a second. This form sends at most
PASSWORD_RESET_PER_MAILBOX reset e-mails per address written in the form; beyond, it answers
exactly as it does for an unknown address (« if an account exists, an e-mail was sent »), so
the limit tells nobody whether the account exists.
"""

import logging

from wagtail.admin.forms.auth import PasswordResetForm

from django_ratelimit.core import is_ratelimited

PASSWORD_RESET_PER_MAILBOX = "3/h"  # noqa: S105 (a rate, not a password)

logger = logging.getLogger("amapartage.security")


class MailboxLimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        mailbox = self.cleaned_data["email"].strip().casefold()
        if request is not None and is_ratelimited(
            request,
            group="operations.password_reset",
            key=lambda _group, _request: mailbox,
            rate=PASSWORD_RESET_PER_MAILBOX,
            method="POST",
            increment=True,
        ):
            logger.warning("Password reset e-mail not sent: too many for one address this hour")
            return
        super().save(*args, request=request, **kwargs)
