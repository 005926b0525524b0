import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.models import Page

from django_ratelimit.core import is_ratelimited

from . import notifications, proposals, resubmit
from .forms import (
    ProposalForm,
    ResubmitForm,
    claim_token,
    make_timestamp,
    read_timestamp,
    release_token,
)

logger = logging.getLogger("amapartage.moderation")


def _privacy_url():
    # Found by its slug, not its type: the site's pages (home) are built on top of moderation.
    # The shallowest such page is the site's own, never a resource further down.
    page = Page.objects.live().filter(slug="donnees-personnelles").order_by("depth").first()
    return page.url if page else ""


def _looks_automated(request):
    """A robot fills the hidden field, or answers faster than anybody can read the form."""
    if request.POST.get("website"):
        return True
    elapsed = read_timestamp(request.POST.get("started"))
    return elapsed is None or elapsed < settings.PROPOSAL_MIN_FILL_SECONDS


@never_cache
def propose(request):
    if request.method == "POST":
        limited = _rate_limited(request)
        if limited:
            return limited
        if _looks_automated(request):
            logger.info("Proposal dropped as automated")
            return redirect("moderation:thanks")
        form = ProposalForm(request.POST, request.FILES)
        elapsed = read_timestamp(request.POST.get("started"))
        expired = elapsed > settings.PROPOSAL_FORM_MAX_AGE
        token = request.POST.get("started")
        if expired:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Le formulaire était ouvert depuis trop longtemps : vérifiez-le et "
                    "envoyez-le à nouveau."
                ),
            )
        elif form.is_valid():
            if not claim_token(token):
                # The same form sent again (a replay, or a double click): nothing created.
                logger.info("Proposal form token replayed")
                form.add_error(
                    None,
                    _(
                        "Ce formulaire a déjà été envoyé : la proposition qu'il contenait a "
                        "bien été reçue. Pour en proposer une autre, ouvrez à nouveau le "
                        "formulaire."
                    ),
                )
                expired = True  # shown again with a new token
            else:
                try:
                    proposals.create(form.cleaned_data)
                except proposals.ProposalError as exc:
                    release_token(token)
                    form.add_error(None, str(exc))
                except Exception:
                    release_token(token)
                    raise
                else:
                    return redirect("moderation:thanks")
        # Keep the time the volunteer started, unless it was too long ago or already used.
        started = make_timestamp() if expired else token
        data = form.data.copy()
        data["started"] = started
        form.data = data
        files_lost = bool(request.FILES.getlist("files"))
    else:
        form = ProposalForm(initial={"started": make_timestamp()})
        files_lost = False
    return render(
        request,
        "moderation/propose.html",
        {"form": form, "files_lost": files_lost, "privacy_url": _privacy_url()},
    )


def _rate_limited(request):
    if not is_ratelimited(
        request,
        group="moderation.propose",
        key="ip",
        rate=settings.PROPOSAL_RATE_LIMIT,
        method="POST",
        increment=True,
    ):
        return None
    response = render(
        request,
        "moderation/rate_limited.html",
        {"propose_url": reverse("moderation:propose")},
        status=429,
    )
    response["Retry-After"] = "3600"
    return response


def _refused(request, refusal, context):
    return render(
        request,
        "moderation/resubmit_refused.html",
        {**context, "message": refusal.message, "propose_url": reverse("moderation:propose")},
        status=refusal.status,
    )


@never_cache
def resubmit_proposal(request, token):
    """A volunteer's proposal sent back by the committee, reached by the private link of the
    decision e-mail: corrected and sent to the committee again."""
    context = {"contact_email": settings.CONTACT_EMAIL}
    try:
        proposal, page, state = resubmit.open_link(token)
    except resubmit.LinkRefused as refusal:
        return _refused(request, refusal, context)
    context["contact_email"] = notifications.contact_address(page.network)
    documents = resubmit.current_documents(page)
    if request.method == "POST":
        limited = _rate_limited(request)
        if limited:
            return limited
        form = ResubmitForm(request.POST, request.FILES, documents=documents)
        if form.is_valid():
            stored = []
            try:
                resubmit.resubmit(proposal, page, state, form.cleaned_data, stored)
            except Exception as exc:
                for fieldfile in stored:
                    fieldfile.storage.delete(fieldfile.name)
                if isinstance(exc, resubmit.LinkRefused):
                    return _refused(request, exc, context)
                raise
            return render(request, "moderation/resubmitted.html", {**context, "page": page})
        files_lost = bool(request.FILES.getlist("files"))
    else:
        form = ResubmitForm(initial=resubmit.initial_for(proposal, page), documents=documents)
        files_lost = False
    return render(
        request,
        "moderation/resubmit.html",
        {
            **context,
            "form": form,
            "page": page,
            "comment": state.current_task_state.comment if state.current_task_state else "",
            "files_lost": files_lost,
            "privacy_url": _privacy_url(),
        },
    )


def thanks(request):
    return render(
        request,
        "moderation/thanks.html",
        {"retention_months": settings.PROPOSAL_RETENTION_MONTHS},
    )


def contributor_guide(request):
    """The admin's help menu: a short French guide for network staff (instead of Wagtail's
    English guides)."""
    return render(
        request,
        "moderation/admin/contributor_guide.html",
        {"page_title": _("Guide de la contribution"), "header_icon": "help"},
    )
