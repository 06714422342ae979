"""Thread files read one thread at a time give the same threads and messages as read whole."""

from __future__ import annotations

import random

import pytest

from moderator.core import InputError
from moderator.io import load
from moderator.io.stream import iter_threads
from moderator.rules.text import normalise, words_of

from ..conftest import DATA


def streamed(path):
    stream = iter_threads(path)
    got = list(stream)
    return stream, [t for t, _ in got], [*stream.notes, *(m for _, ms in got for m in ms)]


@pytest.mark.parametrize("name", ["multi-thread.csv", "aliases.csv", "threads.json",
                                  "wordpress-export.xml", "disqus-export.xml",
                                  "tricky-page.txt", "reddit-thread.json"])
def test_every_format_streams_the_threads_a_whole_load_gives(name):
    whole = load(DATA / name)
    stream, threads, messages = streamed(DATA / name)
    assert threads == list(whole.threads)
    assert messages == list(whole.messages)
    assert stream.format == whole.format
    assert stream.streamed == (whole.format in ("csv", "wxr", "disqus"))
    assert stream.bytes_read() == stream.size


def _random_csv(rng: random.Random) -> str:
    """Threads interleaved, replies by id, repeated ids, quoted fields over several lines."""
    lines = ["thread_id,id,parent,author,text"]
    for n in range(rng.randint(0, 40)):
        tid = rng.choice(["a", "b", "c", ""])
        cid = rng.choice([str(n), str(n), str(n // 2), ""])
        parent = rng.choice(["", "", str(rng.randint(0, 40)), "0"])
        body = rng.choice(["plain words", '"two\nlines, quoted"', '"say ""hi"""', "", " "])
        lines.append(f"{tid},{cid},{parent},u{n % 3},{body}")
        if rng.random() < 0.1:
            lines.append("")
    return "\n".join(lines) + rng.choice(["", "\n"])


@pytest.mark.parametrize("seed", range(40))
def test_a_csv_streams_like_it_loads_whatever_the_order_of_its_threads(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "t.csv"
    path.write_text(_random_csv(rng), encoding="utf-8", newline=rng.choice(["\n", "\r\n"]))
    whole = load(path)
    stream, threads, messages = streamed(path)
    assert stream.streamed
    assert threads == list(whole.threads) and messages == list(whole.messages)


def test_csv_errors_are_the_same_as_when_read_whole(tmp_path):
    for text in ("thread_id,id,text\na,1,fine\nb,2,\"never closed\nstill open\n",
                 "id,author\n1,ann\n"):
        path = tmp_path / "bad.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as whole:
            load(path)
        with pytest.raises(InputError) as stream:
            list(iter_threads(path))
        assert str(stream.value) == str(whole.value)


def test_files_read_only_whole_still_stream_their_threads(tmp_path):
    path = tmp_path / "latin.csv"  # cp1252: its encoding is only known from the whole file
    path.write_bytes("thread_id,text\na,caf\xe9 au lait\nb,cr\xe8me\n".encode("cp1252"))
    whole = load(path)
    stream, threads, messages = streamed(path)
    assert not stream.streamed and threads == list(whole.threads)
    assert messages == list(whole.messages) and messages  # "read as cp1252"


def test_words_are_the_same_on_the_fast_path():
    pattern_words = __import__("re").compile(r"[\w$@*]+(?:['’][\w$@*]+)*")
    rng = random.Random(5)
    alphabet = "ab'’ $*@-_.é\n\"“”—–…•«»‘1Zß\u0301\t"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))).lower()
        assert words_of(text) == pattern_words.findall(text.replace("’", "'"))


def test_text_already_in_nfc_is_not_copied():
    text = "Café au lait, and plain ASCII too"
    assert normalise(text) is text
    assert normalise("Cafe\u0301") == "Café"


def _random_disqus(rng: random.Random) -> str:
    """Threads and posts in any order; posts naming threads and parents by dsq:id or by site
    identifier, some in threads the file does not describe, threads without posts."""
    parts = []
    threads = rng.randint(0, 5)
    for t in range(threads):
        ident = rng.choice([f"post-{t}", f"post-{t % 2}", ""])
        parts.append(f'<thread dsq:id="{7000 + t}"><id>{ident}</id><title>T{t}</title>'
                     f"<message><![CDATA[<p>About {t}</p>]]></message></thread>")
    for p in range(rng.randint(0, 30)):
        ref = rng.choice([f'<thread dsq:id="{7000 + rng.randint(0, 6)}"/>',
                          f"<thread>post-{rng.randint(0, 3)}</thread>", "<thread/>"])
        parent = rng.choice(["", f'<parent dsq:id="{9000 + rng.randint(0, 30)}"/>',
                             f"<parent>site-{rng.randint(0, 30)}</parent>"])
        bad = "\x01" if rng.random() < 0.05 else ""
        parts.append(f'<post dsq:id="{9000 + p}"><id>{rng.choice([f"site-{p}", ""])}</id>'
                     f"<message><![CDATA[<p>post {p}{bad}</p>]]></message>{ref}{parent}"
                     f"<author><name>a{p % 4}</name></author></post>")
    rng.shuffle(parts)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n' + "\n".join(parts) +
            "\n</disqus>\n")


@pytest.mark.parametrize("seed", range(40))
def test_a_disqus_export_streams_like_it_loads(tmp_path, seed):
    path = tmp_path / "export.xml"
    path.write_text(_random_disqus(random.Random(seed)), encoding="utf-8")
    try:
        whole = load(path)
    except InputError as exc:
        with pytest.raises(InputError) as streaming:
            list(iter_threads(path))
        assert str(streaming.value) == str(exc)
        return
    stream, threads, messages = streamed(path)
    assert stream.streamed and threads == list(whole.threads)
    assert messages == list(whole.messages)


def test_a_wordpress_export_streams_item_by_item(tmp_path):
    rng = random.Random(1)
    items = []
    for k in range(30):
        comments = "".join(
            f"<wp:comment><wp:comment_id>{k}-{n}</wp:comment_id><wp:comment_content>"
            f"<![CDATA[hello{rng.choice(['', chr(1)])} {n}]]></wp:comment_content>"
            f"<wp:comment_parent>{f'{k}-{n - 1}' if n % 2 else '0'}</wp:comment_parent>"
            f"<wp:comment_type>{rng.choice(['comment', 'comment', 'pingback'])}"
            f"</wp:comment_type></wp:comment>\n" for n in range(rng.randint(0, 12)))
        items.append(f"<item><title>T{k}</title><wp:post_id>{k % 25}</wp:post_id>"
                     f"<wp:post_type>post</wp:post_type>{comments}</item>\n")
    path = tmp_path / "site.wxr"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org'
                    '/export/1.2/"><channel>' + "".join(items) + "</channel></rss>",
                    encoding="utf-8")
    whole = load(path)
    stream, threads, messages = streamed(path)
    assert stream.streamed and threads == list(whole.threads)
    assert sorted(messages) == sorted(whole.messages)  # the file's notes come at the end
    assert any("XML does not allow" in m for m in stream.notes)
