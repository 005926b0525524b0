"""python manage.py gdpr_export EMAIL [--output FILE]: everything held about one address."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from operations import gdpr


class Command(BaseCommand):
    help = _("Exporte (JSON) tout ce que la bibliothèque détient sur une adresse électronique.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help=_("fichier où écrire l'export (sinon : la sortie)"))

    def handle(self, email, output=None, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                _("« %(email)s » n'est pas une adresse électronique.") % {"email": email}
            ) from None
        text = json.dumps(gdpr.export(email), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
            self.stdout.write(_("Export écrit dans %(path)s.") % {"path": output})
        else:
            self.stdout.write(text)
