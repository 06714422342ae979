"""moderator's headless front door: score, eval, export, rules, test-rules, stats.

Exit codes: 0 success, 1 failed checks, 2 bad input or usage (with a message naming the
problem, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from moderator.core import Category, ModeratorError
from moderator.io.export import columns_for, csv_text, json_text, rows_for, write_atomic
from moderator.io.labels import read_labels
from moderator.rules.cases import format_outcome, read_cases, run_case
from moderator.rules.catalog import as_markdown, as_text, rule_infos
from moderator.rules.config import load_config
from moderator.rules.evaluation import compare, evaluate
from moderator.rules.scorer import Scorer
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
def _table(rows: list[dict[str, object]], multi: bool) -> str:
    lines = []
    head = f"{'id':<10} {'author':<16} {'ins':>3} {'off':>3} {'dup':>3}  {'flags':<18} reasons"
    if multi:
        head = f"{'thread':<14} " + head
    lines.append(head)
    for r in rows:
        reasons = str(r["reasons"]) or "-"
        if len(reasons) > 90:
            reasons = reasons[:89] + "…"
        line = (f"{str(r['comment_id'])[:10]:<10} {str(r['author'])[:16]:<16} "
                f"{r['insult_score']:>3} {r['off_topic_score']:>3} {r['duplicate_score']:>3}  "
                f"{str(r['auto_flags']) or '-':<18} {reasons}")
        if multi:
            line = f"{str(r['thread_id'])[:14]:<14} " + line
        lines.append(line)
    flagged = sum(1 for r in rows if r["auto_flags"])
    lines.append(f"{len(rows)} comments, {flagged} flagged")
    return "\n".join(lines) + "\n"


def cmd_score(args: argparse.Namespace) -> int:
    analysis = analyse(args.file, fmt=args.input_format, rules=args.rules,
                       progress=_progress_printer(sys.stderr))
    for message in analysis.loaded.messages:
        print(f"note: {message}", file=sys.stderr)
    threads = list(analysis.loaded.threads)
    if args.thread:
        try:
            threads = [analysis.loaded.thread(args.thread)]
        except KeyError as exc:
            print(f"moderator: {exc.args[0]}", file=sys.stderr)
            return EXIT_BAD_INPUT
    rows = rows_for(threads, analysis.scores, {})
    if args.flagged:
        rows = [r for r in rows if r["auto_flags"]]
    cols = columns_for(threads)
    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "table")
    if fmt == "csv":
        text = csv_text(rows, cols)
    elif fmt == "json":
        text = json_text(rows, cols)
    elif fmt == "table":
        text = _table(rows, len(threads) > 1)
    else:
        print(f"moderator: unknown output format {fmt!r} (table, csv or json)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.output:
        write_atomic(args.output, text)
        print(f"wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- eval -------------------------------------------------------------------------------------
def cmd_eval(args: argparse.Namespace) -> int:
    labels = read_labels(args.labels)
    analysis = analyse(args.thread_file, fmt=args.input_format, rules=args.rules,
                       progress=_progress_printer(sys.stderr))
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
        out.write(f"\n{report.unlabelled} scored comments have no label row\n")
    if args.compare:
        other = load_config(args.compare)
        new_scores = score_all(analysis.loaded, other)
        flips = compare(analysis.scores.values(), new_scores.values())
        out.write(f"\n{len(flips)} comments change flags with {args.compare}:\n")
        for f in flips:
            def fmt(c: frozenset[Category]) -> str:
                return ";".join(x.value for x in Category if x in c) or "-"
            out.write(f"  {f.comment_id}: {fmt(f.before)} -> {fmt(f.after)}\n")
    return EXIT_OK


# -- export -----------------------------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    session_path = Path(args.session)
    if not session_path.exists():
        print(f"moderator: {session_path}: no such session file", file=sys.stderr)
        return EXIT_BAD_INPUT
    store = SessionStore(session_path, read_only=True)
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
        n = session.export(args.output, args.format, args.thread)
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
    if not Path(args.session).exists():
        print(f"moderator: {args.session}: no such session file", file=sys.stderr)
        return EXIT_BAD_INPUT
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


def main(argv: Sequence[str] | None = None) -> int:
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
