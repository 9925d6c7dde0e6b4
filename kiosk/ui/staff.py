"""Staff mode on screen: the PIN pad and the staff menu with its panels."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.staff import PinGate
from kiosk.ui.controls import TouchButton
from kiosk.ui.overlays import Overlay
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

PIN_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]


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
            button = TouchButton("", self)
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
            button.set_label(key, "Enter" if key == "OK" else ("Delete" if key == "⌫" else key))
            button.setFixedSize(side, side)
            row, column = divmod(index, 3)
            button.move(left + column * (side + gap), top + row * (side + gap))
        self._grid_top = top

    def press(self, key: str) -> None:
        if self.gate.locked_for():
            return
        if key == "⌫":
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
            self.press("⌫")
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
            self.message = i18n.text("pin_wrong", self.language).format(n=self.gate.attempts_left())

    def _refresh_lock(self) -> None:
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
        message.draw(painter, style.margin_x, y + dots.height, style.palette.muted)
        painter.end()


class StaffMenu(Overlay):
    """What staff can do: resume, pause, reload, switch folder, hide a story, status, quit."""

    action = Signal(str)
    folder_chosen = Signal(str)

    ACTIONS = (
        "resume",
        "pause_here",
        "reload",
        "switch_folder",
        "hide_story",
        "reduced_motion",
        "high_contrast",
        "status",
        "quit",
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, TouchButton] = {}
        for name in self.ACTIONS:
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            self.buttons[name] = button
        self.folder_buttons: list[TouchButton] = []
        self.panel_lines: list[str] = []

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        side = style.control_side
        gap = round(style.px(1.2))
        top = round(style.margin_y + style.px(8))
        for index, (name, button) in enumerate(self.buttons.items()):
            button.set_style(style, side)
            button.set_label(i18n.text(name, self.language))
            button.move(round(style.margin_x), top + index * (side + gap))
        widest = max(b.width() for b in self.buttons.values())
        for button in self.buttons.values():
            button.setFixedWidth(widest)
        self._panel = QRectF(
            style.margin_x + widest + style.px(5),
            top,
            style.width - 2 * style.margin_x - widest - style.px(5),
            style.height - top - style.margin_y,
        )
        self._lay_out_folders()

    def show_lines(self, lines: list[str]) -> None:
        self.set_folders([])
        self.panel_lines = lines
        self.update()

    def set_folders(self, choices: list[tuple[str, str]]) -> None:
        """Buttons for content folders: (path, label); the panel text explains them."""
        for button in self.folder_buttons:
            button.deleteLater()
        self.folder_buttons = []
        for path, label in choices:
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, p=path: self.folder_chosen.emit(p))
            button.setProperty("path", path)
            button.setText(label)
            self.folder_buttons.append(button)
        self.panel_lines = []
        self._lay_out_folders()
        for button in self.folder_buttons:
            button.show()
        self.update()

    def _lay_out_folders(self) -> None:
        style = self.style_
        if style is None:
            return
        side = style.control_side
        for index, button in enumerate(self.folder_buttons):
            button.set_style(style, side)
            button.set_label(button.text())
            button.setFixedWidth(round(min(button.width(), self._panel.width())))
            button.move(
                round(self._panel.x()), round(self._panel.y() + index * (side + style.px(1)))
            )

    def paintEvent(self, event: QPaintEvent) -> None:
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        self.paint_background(painter)
        title = TextBlock(
            i18n.text("staff_title", self.language), style.font(Role.OVERLAY_TITLE), style.width
        )
        title.draw(painter, style.margin_x, style.margin_y * 0.6, style.palette.text)
        y = self._panel.y()
        font = style.font(Role.CAPTION)
        for line in self.panel_lines:
            block = TextBlock(line, font, self._panel.width())
            if y + block.height > self._panel.bottom():
                break
            block.draw(painter, self._panel.x(), y, style.palette.text)
            y += block.height
        painter.end()
