"""The staff status text: what plays, what was refused and why, today's counts, in words.

Read from the show state, the content source and the counts, in the staff's language from the
catalogs: the check's findings and the log's recent errors too (the log file keeps English).
"""

from __future__ import annotations

import time

from kiosk import __version__, i18n
from kiosk.content.model import StorySlide
from kiosk.counts import Counts
from kiosk.i18n.said import in_language
from kiosk.logs import RECENT_ERRORS
from kiosk.playback.state import ShowState
from kiosk.source.content_source import ContentSource

SHOWN_IGNORED = 5  # files passed over that are named; the rest are counted
SHOWN_REPORT_LINES = 6
SHOWN_ERRORS = 5


class StaffStatus:
    """The lines of the staff status panel."""

    def __init__(self, state: ShowState, source: ContentSource, counts: Counts):
        self.state = state
        self.source = source
        self.counts = counts
        self.started_at = time.monotonic()

    def lines(self, language: str = "en") -> list[str]:
        state, source = self.state, self.source
        show = state.full_show
        title = (
            show.settings.title.get(language, show.settings.default_language)
            if show.settings.title
            else state.folder.name
        )
        languages = ", ".join(i18n.language_name(code) for code in show.settings.languages)
        count = state.slide_count
        lines = [
            f"{title} {i18n.dash(language)} {i18n.counted('n_slides', count, language)}, "
            f"{i18n.text('status_languages', language)}: {languages}",
            i18n.text("status_content", language).format(folder=state.folder),
        ]
        position = {"n": state.index + 1, "count": count}
        if state.held_since is not None:
            time_text = state.held_since.strftime("%H:%M")
            lines.append(i18n.text("status_paused", language).format(time=time_text, **position))
        else:
            lines.append(i18n.text("status_playing", language).format(**position))
        lines += self.trust_lines(language)
        access = [
            i18n.text(name, language)
            for name, on in (
                ("reduced_motion", state.staff_reduced_motion),
                ("high_contrast", state.staff_high_contrast),
            )
            if on
        ]
        if access:
            lines.append(i18n.text("status_access", language).format(settings=", ".join(access)))
        note = source.note(language)
        if note:
            lines.append(i18n.text("status_note", language).format(note=note))
        if state.kept.hidden_stories:
            names = [self.story_title(slide_id, language) for slide_id in state.kept.hidden_stories]
            lines.append(
                i18n.text("status_hidden", language).format(titles=", ".join(sorted(names)))
            )
        lines += [f"  {d.format(language)}" for d in source.findings[-SHOWN_REPORT_LINES:]]
        return lines + self._running_lines(language)

    def _running_lines(self, language: str) -> list[str]:
        uptime = int(time.monotonic() - self.started_at)
        totals = self.counts.day_totals()
        lines = [
            i18n.text("status_running", language).format(
                h=uptime // 3600, m=f"{uptime % 3600 // 60:02d}", version=__version__
            ),
            f"{i18n.text('status_today', language)}: "
            + " · ".join(f"{i18n.text(name, language)}: {n}" for name, n in totals.items()),
        ]
        if self.counts.last_error:
            lines.append(in_language(self.counts.last_error, language))
        errors = RECENT_ERRORS.lines(language)
        if errors:
            lines.append(i18n.text("status_errors", language))
            lines += [f"  {line}" for line in errors[-SHOWN_ERRORS:]]
        else:
            lines.append(i18n.text("status_no_errors", language))
        return lines

    def trust_lines(self, language: str) -> list[str]:
        """Which version plays, and what this kiosk checks before a show plays."""
        lines = []
        playing = self.state.playing
        version = playing.version
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
        if self.source.stalled:
            lines.append(i18n.text("status_sync_stalled", language))
        ignored = playing.ignored
        if ignored:
            files = ", ".join(
                f"{name} ({i18n.text('litter_' + kind, language)})"
                for name, kind in ignored[:SHOWN_IGNORED]
            )
            if len(ignored) > SHOWN_IGNORED:
                files += f", … (+{len(ignored) - SHOWN_IGNORED})"
            lines.append(i18n.text("status_ignored", language).format(files=files))
        trust = self.source.trust
        if trust.refusal:
            lines.append(i18n.text("status_denied", language))
        elif not trust.keys:
            lines.append(i18n.text("status_unverified", language))
        return lines

    def story_title(self, slide_id: str, language: str) -> str:
        """A story's name as visitors read it (its id only if the show no longer has it)."""
        show = self.state.full_show
        for slide in show.slides:
            if slide.id == slide_id and isinstance(slide, StorySlide):
                return slide.name.get(language, show.settings.default_language)
        return slide_id
