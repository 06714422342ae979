"""Entry point: ``moderator gui [FILE]``, ``moderator-gui`` and ``main.py`` all call :func:`main`.
With no FILE the bundled sample thread opens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from moderator.gui.main_window import MainWindow
from moderator.gui.settings import APPLICATION, ORGANIZATION, AppSettings
from moderator.resources_access import read_bytes, read_text, sample_thread_path

STYLESHEET = "styles/moderator.qss"
ICON = "icons/moderator.svg"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="moderator gui",
        description="Review reader comments: a queue sorted by priority, each flag explained.")
    p.add_argument("file", nargs="?", metavar="FILE",
                   help="thread to open (default: the bundled sample thread)")
    p.add_argument("--rules", metavar="FILE", help="your rules file (TOML) over the defaults")
    p.add_argument("--session", metavar="FILE",
                   help="session file for decisions (default: beside the thread)")
    p.add_argument("--reviewer", metavar="NAME", help="name written with each decision")
    p.add_argument("--format", metavar="NAME", dest="fmt",
                   help="thread format, when detection is not enough (text, json, csv...)")
    return p


def app_icon() -> QIcon:
    """The SVG icon rendered sharp at each usual size."""
    renderer = QSvgRenderer(QByteArray(read_bytes(ICON)))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def style_app(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(read_text(STYLESHEET))
    app.setWindowIcon(app_icon())


def create_window(args: argparse.Namespace, settings: AppSettings | None = None) -> MainWindow:
    """The window for parsed arguments, with its file already opening (tests use this)."""
    settings = settings or AppSettings()
    if args.reviewer:
        settings.set_reviewer(args.reviewer)
    window = MainWindow(settings)
    path = Path(args.file) if args.file else sample_thread_path()
    window.open_path(path, session_path=args.session, fmt=args.fmt, rules=args.rules)
    return window


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # --help, or a usage error (already printed)
        return int(exc.code or 0)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "moderator"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Moderator")
    style_app(app)  # type: ignore[arg-type]
    window = create_window(args)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
