"""A running show's pieces, made and wired together once: state, player, source, counts, status.

Each piece owns one thing: the state what is on screen, the player the loop and the visitor's
session, the source the content folder, the recorder the counts, the status the words staff
read. This is the only place that knows all of them.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from kiosk.clock import Clock, WallClock
from kiosk.content import LoadedShow
from kiosk.content.diagnostics import Diagnostic
from kiosk.content.signing import Keys
from kiosk.content.store import ShowStore
from kiosk.counts import Counts
from kiosk.playback.kept import KioskState
from kiosk.playback.player import Player
from kiosk.playback.recorder import CountsRecorder
from kiosk.playback.state import ShowState
from kiosk.source.content_source import ContentSource
from kiosk.staff.status import StaffStatus


@dataclass
class RunningShow:
    """The show as it runs; `stop` ends it in order: no more work, then the counts saved."""

    state: ShowState
    player: Player
    source: ContentSource
    recorder: CountsRecorder
    status: StaffStatus
    stopped: list[bool] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        loaded: LoadedShow,
        language: str,
        kept: KioskState | None = None,
        counts: Counts | None = None,
        trust: Keys = (),
        store: ShowStore | None = None,
        findings: list[Diagnostic] | None = None,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = datetime.datetime.now,
    ) -> RunningShow:
        """The pieces for `loaded`, in `language`; nothing is watched or shown yet."""
        player = Player.for_show(loaded, language, kept=kept, clock=clock, wall_clock=wall_clock)
        if findings is None:
            findings = loaded.report.sorted()
        source = ContentSource(player, trust, store, findings, parent=player)
        recorder = CountsRecorder(counts or Counts(None), parent=player)
        player.visited.connect(recorder.record)
        status = StaffStatus(player.state, source, recorder.counts)
        return cls(player.state, player, source, recorder, status)

    def stop(self) -> None:
        """Staff or the system end the show: the folder is left alone, the counts saved."""
        if self.stopped:
            return
        self.stopped.append(True)
        self.source.stop()
        self.player.stop()
        self.recorder.save()
