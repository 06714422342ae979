"""The compiled rules (moderator.compiled, built by scripts/compile.py): in use when built and
current, scoring exactly as the source does, and left aside when stale or built for another
interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from moderator import compiled

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SAMPLES = REPO / "resources" / "samples"


def _run(code: str, pure: bool, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    if pure:
        env[compiled.PURE_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "compiled rules" not in done.stderr, done.stderr  # neither stale nor broken
    return done.stdout


@pytest.fixture(scope="module")
def built() -> None:
    """The test command compiles the rules first (scripts/setup.sh): they must be current."""
    found = compiled.state()
    if found != "current":
        pytest.fail(f"the compiled rules are {found}: run scripts/compile.py (scripts/setup.sh "
                    "does; see .venv/compile.log when it failed)")


@pytest.mark.parametrize("module", ["moderator.rules.insult.personal", "moderator.io.export"])
def test_the_compiled_modules_are_used_when_built(built: None, module: str) -> None:
    code = (f"import {module} as p, moderator.compiled as c; "
            "print(c.active() == sorted(c.MODULES), p.__file__)")
    used, where = _run(code, pure=False).split()
    assert used == "True"
    assert where.endswith(compiled.interpreter_tag().removeprefix(sys.implementation.cache_tag))
    used, where = _run(code, pure=True).split()
    assert used == "False" and where.endswith(module.rpartition(".")[2] + ".py")


_SCORE = """
import sys
from moderator.cli import main
sys.exit(main(["score", sys.argv[1], "--format", sys.argv[3], "-o", sys.argv[2]]))
"""


def _scored_both_ways(path: Path, tmp_path: Path, fmt: str = "json") -> bytes:
    """``moderator score --format FMT`` of ``path`` compiled (the rules and the row writers),
    checked equal to the source's."""
    outputs = []
    for pure in (False, True):
        out = tmp_path / f"{pure}.{fmt}"
        _run(_SCORE, pure, str(path), str(out), fmt)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    return outputs[0]


@pytest.mark.parametrize("name", [
    "samples/russia-amnesty-cnn-2014.txt", "data/multi-thread.csv", "data/tricky-page.txt",
    "data/reddit-thread.json", "data/disqus-export.xml", "data/wordpress-export.xml",
    "data/nested.json"])
def test_compiled_and_source_score_a_thread_alike(built: None, name: str,
                                                  tmp_path: Path) -> None:
    path = (SAMPLES.parent if name.startswith("samples") else DATA.parent) / name
    assert json.loads(_scored_both_ways(path, tmp_path))["rows"]


def test_compiled_and_source_score_a_large_thread_alike(built: None, tmp_path: Path) -> None:
    """6,000 comments: checked by two processes (forked), reposts found through the index."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import build
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    thread = tmp_path / "big.json"
    thread.write_text(json.dumps(build(6000, seed=3)), encoding="utf-8")
    rows = json.loads(_scored_both_ways(thread, tmp_path))["rows"]
    assert len(rows) == 6000
    assert sum(bool(r["auto_flags"]) for r in rows) > 100
    assert sum(bool(r["duplicate_of"]) for r in rows) > 100
    assert _scored_both_ways(thread, tmp_path, "csv").count(b"\n") > 6000
    assert b"6000 comments" in _scored_both_ways(thread, tmp_path, "table")


def test_rules_keep_their_examples_when_compiled(built: None) -> None:
    """Compiled classes lose their docstrings, where each rule's examples are written."""
    code = ("from moderator.rules.registry import rule_classes; "
            "print(repr([(r.id, r.examples()) for r in rule_classes()]))")
    compiled_examples = _run(code, pure=False)
    assert compiled_examples == _run(code, pure=True)
    assert compiled_examples.count("Example(") > 50


def _fake_build(tmp_path: Path) -> tuple[Path, Path]:
    root, build = tmp_path / "moderator", tmp_path / "build"
    (root / "rules").mkdir(parents=True)
    (root / "core").mkdir()
    (root / "rules" / "text.py").write_text("X = 1\n")
    (root / "core" / "data.py").write_text("Y = 2\n")
    build.mkdir()
    (build / "text.so").write_bytes(b"")
    manifest = {"interpreter": compiled.interpreter_tag(), "digest": compiled.digest(root),
                "files": {"moderator.rules.text": "text.so"}, "runtime": []}
    (build / compiled.MANIFEST).write_text(json.dumps(manifest))
    return root, build


def test_a_build_goes_stale_when_any_source_changes(tmp_path: Path) -> None:
    root, build = _fake_build(tmp_path)
    assert compiled.state(build, root) == "current"
    (root / "core" / "data.py").write_text("Y = 3\n")  # not compiled, but read by what is
    assert compiled.state(build, root) == "stale"
    (root / "core" / "data.py").write_text("Y = 2\n")
    assert compiled.state(build, root) == "current"
    (root / "rules" / "new.py").write_text("")
    assert compiled.state(build, root) == "stale"


def test_a_build_for_another_interpreter_or_half_gone_is_missing(tmp_path: Path) -> None:
    root, build = _fake_build(tmp_path)
    manifest = json.loads((build / compiled.MANIFEST).read_text())
    (build / compiled.MANIFEST).write_text(json.dumps({**manifest, "interpreter": "pypy-x"}))
    assert compiled.state(build, root) == "missing"
    (build / compiled.MANIFEST).write_text(json.dumps(manifest))
    (build / "text.so").unlink()
    assert compiled.state(build, root) == "missing"
    (build / compiled.MANIFEST).write_text("{not json")
    assert compiled.state(build, root) == "missing"
    assert compiled.state(tmp_path / "nowhere", root) == "missing"


def test_a_stale_build_is_not_used_and_says_so(tmp_path: Path) -> None:
    """In a copy of the package whose build is stale, the source runs, with one line on
    stderr; with MODERATOR_PURE set, silently."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import moderator.compiled as c; "
            "print(c.activate(), c.__file__)")
    copy = tmp_path / "copy"
    (copy / "moderator").mkdir(parents=True)
    for part in ("__init__.py", "compiled.py"):
        (copy / "moderator" / part).write_bytes((REPO / "moderator" / part).read_bytes())
    root, build = _fake_build(tmp_path)
    os.replace(root / "rules", copy / "moderator" / "rules")
    os.replace(root / "core", copy / "moderator" / "core")
    manifest = json.loads((build / compiled.MANIFEST).read_text())
    build = copy / "moderator" / "_compiled"
    build.mkdir()
    (build / "text.so").write_bytes(b"")
    (build / compiled.MANIFEST).write_text(json.dumps({**manifest, "digest": "0" * 64}))
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    done = subprocess.run([sys.executable, "-c", code, str(copy)], env=env, text=True,
                          capture_output=True, timeout=60, check=True)
    assert done.stdout.split() == ["[]", str(copy / "moderator" / "compiled.py")]
    assert "older than their source" in done.stderr
    env[compiled.PURE_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", code, str(copy)], env=env, text=True,
                          capture_output=True, timeout=60, check=True)
    assert done.stdout.startswith("[]") and done.stderr == ""


def test_the_app_process_runs_the_source(built: None) -> None:
    """Compiled code keeps the GIL until it returns: the window's process must not run it in
    a background thread. Its scoring child process does."""
    code = ("import moderator.gui, moderator.rules.scorer as s, moderator.compiled as c; "
            "from moderator.session import score_process as p; "
            "print(c.active(), s.__file__.endswith('.py'), p.child_command()[1:])")
    assert _run(code, pure=False).split() == ["[]", "True", "['-m',",
                                              "'moderator.session.score_process']"]
    code = ("import moderator.session.score_process as p, moderator.compiled as c; "
            "print(c.active() == sorted(c.MODULES))")
    assert _run(code, pure=False).strip() == "True"  # what the child imports, without the GUI
