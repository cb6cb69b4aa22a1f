"""Case tests: the packaged knowledge catalogue, a default policy, and the sandbox harness."""

from __future__ import annotations

import pytest

from bot.cases.access import CasePolicy
from bot.config import Settings
from bot.knowledge.catalogue import Catalogue, default_catalogue
from tests.conftest import TEST_TOKEN


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture
def policy() -> CasePolicy:
    return CasePolicy(ack_hours=24, escalate_hours=24, fallback_id=None)


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    """The root settings, with a 1 MB file limit so an oversize file is cheap to send, and
    no flood guard: a scripted conversation sends far faster than a person."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TEST_TOKEN,  # type: ignore[arg-type]
        database_url=sqlite_url,
        admin_ids=[1],
        default_locale="en",
        case_max_file_mb=1,
        flood_limit=0,
    )


# The real `popsbot run` process against the sandbox over HTTP, for the e2e case tests.
from tests.e2e.conftest import bot_process, sandbox  # noqa: E402, F401
