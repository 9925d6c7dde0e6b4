"""The staff menu: what staff can do, with a panel for status, checks and content folders."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QFontMetricsF, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n, typeset
from kiosk.ui.controls import TouchButton
from kiosk.ui.overlays import Overlay
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

_PATH = re.compile(r"(?<![\w/])~?/[^\s]+")  # a file path in a line of the status
LINE_BREAK = "\u2028"  # a new line inside one label (a show's title, then its folder)


class StaffMenu(Overlay):
    """What staff can do, in a column; beside it a panel with the status, a question, or the
    content folders to choose from. Quitting stands apart at the bottom and asks first."""

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
        "quit",
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, TouchButton] = {}
        for name in self.ACTIONS:
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            self.buttons[name] = button
        for name in ("reduced_motion", "high_contrast"):
            self.buttons[name].is_switch = True  # for the whole event: on or off
        # The question before quitting: two answers in the panel.
        self.confirm_button = TouchButton("", self)
        self.confirm_button.clicked.connect(lambda: self.action.emit("quit_confirmed"))
        self.cancel_button = TouchButton("", self)
        self.cancel_button.clicked.connect(lambda: self.action.emit("quit_cancelled"))
        self.asking = False
        self.folder_buttons: list[TouchButton] = []
        # More folders than the panel holds come in pages, turned with these two.
        self.folder_page = 0
        self.page_buttons: dict[str, TouchButton] = {}
        for name, step in (("folders_earlier", -1), ("folders_more", 1)):
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, s=step: self._turn_folder_page(s))
            button.hide()
            self.page_buttons[name] = button
        self._lines_bottom = 0.0  # where the panel's words must end
        self.panel_lines: list[str] = []
        self._blocks_key: tuple[object, ...] | None = None
        self._blocks: list[tuple[float, TextBlock]] = []
        self._panel = QRectF()
        self._question_top = 0.0  # where the quit question starts, above its answers
        self._set_answers_visible(False)

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        side = style.control_side
        gap = round(style.px(1.2))
        top = round(style.margin_y + style.px(8))
        for index, name in enumerate(self.ACTIONS[:-1]):
            button = self.buttons[name]
            button.set_style(style, side)
            button.set_label(i18n.text(name, self.language))
            button.move(round(style.margin_x), top + index * (side + gap))
        quit_button = self.buttons["quit"]
        quit_button.set_style(style, side)
        quit_button.set_label(i18n.text("quit", self.language))
        # Apart from the rest, at the bottom left: not reached for by mistake.
        quit_button.move(round(style.margin_x), style.bottom_row_y)
        widest = max(b.width() for b in self.buttons.values())
        for button in self.buttons.values():
            button.setFixedWidth(widest)
        for name, button in self.page_buttons.items():
            button.set_style(style, side)
            button.set_label(i18n.text(name, self.language))
        for answer, key in ((self.confirm_button, "quit_yes"), (self.cancel_button, "cancel")):
            answer.set_style(style, side)
            answer.set_label(i18n.text(key, self.language))
        self._panel = QRectF(
            style.margin_x + widest + style.px(5),
            top,
            style.width - 2 * style.margin_x - widest - style.px(5),
            style.bottom_row_y - style.px(2) - top,
        )
        self._lay_out_answers()
        self._lay_out_folders()

    def show_lines(self, lines: list[str]) -> None:
        self.set_folders([])
        self._set_answers_visible(False)
        self.panel_lines = lines
        self.update()

    def ask_quit(self) -> None:
        """Quitting asks once: the kiosk does not come back by itself."""
        self.set_folders([])
        self.panel_lines = [i18n.text("quit_question", self.language)]
        self._set_answers_visible(True)
        self._lay_out_answers()
        self.update()

    def _set_answers_visible(self, visible: bool) -> None:
        self.asking = visible
        self.confirm_button.setVisible(visible)
        self.cancel_button.setVisible(visible)

    def _lay_out_answers(self) -> None:
        style = self.style_
        if style is None:
            return
        question = TextBlock(
            i18n.text("quit_question", self.language),
            style.font(Role.CAPTION),
            self._panel.width(),
            language=self.language,
        )
        # Beside the quit button that asked, in its row, the question right above the answers;
        # where the row has no room for both before the menu's close button (a portrait
        # screen), they stand in the panel right above the row: an answer is never drawn over
        # another button, so a second tap where one was cannot quit by surprise.
        x, gap = round(self._panel.x()), round(style.px(3))
        cancel, confirm = self.cancel_button, self.confirm_button
        row = style.bottom_row_y
        room = self.close_button.x() - gap - x
        if cancel.width() + gap + confirm.width() <= room:
            cancel.move(x, row)
            confirm.move(x + cancel.width() + gap, row)
            top = row
        else:
            step = cancel.height() + round(style.px(1.2))
            cancel.move(x, row - round(style.px(2)) - step)
            confirm.move(x, cancel.y() - step)
            top = confirm.y()
        self._question_top = top - style.px(2) - question.height
        confirm.selected = True  # the answer that acts stands out from the other

    def set_folders(
        self,
        choices: list[tuple[str, str]],
        awaited: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Buttons for content folders: (path, label); the panel text explains them. A
        folder's `awaited` labels are those its check may give it: its button keeps room for
        them from the start, so no button grows or moves as the checks come in."""
        for button in self.folder_buttons:
            button.hide()  # at once: deleted later, it could still be drawn in the next frame
            button.deleteLater()
        self.folder_buttons = []
        self.folder_page = 0
        self._set_answers_visible(False)
        for path, label in choices:
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, p=path: self.folder_chosen.emit(p))
            button.setProperty("path", path)
            # Its text, and its name for assistive technology (without the path's break points).
            button.set_label(label, typeset.visible(label), language=self.language)
            button.await_labels((awaited or {}).get(path, ()))
            self.folder_buttons.append(button)
        self.panel_lines = []
        self._lay_out_folders()
        self.update()

    def folder_label_fits(self, path: str, label: str) -> bool:
        """Whether a folder's button has room for this label without growing."""
        return all(
            button.fits(label) for button in self.folder_buttons if button.property("path") == path
        )

    def set_folder_label(self, path: str, label: str, refused: bool = False) -> None:
        """A folder's button says what its check found; a folder that cannot be taken looks
        so."""
        for button in self.folder_buttons:
            if button.property("path") == path:
                button.refused = refused
                button.set_label(label, typeset.visible(label), language=self.language)
        self._lay_out_folders()

    def explain_folders(self, lines: list[str], about: str | None = None) -> None:
        """Words under the list of folders (why the folder `about` was refused); the list
        stays, in pages that leave the words room, on the page that holds that folder."""
        self.panel_lines = lines
        self._lay_out_folders(about)
        self.update()

    def _lines_top(self) -> float:
        """Where the panel's words start: under the folders' buttons, if any."""
        if self.asking:
            return self._question_top
        shown = [b for b in self.folder_buttons if not b.isHidden()]
        if not shown or self.style_ is None:
            return self._panel.y()
        last = shown[-1]
        return last.y() + last.height() + self.style_.px(2)

    def _turn_folder_page(self, step: int) -> None:
        self.folder_page += step
        self._lay_out_folders()
        self.update()

    def _lay_out_folders(self, about: str | None = None) -> None:
        """Lays out the page of folders on screen; with `about`, the page that holds it."""
        style = self.style_
        for button in self.page_buttons.values():
            button.hide()
        self._lines_bottom = self._panel.bottom()
        if style is None:
            return
        # Two lines a button: the show's title and state, then its folder; more where the
        # panel is narrower than they are (a portrait screen), never cut off.
        side = round(style.control_side * 1.3)
        gap = style.px(1)
        for button in self.folder_buttons:
            button.set_style(style, side)
            button.set_max_width(self._panel.width())
        pages = self._folder_pages(gap)
        for number, page in enumerate(pages):
            if any(b.property("path") == about for b in page):
                self.folder_page = number
        self.folder_page = max(0, min(self.folder_page, len(pages) - 1))
        if len(pages) > 1:
            self._lines_bottom = self._lay_out_page_buttons(len(pages)) - gap
        on_page = pages[self.folder_page] if pages else []
        y = self._panel.y()
        for button in self.folder_buttons:
            button.setVisible(button in on_page)
            if button in on_page:
                button.move(round(self._panel.x()), round(y))
                y += button.height() + gap

    def _folder_pages(self, gap: float) -> list[list[TouchButton]]:
        """The folders' buttons in pages that each fit the panel, leaving room under them for
        a line of words (why a folder was refused) and, when there is more than one page, for
        the buttons that turn them."""
        style = self.style_
        assert style is not None
        room = self._panel.height() - self._words_room()
        if sum(b.height() + gap for b in self.folder_buttons) > room:
            turn = self.page_buttons["folders_more"]
            room -= self._page_row_height(turn.height()) + gap
        pages: list[list[TouchButton]] = [[]]
        used = 0.0
        for button in self.folder_buttons:
            if pages[-1] and used + button.height() > room:
                pages.append([])
                used = 0.0
            pages[-1].append(button)
            used += button.height() + gap
        return pages if self.folder_buttons else []

    def _words_room(self) -> float:
        """The height the panel keeps under the folders for its words: two lines, or what the
        words need, up to half the panel."""
        style = self.style_
        assert style is not None
        font = style.font(Role.CAPTION)
        needed = sum(block.height for _, block in self._line_blocks())
        two_lines = 2 * QFontMetricsF(font).lineSpacing()
        return max(two_lines, min(needed, self._panel.height() / 2))

    def _page_row_height(self, side: float) -> float:
        """The page buttons side by side at the panel's foot, or one above the other where the
        panel is too narrow for both (a portrait screen)."""
        style = self.style_
        assert style is not None
        earlier, more = self.page_buttons.values()
        if earlier.width() + style.px(3) + more.width() <= self._panel.width():
            return side
        return 2 * side + style.px(1)

    def _lay_out_page_buttons(self, pages: int) -> float:
        """Shows the buttons that turn the pages there are to turn to; where their row starts."""
        style = self.style_
        assert style is not None
        earlier, more = self.page_buttons.values()
        x, bottom = round(self._panel.x()), self._panel.bottom()
        top = bottom - self._page_row_height(more.height())
        if top + more.height() < bottom:  # one above the other
            earlier.move(x, round(top))
            more.move(x, round(bottom - more.height()))
        else:
            earlier.move(x, round(top))
            more.move(round(x + earlier.width() + style.px(3)), round(top))
        earlier.setVisible(self.folder_page > 0)
        more.setVisible(self.folder_page < pages - 1)
        return top

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
        y = self._lines_top()
        for indent, block in self._line_blocks():
            if y + block.height > self._lines_bottom:
                break
            block.draw(painter, self._panel.x() + indent, y, style.palette.text)
            y += block.height
        painter.end()

    def _line_blocks(self) -> list[tuple[float, TextBlock]]:
        """The panel's words laid out, each line with its indent: a line that begins with
        spaces (a finding under its heading) is indented as a whole, its wrapped lines too.
        Laid out once for the words, width and type, not at every paint."""
        style = self.style_
        assert style is not None
        font = style.font(Role.CAPTION)
        width = self._panel.width()
        key = (tuple(self.panel_lines), width, font.pixelSize(), self.language)
        if self._blocks_key != key:
            step = style.px(2)
            blocks = []
            for line in self.panel_lines:
                indent = step if line.startswith(" ") else 0.0
                # A folder's path parts at its slashes only, as on the folder buttons.
                text = _PATH.sub(lambda m: typeset.breakable_path(m.group(0)), line.lstrip(" "))
                blocks.append(
                    (indent, TextBlock(text, font, width - indent, language=self.language))
                )
            self._blocks_key, self._blocks = key, blocks
        return self._blocks
