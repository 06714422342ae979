"""What the app remembers between runs (QSettings), under keys defined once here."""

from __future__ import annotations

import getpass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "moderator"
APPLICATION = "moderator"
MAX_RECENT = 10


class SettingKey(StrEnum):
    GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    MAIN_SPLITTER = "window/main_splitter"
    DETAIL_SPLITTER = "window/detail_splitter"
    LAST_FOLDER = "files/last_folder"
    EXPORT_FOLDER = "files/export_folder"
    RULES_FOLDER = "files/rules_folder"
    RECENT_FILES = "files/recent"
    REVIEWER = "review/reviewer"


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


class AppSettings:
    """Typed access to the app's QSettings. Pass a QSettings to isolate (tests)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def sync(self) -> None:
        self._s.sync()

    # -- text values ------------------------------------------------------------------------
    def _text(self, key: SettingKey, default: str = "") -> str:
        value = self._s.value(key.value, default)
        return value if isinstance(value, str) else default

    def last_folder(self) -> str:
        return self._text(SettingKey.LAST_FOLDER, str(Path.home()))

    def set_last_folder(self, folder: str | Path) -> None:
        self._s.setValue(SettingKey.LAST_FOLDER.value, str(folder))

    def export_folder(self) -> str:
        return self._text(SettingKey.EXPORT_FOLDER) or self.last_folder()

    def set_export_folder(self, folder: str | Path) -> None:
        self._s.setValue(SettingKey.EXPORT_FOLDER.value, str(folder))

    def rules_folder(self) -> str:
        return self._text(SettingKey.RULES_FOLDER) or self.last_folder()

    def set_rules_folder(self, folder: str | Path) -> None:
        self._s.setValue(SettingKey.RULES_FOLDER.value, str(folder))

    def reviewer(self) -> str:
        return self._text(SettingKey.REVIEWER) or default_reviewer()

    def set_reviewer(self, name: str) -> None:
        self._s.setValue(SettingKey.REVIEWER.value, name)

    # -- recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._s.value(SettingKey.RECENT_FILES.value, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [v for v in (value or []) if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> list[str]:
        p = str(Path(path).resolve())
        files = [p, *(f for f in self.recent_files() if f != p)][:MAX_RECENT]
        self._s.setValue(SettingKey.RECENT_FILES.value, files)
        return files

    def clear_recent(self) -> None:
        self._s.setValue(SettingKey.RECENT_FILES.value, [])

    # -- window layout ----------------------------------------------------------------------
    def layout(self, key: SettingKey) -> QByteArray | None:
        value = self._s.value(key.value)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, key: SettingKey, value: QByteArray) -> None:
        self._s.setValue(key.value, value)
