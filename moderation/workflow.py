"""The review's forms (checklist, reasons), and what approval does: stamp the review date on
the revision, then publish it (or schedule it, when the resource has a go-live date)."""

import contextvars

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADMIN_PUBLISH = "amapartage.admin_publish"
# Set while the committee's approval publishes: any other publication of a resource is an
# administrator's plain « Publier », logged as such.
_committee_approval = contextvars.ContextVar("committee_approval", default=False)

# (field name, what the moderator confirms)
CHECKLIST = [
    ("licence_checked", _("La licence est vérifiée et permet la publication.")),
    (
        "people_agreed",
        _("Les personnes nommées ou photographiées ont donné leur accord."),
    ),
    ("themes_right", _("Les thèmes (et le type de ressource) sont justes.")),
    ("charter_consistent", _("Le contenu est cohérent avec la charte des AMAP.")),
    (
        "no_personal_data",
        _("Les fichiers ne contiennent plus de données personnelles (adresses, téléphones…)."),
    ),
]


class IncompleteReview(PermissionDenied):
    """An approval or a sending back whose form is not valid (checklist, missing reason)."""

    def __init__(self, form):
        self.form = form
        super().__init__(" ".join(str(e) for errors in form.errors.values() for e in errors))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire (envoyé à l'auteur·rice)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ApprovalForm(CommentForm):
    error_message = _("Cochez chaque point de la liste de relecture avant d'approuver.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CHECKLIST:
            self.fields[name] = forms.BooleanField(label=label, required=False)
        # The checklist first, then the comment.
        self.order_fields([name for name, _label in CHECKLIST])

    def clean(self):
        # One message for the whole checklist, not one per unticked box.
        cleaned = super().clean()
        if not all(cleaned.get(name) for name, _label in CHECKLIST):
            raise forms.ValidationError(self.error_message, code="checklist")
        return cleaned


class RejectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ce qu'il faut modifier (envoyé à l'auteur·rice)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _(
                "Expliquez ce qu'il faut modifier : ce message est envoyé à l'auteur·rice."
            )
        },
    )


def checklist_of(form):
    return {
        name: bool(form.cleaned_data.get(name)) for name, _label in CHECKLIST if name in form.fields
    }


def publish_reviewed(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail's own publication of the latest revision, with
    the committee's review date written into that revision first, so that later revisions,
    which start from it, keep it."""
    # Here, not at the top: Wagtail imports this module (the setting) while its own models
    # load, before any model of the project can.
    from resources.models.pages import ResourcePage, next_review_date

    revision = workflow_state.content_object.get_latest_revision()
    obj = revision.as_object()
    if isinstance(obj, ResourcePage):
        obj.last_reviewed_at = timezone.now().replace(microsecond=0)
        # The committee has just read it: a review date already due (a resource sent back
        # for an update, corrected, approved again) starts over; a date still to come (one
        # an editor chose) is kept.
        if obj.review_date is None or obj.review_date <= timezone.localdate():
            obj.review_date = next_review_date()
        revision.content = obj.serializable_data()
        revision.save(update_fields=["content"])
    token = _committee_approval.set(True)
    try:
        # The approval is the right to publish: moderators have no plain publish on resources
        # (`ResourcePermissionTester.can_publish`), so the workflow publishes on its own rights.
        revision.publish(user=user, skip_permission_checks=True)
    finally:
        _committee_approval.reset(token)


def log_admin_publication(sender, instance, created, raw=False, **kwargs):
    """post_save of PageLogEntry: a resource published (or scheduled) outside the review can
    only be an administrator's doing; say so in its history. Not while a backup is restored
    (raw): the history is loaded as it was, and an entry written meanwhile takes an id that
    a later row of the archive needs (PostgreSQL refused the restore)."""
    # Here, not at the top: see publish_reviewed.
    from wagtail.log_actions import log

    from resources.models import ResourcePage

    if raw or not created or _committee_approval.get():
        return
    if instance.action not in ("wagtail.publish", "wagtail.publish.schedule"):
        return
    page = instance.page if instance.page_id else None
    if page is None or not issubclass(page.specific_class or type(None), ResourcePage):
        return
    log(
        instance=page.specific,
        action=ADMIN_PUBLISH,
        user=instance.user,
        revision=instance.revision,
        data={"scheduled": instance.action == "wagtail.publish.schedule"},
    )


def connect():
    from django.db.models.signals import post_save

    from wagtail.models import PageLogEntry

    post_save.connect(log_admin_publication, sender=PageLogEntry, dispatch_uid=ADMIN_PUBLISH)
