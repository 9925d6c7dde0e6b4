"""Sizes, type and colours of a slide, derived from the screen size and the show's theme."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QByteArray, QDataStream, QIODevice
from PySide6.QtGui import QColor, QFont

from kiosk.content.contrast import BODY_MINIMUM, contrast_ratio
from kiosk.content.model import Theme

# The smallest text scale at which every role stays readable from a few steps away.
MIN_READABLE_SCALE = 0.62
# Below the readable minimum text still shrinks to avoid clipping, down to this floor.
FLOOR_SCALE = 0.3
QR_MIN_MM = 30.0
# On paper a code is held in the hand: 30 mm scans at arm's length and leaves room for text.
QR_PRINT_MM = 30.0
QR_MIN_SHORT_SIDE = 0.22
# The manifesto's code on every slide: 50 mm on the glass, which a phone reads at arm's length,
# where the panel's size is known, and never under a sixth of the short side (50 mm on a
# 24-inch 1080p panel; larger screens are read from farther away). Only a built-in panel's
# reported size is believed (BUILT_IN_PANELS): televisions report none, their aspect ratio
# (160 x 90 mm) or a wrong size, and a virtual screen a made-up 96 dpi; elsewhere the code
# follows the pixels, so a proof drawn with `render` is what the screen shows.
CORNER_CODE_MM = 50.0
CORNER_CODE_SHORT_SIDE = 1 / 6
# However small the panel, the code leaves the slide most of the screen: a small panel is read
# from closer anyway.
CORNER_CODE_MOST_SHORT_SIDE = 0.3
# Outputs that are a panel built into the device (a laptop's or all-in-one's eDP or LVDS, a
# Raspberry Pi's DSI touch screen): their EDID's size is the glass's.
BUILT_IN_PANELS = ("eDP", "LVDS", "DSI")
LARGE_TEXT_SCALE = 1.3
MM_PER_INCH = 25.4
# Running text on a screen is set in lines of at most this many ems of its own type: about 75
# characters of German or English and fewer of Belarusian or Russian, a measure read without
# losing the line. Headlines and figures keep their column's width.
READING_MEASURE_EM = 34.0


def built_in_panel(output: str) -> bool:
    """Whether a screen, by its output's name ("eDP-1", "DSI-1"), is a panel built into the
    device, whose reported physical size can be believed."""
    return output.startswith(BUILT_IN_PANELS)


def _weight_axis() -> QFont.Tag | None:
    """The 'wght' axis tag, to set a variable font's weight exactly.

    PySide6 6.8 has no way to make a QFont.Tag from Python (neither Tag("wght") nor
    Tag.fromString exist there), and QFont.setWeight there does not reach the instances of a
    variable font: headlines came out regular. The tag is then read back from a font
    deserialised with the axis set (see _tag_from_stream). Calling Tag("wght") on 6.8 raised
    inside resizeEvent, and shiboken 6.8.0.2 crashes while reporting an error from a virtual
    method override: every way is tried here, once, at import.
    """
    for make in (
        lambda: QFont.Tag("wght"),
        lambda: QFont.Tag.fromString("wght"),
        lambda: _tag_from_stream(b"wght"),
    ):
        try:
            tag = make()
        except (TypeError, AttributeError):
            continue
        if tag is not None and tag.isValid() and bytes(tag.toString().data()) == b"wght":
            return tag
    return None


def _tag_from_stream(name: bytes) -> QFont.Tag | None:
    """A QFont.Tag made through Qt's own serialisation of QFont, for bindings that lack its
    constructors.

    Since Qt 6.7 a streamed QFont ends with its variable axes: a count (quint32), then each
    axis as its tag (quint32) and value (a float, streamed as a double by default). A font
    with none ends with a zero count; one axis is appended in its place and read back.
    """
    font = QFont()
    # A family of its own: the default one needs a running application to be resolved.
    font.setFamily("tag")
    data = QByteArray()
    QDataStream(data, QIODevice.OpenModeFlag.WriteOnly) << font
    raw = bytes(data.data())
    if len(raw) < 4 or raw[-4:] != bytes(4):
        return None
    stream = QDataStream(QByteArray(raw[:-4] + struct.pack(">I4sd", 1, name, 400.0)))
    read = QFont()
    stream >> read
    tags = read.variableAxisTags()
    if stream.status() != QDataStream.Status.Ok or len(tags) != 1:
        return None
    return tags[0]


WEIGHT_AXIS = _weight_axis()
CONTROL_MIN_MM = 15.0
# Within reach from a wheelchair: every control a visitor uses has its top edge at or below
# this share of the screen's height (docs/accessibility.md).
REACH_TOP = 0.4
# 72 px on a 1080-pixel short side, for screens whose physical size is unknown.
CONTROL_MIN_SHORT_SIDE = 72 / 1080


class Role(Enum):
    """Typographic roles: (size in units of 1% of the short side, weight, italic)."""

    KICKER = (3.0, 600, False)
    DISPLAY = (9.0, 800, False)
    HEADLINE = (7.0, 700, False)
    BODY = (3.6, 400, False)
    LEAD = (3.4, 400, True)
    CAPTION = (2.9, 400, False)
    SMALL = (2.1, 400, False)
    FACT_VALUE = (12.0, 700, False)
    STATS_LABEL = (3.4, 400, False)
    STATS_VALUE = (3.6, 700, False)
    STATS_STRONG = (3.4, 700, False)
    QUOTE = (4.3, 400, True)
    # A long quote is read, not taken in at a glance: upright, a little larger than body text.
    QUOTE_LONG = (3.9, 400, False)
    QUOTE_MARK = (18.0, 700, False)
    AUTHOR = (3.4, 700, False)
    BRAND = (2.2, 700, False)
    BUTTON = (2.4, 600, False)
    OVERLAY_TITLE = (5.0, 700, False)
    COUNTDOWN = (16.0, 800, False)


@dataclass(frozen=True)
class Palette:
    background: QColor
    surface: QColor
    text: QColor
    muted: QColor
    accent: QColor
    bar: QColor
    paper: QColor = field(default_factory=lambda: QColor("#ffffff"))
    ink: QColor = field(default_factory=lambda: QColor("#000000"))

    def picture_ground(self) -> QColor:
        """The roundel behind pictures with a see-through background (the show's line art):
        the surface colour, navy on screen, a light grey on paper (where the line art's
        colours are turned for white: kiosk.ui.line_art)."""
        return self.surface

    def on_fill(self, fill: QColor) -> tuple[QColor, QColor]:
        """A control's fill and the text colour on it, reading at WCAG AA (4.5:1) at least.

        The palette's text colour is kept where it reads. Otherwise black or white is taken
        when it reads strongly (black on high contrast's yellow), and else the fill is
        deepened until the palette's text colour reads on it (white on a deeper red).
        """
        text = self.text.name()
        if contrast_ratio(text, fill.name()) >= BODY_MINIMUM:
            return fill, self.text
        black_or_white = max(
            ("#000000", "#ffffff"), key=lambda ink: contrast_ratio(ink, fill.name())
        )
        if contrast_ratio(black_or_white, fill.name()) >= 7.0:
            return fill, QColor(black_or_white)
        lighter_text = self.text.lightnessF() > fill.lightnessF()
        deeper = QColor(fill)
        for _ in range(60):
            if contrast_ratio(text, deeper.name()) >= BODY_MINIMUM:
                return deeper, self.text
            deeper = deeper.darker(106) if lighter_text else deeper.lighter(106)
        return fill, QColor(black_or_white)

    @classmethod
    def high_contrast(cls) -> Palette:
        """White and yellow on black: for visitors who need the strongest contrast."""
        return cls(
            background=QColor("#000000"),
            surface=QColor("#1f1f1f"),
            text=QColor("#ffffff"),
            muted=QColor("#e6e6e6"),
            accent=QColor("#ffd400"),
            bar=QColor("#bfbfbf"),
        )

    @classmethod
    def for_paper(cls, theme: Theme) -> Palette:
        """Dark on white, keeping the show's accent where it is dark enough to read."""
        accent = QColor(theme.accent)
        for _ in range(40):
            if contrast_ratio(accent.name(), "#ffffff") >= BODY_MINIMUM:
                break
            accent = accent.darker(106)
        return cls(
            background=QColor("#ffffff"),
            surface=QColor("#f0f0f0"),
            text=QColor("#141414"),
            muted=QColor("#4a4a4a"),
            accent=accent,
            bar=QColor("#98a2ac"),
        )

    @classmethod
    def from_theme(cls, theme: Theme) -> Palette:
        return cls(
            background=QColor(theme.background),
            surface=QColor(theme.surface),
            text=QColor(theme.text),
            muted=QColor(theme.muted),
            accent=QColor(theme.accent),
            bar=QColor(theme.bar),
        )


@dataclass(frozen=True)
class Style:
    """Everything a slide needs to lay itself out at one size."""

    width: int
    height: int
    palette: Palette
    families: tuple[str, ...]
    dots_per_mm: float | None = None  # None when the screen's physical size is unknown
    # Variable fonts get their true weight from the 'wght' axis; Qt's synthetic bold is not
    # drawn at the large sizes a kiosk uses.
    variable_weight: bool = True
    text_scale: float = 1.0  # a visitor's "larger text" choice: every role grows together
    # On paper the type unit (device pixels) is set by the page, not by the box's size, and a
    # box has no margins or band of controls: the page around it has its own.
    paper_unit: float | None = None
    min_text_px: int = 6  # no text is set smaller
    # The side of the manifesto's code the screen shows beside this slide (0: none); the slide
    # keeps clear of it: a column at the right on a wide screen, a row at the foot on a tall one.
    corner_code: float = 0.0
    # Whether dots_per_mm is the glass's true size (a built-in panel's, see BUILT_IN_PANELS),
    # and not a figure a television or a virtual screen reports.
    panel_size_trusted: bool = False

    @property
    def on_paper(self) -> bool:
        return self.paper_unit is not None

    @property
    def unit(self) -> float:
        if self.paper_unit is not None:
            return self.paper_unit
        return min(self.width, self.height) / 100.0

    @property
    def landscape(self) -> bool:
        # A box on paper is a band across the page, however tall its content makes it.
        return self.on_paper or self.width >= self.height

    @property
    def margin_x(self) -> float:
        if self.on_paper:
            return 0.0
        return max(5.0 * self.unit, 0.06 * self.width)

    @property
    def margin_y(self) -> float:
        if self.on_paper:
            return 0.0
        return max(5.0 * self.unit, 0.06 * self.height)

    @property
    def band_height(self) -> float:
        """The band at the bottom kept free for progress and controls (two rows when tall)."""
        if self.on_paper:
            return 0.0
        if self.landscape:
            return max(11.0 * self.unit, self.control_side + 3.0 * self.unit)
        return max(20.0 * self.unit, 2 * self.control_side + 4.5 * self.unit)

    @property
    def control_side(self) -> int:
        """A control's height: 15 mm on the glass, never under 72 px on a 1080p screen."""
        side = CONTROL_MIN_SHORT_SIDE * min(self.width, self.height)
        if self.dots_per_mm:
            side = max(side, CONTROL_MIN_MM * self.dots_per_mm)
        return round(side)

    @property
    def bottom_row_y(self) -> int:
        """Where the lowest row of controls starts: the control bar's row, or its second row on
        a tall screen. Panels put their close button here, where the bar's buttons were."""
        side = self.control_side
        band = round(self.band_height)
        if self.landscape:
            return self.height - band + (band - side) // 2
        row = (band - 2 * side) // 3
        return self.height - band + 2 * row + side

    @property
    def reach_top(self) -> float:
        return REACH_TOP * self.height

    @property
    def content_bottom(self) -> float:
        if self.on_paper:
            return float(self.height)
        bottom = self.height - self.band_height - 1.5 * self.unit
        if self.corner_code and not self.landscape:
            bottom -= self.corner_code + self.corner_gap
        return bottom

    @property
    def content_right(self) -> float:
        """Where a slide's words and pictures end on the right."""
        right = self.width - self.margin_x
        if self.corner_code and self.landscape:
            right -= self.corner_code + self.corner_gap
        return right

    @property
    def content_width(self) -> float:
        return self.content_right - self.margin_x

    @property
    def corner_gap(self) -> float:
        """The space between a slide and the manifesto's code beside or under it."""
        return 4.0 * self.unit

    def corner_code_wanted(self) -> float:
        """How wide the manifesto's code beside every slide should be, before it snaps to
        whole pixels a module: 50 mm on a panel of known size, never under a sixth of the
        short side."""
        short = min(self.width, self.height)
        side = CORNER_CODE_SHORT_SIDE * short
        if self.panel_size_trusted and self.dots_per_mm:
            on_glass = min(CORNER_CODE_MM * self.dots_per_mm, CORNER_CODE_MOST_SHORT_SIDE * short)
            side = max(side, on_glass)
        return side

    def font(self, role: Role, scale: float = 1.0) -> QFont:
        size, weight, italic = role.value
        font = QFont()
        font.setFamilies(list(self.families))
        font.setPixelSize(max(self.min_text_px, round(size * self.unit * scale * self.text_scale)))
        if self.variable_weight and WEIGHT_AXIS is not None:
            font.setVariableAxis(WEIGHT_AXIS, weight)
        else:
            font.setWeight(QFont.Weight(weight))
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def px(self, units: float) -> float:
        return units * self.unit

    def qr_side(self) -> float:
        """A QR code's smallest width: 30 mm on the glass, and never under 22% of the short side.

        On paper it is exactly QR_PRINT_MM wide, whatever the box.
        """
        if self.on_paper:
            return QR_PRINT_MM * (self.dots_per_mm or 1.0)
        side = QR_MIN_SHORT_SIDE * min(self.width, self.height)
        if self.dots_per_mm:
            side = max(side, QR_MIN_MM * self.dots_per_mm)
        return side
