"""python manage.py purge_proposals: erase volunteers' names and e-mails once no longer needed."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from moderation import proposals


class Command(BaseCommand):
    help = _(
        "Efface le nom et l'adresse des personnes qui ont proposé une ressource, "
        "PROPOSAL_RETENTION_MONTHS mois après la décision du comité (ou dès que la "
        "ressource n'existe plus)."
    )

    def handle(self, **options):
        months = settings.PROPOSAL_RETENTION_MONTHS
        count = proposals.purge(months=months)
        self.stdout.write(
            _("%(count)s proposition(s) effacée(s) (décision il y a plus de %(months)s mois).")
            % {"count": count, "months": months}
        )
