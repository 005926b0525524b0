"""python manage.py purge_uploads: delete the files the multiple uploader parked and nobody
finished (closed tab), with their rows, after 24 hours."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from moderation import uploads


class Command(BaseCommand):
    help = _(
        "Supprime les fichiers envoyés par l'envoi multiple et jamais enregistrés "
        "(formulaire abandonné), après 24 heures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=int(uploads.UPLOAD_MAX_AGE.total_seconds() // 3600),
            help=_("Âge minimal, en heures, d'un envoi abandonné (24 par défaut)."),
        )

    def handle(self, hours, **options):
        if hours < 1:
            raise CommandError(_("--hours doit être un nombre entier d'heures, au moins 1."))
        count = uploads.purge_abandoned(max_age=datetime.timedelta(hours=hours))
        self.stdout.write(_("%(count)s envoi(s) abandonné(s) supprimé(s).") % {"count": count})
