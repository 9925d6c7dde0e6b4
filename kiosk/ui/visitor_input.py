"""Input translation: touches, clicks, keys and drags on the kiosk window become show commands.

One application-wide filter sees every input event meant for the window. The first touch on a
slide wakes the show and acts (a swipe turns the page, a tap on the code opens it, a tap on a
language's name in the attract band starts the visit in that language); one that lands where a
control only now appears is used up. Keys and presenter remotes turn pages, and
a drag on the stage follows the finger, turns the page or springs back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.platform.lockdown import Lockdown
from kiosk.playback.player import Player
from kiosk.ui.stage import SlideStage
from kiosk.ui.swipe import Swipe

log = logging.getLogger(__name__)

PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}
ENDS = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
MOVES = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
INPUT = PRESSES | ENDS | MOVES | {QEvent.Type.KeyPress, QEvent.Type.Wheel}
MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
}
NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}


def point_of(event: QEvent) -> QPointF | None:
    """Where a touch or a pressed mouse is, in the receiving widget; None for a hover."""
    if isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].position() if points else None
    if isinstance(event, QMouseEvent):
        if event.type() == QEvent.Type.MouseMove and not event.buttons():
            return None
        return event.position()
    return None


class VisitorInput(QObject):
    """The window's input filter: waking, keys, swipes; lockdown's refusals come first.

    It is given what it acts on: the window, the player, the stage, the lockdown, which
    widgets are the window's, and what a tap on a slide's link opens.
    """

    def __init__(
        self,
        window: QWidget,
        player: Player,
        stage: SlideStage,
        lockdown: Lockdown,
        owns: Callable[[QObject], bool],
        open_link: Callable[[], None],
    ):
        super().__init__(window)
        self.window = window
        self.player = player
        self.stage = stage
        self.lockdown = lockdown
        self.owns = owns  # True for the window and every widget inside it
        self.open_link = open_link
        self.swipe: Swipe | None = None
        self._swallowing = False  # the rest of a press that only woke the kiosk
        # The language whose name in the attract band the press under way landed on: the band
        # gives way to the controls as the press wakes the kiosk, its release chooses it.
        self._pressed_language: str | None = None
        # The press under way woke the kiosk: it may open the code, but a button that was
        # not on screen when the finger came down (a clip's sound) is not pressed by it.
        self._press_woke = False

    def forget_gesture(self) -> None:
        """A new visitor starts with no drag under way."""
        self.swipe = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window, lockdown = self.window, self.lockdown
        top = lockdown.window if shiboken6.isValid(window) else None
        if top is None or not shiboken6.isValid(top):
            return False  # the window (or the turned panel's view holding it) is torn down
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and self.owns(watched):
            return True  # no menus for visitors to find
        if watched is top.windowHandle():
            if kind in MOVES | {QEvent.Type.TouchBegin}:
                # The window handle sees every pointer move, also where no widget tracks it.
                lockdown.track_pointer(event)
            elif kind in ENDS:
                # The finger is up, wherever its press went: a press that only woke the kiosk
                # or kept the visitor is over even when the panel it landed on has closed and
                # no widget receives the release.
                self._swallowing = False
            return False
        if kind not in INPUT or not self.owns(watched):
            return False
        if isinstance(event, QTouchEvent):
            lockdown.hide_pointer()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            refused = lockdown.refused_key(event)
            if refused:
                log.warning("refused %s", refused)
                return True
        if self._swallowing:
            # The rest of a touch that only woke the kiosk, or kept it from returning to start.
            if kind in ENDS:
                self._swallowing = False
            return True
        visitor_acts = kind in PRESSES or kind in (QEvent.Type.KeyPress, QEvent.Type.Wheel)
        if isinstance(event, QKeyEvent) and event.key() in MODIFIER_KEYS:
            return False  # Ctrl or Alt on its own: the start of a combination (Ctrl+Alt+K)
        if kind in PRESSES and watched is self.stage:
            point = point_of(event)
            self._pressed_language = None if point is None else self.stage.language_at(point)
        if visitor_acts and self.player.visitor_input() and kind in PRESSES:
            if watched is self.stage:
                # A first touch on the slide wakes the kiosk and still counts: a swipe turns
                # the page, a tap on the code opens it, a tap on a language's name in the band
                # chooses it, a tap elsewhere brings the controls.
                return self._on_stage_input(event, woke=True)
            # Elsewhere (a panel closing, the controls appearing) it could press what only
            # now appears under the finger: the rest of that press is used up.
            self._swallowing = True
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(event)
        if watched is self.stage:
            return self._on_stage_input(event)
        return False

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in NEXT_KEYS:
            self.player.go(1)
        elif key in PREVIOUS_KEYS:
            self.player.go(-1)
        elif key == Qt.Key.Key_Home:
            self.player.go_home()
        else:
            return False
        return True

    def _on_stage_input(self, event: QEvent, woke: bool = False) -> bool:
        """A press, move or release on the slide; `woke`: this press woke the kiosk."""
        point = point_of(event)
        if point is None:
            return False
        stage = self.stage
        kind = event.type()
        if kind in PRESSES:
            self._press_woke = woke
            self.swipe = Swipe(stage.width(), point.x(), point.y(), self.player.clock)
        elif kind in MOVES and self.swipe is not None:
            offset = self.swipe.move(point.x(), point.y())
            if offset is not None:
                stage.drag_to(offset)
        elif kind in ENDS and self.swipe is not None:
            swipe, self.swipe = self.swipe, None
            if kind == QEvent.Type.TouchCancel:
                stage.snap_back()
                return True
            step = swipe.finish(point.x(), point.y())
            language, self._pressed_language = self._pressed_language, None
            action = stage.action_at(point) if step is None else None
            if step is None and language is not None:
                self.player.set_language(language)
            elif action == "link":
                self.open_link()
            elif action == "sound" and not self._press_woke:
                self.player.toggle_sound()
            elif step:
                dragged = (point.x() - swipe.start_x) / max(1, stage.width())
                self.player.go(step, dragged=dragged)
            elif step == 0:
                stage.snap_back()
        event.accept()
        return True
