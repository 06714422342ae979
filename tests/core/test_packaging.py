"""The wheel carries its resources: installed outside the repository, moderator still finds
its default rules, word lists and sample thread (nothing depends on the working directory)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

CHECK = textwrap.dedent("""
    import moderator, sys
    from moderator.resources_access import default_rules_text, sample_thread_path
    from moderator.session.analysis import analyse
    assert "site" in moderator.__file__, moderator.__file__
    assert "[thresholds]" in default_rules_text()
    a = analyse(sample_thread_path())
    flagged = sum(1 for s in a.scores[a.loaded.threads[0].id].by_comment.values() if s.flags)
    print(len(a.loaded.threads[0]), flagged)
""")


def test_installed_wheel_loads_its_resources(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(REPO)], check=True, capture_output=True, timeout=600)
    wheel = next(wheels.glob("moderator-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = subprocess.run([sys.executable, "-c", CHECK], cwd=elsewhere, capture_output=True,
                       text=True, timeout=120, env={"PYTHONPATH": str(site), "PATH": "/usr/bin"})
    assert r.returncode == 0, r.stderr
    comments, flagged = map(int, r.stdout.split())
    assert comments == 49 and flagged >= 1


def test_every_package_is_listed_for_the_wheel():
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts)
               for p in (REPO / "moderator").rglob("__init__.py")}
    assert on_disk <= listed, f"add to pyproject.toml [tool.setuptools] packages: " \
                              f"{sorted(on_disk - listed)}"
