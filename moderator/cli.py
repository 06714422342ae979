"""moderator's headless front door: score, eval, export, rules, test-rules, stats.

Exit codes: 0 success, 1 failed checks, 2 bad input or usage (with a message naming the
problem, never a traceback).
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from moderator.core import Category, InputError, ModeratorError
from moderator.io.labels import read_labels
from moderator.io.rowstream import AtomicFile, RowWriter
from moderator.io.stream import ThreadStream, iter_threads
from moderator.io.thread_rows import write_rows
from moderator.rules.cases import format_outcome, read_cases, run_case
from moderator.rules.catalog import as_markdown, as_text, rule_infos
from moderator.rules.config import load_config
from moderator.rules.evaluation import compare, evaluate
from moderator.rules.scorer import Scorer, gc_paused
from moderator.session import ReviewSession
from moderator.session.analysis import analyse, score_all
from moderator.session.stats import rule_stats
from moderator.session.store import SessionStore

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _progress_printer(stream: TextIO):
    """Progress on a terminal only (never in a pipe or a log)."""
    if not stream.isatty():
        return None
    last = [-1]

    def show(stage: str, done: int, total: int) -> None:
        pct = int(100 * done / total) if total else 0
        if pct != last[0]:
            last[0] = pct
            stream.write(f"\r{stage} {done:,}/{total:,} ({pct}%)")
            stream.flush()
            if total and done >= total:
                stream.write("\n")

    return show


# -- score ------------------------------------------------------------------------------------
class _ScoreProgress:
    """On a terminal only: how much of the file is read, how many comments are scored."""

    def __init__(self, stream: TextIO, threads: ThreadStream) -> None:
        self.stream, self.threads = stream, threads
        self.scored = 0
        self._last = ""

    def step(self, done: int, _total: int) -> None:
        size = self.threads.size or 1
        pct = min(100, int(100 * self.threads.bytes_read() / size))
        text = f"\rread {pct}% of {size / 1e6:,.1f} MB, {self.scored + done:,} comments scored"
        if text != self._last:
            self._last = text
            self.stream.write(text)
            self.stream.flush()

    def finish(self) -> None:
        if self._last:
            self.stream.write("\n")
            self.stream.flush()


# Processes that score a large thread and write its rows (a forked copy takes half the work:
# the command line runs no other threads, so forking is safe here; the app, which does, scores
# a large thread in a child process that forks the same way).
WORKERS = 2 if (os.cpu_count() or 1) > 1 else 1


def _score_stream(args: argparse.Namespace, fmt: str, out: TextIO) -> tuple[int, int]:
    """Score the file a thread at a time: a thread's rows are written, then it is dropped.
    Returns the exit code and the number of rows written."""
    with gc_paused():  # nothing here makes cyclic garbage worth a collection
        return _score_threads(args, fmt, out)


def _score_threads(args: argparse.Namespace, fmt: str, out: TextIO) -> tuple[int, int]:
    scorer = Scorer(load_config(args.rules))
    threads = iter_threads(args.file, args.input_format)
    progress = _ScoreProgress(sys.stderr, threads) if sys.stderr.isatty() else None
    rows_out = RowWriter(out, fmt)
    first: list[dict[str, object]] | None = None  # held until a second thread says "multi"
    names: list[str] = []
    selected = shown = 0
    for thread, notes in threads:
        for message in [*threads.notes[shown:], *notes]:
            print(f"note: {message}", file=sys.stderr)
        shown = len(threads.notes)
        names.append(thread.id)
        if args.thread and thread.id != args.thread:
            continue
        scores = scorer.score_thread(thread, progress.step if progress else None,
                                     workers=WORKERS)
        if progress is not None:
            progress.scored += len(thread)
        selected += 1
        if selected == 1 and not args.thread:
            first = (thread, scores)
            continue
        if not rows_out.started:
            rows_out.begin(multi=not args.thread)
            if first is not None:
                write_rows(rows_out, *first, args.flagged, workers=WORKERS)
                first = None
        write_rows(rows_out, thread, scores, args.flagged, workers=WORKERS)
        del thread, scores
    for message in threads.notes[shown:]:
        print(f"note: {message}", file=sys.stderr)
    if progress is not None:
        progress.finish()
    if args.thread and args.thread not in names:
        print(f"moderator: no thread {args.thread!r} in {args.file} (threads: "
              f"{', '.join(names)})", file=sys.stderr)
        return EXIT_BAD_INPUT, 0
    if not rows_out.started:
        rows_out.begin(multi=False)
        if first is not None:
            write_rows(rows_out, *first, args.flagged, workers=WORKERS)
    rows_out.end()
    return EXIT_OK, rows_out.count


def cmd_score(args: argparse.Namespace) -> int:
    fmt = args.format or (_format_of(args.output) if args.output else "table")
    if fmt not in ("table", "csv", "json"):
        print(f"moderator: {args.output}: cannot tell the format from the name: end it in "
              ".csv, .json or .table, or give --format", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.output:
        return _score_stream(args, fmt, sys.stdout)[0]
    target = AtomicFile(args.output)
    with target as out:
        code, count = _score_stream(args, fmt, out)
        if code != EXIT_OK:
            target.discard()
            return code
    print(f"wrote {count} rows to {args.output}", file=sys.stderr)
    return EXIT_OK


# -- eval -------------------------------------------------------------------------------------
def cmd_eval(args: argparse.Namespace) -> int:
    labels = read_labels(args.labels)
    analysis = analyse(args.thread_file, fmt=args.input_format, rules=args.rules,
                       progress=_progress_printer(sys.stderr), workers=WORKERS)
    scored = {cid for ts in analysis.scores.values() for cid in ts.by_comment}
    stray = [cid for cid in labels if cid not in scored]
    if labels and len(stray) == len(labels):
        raise InputError(f"none of its {len(labels)} comment ids is in {args.thread_file} "
                         "(the labels of another thread?)", path=args.labels)
    report = evaluate(analysis.scores.values(), labels)
    out = sys.stdout
    out.write(f"{'category':<10} {'labelled':>8} {'prec':>6} {'recall':>6} {'F1':>6} "
              f"{'flagged clean':>13}\n")
    for cat, r in report.categories.items():
        if not r.labelled:
            continue
        out.write(f"{cat.value:<10} {r.labelled:>8} {r.precision:>6.3f} {r.recall:>6.3f} "
                  f"{r.f1:>6.3f} {r.clean_flag_rate:>12.1%}\n")
    if report.rules:
        out.write(f"\n{'rule':<34} {'fired':>6} {'on clean':>8} {'on labelled yes':>15}\n")
        for rr in report.rules.values():
            out.write(f"{rr.rule_id:<34} {rr.fired:>6} {rr.on_clean:>8} {rr.on_positive:>15}\n")
    for cat, r in report.categories.items():
        if not r.labelled:
            continue
        for title, ids in (("false flags", r.false_flags), ("misses", r.misses)):
            if ids:
                shown = ids if args.show is None or args.show < 0 else ids[: args.show]
                more = f" (+{len(ids) - len(shown)} more)" if len(shown) < len(ids) else ""
                out.write(f"\n{cat.value} {title} ({len(ids)}): {' '.join(shown)}{more}\n")
    if report.unlabelled:
        out.write(f"\nscored comments without a label row: {report.unlabelled}\n")
    if stray:
        more = f" (+{len(stray) - 10} more)" if len(stray) > 10 else ""
        out.write(f"\nlabels of comments not in the thread ({len(stray)}): "
                  f"{' '.join(stray[:10])}{more}\n")
    if args.compare:
        other = load_config(args.compare)
        new_scores = score_all(analysis.loaded, other, workers=WORKERS)
        flips = compare(analysis.scores.values(), new_scores.values())
        out.write(f"\n{len(flips)} comments change flags with {args.compare}:\n")
        for f in flips:
            def fmt(c: frozenset[Category]) -> str:
                return ";".join(x.value for x in Category if x in c) or "-"
            out.write(f"  {f.comment_id}: {fmt(f.before)} -> {fmt(f.after)}\n")
    return EXIT_OK


def _format_of(output: str) -> str:
    """The format an output file's name asks for: its suffix (CSV when it has none)."""
    return Path(output).suffix.lstrip(".").lower() or "csv"


# -- export -----------------------------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    fmt = args.format or _format_of(args.output)
    if fmt not in ("csv", "json"):
        print(f"moderator: {args.output}: cannot tell the format from the name: end it in "
              ".csv or .json, or give --format", file=sys.stderr)
        return EXIT_BAD_INPUT
    session_path = Path(args.session)
    store = SessionStore(session_path, read_only=True)  # says when there is none
    try:
        source = args.thread_file or store.meta("source")
        rules = args.rules or store.meta("rules") or None
    finally:
        store.close()
    if not source:
        print(f"moderator: {session_path}: the session does not name its thread file; "
              "give it with --thread-file", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not Path(source).exists():
        print(f"moderator: {session_path}: its thread file {source} is gone; give its new "
              "place with --thread-file", file=sys.stderr)
        return EXIT_BAD_INPUT
    analysis = analyse(source, rules=rules)
    session = ReviewSession.open(analysis, session_path, read_only=True)
    try:
        n = session.export(args.output, fmt, args.thread)
    finally:
        session.close()
    reviewed = sum(1 for _ in session.decisions)
    print(f"wrote {n} rows ({reviewed} decided) to {args.output}", file=sys.stderr)
    return EXIT_OK


# -- rules, test-rules, stats ------------------------------------------------------------------
def cmd_rules(args: argparse.Namespace) -> int:
    config = load_config(args.rules)
    infos = rule_infos(config)
    text = as_markdown if args.markdown else as_text
    sys.stdout.write(text(infos, config.thresholds))
    return EXIT_OK


def cmd_test_rules(args: argparse.Namespace) -> int:
    config = load_config(args.rules)
    cases = read_cases(args.cases, config.rule_ids)
    scorer = Scorer(config)
    outcomes = [run_case(scorer, c) for c in cases]
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        print(format_outcome(o, args.cases))
        print()
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    store = SessionStore(args.session, read_only=True)
    try:
        stats = rule_stats(store.load(), store.decided_auto())
    finally:
        store.close()
    if not stats:
        print("no decided flags in this session yet")
        return EXIT_OK
    print(f"{'rule':<34} {'decided':>7} {'upheld':>6} {'overridden':>10} {'override rate':>13}")
    for s in stats:
        print(f"{s.rule_id:<34} {s.decided:>7} {s.upheld:>6} {s.overridden:>10} "
              f"{s.override_rate:>12.0%}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="moderator", description="Triage reader comments: insults, off-topic "
                "posts and reposts, every flag explained. `moderator gui [FILE]` opens the app.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("score", help="score a thread file and print or write the flags")
    s.add_argument("file", help="thread file (plain-text page, JSON, CSV)")
    s.add_argument("--rules", help="your rules file (TOML), layered over the defaults")
    s.add_argument("--format", choices=["table", "csv", "json"],
                   help="output format (default: table, or from -o's suffix)")
    s.add_argument("-o", "--output", help="write here (atomically) instead of printing")
    s.add_argument("--thread", help="score only this thread of a multi-thread file")
    s.add_argument("--input-format", help="read the file as this format (default: detect)")
    s.add_argument("--flagged", action="store_true", help="only flagged comments")
    s.set_defaults(func=cmd_score)

    e = sub.add_parser("eval", help="precision, recall and F1 against a labels file")
    e.add_argument("thread_file", metavar="THREAD")
    e.add_argument("--labels", required=True, help="CSV: comment_id,insult,off_topic,"
                   "duplicate_of (1/0/?)")
    e.add_argument("--rules", help="your rules file (TOML)")
    e.add_argument("--compare", metavar="OTHER_RULES",
                   help="also list the comments whose flags OTHER_RULES would flip")
    e.add_argument("--show", type=int, default=30,
                   help="ids listed per category (default 30, -1 for all)")
    e.add_argument("--input-format", help="read the thread file as this format")
    e.set_defaults(func=cmd_eval)

    x = sub.add_parser("export", help="write a review session's decisions as CSV or JSON")
    x.add_argument("session", metavar="SESSION")
    x.add_argument("-o", "--output", required=True, help="the file to write (.csv or .json)")
    x.add_argument("--format", choices=["csv", "json"], help="default: from -o's suffix")
    x.add_argument("--thread-file", help="the thread file, if it moved since the review")
    x.add_argument("--thread", help="only this thread of a multi-thread file")
    x.add_argument("--rules", help="rules file to score with (default: the session's)")
    x.set_defaults(func=cmd_export)

    r = sub.add_parser("rules", help="list every rule with its points and examples")
    r.add_argument("--rules", help="your rules file (TOML), layered over the defaults")
    r.add_argument("--markdown", action="store_true", help="as the README's Markdown table")
    r.set_defaults(func=cmd_rules)

    t = sub.add_parser("test-rules", help="run a file of rule test cases; exit 1 on a failure")
    t.add_argument("cases", metavar="CASES.toml")
    t.add_argument("--rules", help="your rules file (TOML), layered over the defaults")
    t.set_defaults(func=cmd_test_rules)

    st = sub.add_parser("stats", help="per rule: flags upheld and overridden in a session")
    st.add_argument("session", metavar="SESSION")
    st.set_defaults(func=cmd_stats)
    return p


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


class _ClosedOutput(io.TextIOBase):
    """Standard output for a process started without one (``>&-``): writing to it is an
    error the user is told about, as for any unwritable file."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed: nothing written (-o FILE "
                                   "writes to a file)")


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with standard output closed
        sys.stdout = _ClosedOutput()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ModeratorError as exc:
        print(f"moderator: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `moderator score ... | head`: the reader has all it wants
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"moderator: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("moderator: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
