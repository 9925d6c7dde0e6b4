"""What each kiosk of a fleet says about itself, and the organiser's one view of them all.

A kiosk with `status_folder` in its kiosk.toml writes one small file there, named by its own id:
which show it plays (title, fingerprint, the key that signed it), the last show it refused and
why, whether a sync tool's transfer is waiting, conflict copies in its folder, today's counts in
brief, its kiosk version and platform. It writes the file at a change (at most once every 30
seconds, off the GUI thread) and as a heartbeat every HEARTBEAT_S seconds: one 4 KB block a
write as the kernel counts it, about 25 KB an hour against the kiosk's SD-card budget of 1 MB. A
sync tool carries the folder back to the organiser (send-only on each kiosk), where `kiosk fleet
FOLDER` reads every kiosk's file into one table.

The files come from kiosks the organiser does not hold in their hand, through a folder anyone
with access to a kiosk could write: each is read with a size limit, as JSON of exactly this
form, and anything else is shown as unreadable, never guessed at.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk import i18n

FORMAT = "release-now-kiosk status 1"
SUFFIX = ".kiosk-status.json"
HEARTBEAT_S = 600
MAX_BYTES = 64 * 1024
QUIET_AFTER_HEARTBEATS = 2  # not heard from for longer than this many heartbeats: quiet
MAX_REASONS = 3
MAX_CONFLICTS = 10  # conflict copies named; the file says how many there are in all
MAX_HEARTBEAT_S = 3600
FUTURE_S = 300  # a file written later than this ahead of the organiser's clock is suspect
_ID = re.compile(r"[0-9a-f]{32}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
MAX_LANGUAGES = 8
OPTIONAL_FIELDS = {"reasons_in"}  # added after the first kiosks wrote their files


@dataclass
class Playing:
    title: str
    folder: str
    fingerprint: str
    signed_by: str | None  # the key's id; None: the show is not signed
    comment: str  # the signature's trusted comment (who signed it, when)
    since: str  # ISO time it began playing here


@dataclass
class Refused:
    folder: str
    fingerprint: str
    at: str  # ISO time
    reasons: list[str]  # the check's first findings, in English
    # The same findings in each other language the kiosk speaks, for an organiser who reads
    # theirs (a file from a kiosk version without it reads as English only).
    reasons_in: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class KioskStatus:
    """One kiosk's own word about itself, as its status file holds it."""

    kiosk_id: str
    name: str
    version: str
    platform: str
    written: str  # ISO time with its offset
    heartbeat_s: int = HEARTBEAT_S
    playing: Playing | None = None  # None: the stand-by screen, no show could play
    refused: Refused | None = None  # the last show refused since one was taken
    waiting_for_sync: bool = False  # a sync tool is bringing files, or its transfer stands still
    conflicts: list[str] = field(default_factory=list)  # conflict copies in the show's folder
    unsigned_allowed: bool = False  # no trusted key set: unsigned shows play here
    denied: bool = False  # kiosk.toml or a key cannot be read: no new show plays here
    today: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False, indent=1) + "\n"


def machine_id() -> str:
    """An id for a kiosk that cannot keep one of its own (its data folder cannot be written):
    made from the machine's id, or its host name, so that it stays the same across starts."""
    import hashlib
    import socket

    try:
        seed = Path("/etc/machine-id").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        seed = ""
    seed = seed or socket.gethostname()
    return hashlib.sha256(f"release-now-kiosk {seed}".encode()).hexdigest()[:32]


def status_path(folder: Path, kiosk_id: str) -> Path:
    return folder / f"{kiosk_id}{SUFFIX}"


def write_status(folder: Path, status: KioskStatus) -> None:
    """The kiosk's file, replaced whole (a sync tool never carries half of it); OSError when
    the folder cannot be written."""
    from kiosk.durable import write_atomically

    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(status_path(folder, status.kiosk_id), status.to_json())


class UnreadableStatusError(ValueError):
    """A status file that is not exactly what a kiosk writes."""


def parse(data: bytes) -> KioskStatus:
    """A status file's contents; UnreadableStatusError for anything but a kiosk's own."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise UnreadableStatusError(f"not a kiosk's status (JSON: {error})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise UnreadableStatusError("not a kiosk's status (its format line is missing)")
    try:
        playing = _part(Playing, raw.get("playing"))
        refused = _part(Refused, raw.get("refused"))
        status = KioskStatus(
            kiosk_id=_text(raw["kiosk_id"]),
            name=_text(raw["name"]),
            version=_text(raw["version"]),
            platform=_text(raw["platform"]),
            written=_text(raw["written"]),
            heartbeat_s=_number(raw["heartbeat_s"]),
            playing=playing,
            refused=refused,
            waiting_for_sync=raw["waiting_for_sync"] is True,
            conflicts=[_text(name) for name in _list(raw["conflicts"])[:MAX_CONFLICTS]],
            unsigned_allowed=raw["unsigned_allowed"] is True,
            denied=raw["denied"] is True,
            today={_text(k): _number(v) for k, v in _dict(raw["today"]).items()},
        )
        _when(status.written)
        if not _ID.fullmatch(status.kiosk_id):
            raise ValueError("its kiosk id is not one a kiosk makes")
        if status.heartbeat_s > MAX_HEARTBEAT_S:
            raise ValueError("its heartbeat is longer than a kiosk's")
        if playing is not None and playing.signed_by is not None:
            playing.signed_by = _text(playing.signed_by)
            if not playing.signed_by:
                raise ValueError("an empty signing key")
        if refused is not None:
            refused.reasons = [_text(r) for r in _list(refused.reasons)[:MAX_REASONS]]
            refused.reasons_in = {
                _language_code(language): [_text(r) for r in _list(reasons)[:MAX_REASONS]]
                for language, reasons in list(_dict(refused.reasons_in).items())[:MAX_LANGUAGES]
            }
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableStatusError(f"not a kiosk's status ({error})") from None
    return status


def _part(kind: Any, raw: object) -> Any:
    if raw is None:
        return None
    values = _dict(raw)
    names = set(kind.__dataclass_fields__)
    if not names - OPTIONAL_FIELDS <= set(values) <= names:
        raise ValueError(f"{kind.__name__.lower()}: fields {sorted(set(values) ^ names)}")
    return kind(
        **{
            k: v if k in ("signed_by", "reasons", "reasons_in") else _text(v)
            for k, v in values.items()
        }
    )


def _language_code(value: object) -> str:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise ValueError("a language that is not a language code")
    return value


def _text(value: object) -> str:
    """A text as a kiosk writes it: no control or format characters, which could move an
    organiser's terminal about (an escape sequence in a file or kiosk name) or forge a line."""
    if not isinstance(value, str) or len(value) > 4096:
        raise TypeError("a text was expected")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        raise ValueError("a text with a control character")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("a number was expected")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list was expected")
    return value


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a table was expected")
    return value


def _when(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    return moment


# -- the organiser's view --------------------------------------------------------------------


@dataclass
class Row:
    """One kiosk as the organiser's table shows it."""

    file: str
    status: KioskStatus | None  # None: the file could not be read
    state: str  # playing, refused, quiet, standby, unreadable
    problem: str = ""  # why unreadable
    flags: list[str] = field(default_factory=list)  # unsigned, older_version, conflict, waiting


def read_folder(folder: Path) -> list[Row]:
    """Every kiosk's status file in the folder, read safely, unreadable ones named."""
    from kiosk.content.snapshot import read_regular

    rows = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith(".") or ".sync-conflict-" in path.name:
            continue  # a sync tool's temporary file or its conflict copy of a status
        try:
            status = parse(read_regular(path, MAX_BYTES))
        except OSError as error:
            rows.append(Row(path.name, None, "unreadable", error.strerror or str(error)))
            continue
        except ValueError as error:
            rows.append(
                Row(path.name, None, "unreadable", str(error.args[0] if error.args else ""))
            )
            continue
        if path.name != f"{status.kiosk_id}{SUFFIX}":
            # One kiosk's file posing as another's, or copied under another name.
            problem = "its name is not the kiosk id it holds"
            rows.append(Row(path.name, None, "unreadable", problem))
            continue
        rows.append(Row(path.name, status, ""))
    return rows


def assess(rows: list[Row], now: datetime.datetime, this_version: str) -> list[Row]:
    """Each row's state and flags as of `now`: quiet when not heard from for longer than two
    heartbeats; an older kiosk version than the newest in the fleet (or than this one)."""
    versions = [_version(r.status.version) for r in rows if r.status is not None]
    newest = max([*versions, _version(this_version)])
    for row in rows:
        status = row.status
        if status is None:
            continue
        age = (now - _when(status.written)).total_seconds()
        if age < -FUTURE_S:
            row.status, row.state = None, "unreadable"
            row.problem = "it was written later than this computer's clock says it is now"
            continue
        if age > QUIET_AFTER_HEARTBEATS * max(60, status.heartbeat_s):
            row.state = "quiet"
        elif status.playing is None:
            row.state = "standby"
        elif status.refused is not None:
            row.state = "refused"
        else:
            row.state = "playing"
        row.flags = []
        if status.playing is not None and status.playing.signed_by is None:
            row.flags.append("unsigned")
        elif status.unsigned_allowed:
            row.flags.append("unsigned_allowed")
        if status.denied:
            row.flags.append("denied")
        if _version(status.version) < newest:
            row.flags.append("older_version")
        if status.conflicts:
            row.flags.append("conflict")
        if status.waiting_for_sync:
            row.flags.append("waiting")
    return rows


def _printable(text: str) -> str:
    """A file's name as found (anyone may name a file so): control characters shown as '?'."""
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split("."):
        digits = "".join(c for c in part if c in "0123456789")
        parts.append(int(digits[:9]) if digits else 0)
    return tuple(parts)


def _age(status: KioskStatus, now: datetime.datetime, language: str) -> str:
    minutes = max(0, int((now - _when(status.written)).total_seconds() // 60))
    return i18n.counted("fleet_minutes_ago", minutes, language)


def describe(row: Row, now: datetime.datetime, language: str) -> dict[str, str]:
    """The row in words, in the staff's language: kiosk, state, show, heard, notes."""
    t = lambda key: i18n.text(key, language)  # noqa: E731
    status = row.status
    if status is None:
        return {
            "kiosk": _printable(row.file),
            "state": t("fleet_unreadable"),
            "show": "",
            "heard": "",
            "notes": _printable(row.problem),
        }
    show = ""
    if status.playing is not None:
        playing = status.playing
        signer = (
            t("fleet_signed_by").format(key=playing.signed_by)
            if playing.signed_by
            else t("fleet_unsigned")
        )
        show = f"{playing.title} ({signer}, {playing.fingerprint[:12]})"
    notes = [t(f"fleet_flag_{flag}") for flag in row.flags]
    if status.refused is not None and row.state != "quiet":
        refused = status.refused
        reasons = "; ".join(refused.reasons_in.get(language, refused.reasons)[:MAX_REASONS])
        notes.append(
            t("fleet_refused_because").format(
                fingerprint=status.refused.fingerprint[:12], reasons=reasons
            )
        )
    if status.conflicts:
        notes.append(", ".join(status.conflicts))
    return {
        "kiosk": f"{status.name} ({status.kiosk_id[:8]}) · {status.version}",
        "state": t(f"fleet_state_{row.state}"),
        "show": show,
        "heard": _age(status, now, language),
        "notes": " · ".join(notes),
    }


COLUMNS = ("kiosk", "state", "show", "heard", "notes")


def format_table(rows: list[Row], now: datetime.datetime, language: str) -> str:
    """The fleet as lines of text, one kiosk a line, columns aligned."""
    if not rows:
        return i18n.text("fleet_none", language) + "\n"
    head = {c: i18n.text(f"fleet_column_{c}", language) for c in COLUMNS}
    body = [describe(row, now, language) for row in rows]
    widths = {c: max(len(head[c]), *(len(r[c]) for r in body)) for c in COLUMNS[:-1]}

    def line(cells: dict[str, str]) -> str:
        parts = [cells[c].ljust(widths[c]) for c in COLUMNS[:-1]] + [cells["notes"]]
        return "  ".join(parts).rstrip()

    return "\n".join([line(head), *(line(r) for r in body)]) + "\n"


def format_json(rows: list[Row], now: datetime.datetime) -> str:
    """The fleet for other programs: each kiosk's own status, its state and flags."""
    out = [
        {
            "file": row.file,
            "state": row.state,
            "flags": row.flags,
            "problem": row.problem,
            "status": asdict(row.status) if row.status is not None else None,
        }
        for row in rows
    ]
    return json.dumps({"at": now.isoformat(timespec="seconds"), "kiosks": out}, indent=1) + "\n"


def format_html(rows: list[Row], now: datetime.datetime, language: str) -> str:
    """A page an organiser opens or leaves on a second screen: it reloads itself each minute
    (the command rewrites it when run again, e.g. from a timer)."""
    t = lambda key: i18n.text(key, language)  # noqa: E731
    head = "".join(f"<th>{html.escape(t(f'fleet_column_{c}'))}</th>" for c in COLUMNS)
    body = []
    for row in rows:
        cells = describe(row, now, language)
        attention = row.state in ("refused", "quiet", "unreadable", "standby") or bool(row.flags)
        tds = "".join(f"<td>{html.escape(cells[c])}</td>" for c in COLUMNS)
        body.append(f'<tr class="{"attention" if attention else "ok"}">{tds}</tr>')
    if not body:
        body.append(f'<tr><td colspan="{len(COLUMNS)}">{html.escape(t("fleet_none"))}</td></tr>')
    title = html.escape(t("fleet_title"))
    stamp = html.escape(now.strftime("%Y-%m-%d %H:%M"))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="60">'
        f"<title>{title}</title><style>"
        "body{font-family:sans-serif;background:#101a24;color:#f2f2f2;margin:2em}"
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5em;"
        "border-bottom:1px solid #4a5866;vertical-align:top}"
        "tr.attention td:nth-child(2){color:#ff8a8d;font-weight:bold}"
        "</style></head><body>"
        f"<h1>{title}</h1><p>{stamp}</p>"
        f"<table><tr>{head}</tr>{''.join(body)}</table></body></html>\n"
    )
