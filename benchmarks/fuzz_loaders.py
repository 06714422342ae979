"""The long fuzz run: many hostile inputs per loader, seeded, without hypothesis.

    python benchmarks/fuzz_loaders.py                  # 10,000 inputs per loader, seed 1
    python benchmarks/fuzz_loaders.py --count 50000 --seed 7
    python benchmarks/fuzz_loaders.py --rules 10000    # the rules file parser too

Every input must either load or be refused with the project's own error (``ModeratorError``)
carrying a message; anything else is a crash, saved under ``--save`` for replay and printed.
Per loader (each format named explicitly, plus ``auto``: detection from the content) it prints
inputs, loaded, refused, crashes (must be 0), total time and the slowest single input.
Exit status 1 when anything crashed.

Inputs, a mix: fixtures of the format damaged (bytes flipped, pieces cut, repeated or dropped,
markup and junk inserted, the end cut off) or changed but still well-formed (JSON values and
XML element texts swapped, dropped, repeated), fixtures of other formats damaged, random
bytes, random runs of format tokens, and generated documents shaped like the format.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from moderator.core import ModeratorError  # noqa: E402
from moderator.io import FORMATS, load_text  # noqa: E402
from moderator.io.decode import decode  # noqa: E402

DATA = REPO / "tests" / "data"
SAMPLE = REPO / "resources" / "samples" / "russia-amnesty-cnn-2014.txt"
FIXTURES = {
    "wxr": ["wordpress-export.xml"],
    "disqus": ["disqus-export.xml", "disqus-latin1.xml"],
    "reddit": ["reddit-thread.json", "reddit-comment-page.json"],
    "json": ["flat.json", "nested.json", "threads.json"],
    "csv": ["aliases.csv", "multi-thread.csv", "no-text-column.csv"],
    "text": ["tricky-page.txt"],
}
TOKENS = {
    "xml": ["<", ">", "</", "/>", "&amp;", "&#0;", "&#x110000;", "&undefined;", "]]>",
            "<![CDATA[", "<!--", "-->", "<?xml version='1.0' encoding='latin-1'?>",
            "<!DOCTYPE rss [<!ENTITY e 'x'>]>", "<!DOCTYPE rss SYSTEM 'http://127.0.0.1:9/'>",
            "<rss xmlns:wp='http://wordpress.org/export/1.2/'>", "<channel>", "<item>",
            "<wp:comment>", "</wp:comment>", "<wp:comment_parent>", "<wp:comment_id>",
            "<disqus>", "<thread dsq:id='1'>", "<post dsq:id='2'>", "<parent dsq:id='1'/>",
            "</post>", "xmlns:dsq='http://disqus.com/disqus-internals'", '"', "'", "="],
    "json": ["{", "}", "[", "]", ",", ":", '"', "null", "true", "1e999", "-0", '"kind"',
             '"Listing"', '"t1"', '"t3"', '"more"', '"data"', '"children"', '"replies"',
             '"count"', '"parent_id"', '"t1_a"', '"t3_p"', '"body"', '"comments"', '"id"',
             '"[deleted]"', '"\\ud800"', '"\\u0000"'],
    "csv": [",", ";", "\t", "|", '"', '""', "\n", "\r\n", "id", "parent_id", "body", "text",
            "author", "thread_id", "date", "1", "2", "a1", "=cmd", "\u00e9"],
    "text": ["  1. ann\n", "    \u2022 bob\n", "      body text\n",
             "    January 4, 2014 at 3:31 am | Reply\n", "\t", "\n\n", "By Someone\n", "2."],
}
JUNK = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x81", b"\x93", b"\xc3", b"\r", b"\x0c",
        b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]


def damage(rng: random.Random, data: bytes, tokens: list[str]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            break
        at = rng.randrange(len(out))
        action = rng.randrange(7)
        if action == 0:
            out[at] = rng.randrange(256)
        elif action == 1:
            del out[at:at + rng.randint(1, 300)]
        elif action == 2:
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        elif action == 3:
            out[at:at] = out[at:at + rng.randint(1, 500)] * rng.randint(1, 5)
        elif action == 4:
            out[at:at] = rng.choice(tokens).encode()
        elif action == 5:
            out[at:at] = rng.choice(JUNK)
        else:
            del out[at:]
    return bytes(out)


LEAF = re.compile(rb"<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?>([^<]*)</\1>")
LEAF_VALUES = ["", "0", "1", "17", "18", "99", "spam", "trash", "pingback", "trackback",
               "true", "false", "post", "attachment", "0000-00-00 00:00:00", "yesterday",
               "&lt;b&gt;x&lt;/b&gt;", "&amp;amp;", "caf\u00e9", "\u202e", "x" * 5000]


def structural(rng: random.Random, data: bytes) -> bytes:
    """A change that keeps the file well-formed: JSON values swapped or dropped, XML leaf
    elements given other text, dropped or repeated. The parse gets past the syntax."""
    try:
        doc = json.loads(data)
    except ValueError:
        doc = None
    if doc is not None:
        for _ in range(rng.randint(1, 6)):
            doc = _mutate_json(rng, doc)
        return json.dumps(doc).encode()
    leaves = list(LEAF.finditer(data))
    if not leaves:
        return data
    out = data
    for m in sorted(rng.sample(leaves, min(len(leaves), rng.randint(1, 6))),
                    key=lambda m: m.start(), reverse=True):
        whole, tag = m.group(0), m.group(1)
        roll = rng.random()
        if roll < 0.6:
            value = rng.choice(LEAF_VALUES).encode()
            start = whole.index(b">") + 1
            new = whole[:start] + value + b"</" + tag + b">"
        elif roll < 0.8:
            new = b""
        else:
            new = whole * rng.randint(2, 3)
        out = out[:m.start()] + new + out[m.end():]
    return out


def _mutate_json(rng: random.Random, node: object, depth: int = 0) -> object:
    if isinstance(node, list) and node and depth < 12:
        i = rng.randrange(len(node))
        roll = rng.random()
        if roll < 0.15:
            del node[i]
        elif roll < 0.25:
            node.insert(i, node[i])
        else:
            node[i] = _mutate_json(rng, node[i], depth + 1)
        return node
    if isinstance(node, dict) and node and depth < 12:
        key = rng.choice(list(node))
        roll = rng.random()
        if roll < 0.15:
            del node[key]
        else:
            node[key] = _mutate_json(rng, node[key], depth + 1)
        return node
    return json_value(rng)


def xml_doc(rng: random.Random, root: str) -> bytes:
    tags = ["item", "wp:comment", "wp:comment_id", "wp:comment_parent", "wp:comment_content",
            "wp:comment_type", "wp:comment_approved", "wp:post_id", "wp:post_type", "title",
            "content:encoded", "thread", "post", "message", "parent", "id", "isSpam",
            "isDeleted", "author", "name", "createdAt"]
    values = ["", "0", "1", "2", "spam", "pingback", "true", "<p>x</p>", "&amp;", "\u00e9",
              "2024-02-05 10:15:00", "post"]

    def element(depth: int) -> str:
        tag = rng.choice(tags)
        attr = rng.choice(["", ' dsq:id="1"', ' dsq:id="2"', ' dsq:id="3"'])
        if depth > 3 or rng.random() < 0.5:
            value = rng.choice(values)
            body = (f"<![CDATA[{value}]]>" if rng.random() < 0.5 else
                    value.replace("&", "&amp;").replace("<", "&lt;"))
        else:
            body = "".join(element(depth + 1) for _ in range(rng.randint(0, 4)))
        return f"<{tag}{attr}>{body}</{tag}>"

    inner = "".join(element(0) for _ in range(rng.randint(0, 8)))
    if root == "rss":
        inner = f"<channel>{inner}</channel>"
    ns = ('xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dsq="http://disqus.com/'
          'disqus-internals" xmlns:content="http://purl.org/rss/1.0/modules/content/"')
    return f'<?xml version="1.0"?>\n<{root} {ns}>\n{inner}\n</{root}>\n'.encode()


def json_value(rng: random.Random, depth: int = 0) -> object:
    keys = ["kind", "data", "children", "replies", "id", "name", "parent_id", "body", "author",
            "count", "created_utc", "title", "comments", "threads", "article", "text",
            "parent", "removed", "spam"]
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice([None, True, 0, -1, 1.5, 1707130800, "", "t1_a", "t3_p", "a", "b",
                           "Listing", "t1", "more", "[deleted]", "[removed]", "\u00e9"])
    if roll < 0.6:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(keys): json_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def reddit_doc(rng: random.Random) -> bytes:
    def thing(depth: int) -> dict[str, object]:
        kind = rng.choice(["t1", "t1", "t1", "more", "t3", "x"])
        data: dict[str, object] = {"id": f"c{rng.randrange(30)}",
                                   "parent_id": rng.choice(["t3_p", f"t1_c{rng.randrange(30)}"]),
                                   "body": rng.choice(["hi", "[deleted]", "[removed]", "&amp;"]),
                                   "count": rng.choice([0, 3, -1, "x"])}
        if rng.random() < 0.2:
            data[rng.choice(list(data))] = json_value(rng)
        if kind == "t1" and depth < 5 and rng.random() < 0.5:
            data["replies"] = {"kind": "Listing", "data": {
                "children": [thing(depth + 1) for _ in range(rng.randint(0, 3))]}}
        return {"kind": kind, "data": data}

    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
        "id": "p", "title": "T", "selftext": "&gt; s", "permalink": "/r/x/comments/p/t/"}}]}}
    comments = {"kind": "Listing", "data": {"children": [thing(0) for _ in range(6)]}}
    return json.dumps([post, comments] if rng.random() < 0.8 else comments).encode()


def shaped(rng: random.Random, fmt: str) -> bytes:
    if fmt in ("wxr", "disqus"):
        return xml_doc(rng, "rss" if fmt == "wxr" else "disqus")
    if fmt == "reddit":
        return reddit_doc(rng)
    if fmt == "json":
        return json.dumps(json_value(rng)).encode()
    if fmt == "csv":
        header = ",".join(rng.sample(TOKENS["csv"][6:], rng.randint(1, 6)))
        rows = ["\t".join(rng.choices(TOKENS["csv"], k=rng.randint(0, 8)))
                for _ in range(rng.randint(0, 10))]
        return "\n".join([header, *rows]).encode()
    return "".join(rng.choices(TOKENS["text"] + ["word ", "Reply\n"], k=60)).encode()


def inputs(fmt: str, count: int, seed: int) -> list[bytes]:
    rng = random.Random(f"{seed}-{fmt}")
    own = [(DATA / name).read_bytes() for name in FIXTURES.get(fmt, [])]
    every = [(DATA / n).read_bytes() for names in FIXTURES.values() for n in names]
    every.append(SAMPLE.read_bytes()[:20_000])
    own = own or every
    family = "xml" if fmt in ("wxr", "disqus") else "json" if fmt == "reddit" else fmt
    tokens = TOKENS.get(family, TOKENS["xml"] + TOKENS["json"] + TOKENS["csv"])
    made: list[bytes] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.20:
            made.append(damage(rng, rng.choice(own), tokens))
        elif roll < 0.40:
            made.append(structural(rng, rng.choice(own)))
        elif roll < 0.55:
            made.append(damage(rng, rng.choice(every), tokens))
        elif roll < 0.70:
            made.append(rng.randbytes(rng.randint(0, 2000)))
        elif roll < 0.85:
            made.append("".join(rng.choices(tokens, k=rng.randint(1, 120))).encode())
        else:
            made.append(damage(rng, shaped(rng, fmt), tokens) if rng.random() < 0.5
                        else shaped(rng, fmt))
    return made


def run(name: str, cases: list[bytes], call: Callable[[bytes], object],
        save: Path) -> tuple[int, int, int, float, float]:
    loaded = refused = crashes = 0
    slowest = 0.0
    start = time.perf_counter()
    for n, data in enumerate(cases):
        t = time.perf_counter()
        try:
            call(data)
            loaded += 1
        except ModeratorError as err:
            if not err.message.strip():
                raise AssertionError(f"{name} #{n}: an error without a message") from err
            refused += 1
        except Exception as err:  # noqa: BLE001 - a crash is what this run looks for
            crashes += 1
            save.mkdir(parents=True, exist_ok=True)
            path = save / f"{name}-{n}.bin"
            path.write_bytes(data)
            if crashes <= 10:
                print(f"CRASH {name} #{n}: {type(err).__name__}: {err} (input saved: {path})")
        slowest = max(slowest, time.perf_counter() - t)
    return loaded, refused, crashes, time.perf_counter() - start, slowest


def parse_as(fmt: str | None) -> Callable[[bytes], object]:
    def call(data: bytes) -> object:
        text, _notes = decode(data, "fuzz")
        return load_text(text, path="fuzz", format=fmt)
    return call


def rules_inputs(count: int, seed: int) -> list[bytes]:
    rng = random.Random(f"{seed}-rules")
    base = (REPO / "resources" / "rules.toml").read_bytes()
    lines = ["[thresholds]", "insult = 60", "off_topic = -1", 'insult = "x"',
             '[rules."insult.profanity"]', '[rules."no.such"]', "enabled = false",
             "points = 3.5", "[words_add]", 'insult_nouns = ["numpty"]', "allowlist = 3",
             "[[patterns]]", 'id = "custom.x"', 'category = "insult"', 'reason = "r"',
             'regex = ["("]', 'phrases = ["x"]', "[meta]", "[unknown]", "= broken", "[", '"']
    made = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.4:
            made.append(damage(rng, base, lines))
        elif roll < 0.8:
            made.append("\n".join(rng.choices(lines, k=rng.randint(0, 15))).encode())
        else:
            made.append(rng.randbytes(rng.randint(0, 500)))
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs per loader")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", type=int, default=0,
                        help="inputs for the rules file parser (0: skip)")
    parser.add_argument("--save", type=Path, default=Path(tempfile.gettempdir()) / "fuzz-crashes")
    args = parser.parse_args()

    print(f"seed {args.seed}, {args.count:,} inputs per loader")
    print(f"{'loader':<8} {'inputs':>8} {'loaded':>8} {'refused':>8} {'crashes':>8} "
          f"{'time':>8} {'slowest':>9}")
    total_crashes = 0
    rows: list[tuple[str, list[bytes], Callable[[bytes], object]]] = [
        (fmt, inputs(fmt, args.count, args.seed), parse_as(fmt)) for fmt in FORMATS]
    rows.append(("auto", inputs("auto", args.count, args.seed), parse_as(None)))
    if args.rules:
        from moderator.rules.config import load_config  # here: the loaders need no rules

        def load_rules(data: bytes) -> object:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "mine.toml"
                path.write_bytes(data)
                return load_config(path)

        load_rules(b"")  # the shipped defaults load (else the setup is broken, not the parser)
        rows.append(("rules", rules_inputs(args.rules, args.seed), load_rules))
    for name, cases, call in rows:
        loaded, refused, crashes, seconds, slowest = run(name, cases, call, args.save)
        total_crashes += crashes
        print(f"{name:<8} {len(cases):>8,} {loaded:>8,} {refused:>8,} {crashes:>8} "
              f"{seconds:>7.1f}s {slowest * 1000:>7.0f}ms", flush=True)
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
