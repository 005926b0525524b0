"""What makes a resource's fields valid, wherever they come from: a line of an import file
(`resources.importing`), the public proposal form (`moderation.forms`). The limits are the
models' own, so the admin's page form (built from the models) agrees with both.

Each surface removes the fields it does not ask (`field = None`) and may tighten a rule; the
importer speaks of keys and slugs, so it words some errors its own way from their code.
"""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taggit.models import Tag

from resources import filechecks
from resources.models import KIND_CHOICES, Audience, Licence, Network, ResourcePage, Theme
from resources.models.pages import DEFAULT_LICENCE, FIRST_YEAR, LAST_YEAR
from resources.regions import canonical_region
from resources.textformat import clean_title


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def quoted(values):
    return ", ".join(f"« {v} »" for v in values)


class TextField(forms.CharField):
    """Text with Django's rule against NUL characters, said so that people understand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            ProhibitNullCharactersValidator(
                message=gettext_lazy("Le texte contient un caractère nul, qui n'est pas permis.")
            )
            if isinstance(v, ProhibitNullCharactersValidator)
            else v
            for v in self.validators
        ]
        self.error_messages["max_length"] = gettext_lazy(
            "%(limit_value)d caractères au plus (il y en a %(show_value)d)."
        )


class KnownValues:
    """A choice field whose « unknown value » error also says the known ones (`known`): an
    import file is corrected by reading its errors."""

    def known(self):
        if hasattr(self, "queryset"):
            return self.queryset.order_by("slug").values_list("slug", flat=True)
        return sorted(key for key, _label in self.choices)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_choice":
                exc.params = {**(exc.params or {}), "known": ", ".join(self.known())}
            raise


class KindField(KnownValues, forms.ChoiceField):
    pass


class SlugField(KnownValues, forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)


class SlugsField(SlugField, forms.ModelMultipleChoiceField):
    """Every unknown slug is named at once (Django names the first)."""

    def _check_values(self, value):
        wanted = list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        if self.required and not wanted:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        found = self.queryset.filter(slug__in=wanted)
        unknown = [v for v in wanted if v not in {o.slug for o in found}]
        if unknown:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": quoted(unknown)},
            )
        return found


class TagsField(TextField):
    """Free keywords: a list, or words separated by commas; each fits a tag's name."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.split(",")
        return list(dict.fromkeys(v.strip() for v in value or () if v.strip()))

    def run_validators(self, value):
        for tag in value:
            super().run_validators(tag)
        limit = _max_length(Tag, "name")
        if any(len(tag) > limit for tag in value):
            raise forms.ValidationError(
                _("Un mot-clé fait plus de %(max)s caractères.") % {"max": limit},
                code="tag_length",
            )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        # An empty file is refused by filechecks, with its name.
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ResourceFieldsForm(forms.Form):
    """A resource's own fields and their rules (not who sends it, nor how)."""

    # Extensions and size accepted for attached files; None: the library's (WAGTAILDOCS_*).
    file_extensions = None

    kind = KindField(
        label=gettext_lazy("Type de ressource"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choisissez le type de ressource."),
            "invalid_choice": gettext_lazy("Ce type de ressource n'existe pas : choisissez-en un."),
        },
    )
    title = TextField(
        label=gettext_lazy("Titre"),
        max_length=_max_length(ResourcePage, "title"),
        error_messages={"required": gettext_lazy("Donnez un titre à la ressource.")},
    )
    summary = TextField(
        label=gettext_lazy("Résumé"),
        max_length=_max_length(ResourcePage, "summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Une ou deux phrases (500 signes au plus)."),
        error_messages={"required": gettext_lazy("Résumez la ressource en une ou deux phrases.")},
    )
    body = TextField(
        label=gettext_lazy("Contenu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Texte simple : laissez une ligne vide entre deux paragraphes, commencez un "
            "intertitre par « ## » et un élément de liste par « - »."
        ),
    )
    themes = SlugsField(
        Theme.objects.all(),
        label=gettext_lazy("Thèmes"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Cochez au moins un thème."),
            "invalid_choice": gettext_lazy(
                "Valeur(s) inconnue(s) %(value)s : ce thème n'existe pas (thèmes existants : "
                "%(known)s)."
            ),
        },
    )
    audiences = SlugsField(
        Audience.objects.all(),
        label=gettext_lazy("Publics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Valeur(s) inconnue(s) %(value)s : ce public n'existe pas (publics existants : "
                "%(known)s)."
            )
        },
    )
    tags = TagsField(label=gettext_lazy("Mots-clés"), required=False)
    # By name: an import names networks that may not exist yet (they are created).
    network = TextField(
        label=gettext_lazy("Réseau"),
        required=False,
        max_length=_max_length(Network, "name"),
        error_messages={"required": gettext_lazy("Donnez le nom du réseau.")},
    )
    region = TextField(
        label=gettext_lazy("Région"), required=False, max_length=_max_length(Network, "region")
    )
    year = forms.IntegerField(
        label=gettext_lazy("Année de publication"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    files = MultipleFileField(label=gettext_lazy("Fichiers"), required=False)
    cover = forms.FileField(
        label=gettext_lazy("Image de couverture"), required=False, allow_empty_file=True
    )
    url = TextField(
        label=gettext_lazy("Lien externe"),
        required=False,
        max_length=_max_length(ResourcePage, "external_url"),
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=gettext_lazy("Ce n'est pas une adresse web valide (http:// ou https://)."),
            )
        ],
    )
    licence = SlugField(
        Licence.objects.all(),
        label=gettext_lazy("Licence"),
        initial=DEFAULT_LICENCE,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Une licence libre permet aux autres réseaux de reprendre et d'adapter la ressource."
        ),
        error_messages={
            "required": gettext_lazy("Choisissez une licence."),
            "invalid_choice": gettext_lazy("Cette licence n'existe pas : choisissez-en une."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "year" in self.fields:
            self.fields["year"].error_messages.update(
                dict.fromkeys(
                    ("invalid", "min_value", "max_value"),
                    _("L'année doit être un nombre entier entre %(first)s et %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
            )

    def max_file_size(self):
        """Bytes per attached file; None: the library's limit."""
        return None

    def clean_title(self):
        title = clean_title(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Le titre ne contient aucun caractère visible."))
        return title

    def clean_region(self):
        region = self.cleaned_data["region"]
        if region and canonical_region(region) is None:
            raise forms.ValidationError(
                _(
                    "Région « %(region)s » inconnue : donnez une région française, "
                    "par exemple « Auvergne-Rhône-Alpes »."
                )
                % {"region": region},
                code="unknown_region",
            )
        return canonical_region(region) if region else ""

    def clean_files(self):
        problems = [
            filechecks.check_document(
                upload,
                upload.name,
                allowed_extensions=self.file_extensions,
                max_size=self.max_file_size(),
            )
            for upload in self.cleaned_data["files"]
        ]
        if any(problems):
            raise forms.ValidationError([p for p in problems if p])
        return self.cleaned_data["files"]

    def clean_cover(self):
        cover = self.cleaned_data["cover"]
        problem = cover and filechecks.check_image(cover, cover.name)
        if problem:
            raise forms.ValidationError(problem)
        return cover
