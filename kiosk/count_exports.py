"""Counts carried between kiosks: one kiosk's counts as a file to take away, and several merged.

An organiser brings the exports of every kiosk of an event together (`kiosk stats --merge`):
per kiosk and in total, a kiosk exported twice counted once.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.counts import format_table

EXPORT_FORMAT = "release-now-kiosk counts"


def export_counts(
    rows: list[dict[str, Any]], kiosk: str, now: datetime.datetime, kiosk_id: str = ""
) -> str:
    """A kiosk's counts as a file to carry away (a USB stick) and merge with others.

    kiosk is the name people gave it; kiosk_id the id it made itself at its first start, which
    tells two kiosks apart that share a name (every Pi is called raspberrypi)."""
    data = {
        "format": EXPORT_FORMAT,
        "version": 2,
        "kiosk": kiosk,
        "kiosk_id": kiosk_id,
        "exported": now.astimezone().isoformat(timespec="seconds"),
        "rows": rows,
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


class MergeError(Exception):
    """A file that is not a kiosk's exported counts, with what is wrong."""


@dataclass(frozen=True)
class Export:
    """One kiosk's exported counts."""

    kiosk: str  # its name
    kiosk_id: str  # its own id; "" in exports from before kiosks had one
    exported: datetime.datetime  # an instant, whatever the offset it was written with
    rows: list[dict[str, Any]]
    path: Path

    @property
    def key(self) -> str:
        return self.kiosk_id or f"name:{self.kiosk}"


def read_export(path: Path) -> Export:
    """An exported counts file, read and checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise MergeError(f"{path}: cannot read it ({error})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise MergeError(f"{path}: not counts exported by `kiosk stats --export`")
    rows: Any = data.get("rows")
    valid = isinstance(rows, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("day"), str)
        and isinstance(r.get("event"), str)
        and isinstance(r.get("detail", ""), str)
        and isinstance(r.get("count"), int)
        and r["count"] >= 0
        for r in rows
    )
    kiosk = data.get("kiosk")
    kiosk_id = data.get("kiosk_id", "")
    if not valid or not isinstance(kiosk, str) or not isinstance(kiosk_id, str):
        raise MergeError(f"{path}: its counts are damaged")
    try:
        exported = datetime.datetime.fromisoformat(str(data.get("exported", "")))
    except ValueError:
        raise MergeError(f"{path}: its export time cannot be read") from None
    if exported.tzinfo is None:
        exported = exported.astimezone()  # written without an offset: this computer's time
    return Export(kiosk, kiosk_id, exported, list(rows), path)


def merge_exports(paths: list[Path]) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Rows per kiosk from exported files (folders are searched for *.json), and notes.

    A kiosk's counts only grow, so of several exports of one kiosk the latest holds the
    others: only it is counted, and a note says which were left out.
    """
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    latest: dict[str, Export] = {}
    notes: list[str] = []
    for path in files:
        export = read_export(path)
        known = latest.get(export.key)
        if known is None:
            latest[export.key] = export
            continue
        # Compared as instants: 22:00+02:00 is later than 21:30+01:00 is not.
        older, newer = sorted([known, export], key=lambda e: e.exported)
        notes.append(
            f"{older.path}: an older export of '{export.kiosk}' than {newer.path}; left out"
        )
        latest[export.key] = newer
    names = [export.kiosk for export in latest.values()]
    per_kiosk: dict[str, list[dict[str, Any]]] = {}
    for export in sorted(latest.values(), key=lambda e: (e.kiosk, e.kiosk_id)):
        label = export.kiosk
        if names.count(export.kiosk) > 1 and export.kiosk_id:
            label = f"{export.kiosk} ({export.kiosk_id[:8]})"  # two kiosks of one name
        per_kiosk[label] = export.rows
    return per_kiosk, notes


def total_rows(per_kiosk: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    sums: dict[tuple[str, str, str], int] = {}
    for rows in per_kiosk.values():
        for row in rows:
            key = (row["day"], row["event"], row.get("detail", ""))
            sums[key] = sums.get(key, 0) + row["count"]
    return [
        {"day": day, "event": event, "detail": detail, "count": count}
        for (day, event, detail), count in sorted(sums.items())
    ]


def format_merged_table(per_kiosk: dict[str, list[dict[str, Any]]]) -> str:
    parts = [f"kiosk: {kiosk}\n{format_table(rows)}" for kiosk, rows in per_kiosk.items()]
    parts.append(f"all {len(per_kiosk)} kiosks together\n{format_table(total_rows(per_kiosk))}")
    return "\n\n".join(parts)


def format_merged_csv(per_kiosk: dict[str, list[dict[str, Any]]]) -> str:
    """One CSV, a kiosk column first; the totals as the rows of 'all kiosks'."""
    out = io.StringIO()
    writer = csv.DictWriter(out, ["kiosk", "day", "event", "detail", "count"], lineterminator="\n")
    writer.writeheader()
    for kiosk, rows in [*per_kiosk.items(), ("all kiosks", total_rows(per_kiosk))]:
        for row in rows:
            writer.writerow({"kiosk": kiosk, **{k: row.get(k, "") for k in row}})
    return out.getvalue()
