"""Images and documents follow the network rule of the resources (resources.permissions):
a contributor changes, replaces or deletes only the files of their own networks; the reading
committee works on every network. Set as the permission policy of both models, which every
admin path asks (edit, file replacement, delete, multiple upload, choosers, bulk actions,
listings): one rule, no per-view patch.

A file belongs to the networks of the resources that use it (document thumbnails to their
document's); one no resource uses belongs to the networks of whoever uploaded it. A file of a
resource without network, of a page that is no resource, or uploaded anonymously (a proposal
that named no network) is for the committee only. A file several networks use is for the
committee too: no contributor alters another network's resource through it. Choosing (using) a
published file is not restricted: contributors may use any published image. A private file (of
a resource not yet published, or a volunteer's proposal) is chosen, listed in the choosers and
downloaded (resources.privacy.ensure_document_access) only by those who may alter it, and by
whoever uploaded it: a network's drafts and the proposals the committee has not read yet stay
out of other networks' sight.
"""

from collections import defaultdict

from django.db.models import Q

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from resources.models import NetworkMembership, ResourcePage
from resources.permissions import user_network_ids
from resources.privacy import collection_is_private, private_collection_ids

ALTER = frozenset({"change", "delete"})
CHOOSE = "choose"
_CACHE_ATTR = "_moderation_every_network"


def works_on_every_network(user):
    """Superusers and whoever may publish (the reading committee), as for pages."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = GroupPagePermission.objects.filter(
            group__user=user, permission__codename="publish_page"
        ).exists()
        setattr(user, _CACHE_ATTR, cached)
    return cached


def _users_networks(user_ids):
    networks = defaultdict(set)
    for user_id, network_id in NetworkMembership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "network_id"
    ):
        networks[user_id].add(network_id)
    return networks


def owner_networks(model, ids):
    """{file id: set of network ids owning it}; None in a set stands for « the committee »."""

    ids = {int(i) for i in ids}
    if not ids:
        return {}
    references = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(model),
        to_object_id__in=[str(i) for i in ids],
        base_content_type=ReferenceIndex._get_base_content_type(Page),
    ).values_list("to_object_id", "object_id")
    references = [(int(target), int(source)) for target, source in references]
    page_networks = dict(
        ResourcePage.objects.filter(pk__in={source for _t, source in references}).values_list(
            "pk", "network_id"
        )
    )
    owners = defaultdict(set)
    for target, source in references:
        owners[target].add(page_networks.get(source))

    Document = get_document_model()
    if model is get_image_model() and hasattr(Document, "thumbnail"):
        thumbnails = dict(
            Document.objects.filter(thumbnail_id__in=ids).values_list("pk", "thumbnail_id")
        )
        for document_id, networks in owner_networks(Document, thumbnails).items():
            owners[thumbnails[document_id]] |= networks

    unused = ids - set(owners)
    uploaders = dict(
        model._default_manager.filter(pk__in=unused).values_list("pk", "uploaded_by_user_id")
    )
    memberships = _users_networks({u for u in uploaders.values() if u})
    for file_id in unused:
        owners[file_id] = set(memberships.get(uploaders.get(file_id), ())) or {None}
    return dict(owners)


def owned_ids(model, user, ids):
    """Those of `ids` the user's networks own alone."""
    mine = user_network_ids(user)
    return {
        file_id
        for file_id, networks in owner_networks(model, ids).items()
        if networks and networks <= mine
    }


def _may_see_private(user, model, instance):
    return (
        works_on_every_network(user)
        or (instance.uploaded_by_user_id is not None and instance.uploaded_by_user_id == user.pk)
        or (instance.pk is not None and instance.pk in owned_ids(model, user, [instance.pk]))
    )


class NetworkFilePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection permissions, narrowed for contributors to their networks' files."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if CHOOSE in actions and collection_is_private(instance.collection_id):
            actions.discard(CHOOSE)
            if super().user_has_any_permission_for_instance(
                user, {CHOOSE}, instance
            ) and _may_see_private(user, self.model, instance):
                return True
        alter, others = actions & ALTER, actions - ALTER
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        if not alter or not super().user_has_any_permission_for_instance(user, alter, instance):
            return False
        if works_on_every_network(user):
            return True
        return instance.pk is not None and instance.pk in owned_ids(self.model, user, [instance.pk])

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if CHOOSE in actions and not works_on_every_network(user):
            return self._choosable(user, actions)
        alter, others = actions & ALTER, actions - ALTER
        if not alter or works_on_every_network(user):
            return super().instances_user_has_any_permission_for(user, actions)
        candidates = super().instances_user_has_any_permission_for(user, alter)
        mine = owned_ids(self.model, user, candidates.values_list("pk", flat=True))
        allowed = Q(pk__in=mine)
        if others:
            allowed |= Q(
                pk__in=super()
                .instances_user_has_any_permission_for(user, others)
                .values_list("pk", flat=True)
            )
        return self.model._default_manager.filter(allowed)

    def _choosable(self, user, actions):
        """For a contributor: what the other actions allow, plus the public files they may
        choose and the private ones they may see (see the module's docstring)."""
        others = actions - {CHOOSE}
        allowed = (
            Q(pk__in=self.instances_user_has_any_permission_for(user, others).values_list("pk"))
            if others
            else Q(pk__in=[])
        )
        choosable = super().instances_user_has_any_permission_for(user, {CHOOSE})
        private = private_collection_ids()
        allowed |= Q(pk__in=choosable.exclude(collection_id__in=private).values_list("pk"))
        hidden = choosable.filter(collection_id__in=private)
        seen = set(hidden.filter(uploaded_by_user=user).values_list("pk", flat=True))
        seen |= owned_ids(self.model, user, hidden.values_list("pk", flat=True))
        return self.model._default_manager.filter(allowed | Q(pk__in=seen))


def register():
    # Same permissions as Wagtail's own policies (held on the base models), narrowed.
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        register_permission_policy(
            model,
            NetworkFilePermissionPolicy(
                model, auth_model=auth_model, owner_field_name="uploaded_by_user"
            ),
            exact_class=True,
        )
