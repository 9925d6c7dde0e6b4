"""Anonymous counts of what the show did: per day and hour, nothing about any person.

Kept: slides shown, stories opened, QR codes shown, languages chosen, visitor sessions
(a wake to an idle return). Never kept: faces, devices, names, or any time finer than the hour.

Kiosks run from SD cards and cheap flash: the file is written at most once a minute (so a
kill or power cut costs at most the last minute), and hours older than two days are rolled up
into their day, so the file grows by a day's worth of lines per day, not an hour's.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.durable import write_atomically
from kiosk.settings import data_dir

log = logging.getLogger(__name__)

EVENTS = ("slides_shown", "stories_opened", "qr_shown", "language_chosen", "sessions")
WRITE_EVERY_S = 60.0  # the most often the file is written, and the most a kill can cost
HOURLY_DAYS = 2  # hours are kept this many days back (today and yesterday); then only days

Now = Callable[[], datetime.datetime]
Clock = Callable[[], float]


def counts_path() -> Path:
    return data_dir() / "counts.json"


class Counts:
    """Counters in memory, written atomically at most once a minute."""

    def __init__(
        self, path: Path | None, now: Now = datetime.datetime.now, clock: Clock = time.monotonic
    ):
        """path None keeps the counts in memory only (previews and tests)."""
        self.path = path
        self._now = now
        self._clock = clock
        self.data: dict[str, dict[str, dict[str, int]]] = self._read() if path else {}
        self.dirty = False
        self.last_error: str | None = None
        self._last_write: float | None = None  # when the file was last written (or tried)

    def _read(self) -> dict[str, dict[str, dict[str, int]]]:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.error("cannot read counts %s (%s); starting afresh", self.path, error)
            return {}
        if not isinstance(raw, dict):
            return {}
        # Only well-formed entries survive: {"2025-05-21T14": {"slides_shown": {"": 3}}}
        clean: dict[str, dict[str, dict[str, int]]] = {}
        for hour, events in raw.items():
            if isinstance(hour, str) and isinstance(events, dict):
                clean[hour] = {
                    str(event): {str(k): int(v) for k, v in values.items() if isinstance(v, int)}
                    for event, values in events.items()
                    if isinstance(values, dict)
                }
        return clean

    def _hour(self) -> str:
        return self._now().strftime("%Y-%m-%dT%H")

    def add(self, event: str, detail: str = "") -> None:
        """Counts one event; detail is a slide id or a language code, never a person."""
        bucket = self.data.setdefault(self._hour(), {}).setdefault(event, {})
        bucket[detail] = bucket.get(detail, 0) + 1
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
            day = self.data.setdefault(key[:10], {})
            for event, values in self.data.pop(key).items():
                totals = day.setdefault(event, {})
                for detail, count in values.items():
                    totals[detail] = totals.get(detail, 0) + count

    def flush(self) -> bool:
        """Writes unsaved counts now (on quit, and when due)."""
        if not self.dirty or self.path is None:
            return True
        self._last_write = self._clock()
        self.roll_up()
        try:
            write_atomically(self.path, json.dumps(self.data, sort_keys=True) + "\n")
        except OSError as error:
            # A full or read-only disk costs the counts of this run, never the show.
            self.last_error = f"cannot save counts: {error.strerror or error}"
            log.error("%s", self.last_error)
            return False
        self.dirty = False
        self.last_error = None
        return True

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
