"""The show controller: what the show is at any moment, with no widget in sight.

It owns the attract loop and its timer, the visitor session and its timer, the show on screen
and the one waiting to take over, schedules, hidden stories, the language, the visitor's
larger text, staff's pause and access switches, the counts and the content watcher. Views
display it through its signals and turn input into calls on its public methods.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from kiosk import __version__, i18n
from kiosk.clock import Clock, WallClock
from kiosk.content import LoadedShow, Severity, load_show
from kiosk.content.model import CallToActionSlide, Show, StorySlide
from kiosk.content.signing import Keys, Trust
from kiosk.content.store import Kept, ShowStore, check_in_place, kept_version
from kiosk.counts import Counts
from kiosk.logs import RECENT_ERRORS
from kiosk.playback.attract_loop import AttractLoop
from kiosk.playback.kept import KioskState
from kiosk.playback.schedule import active_slides
from kiosk.playback.visitor_session import Mode, VisitorSession
from kiosk.source.watcher import ContentWatcher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlideMove:
    """A request to the stage: bring this slide on screen."""

    index: int
    direction: int = 1  # +1: the new slide comes from the right; -1: from the left
    from_offset: float = 0.0  # where a visitor's drag let go, in pixels
    animate: bool = True


class ShowController(QObject):
    """The show as it plays: public methods to steer it, signals for whoever displays it."""

    slide_requested = Signal(object)  # SlideMove
    show_replaced = Signal(int)  # another set of slides plays, from this index
    mode_changed = Signal(str)  # a Mode value
    countdown_changed = Signal(int)  # whole seconds left before returning to start
    language_changed = Signal(str)
    access_changed = Signal()  # reduced motion or high contrast switched
    large_text_changed = Signal(bool)
    story_return_changed = Signal(bool)  # a story opened from the overview can lead back to it
    status_changed = Signal()  # what staff status shows has changed
    reloaded = Signal(bool)  # a reload asked for by staff has finished: taken or refused
    quit_requested = Signal()
    _reload_done = Signal(object)  # LoadedShow or the exception, from a worker thread
    _pictures_checked = Signal(object)  # LoadedShow or the exception, from a worker thread

    def __init__(
        self,
        show: Show,
        folder: Path,
        language: str,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = datetime.datetime.now,
        state: KioskState | None = None,
        counts: Counts | None = None,
        report_lines: list[str] | None = None,
        parent: QObject | None = None,
        files: Path | None = None,
        store: ShowStore | None = None,
        loaded: LoadedShow | None = None,
    ):
        super().__init__(parent)
        self.clock = clock
        self.wall_clock = wall_clock  # local time, for slides that play on given days or hours
        self.state = state or KioskState()
        self.counts = counts or Counts(None)
        self.full_show = show  # as the folder has it; `show` is what may play now
        self.folder = folder  # where the show came from, and is watched
        self.files = files or folder  # the checked copy it is drawn from (kiosk.content.snapshot)
        self.store = store  # the kiosk's kept copies; None in previews and tests
        # Which version of the show plays (signer or fingerprint), and what in its folder was
        # passed over as no part of it.
        self.version: Kept | None = kept_version(loaded) if loaded is not None else None
        self.ignored: tuple[tuple[str, str], ...] = loaded.ignored if loaded is not None else ()
        self.show = self._visible(show)
        self.language = language
        self.index = 0  # the slide on screen, or moving onto it
        self.paused = False  # staff paused the loop on the current slide
        # Staff may switch these on for the whole event, whatever the show says.
        # Public keys a show must be signed by (kiosk.toml); none: any valid show plays.
        self.trusted_keys: Keys = ()
        # Kept across restarts, like hidden stories.
        self.staff_reduced_motion = self.state.reduced_motion
        self.staff_high_contrast = self.state.high_contrast
        self.large_text = False  # a visitor asked for larger text
        self.story_from_overview: int | None = None
        self.pending: LoadedShow | None = None
        self.report_lines: list[str] = report_lines or []
        # Why the show on screen is not what the folder holds, if so: an i18n key, its values.
        self._note: tuple[str, dict[str, object]] | None = None
        self.paused_since: datetime.datetime | None = None
        self.started_at = time.monotonic()
        self.loop = AttractLoop([self.show.duration_of(s) for s in self.show.slides], clock)
        self.session = VisitorSession(show.settings.idle_timeout, clock)
        self.watcher: ContentWatcher | None = None
        self._landed = False  # the requested slide has finished arriving on screen

        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self.advance_if_due)
        self._session_timer = QTimer(self)
        self._session_timer.setSingleShot(True)
        self._session_timer.timeout.connect(self._on_session_timer)
        # Counts are written once a minute at most, and only when something was counted.
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush_counts)
        self._reload_done.connect(self._on_reload_done)
        self._pictures_checked.connect(self._on_pictures_checked)

    # -- what is on screen ------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self.session.mode

    @property
    def reduced_motion(self) -> bool:
        return self.show.settings.reduced_motion or self.staff_reduced_motion

    @property
    def high_contrast(self) -> bool:
        return self.show.settings.high_contrast or self.staff_high_contrast

    @property
    def hidden_stories(self) -> set[str]:
        return set(self.state.hidden_stories)

    @property
    def has_stories(self) -> bool:
        return any(isinstance(s, StorySlide) for s in self.show.slides)

    def neighbour(self, step: int) -> int:
        return (self.index + step) % len(self.show.slides)

    # -- the attract loop -------------------------------------------------------------------------

    def start(self) -> None:
        """The first slide, at once: the show begins."""
        self.access_changed.emit()
        self._move(self.loop.index, animate=False)

    def slide_landed(self, index: int) -> None:
        """The view reports that a slide is fully on screen (its transition has ended)."""
        self.index = index
        self._landed = True
        slide = self.show.slides[index]
        self._count("slides_shown", slide.id)
        if isinstance(slide, CallToActionSlide):
            self._count("qr_shown", slide.id)
        self.loop.go_to(index)
        if self.session.mode is Mode.ATTRACT:
            self._schedule_advance()

    def advance_if_due(self) -> None:
        """Moves the attract loop on when the slide's time is up (the loop timer calls this)."""
        if self.session.mode is not Mode.ATTRACT or not self._landed or self.paused:
            return
        if not self.loop.due():
            self._schedule_advance()
            return
        following = self.loop.next_index()
        if self._apply_pending(following) or self._refresh_schedule():
            return
        self._move(following)

    def _schedule_advance(self) -> None:
        self._advance_timer.start(max(1, int(self.loop.remaining() * 1000)))

    def _move(
        self, index: int, direction: int = 1, from_offset: float = 0.0, animate: bool = True
    ) -> None:
        if not (animate and index == self.index and self._landed and not from_offset):
            # Anything but a request for the slide already settled on screen moves the stage.
            self.index = index
            self._landed = False
        self.slide_requested.emit(SlideMove(index, direction, from_offset, animate))

    def set_paused(self, paused: bool) -> None:
        """Staff hold the loop on the current slide, or let it play on."""
        if paused and not self.paused:
            self.paused_since = self.wall_clock()
        elif not paused:
            self.paused_since = None
        self.paused = paused
        if paused:
            self._advance_timer.stop()
        elif self.session.mode is Mode.ATTRACT:
            self._schedule_advance()
        self.status_changed.emit()

    # -- visitors ---------------------------------------------------------------------------------

    def visitor_input(self) -> bool:
        """A touch, click, key or wheel. True when it only woke the kiosk or kept it from
        returning to start: a press that did so must not also act on what is under it."""
        before = self.session.mode
        if self.session.input():
            if before is Mode.ATTRACT:
                self._wake()
            else:
                self._stay()
            return True
        self._schedule_session()
        return False

    def visitor_present(self) -> None:
        """Someone opened a panel (by key, or staff): taps act at once from now on."""
        if self.session.mode is not Mode.INTERACTIVE:
            self.visitor_input()

    def go(self, step: int, from_offset: float = 0.0) -> None:
        self._navigate(self.neighbour(step), step, from_offset)

    def jump_to(self, index: int) -> None:
        if index != self.index:
            self._navigate(index, 1 if index > self.index else -1)

    def go_home(self) -> None:
        self.jump_to(0)

    def open_story(self, index: int) -> None:
        """A story chosen in the overview; "All stories" leads back while it is on screen."""
        self._count("stories_opened", self.show.slides[index].id)
        self._navigate(index, 1)
        self._set_story_from_overview(index)

    def link_shown(self) -> None:
        """The take-the-link panel opened: counted like a QR code on a slide."""
        self._count("qr_shown", "take-the-link")

    def set_language(self, code: str) -> None:
        if code not in self.show.settings.languages or code == self.language:
            return
        self.language = code
        self._count("language_chosen", code)
        self.language_changed.emit(code)

    def set_large_text(self, large: bool) -> None:
        if large != self.large_text:
            self.large_text = large
            self.large_text_changed.emit(large)

    def reset_to_start(self) -> None:
        """Everything as a new visitor should find it: first slide, default language, loop on."""
        self.session.reset()
        self._set_story_from_overview(None)
        self.set_large_text(False)
        if self.language != self.show.settings.default_language:
            self.language = self.show.settings.default_language
            self.language_changed.emit(self.language)
        self.loop.resume()
        if self._apply_pending(0):
            pass
        elif self.index != 0:
            self._move(0)
        else:
            self.slide_landed(0)
        self.mode_changed.emit(Mode.ATTRACT.value)

    def _navigate(self, index: int, direction: int, from_offset: float = 0.0) -> None:
        if self._apply_pending(index):
            return
        if index != self.story_from_overview:
            self._set_story_from_overview(None)
        self.loop.go_to(index)
        self._move(index, direction, from_offset)

    def _set_story_from_overview(self, index: int | None) -> None:
        if index != self.story_from_overview:
            self.story_from_overview = index
            self.story_return_changed.emit(index is not None)

    def _wake(self) -> None:
        self._count("sessions")
        self.loop.pause()
        self._advance_timer.stop()
        self.mode_changed.emit(Mode.INTERACTIVE.value)
        self._schedule_session()

    def _stay(self) -> None:
        self.mode_changed.emit(Mode.INTERACTIVE.value)
        self._schedule_session()

    def _schedule_session(self) -> None:
        wait = self.session.seconds_to_next_change()
        if wait != float("inf"):
            self._session_timer.start(max(1, int(wait * 1000)))

    def _on_session_timer(self) -> None:
        before = self.session.mode
        mode = self.session.tick()
        if mode is Mode.COUNTDOWN:
            if before is not Mode.COUNTDOWN:
                self.mode_changed.emit(Mode.COUNTDOWN.value)
            self.countdown_changed.emit(self.session.seconds_left())
        elif mode is Mode.ATTRACT and before is Mode.COUNTDOWN:
            self.reset_to_start()
            return
        self._schedule_session()

    # -- content: hidden stories, schedules, swaps at slide boundaries ---------------------------

    def _visible(self, show: Show) -> Show:
        """The slides that may play now: not hidden by staff, and scheduled for this moment.

        Never empty: if the schedule leaves nothing, everything not hidden plays.
        """
        slides = [
            s
            for s in show.slides
            if not (isinstance(s, StorySlide) and s.id in self.state.hidden_stories)
        ] or show.slides[:1]
        return show.model_copy(update={"slides": active_slides(slides, self.wall_clock())})

    def _refresh_schedule(self) -> bool:
        """At a slide boundary: if the set of slides that may play has changed, move to it."""
        visible = self._visible(self.full_show)
        ids = [s.id for s in visible.slides]
        if ids == [s.id for s in self.show.slides]:
            return False
        order = [s.id for s in self.full_show.slides]
        current = self.show.slides[self.index].id
        start = order.index(current) if current in order else -1
        following = (order[(start + step) % len(order)] for step in range(1, len(order) + 1))
        self._install(index_hint=ids.index(next(i for i in following if i in ids)))
        log.info("schedule: now playing %d slides", len(ids))
        return True

    def offer_show(self, loaded: LoadedShow) -> None:
        """A new valid show: it takes over at the next slide boundary."""
        self.pending = loaded

    def _apply_pending(self, index: int) -> bool:
        """Installs a waiting show in place of the move to `index`; True if it did."""
        if self.pending is None or self.pending.show is None:
            return False
        loaded, self.pending = self.pending, None
        assert loaded.show is not None
        self.full_show = loaded.show
        self.folder = loaded.folder
        self.files = loaded.files
        self.version = kept_version(loaded)
        self.ignored = loaded.ignored
        self._install(index_hint=index)
        log.info("now playing %s", loaded.folder)
        if self.store is not None:
            self.store.accept(loaded)
        return True

    def _install(self, index_hint: int | None = None) -> None:
        """Puts the full show (minus hidden stories) on stage, keeping the slide if it stays."""
        current = (
            self.show.slides[self.index].id if 0 <= self.index < len(self.show.slides) else None
        )
        visible = self._visible(self.full_show)
        ids = [s.id for s in visible.slides]
        if index_hint is not None:
            index = min(index_hint, len(ids) - 1)
        elif current in ids:
            index = ids.index(current)
        else:
            index = min(max(0, self.index), len(ids) - 1)
        self.show = visible
        settings = visible.settings
        if self.language not in settings.languages:
            self.language = settings.default_language
        self.session.idle_timeout_s = settings.idle_timeout
        was_paused = self.loop.paused
        self.loop = AttractLoop([visible.duration_of(s) for s in visible.slides], self.clock)
        if was_paused:
            self.loop.pause()
        self._set_story_from_overview(None)
        self.index = max(0, index)
        self._landed = False
        self.show_replaced.emit(self.index)
        self.access_changed.emit()

    def set_story_hidden(self, slide_id: str, hidden: bool) -> None:
        """Staff pull a story (or bring it back) everywhere at once; it is remembered."""
        kept = self.state.set_hidden(slide_id, hidden)
        log.warning("story '%s' %s by staff", slide_id, "hidden" if hidden else "shown again")
        if not kept:
            # Staff must not leave believing it stays so after a restart.
            self._set_note("note_not_kept")
        self._install()
        self.status_changed.emit()

    def set_staff_access(
        self, reduced_motion: bool | None = None, high_contrast: bool | None = None
    ) -> None:
        """Staff switch reduced motion or high contrast on or off for the whole event."""
        if reduced_motion is not None:
            self.staff_reduced_motion = reduced_motion
        if high_contrast is not None:
            self.staff_high_contrast = high_contrast
        if not self.state.set_access(self.staff_reduced_motion, self.staff_high_contrast):
            self._set_note("note_not_kept")
        self.access_changed.emit()
        self.status_changed.emit()

    # -- the content folder: watching, reloading, switching ---------------------------------------

    def watch(self, loaded: LoadedShow) -> None:
        """Follows changes in the folder the show was loaded from: valid ones take over at the
        next slide. The folder as it was read is the starting point."""
        self.stop_watching()
        self.watcher = ContentWatcher(
            loaded.folder, loaded.stamp, self, self.trusted_keys, self.store
        )
        self.watcher.show_ready.connect(self._on_show_ready)
        self.watcher.show_rejected.connect(self._on_show_rejected)
        self.watcher.folder_missing.connect(self._on_folder_missing)
        self.watcher.arrival_stalled.connect(self.status_changed)
        self.watcher.start()

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None

    @staticmethod
    def _in_worker(name: str, work: Callable[[], object], done: SignalInstance) -> None:
        """Runs work off the GUI thread; its result, or the exception it raised, arrives as
        `done` on the GUI thread, so a failing check never leaves staff waiting."""

        def run() -> None:
            try:
                result = work()
            except Exception as error:
                log.exception("%s failed", name)
                result = error
            done.emit(result)

        threading.Thread(target=run, name=name, daemon=True).start()

    def reload(self) -> None:
        """Staff asked to read the folder again: checked off the UI thread, taken at once."""
        folder, keys, store = self.folder, self.trusted_keys, self.store
        self._in_worker(
            "staff-reload",
            lambda: (
                store.take(folder, keys, decode_pictures=True)
                if store is not None
                else load_show(folder, decode_pictures=True, trusted_keys=keys)
            ),
            self._reload_done,
        )

    def check_pictures(self) -> None:
        """Decodes every picture of the show on screen, off the GUI thread.

        The kiosk starts on a check of the pictures' headers (decoding all of them would hold
        up the first frame); one that turns out not to decode is reported here, to the log and
        to staff status. The show plays on; that picture's space stays empty.
        """
        folder, files, keys = self.folder, self.files, self.trusted_keys
        # The copy on screen is decoded, not the live folder: what is checked is what is drawn.
        self._in_worker(
            "picture-check",
            lambda: check_in_place(files, folder, keys, decode_pictures=True),
            self._pictures_checked,
        )

    def note_start_refused(self, standby: bool = False) -> None:
        """The folder could not play at start; the last good show, or the stand-by screen when
        none was kept, plays in its place."""
        self._set_note("note_standby" if standby else "note_start_refused")

    def switch_to(self, loaded: LoadedShow) -> None:
        """Staff chose another valid content folder: it plays from its first slide."""
        log.warning("staff switched the content folder to %s", loaded.folder)
        self._note_report(loaded, None)
        self.offer_show(loaded)
        self._apply_pending(0)
        self.watch(loaded)

    def _note_report(self, loaded: LoadedShow, note: str | None, **values: object) -> None:
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        self._set_note(note, **values)

    def _set_note(self, note: str | None, **values: object) -> None:
        self._note = (note, values) if note is not None else None
        self.status_changed.emit()

    def note(self, language: str = "en") -> str:
        """Why the show on screen is not what its folder holds, in words; '' when it is."""
        if self._note is None:
            return ""
        key, values = self._note
        if key in i18n.COUNTED:
            return i18n.counted(key, int(str(values["n"])), language)
        return i18n.text(key, language).format(**values)

    @property
    def content_note(self) -> str:
        return self.note("en")

    def _on_reload_done(self, loaded: LoadedShow | Exception) -> None:
        if isinstance(loaded, Exception):
            self._set_note("note_reload_failed", error=loaded)
            self.reloaded.emit(False)
            return
        if loaded.report.ok:
            self._note_report(loaded, None)
            self.offer_show(loaded)
            self._apply_pending(self.index)
        else:
            self._note_report(loaded, "note_reload_refused")
            log.error("%s\n%s", self.content_note, loaded.report.format_text())
        self.reloaded.emit(loaded.report.ok)

    def _on_pictures_checked(self, loaded: LoadedShow | Exception) -> None:
        if isinstance(loaded, Exception):
            self._set_note("note_pictures_unchecked", error=loaded)
            return
        if loaded.folder != self.folder:
            return  # staff switched folders meanwhile: this was about the old one
        new = [
            d.format()
            for d in loaded.report.sorted()
            if d.severity is Severity.ERROR and d.format() not in self.report_lines
        ]
        if not new:
            return
        for line in new:
            log.error("%s", line)
        self.report_lines = self.report_lines + new
        self._set_note("note_pictures_broken", n=len(new))

    def _on_show_ready(self, loaded: LoadedShow) -> None:
        self._note_report(loaded, None)
        self.offer_show(loaded)

    def _on_show_rejected(self, loaded: LoadedShow) -> None:
        self._note_report(loaded, "note_rejected")

    def _on_folder_missing(self) -> None:
        self._set_note("note_folder_gone")

    # -- staff status and quitting ----------------------------------------------------------------

    def _trust_lines(self, language: str) -> list[str]:
        """Which version plays, and what this kiosk checks before a show plays."""
        lines = []
        version = self.version
        if version is not None and version.signed_by:
            lines.append(
                i18n.text("status_version_signed", language).format(
                    key=version.signed_by, comment=version.comment, fingerprint=version.short
                )
            )
        elif version is not None:
            lines.append(
                i18n.text("status_version_unsigned", language).format(fingerprint=version.short)
            )
        if self.watcher is not None and self.watcher.stalled:
            lines.append(i18n.text("status_sync_stalled", language))
        if self.ignored:
            files = ", ".join(
                f"{name} ({i18n.text('litter_' + kind, language)})"
                for name, kind in self.ignored[:5]
            )
            if len(self.ignored) > 5:
                files += f", … (+{len(self.ignored) - 5})"
            lines.append(i18n.text("status_ignored", language).format(files=files))
        trust = Trust.of(self.trusted_keys)
        if trust.refusal:
            lines.append(i18n.text("status_denied", language))
        elif not trust.keys:
            lines.append(i18n.text("status_unverified", language))
        return lines

    def status_lines(self, language: str = "en") -> list[str]:
        """What the staff status panel shows, in words: content, state, problems, uptime,
        today's counts. The organiser's check results and log lines are quoted as they are."""
        uptime = int(time.monotonic() - self.started_at)
        totals = self.counts.day_totals()
        show = self.full_show
        title = (
            show.settings.title.get(language, show.settings.default_language)
            if (show.settings.title)
            else self.folder.name
        )
        languages = ", ".join(i18n.language_name(code) for code in show.settings.languages)
        count = len(self.show.slides)
        lines = [
            f"{title} — {i18n.counted('n_slides', count, language)}, "
            f"{i18n.text('status_languages', language)}: {languages}",
            i18n.text("status_content", language).format(folder=self.folder),
        ]
        position = {"n": self.index + 1, "count": count}
        if self.paused and self.paused_since is not None:
            time_text = self.paused_since.strftime("%H:%M")
            lines.append(i18n.text("status_paused", language).format(time=time_text, **position))
        else:
            lines.append(i18n.text("status_playing", language).format(**position))
        lines += self._trust_lines(language)
        access = [
            i18n.text(name, language)
            for name, on in (
                ("reduced_motion", self.staff_reduced_motion),
                ("high_contrast", self.staff_high_contrast),
            )
            if on
        ]
        if access:
            lines.append(i18n.text("status_access", language).format(settings=", ".join(access)))
        note = self.note(language)
        if note:
            lines.append(i18n.text("status_note", language).format(note=note))
        if self.state.hidden_stories:
            names = [self.story_title(slide_id, language) for slide_id in self.state.hidden_stories]
            lines.append(
                i18n.text("status_hidden", language).format(titles=", ".join(sorted(names)))
            )
        lines += [f"  {line}" for line in self.report_lines[-6:]]
        lines += [
            i18n.text("status_running", language).format(
                h=uptime // 3600, m=f"{uptime % 3600 // 60:02d}", version=__version__
            ),
            f"{i18n.text('status_today', language)}: "
            + " · ".join(f"{i18n.text(name, language)}: {n}" for name, n in totals.items()),
        ]
        if self.counts.last_error:
            lines.append(self.counts.last_error)
        errors = list(RECENT_ERRORS.records)
        if errors:
            lines.append(i18n.text("status_errors", language))
            lines += [f"  {line}" for line in errors[-5:]]
        else:
            lines.append(i18n.text("status_no_errors", language))
        return lines

    def story_title(self, slide_id: str, language: str) -> str:
        """A story's name as visitors read it (its id only if the show no longer has it)."""
        for slide in self.full_show.slides:
            if slide.id == slide_id and isinstance(slide, StorySlide):
                return slide.name.get(language, self.full_show.settings.default_language)
        return slide_id

    def _count(self, event: str, detail: str = "") -> None:
        self.counts.add(event, detail)
        if not self._flush_timer.isActive():
            due = self.counts.due_in()
            if due is not None:
                self._flush_timer.start(round(due * 1000))

    def _flush_counts(self) -> None:
        self.counts.flush_if_due()
        due = self.counts.due_in()  # still unsaved: not yet due, or the disk refused
        if due is not None:
            self._flush_timer.start(max(1000, round(due * 1000)))

    def quit(self) -> None:
        """Staff or the system end the show: counts are saved, then the view closes."""
        self.stop_watching()
        self._advance_timer.stop()
        self._session_timer.stop()
        self.counts.save()
        self.quit_requested.emit()
