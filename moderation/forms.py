"""The public proposal form."""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resources.models import Network
from resources.sizes import french_size
from resources.validation import (
    MultipleFileField,
    MultipleFileInput,
    ResourceFieldsForm,
    TextField,
)

PROPOSAL_EXTENSIONS = ("pdf", "odt", "docx", "png", "jpg", "jpeg")
TIMESTAMP_SALT = "moderation.proposal.started"


# -- the public proposal form --------------------------------------------------------------


def make_timestamp(at=None):
    """The signed time the form was shown: too quick an answer is a robot's. The random part
    makes each form's token unique, so that it can be used once (claim_token)."""
    return signing.dumps(
        {"t": time.time() if at is None else at, "n": secrets.token_urlsafe(12)},
        salt=TIMESTAMP_SALT,
    )


def _token_key(token):
    return "moderation.proposal.used:" + hashlib.sha256(token.encode()).hexdigest()


def claim_token(token):
    """Mark a form's token as used; False if it already was (a replay). Kept as long as the
    token is valid (PROPOSAL_FORM_MAX_AGE). A cache that is down (None) lets it through."""
    timeout = settings.PROPOSAL_FORM_MAX_AGE + 60
    return cache.add(_token_key(token or ""), 1, timeout=timeout) is not False


def release_token(token):
    """The proposal could not be written: the same form may be sent again."""
    cache.delete(_token_key(token or ""))


def read_timestamp(token):
    """Seconds since the form was shown, or None if the token is missing or forged."""
    try:
        started = signing.loads(token or "", salt=TIMESTAMP_SALT)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not isinstance(started, int | float):
        return None
    return time.time() - started


class ProposalForm(ResourceFieldsForm):
    """The shared rules of a resource's fields, with what a volunteer is asked: fewer fields,
    the networks that exist, files limited in kind, number and weight, and who they are."""

    file_extensions = PROPOSAL_EXTENSIONS

    audiences = tags = region = year = cover = url = None
    body = TextField(
        label=gettext_lazy("Contenu"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=ResourceFieldsForm.base_fields["body"].help_text,
    )
    network = forms.ModelChoiceField(
        label=gettext_lazy("Réseau"),
        queryset=Network.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Aucun, ou je ne sais pas"),
        help_text=gettext_lazy("Le réseau d'AMAP qui a produit la ressource, s'il y en a un."),
        error_messages={
            "invalid_choice": gettext_lazy("Ce réseau n'existe pas : choisissez-en un.")
        },
    )
    files = MultipleFileField(
        label=gettext_lazy("Fichiers"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in PROPOSAL_EXTENSIONS)}),
        help_text=gettext_lazy(
            "PDF, ODT, DOCX, PNG ou JPEG ; %(count)s fichiers de %(size)s au plus chacun."
        ),
    )
    contributor_name = TextField(
        label=gettext_lazy("Votre nom"),
        max_length=150,
        error_messages={"required": gettext_lazy("Indiquez votre nom.")},
    )
    contributor_email = forms.EmailField(
        label=gettext_lazy("Votre adresse électronique"),
        max_length=254,
        help_text=gettext_lazy("Pour vous dire ce que le comité de lecture a décidé."),
        error_messages={
            "required": gettext_lazy("Indiquez votre adresse électronique."),
            "invalid": gettext_lazy(
                "Cette adresse électronique n'est pas valide (exemple : nom@exemple.org)."
            ),
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "J'accepte que mes coordonnées servent à me répondre, comme le dit la politique "
            "de données personnelles, et que la ressource soit publiée sous la licence choisie."
        ),
        error_messages={
            "required": gettext_lazy(
                "Cochez cette case : sans votre accord, nous ne pouvons pas traiter la proposition."
            )
        },
    )
    # Robots fill every field; people never see this one.
    website = forms.CharField(label=gettext_lazy("Laissez ce champ vide"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "count": self.max_files(),
            "size": french_size(self.max_file_size()),
        }

    @staticmethod
    def max_files():
        return settings.PROPOSAL_MAX_FILES

    def max_file_size(self):
        return settings.PROPOSAL_MAX_FILE_SIZE

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > self.max_files():
            raise forms.ValidationError(
                _("%(count)s fichiers au plus (vous en avez choisi %(n)s).")
                % {"count": self.max_files(), "n": len(files)}
            )
        files = super().clean_files()
        total_limit = settings.PROPOSAL_MAX_TOTAL_SIZE
        total = sum(upload.size for upload in files)
        if total > total_limit:
            raise forms.ValidationError(
                _("Les fichiers pèsent %(size)s ensemble, la limite est de %(max)s.")
                % {"size": french_size(total), "max": french_size(total_limit)}
            )
        return files


class ResubmitForm(ProposalForm):
    """The volunteer's own proposal, sent back by the committee: the same fields and checks as
    /proposer/, without what is already known (kind, name, address, consent); the files
    already sent are kept unless unticked."""

    keep = forms.MultipleChoiceField(
        label=gettext_lazy("Fichiers déjà envoyés"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Décochez un fichier pour le retirer de la proposition."),
        error_messages={
            "invalid_choice": gettext_lazy("Ce fichier ne fait pas partie de votre proposition.")
        },
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "contributor_name", "contributor_email", "consent", "website"):
            del self.fields[name]
        self.documents = {str(d.pk): d for d in documents}
        self.fields["keep"].choices = [(pk, self.describe(d)) for pk, d in self.documents.items()]
        self.fields["keep"].initial = list(self.documents)
        self.order_fields(["title", "summary", "body", "themes", "network", "keep", "files"])

    @staticmethod
    def describe(document):
        try:
            size = french_size(document.file.size)
        except OSError:
            size = "?"
        return f"{document.title} ({document.filename}, {size})"

    def clean_keep(self):
        return [self.documents[pk] for pk in self.cleaned_data["keep"]]

    def clean(self):
        cleaned = super().clean()
        kept, new = len(cleaned.get("keep") or []), len(cleaned.get("files") or [])
        if kept + new > self.max_files():
            self.add_error(
                "files",
                _(
                    "%(count)s fichiers au plus en tout (vous en gardez %(kept)s et en "
                    "ajoutez %(n)s)."
                )
                % {"count": self.max_files(), "kept": kept, "n": new},
            )
        return cleaned
