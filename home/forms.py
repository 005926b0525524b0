from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm

from resources import filechecks


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

    def clean_file(self):
        """The image's format is read from its content, and its size in pixels from its
        header, before anything decodes it (a 20000 × 20000 PNG is refused here)."""
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            problem = filechecks.check_image(
                upload, upload.name, allowed=tuple(settings.WAGTAILIMAGES_EXTENSIONS)
            )
            if problem:
                raise ValidationError(problem, code="bad_image")
            upload.seek(0)
        return upload
