"""Anonymous counts of what the show did: per day and hour, nothing about any person.

Kept: slides shown, stories opened, QR codes shown, languages chosen, visitor sessions
(a wake to an idle return, not counted when it is staff's). Never kept: faces, devices,
names, or any time finer than the hour.

Kiosks run from SD cards and cheap flash, so the counts are kept in two files. Once a minute at
most, what was counted since the last time is appended to `counts.journal` as one line and
synced: a kill or power cut costs at most that minute, and an append changes two blocks on the
card (a new file and a rename, as a whole rewrite needs, change seven). About once an hour, and
when the kiosk starts and stops, the journal is folded into `counts.json` (written whole,
atomically) and begun afresh; then hours older than yesterday are rolled up into their day, so
the file grows by a day's lines a day. Each journal names itself in its first line and the
snapshot names the journal it has folded in, so a journal is never counted twice, whenever the
kiosk is stopped.

Exporting these counts and merging those of several kiosks: kiosk.count_exports.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.durable import write_atomically
from kiosk.i18n.said import Said, said
from kiosk.settings import data_dir

log = logging.getLogger(__name__)

EVENTS = ("slides_shown", "stories_opened", "qr_shown", "language_chosen", "sessions")
WRITE_EVERY_S = 60.0  # the most often counts are written, and the most a kill can cost
FOLD_AFTER_LINES = 60  # journal lines (about an hour's) before they are folded into the snapshot
HOURLY_DAYS = 2  # hours are kept this many days back (today and yesterday); then only days
FOLDED = "_folded"  # the snapshot's note of the journal it holds (not an hour)

Now = Callable[[], datetime.datetime]
Clock = Callable[[], float]
Table = dict[str, dict[str, dict[str, int]]]


def counts_path() -> Path:
    return data_dir() / "counts.json"


def _add_into(target: Table, source: Table) -> None:
    for hour, events in source.items():
        into = target.setdefault(hour, {})
        for event, values in events.items():
            totals = into.setdefault(event, {})
            for detail, count in values.items():
                totals[detail] = totals.get(detail, 0) + count


def _clean(raw: Any) -> Table:
    """Only well-formed entries survive: {"2025-05-21T14": {"slides_shown": {"": 3}}}."""
    clean: Table = {}
    if not isinstance(raw, dict):
        return clean
    for hour, events in raw.items():
        if isinstance(hour, str) and not hour.startswith("_") and isinstance(events, dict):
            clean[hour] = {
                str(event): {str(k): int(v) for k, v in values.items() if isinstance(v, int)}
                for event, values in events.items()
                if isinstance(values, dict)
            }
    return clean


class Counts:
    """Counters in memory; appended to a journal once a minute at most, folded in hourly."""

    def __init__(
        self, path: Path | None, now: Now = datetime.datetime.now, clock: Clock = time.monotonic
    ):
        """path None keeps the counts in memory only (previews and tests)."""
        self.path = path
        self._now = now
        self._clock = clock
        self.data: Table = {}
        self._unsaved: Table = {}  # counted since the last line reached the journal
        self._folded = ""  # the journal the snapshot holds
        self._journal = ""  # the name of the journal being appended to ("" before its first line)
        self._lines = 0  # lines in that journal
        self._cut = False  # the journal's last line was cut short: the next line starts anew
        self.dirty = False
        self.last_error: Said | None = None
        self._last_write: float | None = None  # when a line was last written (or tried)
        if path is not None:
            self._read()

    @property
    def journal_path(self) -> Path:
        assert self.path is not None
        return self.path.with_suffix(".journal")

    def _read(self) -> None:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = {}
        except (OSError, ValueError) as error:
            log.error("cannot read counts %s (%s); starting afresh", self.path, error)
            raw = {}
        self.data = _clean(raw)
        self._folded = str(raw.get(FOLDED, "")) if isinstance(raw, dict) else ""
        name, lines = self._read_journal()
        if name and name != self._folded:
            for line in lines:
                _add_into(self.data, line)
            self._journal, self._lines = name, len(lines)

    def _read_journal(self) -> tuple[str, list[Table]]:
        """The journal's name and its whole lines; a line cut short by a kill is left out."""
        try:
            text = self.journal_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return "", []
        except (OSError, UnicodeDecodeError) as error:
            log.error("cannot read the counts journal (%s); its counts are lost", error)
            return "", []
        name, lines = "", []
        self._cut = bool(text) and not text.endswith("\n")
        for number, line in enumerate(text.splitlines()):
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the last line, cut short: its minute is lost, nothing else
            if number == 0 and isinstance(entry, dict) and "journal" in entry:
                name = str(entry["journal"])
            elif name:
                lines.append(_clean(entry))
        return name, lines

    def _hour(self) -> str:
        return self._now().strftime("%Y-%m-%dT%H")

    def add(self, event: str, detail: str = "") -> None:
        """Counts one event; detail is a slide id or a language code, never a person."""
        one = {self._hour(): {event: {detail: 1}}}
        _add_into(self.data, one)
        _add_into(self._unsaved, one)
        self.dirty = True

    def due_in(self) -> float | None:
        """Seconds until unsaved counts may be written; None when there is nothing to write."""
        if not self.dirty or self.path is None:
            return None
        if self._last_write is None:
            return 0.0
        return max(0.0, self._last_write + WRITE_EVERY_S - self._clock())

    def flush_if_due(self) -> bool:
        """Writes unsaved counts if the last write was a minute ago or more."""
        if self.due_in() == 0.0:
            return self.flush()
        return True

    def roll_up(self) -> None:
        """Hours before yesterday become their day: '2026-05-19T14' adds into '2026-05-19'."""
        first_hourly = (self._now().date() - datetime.timedelta(days=HOURLY_DAYS - 1)).isoformat()
        for key in [k for k in self.data if "T" in k and k[:10] < first_hourly]:
            _add_into(self.data, {key[:10]: self.data.pop(key)})

    def flush(self) -> bool:
        """Appends what was counted since the last time to the journal, synced; folds the
        journal into the snapshot once it holds about an hour."""
        if not self.dirty or self.path is None:
            return True
        self._last_write = self._clock()
        return self._write(self._fold if self._lines >= FOLD_AFTER_LINES else self._append)

    def save(self) -> bool:
        """Folds everything into the snapshot now (the kiosk starts or stops)."""
        if self.path is None or (not self.dirty and not self._journal):
            return True
        return self._write(self._fold)

    def _write(self, write: Callable[[], None]) -> bool:
        try:
            write()
        except OSError as error:
            # A full or read-only disk costs the counts of this run, never the show.
            self.last_error = said("cannot save counts: {error}", error=error.strerror or error)
            log.error("%s", self.last_error)
            return False
        self.dirty = False
        self.last_error = None
        return True

    def _append(self) -> None:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        text = "\n" if self._cut else ""
        if not self._journal:  # a new journal (what a file left there holds is folded in)
            self._journal = os.urandom(8).hex()
            text = json.dumps({"journal": self._journal}) + "\n"
            flags |= os.O_TRUNC
        text += json.dumps(self._unsaved, sort_keys=True) + "\n"
        self.journal_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.journal_path, flags, 0o600)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        self._cut = False
        self._unsaved = {}
        self._lines += 1

    def _fold(self) -> None:
        """The snapshot, written whole with everything, names the journal it now holds; then
        the journal goes. Stopped in between, the next start sees the name and skips it."""
        assert self.path is not None
        self.roll_up()
        snapshot: dict[str, Any] = {**self.data}
        if self._journal:
            snapshot[FOLDED] = self._journal
        write_atomically(self.path, json.dumps(snapshot, sort_keys=True) + "\n")
        self.journal_path.unlink(missing_ok=True)
        self._folded, self._journal, self._lines = self._journal, "", 0
        self._unsaved = {}

    def day_totals(self, day: datetime.date | None = None) -> dict[str, int]:
        prefix = (day or self._now().date()).isoformat()
        totals = dict.fromkeys(EVENTS, 0)
        for hour, events in self.data.items():
            if hour.startswith(prefix):
                for event, values in events.items():
                    totals[event] = totals.get(event, 0) + sum(values.values())
        return totals

    def rows(self) -> list[dict[str, Any]]:
        """One row a day, event and detail: what `stats` prints."""
        per_day: dict[tuple[str, str, str], int] = {}
        for hour, events in self.data.items():
            day = hour[:10]
            for event, values in events.items():
                for detail, count in values.items():
                    key = (day, event, detail)
                    per_day[key] = per_day.get(key, 0) + count
        return [
            {"day": day, "event": event, "detail": detail, "count": count}
            for (day, event, detail), count in sorted(per_day.items())
        ]


def format_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no counts yet"
    lines = [f"{'day':<10}  {'event':<16}  {'detail':<24}  {'count':>7}"]
    for row in rows:
        lines.append(
            f"{row['day']:<10}  {row['event']:<16}  {row['detail'] or '-':<24}  {row['count']:>7}"
        )
    return "\n".join(lines)


def format_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["day", "event", "detail", "count"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
