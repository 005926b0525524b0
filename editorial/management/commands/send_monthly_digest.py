import datetime

from django.core.management.base import BaseCommand, CommandError

from editorial.digest import previous_month, send_digests


class Command(BaseCommand):
    help = (
        "Envoie la lettre mensuelle aux contributeur·rices des réseaux (le mois écoulé par "
        "défaut). Relancée, elle n'envoie rien deux fois pour le même mois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month", help="Mois raconté, AAAA-MM (par défaut : le mois précédent)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche les destinataires sans rien envoyer."
        )

    def handle(self, *args, month=None, dry_run=False, **options):
        if month:
            try:
                month = datetime.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                raise CommandError(
                    "Mois invalide : écrivez-le sous la forme AAAA-MM, par exemple 2026-03."
                ) from None
        else:
            month = previous_month()
        sent = send_digests(month, dry_run=dry_run, log=self.stdout.write)
        verb = "seraient envoyées" if dry_run else "envoyées"
        self.stdout.write(f"{month:%Y-%m} : {sent} lettre(s) {verb}.")
