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
        "0 errors, 1 warning",
    ]
