"""Every setting read from the environment is documented in the README « Settings » table."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DIR = ROOT / "amapartage" / "settings"
# The helpers of settings/base.py that read a variable by name (env_bool, env_list…).
ENV_HELPER = re.compile(r"env(_\w+)?")


def _is_os_environ(node):
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def environment_reads(source):
    """Names of the variables a settings module reads: os.environ.get("X"), os.environ["X"],
    os.getenv("X"), env_bool("X"), env_list("X")…"""
    names = set()
    for node in ast.walk(ast.parse(source)):
        name = None
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            reads = (
                (
                    isinstance(func, ast.Attribute)
                    and func.attr == "get"
                    and _is_os_environ(func.value)
                )
                or (isinstance(func, ast.Attribute) and func.attr == "getenv")
                or (isinstance(func, ast.Name) and ENV_HELPER.fullmatch(func.id))
            )
            if reads:
                name = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            name = node.slice
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def readme_settings_table():
    """The variables named in the first column of the README « Settings » table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_parser_finds_every_way_of_reading_a_variable():
    source = """
import os
A = os.environ.get("ONE", "x")
B = os.environ["TWO"]
C = os.getenv("THREE")
D = env_bool("FOUR", True)
E = env_list("FIVE")
F = settings_value("NOT_ONE")
G = {"NOT_TWO": os.environ.get}
"""
    assert environment_reads(source) == {"ONE", "TWO", "THREE", "FOUR", "FIVE"}


def test_every_environment_variable_is_in_the_readme_table():
    read = set()
    for module in sorted(SETTINGS_DIR.glob("*.py")):
        read |= environment_reads(module.read_text(encoding="utf-8"))
    assert {"DATABASE_URL", "SECRET_KEY", "REAL_IP_HEADER", "ALLOWED_HOSTS"} <= read
    documented = readme_settings_table()
    missing = sorted(read - documented)
    assert not missing, f"read from the environment but not in README « Settings »: {missing}"
    # And the table names nothing the settings no longer read.
    assert not sorted(documented - read), sorted(documented - read)


def test_proposal_limits_are_settings():
    """One default per limit, in settings/base.py: the apps read `settings.X`."""
    assert settings.PROPOSAL_MIN_FILL_SECONDS == 3
    assert settings.PROPOSAL_FORM_MAX_AGE == 6 * 3600
    assert settings.PROPOSAL_RATE_LIMIT == "10/h"
    assert settings.PROPOSAL_MAX_FILES == 5
    assert settings.PROPOSAL_MAX_FILE_SIZE == 20 * 1024 * 1024
    assert settings.PROPOSAL_MAX_TOTAL_SIZE == 50 * 1024 * 1024
    for module in ("moderation/forms.py", "moderation/views.py"):
        source = (ROOT / module).read_text(encoding="utf-8")
        assert "def _setting" not in source and "getattr(settings" not in source
