"""GUI tests: offscreen Qt, the real sample thread, sessions and settings in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads, or pytest-qt aborts

import gc
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from moderator.gui.main_window import MainWindow
from moderator.gui.settings import AppSettings
from moderator.resources_access import sample_thread_path
from moderator.session.analysis import Analysis, analyse

SAMPLE = sample_thread_path()
SAMPLE_COMMENTS = 49


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real settings or session folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(scope="session")
def sample_analysis() -> Analysis:
    return analyse(SAMPLE)


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return tmp_path / "sample.moderator.sqlite"


@pytest.fixture
def make_window(qtbot, settings: AppSettings) -> Iterator[Callable[..., MainWindow]]:
    """A shown, active window with ``path`` opened (waits for the background load)."""
    windows: list[MainWindow] = []

    def make(path: Path = SAMPLE, session: Path | None = None) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
            window.open_path(path, session_path=str(session) if session else None)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=15_000)
        window.queue.focus_queue()
        return window

    yield make
    for w in windows:
        w.controller.shutdown()
        w.close()
    windows.clear()
    gc.collect()  # the windows go now, on this thread: never from a later collection that a
    # background job's thread happens to run in the middle of another test


@pytest.fixture
def window(make_window: Callable[..., MainWindow], session_path: Path) -> MainWindow:
    return make_window(SAMPLE, session_path)


def write_json_thread(path: Path, comments: list[dict], title: str = "A test article",
                      body: str = "About the amnesty of prisoners in Russia.") -> Path:
    path.write_text(json.dumps({"article": {"title": title, "body": body},
                                "comments": comments}), encoding="utf-8")
    return path
