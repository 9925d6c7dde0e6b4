"""Scheduled slides join and leave the loop live, at the kiosk's local time."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.content import load_show
from tests.clocks import StepClock, StepWallClock

SHOW = """\
settings:
  languages: [en]
  default_language: en
  manifesto: https://releasenow.org/manifesto/
slides:
  - {id: always, kind: title, headline: Always}
  - {id: day-of-prisoners, kind: title, headline: 21 May, show_from: 2026-05-21,
     show_until: 2026-05-21}
  - {id: evening, kind: title, headline: Evening programme, hours: '18:00-22:00'}
"""


def test_the_loop_follows_the_schedule(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    from kiosk.ui.window import KioskWindow
    from tests.pieces import running_show

    (tmp_path / "show.yaml").write_text(SHOW, encoding="utf-8")
    loaded = load_show(tmp_path)
    assert loaded.show is not None
    wall = StepWallClock("2026-05-20T12:00")
    clock = StepClock(1000.0)
    controller = running_show(loaded.show, tmp_path, "en", clock=clock, wall_clock=wall)
    window = KioskWindow(controller.player, families)
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    window.start()

    def playing() -> list[str]:
        return [s.id for s in window.state.show.slides]

    assert playing() == ["always"]
    wall.now = datetime.datetime.fromisoformat("2026-05-21T19:00")  # the day, in the evening
    clock.now += 3600  # the slide's time is up
    window.player.advance_if_due()
    assert playing() == ["always", "day-of-prisoners", "evening"]
    assert window.state.show.slides[window.state.index].id == "day-of-prisoners"


def test_render_at_a_moment(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "show.yaml").write_text(SHOW, encoding="utf-8")
    out = tmp_path / "out"
    assert (
        cli.main(
            [
                "render",
                str(tmp_path),
                "--out",
                str(out),
                "--size",
                "1280x720",
                "--at",
                "2026-05-21T20:00",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "01-always.png",
        "02-day-of-prisoners.png",
        "03-evening.png",
    ]
    out2 = tmp_path / "out2"
    assert (
        cli.main(
            [
                "render",
                str(tmp_path),
                "--out",
                str(out2),
                "--size",
                "1280x720",
                "--at",
                "2026-05-22T10:00",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out2.iterdir()) == ["01-always.png"]
