"""What the show is right now, held once: every view observes it and keeps no copy.

The show on screen (and where it was read from), the slide, the language, the visitor's mode,
staff's hold, larger text, a clip's sound and the access switches live here and nowhere else.
The playback and the content source change it through its methods; each change is announced by
a signal, once, and only when something really changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content import LoadedShow
from kiosk.content.model import Show, StorySlide
from kiosk.content.store import Kept, kept_version
from kiosk.playback.kept import KioskState
from kiosk.playback.visitor_session import Mode


@dataclass(frozen=True)
class SlideMove:
    """How a slide comes on screen: from which side, continuing a drag, or at once."""

    index: int
    direction: int = 1  # +1: the new slide comes from the right; -1: from the left
    dragged: float = 0.0  # how far a visitor's drag had moved the slide: a share of its width
    animate: bool = True


@dataclass(frozen=True)
class Playing:
    """The show being played and where it came from."""

    full_show: Show  # as its folder has it
    folder: Path  # where it was read from, and is watched
    files: Path  # the checked copy it is drawn from (kiosk.content.snapshot)
    version: Kept | None = None  # who signed it, or its fingerprint
    ignored: tuple[tuple[str, str], ...] = ()  # files in its folder that are no part of it
    standby: bool = False  # the stand-by screen: no show could play

    @classmethod
    def of(cls, loaded: LoadedShow) -> Playing:
        assert loaded.show is not None
        return cls(
            loaded.show,
            loaded.folder,
            loaded.files,
            kept_version(loaded) if loaded.fingerprint else None,
            loaded.ignored,
            loaded.standby,
        )


class ShowState(QObject):
    """The one owner of what is on screen; signals tell what changed."""

    show_replaced = Signal(int)  # another set of slides plays, from this index
    slide_requested = Signal(object)  # SlideMove: the slide to bring on screen
    mode_changed = Signal(str)  # a Mode value
    countdown_changed = Signal(int)  # whole seconds left before returning to start
    language_changed = Signal(str)
    access_changed = Signal()  # reduced motion or high contrast switched
    large_text_changed = Signal(bool)
    story_return_changed = Signal(bool)  # a story opened from the overview can lead back to it
    hold_changed = Signal(bool)  # staff hold the show on its slide, or let it play on
    sound_changed = Signal(bool)  # a visitor turned a clip's sound on or off

    def __init__(
        self,
        playing: Playing,
        show: Show,
        language: str,
        kept: KioskState | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.playing = playing
        self._show = show
        self._language = language
        self.kept = kept or KioskState()  # staff choices kept across restarts
        self._index = 0
        self._landed = False
        self._mode = Mode.ATTRACT
        self._held_since: datetime.datetime | None = None
        self._held_slide: str | None = None
        self._large_text = False
        self._story_from_overview: int | None = None
        self._sound = False

    # -- reading ---------------------------------------------------------------------------------

    @property
    def show(self) -> Show:
        """The slides that may play now: the folder's show without hidden or unscheduled ones."""
        return self._show

    @property
    def full_show(self) -> Show:
        return self.playing.full_show

    @property
    def files(self) -> Path:
        return self.playing.files

    @property
    def folder(self) -> Path:
        return self.playing.folder

    @property
    def index(self) -> int:
        """The slide on screen, or moving onto it."""
        return self._index

    @property
    def landed(self) -> bool:
        """The slide at `index` has finished arriving on screen."""
        return self._landed

    @property
    def slide_count(self) -> int:
        return len(self._show.slides)

    @property
    def language(self) -> str:
        return self._language

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def held(self) -> bool:
        """Staff hold the show on its slide."""
        return self._held_since is not None

    @property
    def held_since(self) -> datetime.datetime | None:
        return self._held_since

    @property
    def held_slide(self) -> int | None:
        """The slide staff hold the show on, where it is in the slides playing now."""
        ids = [slide.id for slide in self._show.slides]
        return ids.index(self._held_slide) if self._held_slide in ids else None

    @property
    def large_text(self) -> bool:
        return self._large_text

    @property
    def sound(self) -> bool:
        """A visitor has turned the sound of the clip on screen on. Off whenever the slide
        changes, staff hold the show, or the visitor leaves: the loop is always muted."""
        return self._sound

    @property
    def story_from_overview(self) -> int | None:
        """The story opened from the overview while it is on screen: "All stories" leads back."""
        return self._story_from_overview

    @property
    def staff_reduced_motion(self) -> bool:
        return self.kept.reduced_motion

    @property
    def staff_high_contrast(self) -> bool:
        return self.kept.high_contrast

    @property
    def reduced_motion(self) -> bool:
        return self._show.settings.reduced_motion or self.kept.reduced_motion

    @property
    def high_contrast(self) -> bool:
        return self._show.settings.high_contrast or self.kept.high_contrast

    @property
    def hidden_stories(self) -> set[str]:
        return set(self.kept.hidden_stories)

    @property
    def has_stories(self) -> bool:
        return any(isinstance(s, StorySlide) for s in self._show.slides)

    def neighbour(self, step: int) -> int:
        return (self._index + step) % len(self._show.slides)

    # -- changing ------------------------------------------------------------------------------

    def move(self, move: SlideMove) -> None:
        """Asks for a slide on screen; a request for the slide already settled there is only
        passed on (the stage redraws), it does not start it arriving again."""
        settled = move.index == self._index and self._landed
        if not (move.animate and settled and not move.dragged):
            if move.index != self._index:
                self.set_sound(False)
            self._index = move.index
            self._landed = False
        self.slide_requested.emit(move)

    def land(self, index: int) -> None:
        """The slide is fully on screen (its transition has ended)."""
        self._index = index
        self._landed = True

    def replace(self, show: Show, index: int, playing: Playing | None = None) -> None:
        """Another set of slides plays (a new show, a schedule, a hidden story), from `index`."""
        if playing is not None:
            self.playing = playing
        self._show = show
        if self._language not in show.settings.languages:
            self._language = show.settings.default_language
        self._index = max(0, min(index, len(show.slides) - 1))
        self._landed = False
        self.set_story_return(None)
        self.set_sound(False)
        self.show_replaced.emit(self._index)
        self.access_changed.emit()

    def set_language(self, code: str) -> bool:
        if code == self._language or code not in self._show.settings.languages:
            return False
        self._language = code
        self.language_changed.emit(code)
        return True

    def set_mode(self, mode: Mode) -> None:
        """Announced every time, also unchanged: a visitor's touch shows the controls again."""
        if mode is Mode.ATTRACT:
            self.set_sound(False)  # the visitor has left
        self._mode = mode
        self.mode_changed.emit(mode.value)

    def set_countdown(self, seconds: int) -> None:
        self.countdown_changed.emit(seconds)

    def set_held(self, since: datetime.datetime | None) -> None:
        """Staff hold the show on the slide on screen (since a moment), or let it play on."""
        if (since is None) == (self._held_since is None):
            return
        if since is not None:
            self.set_sound(False)
        self._held_since = since
        self._held_slide = self._show.slides[self._index].id if since is not None else None
        self.hold_changed.emit(since is not None)

    def set_sound(self, on: bool) -> None:
        if on != self._sound:
            self._sound = on
            self.sound_changed.emit(on)

    def set_large_text(self, large: bool) -> None:
        if large != self._large_text:
            self._large_text = large
            self.large_text_changed.emit(large)

    def set_story_return(self, index: int | None) -> None:
        if index != self._story_from_overview:
            self._story_from_overview = index
            self.story_return_changed.emit(index is not None)

    def set_staff_access(self, reduced_motion: bool, high_contrast: bool) -> bool:
        """Staff's switches for the whole event; False when they could not be kept on disk."""
        kept = self.kept.set_access(reduced_motion, high_contrast)
        self.access_changed.emit()
        return kept
