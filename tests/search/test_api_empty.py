"""The search URLs on an empty library (apart from test_api.py, whose classes share one
imported corpus for the module)."""

import json

import pytest


@pytest.mark.parametrize("path", ["/recherche/", "/api/v1/search/", "/recherche/suggestions/"])
@pytest.mark.django_db
def test_search_urls_answer_on_an_empty_library(client, path):
    response = client.get(path, {"q": "amap"})
    assert response.status_code == 200
    if path.startswith("/api"):
        assert json.loads(response.content)["count"] == 0
