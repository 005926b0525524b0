"""Contributors edit only the resources of their own networks: enforced where every admin view
asks, the page's permission tester (`ResourcePage.permissions_for_user`), and in the network
field of the resource form."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from wagtail.models import PagePermissionTester

from resources.models.snippets import NetworkMembership

_CACHE_ATTR = "_moderation_network_ids"


def user_network_ids(user):
    """Ids of the networks the user writes for, cached on the user for the request."""
    if not user.is_authenticated:
        return frozenset()
    ids = getattr(user, _CACHE_ATTR, None)
    if ids is None:
        ids = frozenset(
            NetworkMembership.objects.filter(user=user).values_list("network_id", flat=True)
        )
        setattr(user, _CACHE_ATTR, ids)
    return ids


def is_network_restricted(user, permissions):
    """Whoever may publish is on the reading committee and works on every network; anyone else
    who edits is a contributor, bound to their networks."""
    return user.is_active and not user.is_superuser and "publish" not in permissions


class ResourcePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed for contributors to their networks' resources."""

    @cached_property
    def network_restricted(self):
        return is_network_restricted(self.user, getattr(self, "permissions", set()))

    @cached_property
    def in_own_network(self):
        if not self.network_restricted:
            return True
        if self.page.pk is None:
            return False
        # The stored row, not the object handed in: previews and revisions pass a
        # revision's content, whose network a draft may have changed. (Every resource type
        # inherits the network from ResourcePage, which imports this module.)
        network_id = (
            type(self.page)
            ._default_manager.filter(pk=self.page.pk)
            .values_list("network_id", flat=True)
            .first()
        )
        return network_id is not None and network_id in user_network_ids(self.user)

    def can_edit(self):
        return self.in_own_network and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.in_own_network and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        # A resource reaches the public only through the committee's approval (which
        # publishes with the workflow's own rights), never by a plain « Publier »: this one
        # rule closes publish, schedule, revert-and-publish, bulk publish and the API.
        # Administrators keep it, and each such publication is logged (`admin_publication`).
        return self.user.is_superuser and super().can_publish()

    def can_set_view_restrictions(self):
        return self.in_own_network and super().can_publish()

    def can_unschedule(self):
        # Withdrawing a scheduled publication sends nothing to the public: the committee may.
        return self.in_own_network and super().can_publish()

    def can_unpublish(self):
        return self.in_own_network and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.in_own_network and self.can_edit() and super().can_submit_for_moderation()

    def can_lock(self):
        return self.in_own_network and super().can_lock()

    def can_unlock(self):
        # Anyone may lift their own lock; otherwise the network rule applies.
        return self.user_has_lock() or (self.in_own_network and super().can_unlock())

    def can_view_revisions(self):
        if self.network_restricted:
            return self.can_edit()
        return super().can_view_revisions()

    def can_copy(self):
        return self.can_edit()


class ResourceIndexPermissionTester(PagePermissionTester):
    """The resource index's children are resources: creating one live, copying one with its
    publication or aliasing one goes through the review too, except for administrators."""

    def can_publish_subpage(self):
        return self.user.is_superuser and super().can_publish_subpage()


def restrict_network_choices(form):
    """Admin resource form: a contributor picks one of their own networks, and must."""
    field = form.fields.get("network")
    user = getattr(form, "for_user", None)
    if field is None or user is None:
        return
    subject = form.instance if form.instance.pk else getattr(form, "parent_page", None)
    if subject is None:
        return
    tester = subject.permissions_for_user(user)
    if not is_network_restricted(user, getattr(tester, "permissions", set())):
        return
    ids = user_network_ids(user)
    field.queryset = field.queryset.filter(pk__in=ids)
    field.required = form.network_is_mandatory = True
    if ids:
        field.help_text = _("Vous ne pouvez créer et modifier que les ressources de vos réseaux.")
        field.error_messages["required"] = _("Choisissez l'un de vos réseaux.")
        field.error_messages["invalid_choice"] = _(
            "Choisissez l'un de vos réseaux : vous ne pouvez pas écrire pour un autre réseau."
        )
    else:
        field.error_messages["required"] = field.error_messages["invalid_choice"] = _(
            "Votre compte n'est rattaché à aucun réseau : demandez à un·e administrateur·rice "
            "de vous y ajouter."
        )
    if len(ids) == 1 and not form.initial.get("network"):
        form.initial["network"] = next(iter(ids))
