"""The command line as a user runs it: real files in, exit codes and messages out."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from moderator.cli import main
from moderator.io.export import COLUMNS


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "moderator", *args], capture_output=True,
                          text=True, timeout=120)


def test_score_prints_a_table_of_the_sample(sample_path, capsys):
    assert main(["score", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("49 comments,")
    assert "duplicate.same_author_repost" in out  # joe's comment, posted twice


def test_score_writes_the_spec_csv(sample_path, tmp_path):
    out = tmp_path / "scores.csv"
    assert main(["score", str(sample_path), "-o", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 49
    assert [r["comment_id"] for r in rows] == [f"c{i}" for i in range(1, 50)]
    assert {r["decision"] for r in rows} == {"pending"}
    reposts = [r for r in rows if "duplicate" in r["auto_flags"]]
    assert len(reposts) == 1 and reposts[0]["author"] == "joe"
    original = next(r for r in rows if r["comment_id"] == reposts[0]["duplicate_of"])
    assert original["author"] == "joe" and original["auto_flags"] == "" or \
        "duplicate" not in original["auto_flags"]


def test_score_json_and_determinism(sample_path, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["score", str(sample_path), "--format", "json", "-o", str(a)]) == 0
    assert main(["score", str(sample_path), "--format", "json", "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    assert len(data["rows"]) == 49


@pytest.mark.parametrize(("content", "name", "words"), [
    (b"\x00\x01\x02\xff\xfe\x00binary\x00\x00", "blob.json", "not a text file"),
    (b'{"article": {"title": "x"}, "comments": [{"id": "1", "body": "hi"', "cut.json",
     "line 1"),
    (b"", "empty.csv", "empty"),
    (b"id,author,date\n1,ann,2014-01-01\n", "notext.csv", "line 1"),
])
def test_bad_input_exits_2_with_one_clear_message(tmp_path, content, name, words):
    p = tmp_path / name
    p.write_bytes(content)
    r = run("score", str(p))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert str(p) in r.stderr and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_file_and_bad_usage_exit_2(tmp_path):
    r = run("score", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "nope.txt" in r.stderr and "Traceback" not in r.stderr
    r = run("score")
    assert r.returncode == 2 and "usage" in r.stderr


def test_eval_reports_precision_recall_f1_and_lists_ids(tmp_path):
    thread = tmp_path / "t.json"
    thread.write_text(json.dumps({
        "article": {"title": "Russia's amnesty", "body": "Putin announced an amnesty for "
                    "prisoners including Pussy Riot and Greenpeace activists."},
        "comments": [
            {"id": "a", "author": "x", "body": "The amnesty is a publicity stunt before the "
             "Sochi Olympics, nothing more."},
            {"id": "b", "author": "y", "body": "Shut up, you brainless troll.", "parent_id": "a"},
            {"id": "c", "author": "z", "body": "The amnesty is a publicity stunt before the "
             "Sochi Olympics, nothing more."},
        ]}), encoding="utf-8")
    labels = tmp_path / "t.labels.csv"
    labels.write_text("comment_id,insult,off_topic,duplicate_of\na,0,0,\nb,1,?,\nc,0,0,a\n",
                      encoding="utf-8")
    r = run("eval", str(thread), "--labels", str(labels))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    header = lines[0].split()
    assert header[:5] == ["category", "labelled", "prec", "recall", "F1"]
    dup = next(line for line in lines if line.startswith("duplicate"))
    assert dup.split()[1:5] == ["3", "1.000", "1.000", "1.000"]


def test_export_writes_a_sessions_decisions(sample_path, tmp_path):
    from moderator.session import ReviewSession
    from moderator.session.analysis import analyse

    session_path = tmp_path / "review.sqlite"
    s = ReviewSession.open(analyse(sample_path), session_path, reviewer="ana")
    key = (s.threads[0].id, "c3")
    s.apply(s.change_keep([key]))
    s.close()
    out = tmp_path / "decisions.csv"
    r = run("export", str(session_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = {row["comment_id"]: row for row in csv.DictReader(fh)}
    assert rows["c3"]["decision"] == "override" and rows["c3"]["action"] == "keep"
    assert rows["c3"]["reviewer"] == "ana"
    assert rows["c4"]["decision"] == "pending"


def test_eval_with_labels_of_another_thread_says_so(tmp_path):
    thread = tmp_path / "t.json"
    thread.write_text(json.dumps({"comments": [
        {"id": "a", "author": "x", "body": "The amnesty is a stunt before the Olympics."},
        {"id": "b", "author": "y", "body": "Shut up, you brainless troll.", "parent_id": "a"},
    ]}), encoding="utf-8")
    labels = tmp_path / "l.csv"
    labels.write_text("comment_id,insult\nk1,1\nk2,0\n", encoding="utf-8")
    r = run("eval", str(thread), "--labels", str(labels))
    assert r.returncode == 2
    assert r.stderr == (f"moderator: {labels}: none of its 2 comment ids is in {thread} "
                        "(the labels of another thread?)\n")
    labels.write_text("comment_id,insult\nb,1\nk2,0\n", encoding="utf-8")
    r = run("eval", str(thread), "--labels", str(labels))
    assert r.returncode == 0, r.stderr
    assert "labels of comments not in the thread (1): k2" in r.stdout


@pytest.mark.parametrize("command", ["score", "export"])
def test_an_output_that_cannot_be_written_is_named_with_what_is_wrong(sample_path, tmp_path,
                                                                      command):
    if command == "export":
        from moderator.session import ReviewSession
        from moderator.session.analysis import analyse

        source = tmp_path / "review.sqlite"
        ReviewSession.open(analyse(sample_path), source, reviewer="ana").close()
    else:
        source = sample_path
    folder = tmp_path / "out"
    folder.mkdir()
    cases = [
        (folder, f"{folder}: it is a folder, not a file"),
        (tmp_path / "nope" / "o.csv", f"{tmp_path / 'nope' / 'o.csv'}: there is no folder "
                                      f"{tmp_path / 'nope'}"),
        (tmp_path / "o.txt", f"{tmp_path / 'o.txt'}: cannot tell the format from the name"),
    ]
    for out, message in cases:
        r = run(command, str(source), "-o", str(out))
        assert r.returncode == 2
        assert r.stderr.startswith(f"moderator: {message}"), r.stderr
        assert "Traceback" not in r.stderr
    assert list(folder.iterdir()) == [] and not (tmp_path / "o.txt").exists()
    r = run(command, str(source), "-o", str(tmp_path / "plain"))  # no suffix: CSV
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "plain", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 49


def test_export_of_a_foreign_file_is_refused(tmp_path):
    p = tmp_path / "x.sqlite"
    p.write_text("hello")
    r = run("export", str(p), "-o", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "not a moderator session" in r.stderr
    assert p.read_text() == "hello"


def test_a_labels_file_without_any_repost_labels_leaves_reposts_out(tmp_path):
    from moderator.core import Category
    from moderator.io.labels import read_labels

    p = tmp_path / "l.csv"
    p.write_text("comment_id,insult,off_topic,duplicate_of\na,1,?,\nb,0,0,\n", encoding="utf-8")
    labels = read_labels(p)
    assert labels["a"][Category.DUPLICATE] is None and labels["b"][Category.DUPLICATE] is None
    assert labels["a"][Category.INSULT] is True and labels["b"][Category.OFF_TOPIC] is False
    p.write_text("comment_id,insult,off_topic,duplicate_of\na,?,?,\nb,?,?,a\n", encoding="utf-8")
    labels = read_labels(p)
    assert labels["a"][Category.DUPLICATE] is False and labels["b"][Category.DUPLICATE] is True


def test_output_into_a_closed_pipe_is_quiet(sample_path, monkeypatch, capsys):
    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["score", str(sample_path)]) == 0
    assert "Broken pipe" not in capsys.readouterr().err


def test_the_command_flushes_all_its_output_before_it_leaves(sample_path):
    """The command leaves without the interpreter's teardown (launcher.run): what it printed
    must all be out first."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    for fmt in ("table", "csv"):
        r = subprocess.run([sys.executable, "-m", "moderator", "score", str(sample_path),
                            "--format", fmt], capture_output=True, text=True, env=env,
                           timeout=120)
        assert r.returncode == 0, r.stderr
        if fmt == "table":
            assert r.stdout.splitlines()[-1].startswith("49 comments,")
        else:
            rows = list(csv.DictReader(io.StringIO(r.stdout)))
            assert len(rows) == 49 and rows[-1]["comment_id"] == "c49"


def test_the_command_into_a_pipe_closed_early_is_quiet(tmp_path):
    src = tmp_path / "t.csv"
    _many_threads(src, threads=1, comments=3000)  # far more output than a pipe holds
    p = subprocess.Popen([sys.executable, "-m", "moderator", "score", str(src), "--format",
                          "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.read(100).startswith(b"comment_id,")
    p.stdout.close()  # `| head -c 100`
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 0
    assert err == ""


def test_a_closed_standard_output_is_an_error_not_a_traceback(sample_path, tmp_path):
    def closed(*args):
        return subprocess.run([sys.executable, "-m", "moderator", *args], capture_output=False,
                              stderr=subprocess.PIPE, text=True, timeout=120,
                              preexec_fn=lambda: os.close(1))  # `>&-`

    for args in (["score", str(sample_path)], ["rules"]):
        r = closed(*args)
        assert r.returncode == 2
        assert r.stderr == ("moderator: standard output is closed: nothing written "
                            "(-o FILE writes to a file)\n")
    out = tmp_path / "scores.csv"
    r = closed("score", str(sample_path), "-o", str(out))  # a file needs no standard output
    assert r.returncode == 0, r.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 49


def _whole(path, fmt, flagged=False, thread=None):
    """What ``moderator score`` wrote when it loaded and scored the whole file at once."""
    from moderator.io.export import columns_for, csv_text, json_text, rows_for
    from moderator.session.analysis import analyse

    analysis = analyse(path)
    threads = [analysis.loaded.thread(thread)] if thread else list(analysis.loaded.threads)
    rows = rows_for(threads, analysis.scores, {})
    if flagged:
        rows = [r for r in rows if r["auto_flags"]]
    cols = columns_for(threads)
    return csv_text(rows, cols) if fmt == "csv" else json_text(rows, cols)


def _many_threads(path, threads=6, comments=30):
    insults = ["You are a moron and an idiot.", "Shut up, you brainless troll."]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["thread_id", "id", "parent", "author", "text"])
        for n in range(threads * comments):  # threads interleaved, as exports sometimes are
            t, k = n % threads, n // threads
            body = (insults[k % 2] if k % 7 == 3 else
                    f"Thread {t} comment {k}: the amnesty before the Sochi Olympics, again.")
            w.writerow([f"t{t}", f"{t}-{k}", f"{t}-{k - 1}" if k % 3 else "", f"u{k % 5}",
                        body])


@pytest.mark.parametrize(("fmt", "flagged", "thread"), [
    ("csv", False, None), ("json", False, None), ("csv", True, None), ("json", False, "t2")])
def test_a_multi_thread_file_scored_a_thread_at_a_time_writes_the_same_rows(
        tmp_path, fmt, flagged, thread):
    src = tmp_path / "many.csv"
    _many_threads(src)
    out = tmp_path / f"out.{fmt}"
    args = ["score", str(src), "-o", str(out)] + (["--flagged"] if flagged else []) + \
        (["--thread", thread] if thread else [])
    assert main(args) == 0
    assert out.read_bytes().decode("utf-8") == _whole(src, fmt, flagged, thread)


def test_the_table_of_a_multi_thread_file_names_threads_and_counts_all(tmp_path, capsys):
    src = tmp_path / "many.csv"
    _many_threads(src, threads=3, comments=4)
    assert main(["score", str(src)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["thread", "id"] and lines[1].startswith("t0 ")
    assert lines[-1].startswith("12 comments,")


def test_progress_only_on_a_terminal(tmp_path, monkeypatch, capsys):
    src = tmp_path / "many.csv"
    _many_threads(src, threads=2, comments=5)
    r = run("score", str(src), "-o", str(tmp_path / "o.csv"))  # stderr is a pipe here
    assert r.returncode == 0 and r.stderr.strip() == f"wrote 10 rows to {tmp_path / 'o.csv'}"

    class Terminal:
        def __init__(self):
            self.text = ""

        def write(self, text):
            self.text += text

        def flush(self):
            pass

        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv")]) == 0
    assert "\rread 100% of" in term.text and "10 comments scored" in term.text


def test_an_unknown_thread_leaves_no_output_file(tmp_path):
    src = tmp_path / "many.csv"
    _many_threads(src, threads=2, comments=3)
    out = tmp_path / "o.csv"
    out.write_text("keep me", encoding="utf-8")
    r = run("score", str(src), "-o", str(out), "--thread", "nope")
    assert r.returncode == 2 and "no thread 'nope'" in r.stderr and "t0, t1" in r.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.csv", "o.csv"]  # no leftovers


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
@pytest.mark.parametrize("flagged", [False, True])
def test_rows_written_by_two_processes_are_the_bytes_one_writes(sample_path, tmp_path,
                                                                monkeypatch, fmt, flagged):
    import moderator.cli as cli
    import moderator.io.thread_rows as thread_rows

    monkeypatch.setattr(thread_rows, "WRITE_FORK_MIN", 10)
    extra = ["--flagged"] if flagged else []
    out = {}
    for workers in (1, 2):
        monkeypatch.setattr(cli, "WORKERS", workers)
        path = tmp_path / f"out{workers}.{fmt}"
        assert main(["score", str(sample_path), "--format", fmt, "-o", str(path), *extra]) == 0
        out[workers] = path.read_bytes()
    assert out[1] == out[2]
    assert len(out[1]) > 100


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_a_failed_row_writer_process_leaves_its_half_to_the_first(sample_path, tmp_path,
                                                                  monkeypatch):
    import os

    import moderator.cli as cli
    import moderator.io.thread_rows as thread_rows

    monkeypatch.setattr(thread_rows, "WRITE_FORK_MIN", 10)
    monkeypatch.setattr(cli, "WORKERS", 1)
    one = tmp_path / "one.csv"
    assert main(["score", str(sample_path), "-o", str(one)]) == 0
    monkeypatch.setattr(cli, "WORKERS", 2)
    real = thread_rows.write_range
    parent = os.getpid()

    def child_fails(rows_out, thread, scores, flagged, start, stop):
        if os.getpid() != parent:
            raise RuntimeError("the child cannot write")
        return real(rows_out, thread, scores, flagged, start, stop)

    monkeypatch.setattr(thread_rows, "write_range", child_fails)
    two = tmp_path / "two.csv"
    assert main(["score", str(sample_path), "-o", str(two)]) == 0
    assert two.read_bytes() == one.read_bytes()
