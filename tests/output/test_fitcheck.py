"""`validate` warns about slides whose text cannot stay readable on the smallest screens."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import cli

CROWDED = """\
settings:
  languages: [en]
  default_language: en
  manifesto: https://releasenow.org/manifesto/
  imprint: "Release N:OW test stand, Berlin"
slides:
  - id: crowded
    kind: story
    archetype: true
    name: {long}
    line: {long}
    body: {long}
"""


def test_crowded_slide_gets_a_warning_naming_it(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Three texts near the 2,000-character limit each: too much for any one screen.
    long = "Words that keep going on and on. " * 58
    (tmp_path / "show.yaml").write_text(CROWDED.format(long=long), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "."]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "show.yaml:7:5: warning: text of slide 'crowded' does not fit readably at 1280x720 in "
        "'en', 1080x1920 in 'en'; shorten it",
        "show.yaml:7:5: warning: the headline of slide 'crowded' runs to 20 lines at 1280x720 "
        "in 'en', 24 lines at 1080x1920 in 'en'; a headline is read at a glance: keep it to 4 "
        "lines, and put the rest in the text",
        "0 errors, 2 warnings",
    ]


def test_a_forty_word_headline_gets_a_warning(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It fits by shrinking, but on a portrait screen it runs to a column of single words."""
    headline = (
        "Wir fordern die sofortige und bedingungslose Freilassung aller politischen Gefangenen "
        "in Belarus, weil sie nur friedlich protestiert haben und weil es jetzt an uns allen "
        "ist, gemeinsam zu handeln, bevor noch mehr Menschen in der Haft krank werden oder "
        "sterben"
    )
    assert len(headline.split()) == 40
    show = (
        "settings:\n  languages: [de]\n  default_language: de\n"
        "  manifesto: https://releasenow.org/de/manifesto\n"
        '  imprint: "Release N:OW test stand, Berlin"\n'
        f"slides:\n  - id: long-title\n    kind: title\n    headline: {headline}\n"
    )
    (tmp_path / "show.yaml").write_text(show, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "."]) == 0
    [warning, summary] = capsys.readouterr().out.splitlines()
    assert warning.startswith("show.yaml:7:5: warning: the headline of slide 'long-title' runs to ")
    assert "lines at 1080x1920 in 'de'" in warning
    assert warning.endswith(
        "a headline is read at a glance: keep it to 4 lines, and put the rest in the text"
    )
    assert summary == "0 errors, 1 warning"
