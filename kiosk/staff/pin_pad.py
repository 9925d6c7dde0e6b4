"""The PIN pad that guards the staff menu: large digits, locked after five wrong tries."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.staff.pin_gate import PinGate
from kiosk.ui.controls import TouchButton
from kiosk.ui.overlays import Overlay
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

ERASE = "erase"
PIN_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ERASE, "0", "OK"]


class PinPad(Overlay):
    """Digits for the staff PIN; the pad locks itself after five wrong tries."""

    accepted = Signal()

    def __init__(self, gate: PinGate, parent: QWidget | None = None):
        super().__init__(parent)
        self.gate = gate
        self.entered = ""
        self.message = ""
        self.keys: dict[str, TouchButton] = {}
        for key in PIN_KEYS:
            button = TouchButton(ERASE if key == ERASE else "", self)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.keys[key] = button
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._refresh_lock)

    def open(self) -> None:
        self.entered = ""
        self._refresh_lock()
        super().open()

    def dismiss(self) -> None:
        self._lock_timer.stop()
        self.entered = ""
        super().dismiss()

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        side = round(style.control_side * 1.2)
        gap = round(style.px(1.5))
        grid_w = 3 * side + 2 * gap
        left = round((style.width - grid_w) / 2)
        top = round(style.height / 2 - 1.5 * side)
        for index, (key, button) in enumerate(self.keys.items()):
            button.set_style(style, side)
            if key == ERASE:
                button.set_label("", i18n.text("pin_erase", self.language))
            else:
                button.set_label(key, i18n.text("pin_enter", self.language) if key == "OK" else key)
            button.setFixedSize(side, side)
            row, column = divmod(index, 3)
            button.move(left + column * (side + gap), top + row * (side + gap))
        self._grid_top = top

    def press(self, key: str) -> None:
        if self.gate.locked_for():
            return
        if key == ERASE:
            self.entered = self.entered[:-1]
        elif key == "OK":
            self._submit()
        elif key.isdigit() and len(self.entered) < 12:
            self.entered += key
            self.message = ""
        self.update()

    def key(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("OK")
        elif event.key() == Qt.Key.Key_Backspace:
            self.press(ERASE)
        elif event.key() == Qt.Key.Key_Escape:
            self.dismiss()

    def _submit(self) -> None:
        entered, self.entered = self.entered, ""
        if self.gate.check(entered):
            self.message = ""
            self.dismiss()
            self.accepted.emit()
            return
        if self.gate.locked_for():
            self._refresh_lock()
        else:
            self.message = i18n.counted("pin_wrong", self.gate.attempts_left(), self.language)

    def _refresh_lock(self) -> None:
        if self.gate.refused:
            # No PIN can open it: the pad says why instead of taking digits.
            for button in self.keys.values():
                button.setEnabled(False)
            self.message = i18n.text("pin_refused", self.language)
            self.update()
            return
        seconds = self.gate.locked_for()
        for button in self.keys.values():
            button.setEnabled(seconds == 0)
        if seconds:
            self.message = i18n.text("pin_locked", self.language).format(n=seconds)
            self._lock_timer.start()
        else:
            if self._lock_timer.isActive():
                self.message = ""
            self._lock_timer.stop()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        self.paint_background(painter)
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        title = TextBlock(
            i18n.text("staff_pin", self.language), style.font(Role.OVERLAY_TITLE), width, centre
        )
        dots = TextBlock(
            "● " * len(self.entered) or " ", style.font(Role.HEADLINE, 0.7), width, centre
        )
        message = TextBlock(self.message or " ", style.font(Role.BODY), width, centre)
        y = self._grid_top - dots.height - message.height - title.height - style.px(4)
        title.draw(painter, style.margin_x, y, style.palette.text)
        y += title.height + style.px(1.5)
        dots.draw(painter, style.margin_x, y, style.palette.accent)
        # Every message here says something went wrong (a wrong PIN, a locked pad): it is set in
        # the accent colour, not in the quiet grey of hints.
        message.draw(painter, style.margin_x, y + dots.height, style.palette.accent)
        painter.end()
