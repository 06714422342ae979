"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 loses a reference to ``True`` on every
signal emitted from Python, and the interpreter aborts after a couple of thousand emits (a few
hundred decisions into a review). pyproject.toml excludes that release; this test fails if an
installed binding has the fault, in a child process so the test run itself survives."""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMIT_MANY = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Pinger(QObject):
        ping = Signal(int)

    app = QCoreApplication([])
    p = Pinger()
    seen = []
    p.ping.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(20000):
        p.ping.emit(i)
    assert len(seen) == 20000
    print(before - sys.getrefcount(True))
""")


def test_emitting_many_signals_does_not_wear_out_true():
    r = subprocess.run([sys.executable, "-c", EMIT_MANY], capture_output=True, text=True,
                       timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin"})
    assert r.returncode == 0, f"the Qt binding crashed after many emits: {r.stderr[-500:]}"
    assert abs(int(r.stdout.strip())) < 50
