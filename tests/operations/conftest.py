# The moderation tests' users and networks, for the escaping tests of e-mails and the admin.
from tests.moderation.conftest import (  # noqa: F401
    commit,
    contributor,
    moderator,
    networks,
)
