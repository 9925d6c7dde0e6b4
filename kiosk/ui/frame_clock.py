"""Frames on demand: a timer at the display's refresh rate that runs only while something moves."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QWidget


class FrameClock:
    """Ticks at the display's refresh rate while something moves, and not at all otherwise."""

    def __init__(self, widget: QWidget):
        self._widget = widget
        self._area: QRect | None = None  # the part that moves; None: all of it
        self._timer = QTimer(widget)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self.set_refresh_rate(60.0)

    def _tick(self) -> None:
        if self._area is None:
            self._widget.update()
        else:
            self._widget.update(self._area)

    def set_refresh_rate(self, hertz: float) -> None:
        self._timer.setInterval(max(4, int(1000 / max(24.0, min(hertz, 240.0)))))

    def run(self, area: QRect | None = None) -> None:
        """Frames from now on, of `area` only when nothing else on the widget moves."""
        self._area = area
        if not self._timer.isActive():
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
