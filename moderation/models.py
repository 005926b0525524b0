"""The reading committee's review task, public proposals."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, TaskState


class EditorialReviewTaskState(TaskState):
    """One review of one revision, with the checklist the moderator confirmed when approving."""

    checklist = models.JSONField(_("liste de relecture"), default=dict, blank=True)

    class Meta:
        verbose_name = _("état de relecture éditoriale")
        verbose_name_plural = _("états de relecture éditoriale")


class EditorialReviewTask(AbstractGroupApprovalTask):
    """The reading committee's review: approve (publish) after the checklist, or send back with
    a reason."""

    require_checklist = models.BooleanField(
        _("liste de relecture obligatoire"),
        default=True,
        help_text=_(
            "Pour approuver, la personne qui relit confirme chaque point : licence vérifiée, "
            "accord des personnes nommées, thèmes justes, cohérence avec la charte des AMAP, "
            "pas de données personnelles dans les fichiers."
        ),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "require_checklist"]
    task_state_class = EditorialReviewTaskState

    class Meta:
        verbose_name = _("relecture éditoriale")
        verbose_name_plural = _("relectures éditoriales")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Demander des modifications"), True),
                ("approve", _("Approuver et publier"), True),
            ]
        return []

    def get_form_for_action(self, action):
        # Here, not at the top: Wagtail imports workflow (a setting) while its models load.
        from moderation import workflow

        if action == "approve":
            return workflow.ApprovalForm if self.require_checklist else workflow.CommentForm
        if action == "reject":
            return workflow.RejectionForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from moderation import workflow  # here: see get_form_for_action

        # The editor's action menu posts the modal's data without validating it again:
        # check it here too, so that no request can approve without the checklist.
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise workflow.IncompleteReview(form)
        comment = form.cleaned_data.get("comment", "")
        if action_name == "approve":
            task_state.checklist = workflow.checklist_of(form)
            task_state.save(update_fields=["checklist"])
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis relisent la ressource, puis la publient ou "
            "demandent des modifications en expliquant pourquoi."
        )


class Proposal(models.Model):
    """A resource proposed through the public form: who proposed it, kept only until
    PROPOSAL_RETENTION_MONTHS after the decision, never shown publicly."""

    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    DECISIONS = [
        (APPROVED, _("publiée")),
        (REJECTED, _("modifications demandées")),
        (CANCELLED, _("relecture annulée")),
    ]

    page = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("ressource"),
    )
    contributor_name = models.CharField(_("nom"), max_length=150)
    contributor_email = models.EmailField(_("adresse électronique"))
    consent_at = models.DateTimeField(_("accord donné le"))
    submitted_at = models.DateTimeField(_("proposée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision = models.CharField(_("décision"), max_length=20, choices=DECISIONS, blank=True)
    # The text as the volunteer typed it (type, title, summary, body, slugs): their private
    # resubmission link fills the form with it again. Nothing personal.
    typed = models.JSONField(_("texte proposé"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-submitted_at"]

    def __str__(self):
        return _("Proposition n° %(pk)s") % {"pk": self.pk}


class PermissionGrant(models.Model):
    """A one-off grant done after migrations (a model of another app appeared): recorded so that
    it is never done again over an administrator's later change of the group."""

    key = models.CharField(max_length=100, unique=True)
    granted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
