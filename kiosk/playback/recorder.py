"""The counts recorder: what visitors saw and did, counted anonymously, saved sparingly.

It listens to the player and owns the counts: a count is written at most once a minute, only
when something was counted (an SD card wears with every write), and once more at the end.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.counts import Counts


class CountsRecorder(QObject):
    """Adds every event the player announces; flushes on a timer, saves at the end."""

    def __init__(self, counts: Counts, parent: QObject | None = None):
        super().__init__(parent)
        self.counts = counts
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)

    def record(self, event: str, detail: str = "") -> None:
        self.counts.add(event, detail)
        if not self._flush_timer.isActive():
            due = self.counts.due_in()
            if due is not None:
                self._flush_timer.start(round(due * 1000))

    def _flush(self) -> None:
        self.counts.flush_if_due()
        due = self.counts.due_in()  # still unsaved: not yet due, or the disk refused
        if due is not None:
            self._flush_timer.start(max(1000, round(due * 1000)))

    @property
    def write_scheduled(self) -> bool:
        """Counts wait to be written; False: nothing new was counted since the last write."""
        return self._flush_timer.isActive()

    def save(self) -> None:
        """The show ends: whatever is counted is written now."""
        self._flush_timer.stop()
        self.counts.save()
