"""Shared fixtures and the Hypothesis profiles (`default`; `ci`, thorough; `quick`, for the
other Pythons that CI runs the suite on)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from hypothesis import settings

# Health checks stay on in both profiles: the strategies must never trip them.
settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.register_profile("quick", max_examples=20, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def service_model() -> Any:
    """Today's Glue service model as botocore ships it."""
    return botocore.session.get_session().get_service_model("glue")


_STARTED = time.time()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Name the folder of the site's screenshots (tests/docs_site/test_site.py), when this run wrote
    any, for a person to look at."""
    folder = Path(__file__).resolve().parent.parent / "build" / "screenshots"
    fresh = [p for p in folder.glob("*.png") if p.stat().st_mtime >= _STARTED]
    if fresh:
        terminalreporter.write_line(f"site screenshots ({len(fresh)}): {folder}")
