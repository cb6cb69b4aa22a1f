"""Case tests: the packaged knowledge catalogue, a default policy, and the sandbox harness."""

from __future__ import annotations

import pytest

from bot.cases.access import CasePolicy
from bot.knowledge.catalogue import Catalogue, default_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture
def policy() -> CasePolicy:
    return CasePolicy(ack_hours=24, escalate_hours=24, fallback_id=None)
