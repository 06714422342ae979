"""Shared fixtures: the bundled sample thread, and nothing from outside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# pytest-qt with no display aborts the whole run instead of failing a test: force offscreen
# before any Qt import (GUI tests only; the engine never imports Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "resources" / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLES / "russia-amnesty-cnn-2014.txt"


@pytest.fixture
def related_paths() -> list[Path]:
    return sorted(SAMPLES.glob("related-*.txt"))
