"""Paragraph layout: where lines break, and when a break means the text must shrink."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.ui.text import TextBlock

HEADLINE = "Время освобождения\u00a0— СЕЙЧАС"


def font(qapp: QApplication, families: tuple[str, ...]) -> QFont:
    result = QFont()
    result.setFamilies(list(families))
    result.setPixelSize(100)
    return result


def test_a_no_break_space_keeps_the_dash_with_its_word(
    qapp: QApplication, families: tuple[str, ...]
) -> None:
    block = TextBlock(HEADLINE, font(qapp, families), 1200)
    assert not block.broken_words
    assert not any(line.lstrip().startswith("—") for line in block.lines())


def test_bound_words_wider_than_the_line_ask_for_smaller_type(
    qapp: QApplication, families: tuple[str, ...]
) -> None:
    # "освобождения —" does not fit 780 px: Qt breaks at the no-break space, and the dash
    # would start a line. That counts as a broken word, so the slide shrinks its text.
    block = TextBlock(HEADLINE, font(qapp, families), 780)
    assert block.broken_words
