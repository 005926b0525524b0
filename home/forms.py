from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Every image form of the admin (upload, edit, multiple upload, chooser): the image's
    description is its alt text on the site, so it cannot be left empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = _("Texte alternatif")
            field.help_text = _(
                "Ce que montre l'image, pour les personnes qui ne la voient pas (lecteur "
                "d'écran, image non chargée). Par exemple « Distribution de légumes sous "
                "un préau ». Obligatoire."
            )
            field.error_messages["required"] = _(
                "Décrivez l'image : ce texte remplace l'image pour les personnes qui ne la "
                "voient pas."
            )
