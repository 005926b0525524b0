from tests.moderation.conftest import (  # noqa: F401 (fixtures)
    admin_user,
    commit,
    contributor,
    make_resource,
    make_user,
    moderator,
    networks,
    other_contributor,
)
