"""The rules panel, as a moderator uses it on the real sample thread: thresholds over the
histograms, rule switches and points, the rules file (reload, broken file, save as) and what
the reviewers made of each rule's flags. No change of the rules ever changes a decision."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from moderator.core import Category, Decision
from moderator.gui import jobs, queue_model
from moderator.gui.actions import ActionId
from moderator.gui.controller import ReviewController
from moderator.gui.main_window import MainWindow
from moderator.gui.queue_model import Role
from moderator.gui.rules_model import RuleColumn, RulesModel
from moderator.rules.config import load_config
from moderator.session.review import ReviewSession

from .conftest import SAMPLE, SAMPLE_COMMENTS

Key = tuple[str, str]
ATTACK = "insult.personal_attack"


def show_panel(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.queue.view, Qt.Key.Key_R)
    qtbot.waitUntil(window.rules_panel.isVisible)


def decide_some(qtbot, window: MainWindow) -> dict[Key, Decision]:
    """Accept the top comment, keep the next one, remove the third: three decisions."""
    for key in (Qt.Key.Key_A, Qt.Key.Key_O, Qt.Key.Key_X):
        qtbot.keyClick(window.queue.view, key)
    ctl = window.controller
    decided = {k: d for k in window.queue.model.keys() if (d := ctl.decision(k)) is not None}
    assert len(decided) == 3
    return decided


def decisions_now(window: MainWindow, keys) -> dict[Key, Decision | None]:
    return {k: window.controller.decision(k) for k in keys}


def queue_flagged(window: MainWindow, category: Category) -> set[Key]:
    model = window.queue.model
    return {model.index(r, 0).data(Role.KEY) for r in range(model.rowCount())
            if category in model.index(r, 0).data(Role.FLAGS)}


def rescore(qtbot, window: MainWindow, action) -> None:
    """Run ``action`` and wait for the re-scored thread to be in force."""
    with qtbot.waitSignal(window.controller.scores_changed, timeout=30_000):
        action()


def test_rules_model(qtmodeltester, sample_analysis, session_path: Path) -> None:
    ctl = ReviewController("tester")
    model = RulesModel(ctl)
    assert model.rowCount() == 0, "no rules before a thread is open"
    ctl.open_analysis_session(ReviewSession.open(sample_analysis, session_path, "tester"))
    assert model.rowCount() > 10
    qtmodeltester.check(model)
    row = model.row_of(ATTACK)
    assert model.index(row, RuleColumn.RULE).data() == ATTACK
    assert model.index(row, RuleColumn.ON).data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Checked
    assert model.index(row, RuleColumn.POINTS).flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(row, RuleColumn.POINTS), 500)
    ctl.shutdown()


def test_r_shows_the_panel_and_the_layout_remembers_it(qtbot, make_window,
                                                       tmp_path: Path) -> None:
    window = make_window(SAMPLE, tmp_path / "first.sqlite")
    assert not window.rules_panel.isVisible()
    toggle = window.actions_by_id[ActionId.RULES_PANEL]
    view_menu = next(m for m in window.menuBar().findChildren(type(window.recent_menu))
                     if m.title() == "&View")
    assert toggle in view_menu.actions()
    assert window.tree_dock.toggleViewAction() in view_menu.actions()
    show_panel(qtbot, window)
    assert toggle.isChecked()
    editor = window.rules_panel.editors[Category.INSULT]
    assert editor.histogram.counts()[0] > 0, "the histogram shows the thread's scores"
    assert editor.value() == 50
    window.close()  # saves the layout

    again = make_window(SAMPLE, tmp_path / "second.sqlite")  # the same settings
    assert again.rules_panel.isVisible()
    assert again.actions_by_id[ActionId.RULES_PANEL].isChecked()
    qtbot.keyClick(again.queue.view, Qt.Key.Key_R)
    assert not again.rules_panel.isVisible()
    assert not again.actions_by_id[ActionId.RULES_PANEL].isChecked()
    again.close()
    assert not make_window(SAMPLE, tmp_path / "third.sqlite").rules_panel.isVisible()


def test_threshold_move_reflags_and_keeps_decisions(qtbot, window: MainWindow) -> None:
    show_panel(qtbot, window)
    decided = decide_some(qtbot, window)
    ctl = window.controller
    editor = window.rules_panel.editors[Category.INSULT]
    index = ctl.score_index()
    before = queue_flagged(window, Category.INSULT)
    assert len(before) == index.at_or_above(Category.INSULT, 50)
    assert editor.count_label.text() == f"{len(before)} comments flagged"

    editor.spin.setValue(30)  # tried: the count says what the move would do, nothing moves yet
    would = index.at_or_above(Category.INSULT, 30)
    assert would > len(before)
    assert editor.count_label.text() == \
        f"{would} comments would be flagged (now {len(before)})"
    assert queue_flagged(window, Category.INSULT) == before
    assert editor.histogram.threshold() == 30

    with qtbot.waitSignal(ctl.flags_changed) as moved:
        editor.apply()
    after = queue_flagged(window, Category.INSULT)
    assert after > before and len(after) == would
    assert set(moved.args[0]) == after - before
    assert editor.count_label.text() == f"{would} comments flagged"
    assert ctl.rules_config().thresholds[Category.INSULT] == 30
    assert all(ctl.score(k).scores[Category.INSULT] >= 30 for k in after)
    assert decisions_now(window, decided) == decided, "a threshold never changes a decision"
    assert ctl.counts()[0] == 3
    assert "not saved" in window.rules_panel.source_label.text()


def test_switching_a_rule_off_rescores_and_keeps_decisions(qtbot, window: MainWindow) -> None:
    show_panel(qtbot, window)
    ctl = window.controller
    hit = [k for k in window.queue.model.keys()
           if any(h.rule_id == ATTACK for h in ctl.score(k).hits)]
    assert hit
    window.queue.select_keys([hit[0]])
    decided = decide_some(qtbot, window)
    assert hit[0] in decided
    model = window.rules_panel.model
    row = model.row_of(ATTACK)
    busy = []
    ctl.busy_changed.connect(busy.append)
    rescore(qtbot, window, lambda: model.setData(model.index(row, RuleColumn.ON),
                                                 Qt.CheckState.Unchecked,
                                                 Qt.ItemDataRole.CheckStateRole))
    assert busy[0] is True, "re-scoring ran as a background job (progress shown)"
    assert not ctl.is_busy()
    assert model.index(row, RuleColumn.ON).data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Unchecked
    assert not any(h.rule_id == ATTACK for k in hit for h in ctl.score(k).hits)
    assert decisions_now(window, decided) == decided, "re-scoring never changes a decision"
    assert window.queue.model.rowCount() == SAMPLE_COMMENTS
    assert ctl.counts()[0] == 3

    profanity = model.row_of("insult.profanity")
    rescore(qtbot, window, lambda: model.setData(model.index(profanity, RuleColumn.POINTS), 5))
    assert ctl.rules_config().rules["insult.profanity"].points == 5
    assert model.index(profanity, RuleColumn.POINTS).data() == "5"
    assert all(h.points == 5 for k in window.queue.model.keys() for h in ctl.score(k).hits
               if h.rule_id == "insult.profanity")
    assert decisions_now(window, decided) == decided


def test_reload_applies_a_changed_file(qtbot, window: MainWindow, tmp_path: Path) -> None:
    show_panel(qtbot, window)
    decided = decide_some(qtbot, window)
    ctl = window.controller
    rules = tmp_path / "my-rules.toml"
    rules.write_text("[thresholds]\ninsult = 30\n", encoding="utf-8")
    rescore(qtbot, window, lambda: ctl.load_rules(str(rules)))
    assert ctl.rules_path() == str(rules)
    assert "my-rules.toml" in window.rules_panel.source_label.text()
    assert window.rules_panel.editors[Category.INSULT].value() == 30

    rules.write_text(f'[thresholds]\ninsult = 70\n\n[rules."{ATTACK}"]\nenabled = false\n',
                     encoding="utf-8")
    rescore(qtbot, window, window.actions_by_id[ActionId.RELOAD_RULES].trigger)
    assert ctl.rules_config().thresholds[Category.INSULT] == 70
    assert window.rules_panel.editors[Category.INSULT].value() == 70
    assert queue_flagged(window, Category.INSULT) == {
        k for k in window.queue.model.keys() if ctl.score(k).scores[Category.INSULT] >= 70}
    model = window.rules_panel.model
    assert model.index(model.row_of(ATTACK), RuleColumn.ON).data(
        Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert decisions_now(window, decided) == decided


def test_reload_of_a_broken_file_keeps_the_rules(qtbot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    ctl = window.controller
    rules = tmp_path / "my-rules.toml"
    rules.write_text("[thresholds]\ninsult = 30\n", encoding="utf-8")
    rescore(qtbot, window, lambda: ctl.load_rules(str(rules)))
    scores = {k: ctl.score(k) for k in window.queue.model.keys()}
    rules.write_text("[thresholds]\ninsult = 80\n\n[rules.\"insult.profanity\"\npoints = 3\n",
                     encoding="utf-8")
    with qtbot.waitSignal(ctl.error, timeout=30_000) as error:
        window.actions_by_id[ActionId.RELOAD_RULES].trigger()
    title, text = error.args
    assert str(rules) in text and "line 4" in text
    assert "stay as they were" in text and "Traceback" not in text
    assert window.last_message is not None and str(rules) in window.last_message.text()
    assert window.last_message.textFormat() == Qt.TextFormat.PlainText
    assert ctl.rules_config().thresholds[Category.INSULT] == 30
    assert ctl.rules_path() == str(rules)
    assert {k: ctl.score(k) for k in scores} == scores
    window.last_message.accept()
    window.flow.accept()  # still reviewing, with the rules in force
    assert ctl.counts()[0] == 1


def test_save_as_round_trips_through_the_engine(qtbot, window: MainWindow,
                                                tmp_path: Path) -> None:
    ctl = window.controller
    model = RulesModel(ctl)
    ctl.set_threshold(Category.OFF_TOPIC, 35)
    rescore(qtbot, window, lambda: ctl.set_rule(ATTACK, enabled=False))
    rescore(qtbot, window, lambda: ctl.set_rule("insult.profanity", points=7))
    path = tmp_path / "saved rules.toml"
    assert window.files.save_rules_to(str(path))
    assert window.settings.rules_folder() == str(tmp_path)
    config = ctl.rules_config()
    read = load_config(path)
    assert read.thresholds == config.thresholds
    assert read.thresholds[Category.OFF_TOPIC] == 35
    assert {i: (r.enabled, r.points) for i, r in read.rules.items()} == \
        {i: (r.enabled, r.points) for i, r in config.rules.items()}
    assert not read.rules[ATTACK].enabled and read.rules["insult.profanity"].points == 7
    assert read.patterns == config.patterns
    assert ctl.rules_path() == str(path) and not ctl.rules_dirty()
    before = model.rule_rows()
    rescore(qtbot, window, window.actions_by_id[ActionId.RELOAD_RULES].trigger)
    assert model.rule_rows() == before, "reloading the saved file gives the same rules"
    assert ctl.rules_config().thresholds == config.thresholds


def test_per_rule_upheld_and_overridden_counts(qtbot, window: MainWindow) -> None:
    show_panel(qtbot, window)
    ctl = window.controller
    model = window.rules_panel.model
    flagged = [k for k in window.queue.model.keys()
               if Category.INSULT in ctl.score(k).flags
               and any(h.rule_id == ATTACK for h in ctl.score(k).hits)]
    assert len(flagged) >= 2
    row = model.row_of(ATTACK)

    def cells() -> tuple[str, str]:
        return (model.index(row, RuleColumn.UPHELD).data(),
                model.index(row, RuleColumn.OVERRIDDEN).data())

    assert cells() == ("", "")
    ctl.accept([flagged[0]])
    qtbot.waitUntil(lambda: cells() == ("1", "0"))
    ctl.keep([flagged[1]])
    qtbot.waitUntil(lambda: cells() == ("1", "1"))
    assert model.index(row, RuleColumn.RATE).data() == "50%"
    assert "1 of its flags upheld, 1 overridden" in model.index(
        row, RuleColumn.RULE).data(Qt.ItemDataRole.ToolTipRole)
    ctl.undo_stack.undo()
    qtbot.waitUntil(lambda: cells() == ("1", "0"))


def test_a_large_thread_lists_its_comments_while_it_is_scored(qtbot, make_window, monkeypatch,
                                                              tmp_path: Path) -> None:
    """Past ``SCORE_WHILE_LOADING`` comments the rows show first, then the scores come in the
    background: nothing can be decided on unscored comments, and the queue sorts itself."""
    monkeypatch.setattr(jobs, "SCORE_WHILE_LOADING", 10)
    seen: list[tuple[bool, str, str, bool]] = []
    chips: list[str] = []  # what the detail pane says of the first comment's score
    in_process: list[int] = []  # scored in a child process, not in the GUI's worker thread

    def score_in_process(loaded, *args):
        in_process.append(loaded.comment_count)
        return jobs_score_in_process(loaded, *args)

    jobs_score_in_process = jobs.score_in_process
    monkeypatch.setattr(jobs, "score_in_process", score_in_process)
    # the unscored rows the scores replace are freed a slice at a time, not in one go
    monkeypatch.setattr(queue_model, "RELEASE_SLICE", 10)
    released: list[int] = []
    release_some = queue_model.QueueModel._release_some

    def spy_release(self: queue_model.QueueModel) -> None:
        released.append(len(self._released))
        release_some(self)

    monkeypatch.setattr(queue_model.QueueModel, "_release_some", spy_release)

    def on_opened(ctl: ReviewController, window_: MainWindow) -> None:
        key = window_.queue.model.key_at(0)
        seen.append((ctl.is_scored(), window_.queue.model.index(0, 0).data(),
                     window_.rules_panel.editors[Category.INSULT].count_label.text(),
                     ctl.accept([key])))
        window_.detail.show_details(ctl.details(key))
        chips.append(window_.detail.chips._none.text())

    original = MainWindow._on_session_opened

    def spy(self: MainWindow) -> None:
        original(self)
        on_opened(self.controller, self)

    monkeypatch.setattr(MainWindow, "_on_session_opened", spy)  # before the window is built
    window = make_window(SAMPLE, tmp_path / "large.sqlite")
    ctl = window.controller
    qtbot.waitUntil(ctl.is_scored, timeout=30_000)
    scored, priority, count, decided = seen[0]
    assert not scored and priority == "…" and count == "scoring…" and not decided
    assert chips == ["Not scored yet"]  # not "No rule fired": nothing has been checked yet
    assert ctl.counts()[0] == 0
    assert in_process == [49]
    qtbot.waitUntil(lambda: not ctl.is_busy())
    qtbot.waitUntil(lambda: not window.queue.model._released)
    assert released == [49, 39, 29, 19, 9]
    model = window.queue.proxy
    priorities = [model.index(r, 0).data(Role.PRIORITY) for r in range(model.rowCount())]
    assert priorities == sorted(priorities, reverse=True) and priorities[0] > 0
    assert window.rules_panel.editors[Category.INSULT].count_label.text().endswith("flagged")
    window.flow.accept()
    assert ctl.counts()[0] == 1


def test_the_rules_table_titles_are_not_cut(qtbot, window: MainWindow) -> None:
    """Every column of the rules table is at least as wide as its title needs."""
    show_panel(qtbot, window)
    table = window.rules_panel.table
    header = table.horizontalHeader()
    for column in (RuleColumn.POINTS, RuleColumn.UPHELD, RuleColumn.OVERRIDDEN, RuleColumn.RATE):
        assert table.columnWidth(column) >= header.sectionSizeHint(column), column.name
