"""python manage.py load_demo: the site tree, French demo resources and demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo import loader as demo
from search import indexing


class Command(BaseCommand):
    help = _("Charge le contenu de démonstration (sans effet sur ce qui existe déjà).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "charger même hors mode développement (crée des comptes aux mots de passe connus)"
            ),
        )

    def handle(self, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "load_demo crée des comptes dont le mot de passe est public : refusé hors "
                    "du mode développement. Ajoutez --force si c'est bien voulu."
                )
            )
        demo.ensure_site_tree()
        with indexing.deferred():
            counts = demo.load_resources(stdout=self.stdout, stderr=self.stderr)
        users = demo.ensure_accounts()
        self.stdout.write(
            _(
                "Ressources de démonstration : %(c)s créée(s), %(u)s mise(s) à "
                "jour, %(n)s inchangée(s), %(r)s rejetée(s)."
            )
            % {
                "c": counts["created"],
                "u": counts["updated"],
                "n": counts["unchanged"],
                "r": counts["rejected"],
            }
        )
        self.stdout.write(
            _("Comptes de démonstration (mot de passe « %(password)s ») :")
            % {"password": demo.DEMO_PASSWORD}
        )
        for user in users:
            roles = ", ".join(g.name for g in user.groups.all()) or (
                _("administration") if user.is_superuser else ""
            )
            networks = ", ".join(m.network.name for m in user.network_memberships.all())
            details = " ; ".join(x for x in (roles, networks) if x)
            self.stdout.write(f"  - {user.username} ({user.get_full_name()}) : {details}")
        self.stdout.write(_("Administration : http://127.0.0.1:8000/admin/"))
        if counts["rejected"]:
            raise CommandError(_("Des ressources de démonstration ont été rejetées."))
