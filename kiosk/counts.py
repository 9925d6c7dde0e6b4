"""Anonymous counts of what the show did: per day and hour, nothing about any person.

Kept: slides shown, stories opened, QR codes shown, languages chosen, visitor sessions
(a wake to an idle return). Never kept: faces, devices, names, or any time finer than the hour.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.durable import write_atomically
from kiosk.settings import data_dir

log = logging.getLogger(__name__)

EVENTS = ("slides_shown", "stories_opened", "qr_shown", "language_chosen", "sessions")
FLUSH_AFTER_S = 5.0

Now = Callable[[], datetime.datetime]


def counts_path() -> Path:
    return data_dir() / "counts.json"


class Counts:
    """Counters in memory, written to disk often and atomically."""

    def __init__(self, path: Path | None, now: Now = datetime.datetime.now):
        """path None keeps the counts in memory only (previews and tests)."""
        self.path = path
        self._now = now
        self.data: dict[str, dict[str, dict[str, int]]] = self._read() if path else {}
        self.dirty = False
        self.last_error: str | None = None

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

    def flush(self) -> bool:
        if not self.dirty or self.path is None:
            return True
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
