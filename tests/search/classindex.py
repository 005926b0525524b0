"""One search index for a whole test class, in a folder of its own (building an index for
every test would be slow). The autouse `fresh_search_state` fixture leaves such classes alone
(`search_index_per_class`)."""

import shutil
import tempfile
from pathlib import Path

from django.test import override_settings

from tests.conftest import reset_search_state


class ClassSearchIndex:
    search_index_per_class = True

    @classmethod
    def index_settings(cls, index_dir):
        """The settings the class runs under; Elasticsearch off unless a subclass says."""
        return {"SEARCH_INDEX_DIR": index_dir, "ELASTICSEARCH_URL": ""}

    @classmethod
    def setUpClass(cls):
        cls._index_dir = Path(tempfile.mkdtemp(prefix="search-class-"))
        cls._override = override_settings(**cls.index_settings(cls._index_dir))
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls._index_dir, ignore_errors=True)

    def setUp(self):
        reset_search_state()
