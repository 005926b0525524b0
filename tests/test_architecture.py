"""Dependencies run one way (scripts/import_graph.py, README « Layout »): the content model
(`resources`) imports no other app, no circle joins two apps, and every arrow points down the
layers."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _import_graph():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts/import_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


import_graph = _import_graph()


@pytest.fixture(scope="module")
def edges():
    return import_graph.graph(ROOT)[0]


def test_the_graph_sees_the_arrows_it_must(tmp_path):
    # A tiny project with one arrow each way, at module and function level: both are seen.
    for app, body in (
        ("low", "def f():\n    from high import views\n"),
        ("high", "from low.models import Thing\nfrom .local import x\n"),
    ):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "mod.py").write_text(body)
    (tmp_path / "low" / "migrations").mkdir()
    (tmp_path / "low" / "migrations" / "0001.py").write_text("from high import x\n")
    found, _files, in_functions = import_graph.graph(tmp_path)
    assert found == {("low", "high"): 1, ("high", "low"): 1}
    assert in_functions == 1
    assert import_graph.cycles(found) == [("high", "low")]


def test_resources_imports_no_other_app(edges):
    assert sorted(target for source, target in edges if source == "resources") == []


def test_no_circle_between_apps(edges):
    assert import_graph.cycles(edges) == []


def test_every_app_has_its_layer(edges):
    apps = set(import_graph.packages(ROOT)) - import_graph.ABOVE_ALL
    assert apps == set(import_graph.LAYERS)


def test_arrows_point_down_the_layers(edges):
    assert import_graph.layer_violations(edges) == []
