"""The rules file: layered over the defaults, every mistake named with file, line and key."""

from __future__ import annotations

import pytest

from moderator.core import Category, RulesError
from moderator.rules.config import load_config


def write(tmp_path, text: str):
    p = tmp_path / "my-rules.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_load_with_every_category_threshold():
    cfg = load_config()
    assert set(cfg.thresholds) == set(Category)
    assert cfg.settings("duplicate.same_author_repost").enabled


def test_user_file_overrides_only_what_it_sets(tmp_path):
    default = load_config()
    p = write(tmp_path, """
[thresholds]
insult = 70

[rules."duplicate.copied_text"]
enabled = false

[rules."duplicate.same_author_repost"]
points = 80
min_similarity = 90
""")
    cfg = load_config(p)
    assert cfg.thresholds[Category.INSULT] == 70
    assert cfg.thresholds[Category.OFF_TOPIC] == default.thresholds[Category.OFF_TOPIC]
    assert not cfg.settings("duplicate.copied_text").enabled
    s = cfg.settings("duplicate.same_author_repost")
    assert s.points == 80 and s.params["min_similarity"] == 90.0 and s.params["min_words"] == 6
    assert cfg.sources[-1] == str(p)


def test_broken_toml_names_file_and_line(tmp_path):
    p = write(tmp_path, "[thresholds]\ninsult = 50\noff_topic = \n")
    with pytest.raises(RulesError) as err:
        load_config(p)
    assert str(p) in str(err.value) and "line 3" in str(err.value)


@pytest.mark.parametrize(("text", "line", "words"), [
    ('[thresholds]\ninsult = "high"\n', 2, "whole number"),
    ('[thresholds]\nspam = 40\n', 2, "unknown category"),
    ('\n\n[rules."insult.nonsense"]\npoints = 3\n', 3, "unknown rule"),
    ('[rules."duplicate.copied_text"]\nenabled = "yes"\n', 2, "true or false"),
    ('[rules."duplicate.copied_text"]\npoints = 500\n', 2, "0 to 100"),
    ('[rules."duplicate.copied_text"]\nmin_similarity = "x"\n', 2, "expected float"),
    ('[rules."duplicate.copied_text"]\ncolour = 1\n', 2, "unknown setting"),
    ('[words_add]\nno_such_list = ["x"]\n', 2, "no word list"),
    ('[tresholds]\ninsult = 1\n', 1, "unknown section"),
])
def test_semantic_mistakes_name_the_line_and_key(tmp_path, text, line, words):
    p = write(tmp_path, text)
    with pytest.raises(RulesError) as err:
        load_config(p)
    msg = str(err.value)
    assert f"{p}, line {line}" in msg and words in msg


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    p = tmp_path / "latin1.toml"
    p.write_bytes(b"# r\xe8gles\n[thresholds]\n")
    with pytest.raises(RulesError, match=r"line 1: rules file is not UTF-8 text$"):
        load_config(p)


def test_allowlist_and_word_edits(tmp_path):
    p = write(tmp_path, 'allowlist = ["Pussy Riot", "Scunthorpe"]\n'
                        '[words]\nmy_list = ["alpha", "Beta"]\n'
                        '[words_add]\nmy_list = ["gamma"]\n'
                        '[words_remove]\nmy_list = ["alpha"]\n')
    cfg = load_config(p)
    assert cfg.lexicon.words("my_list") == frozenset({"beta", "gamma"})
    assert cfg.lexicon.allowed("pussy riot")
