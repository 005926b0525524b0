"""python manage.py gdpr_erase EMAIL --yes: erase everything held about one address."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from operations import gdpr


class Command(BaseCommand):
    help = _(
        "Efface tout ce que la bibliothèque détient sur une adresse électronique "
        "(propositions, compte, traces d'auteur)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--yes", action="store_true", help=_("confirmer l'effacement (il est définitif)")
        )

    def handle(self, email, yes=False, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                _("« %(email)s » n'est pas une adresse électronique.") % {"email": email}
            ) from None
        if not yes:
            raise CommandError(
                _(
                    "L'effacement est définitif : relancez avec --yes pour "
                    "confirmer (gdpr_export d'abord, si la personne demande "
                    "aussi ses données)."
                )
            )
        report = gdpr.erase(email)
        self.stdout.write(
            _(
                "Effacé : %(proposals)s proposition(s), %(accounts)s compte(s), %(sessions)s "
                "session(s), %(failed)s trace(s) de connexion ; auteur retiré de %(revisions)s "
                "révision(s) et %(logs)s entrée(s) du journal."
            )
            % {
                "proposals": report["proposals"],
                "accounts": report["accounts"],
                "sessions": report["sessions"],
                "failed": report["failed_logins"],
                "revisions": report["revisions"],
                "logs": report["log_entries"],
            }
        )
        self.stdout.write(
            _("Recherches enregistrées effacées : %(count)s.") % {"count": report["search_queries"]}
        )
        for text in report["search_queries_promoted"]:
            self.stdout.write(
                _(
                    "À corriger à la main : la recherche « %(query)s » porte une mise en avant "
                    "du comité (Recherche › Mises en avant)."
                )
                % {"query": text}
            )
        for title in report["mentioned_in_resources"]:
            self.stdout.write(
                _("À corriger à la main : la ressource « %(title)s » mentionne cette adresse.")
                % {"title": title}
            )
