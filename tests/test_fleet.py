"""The organiser's view of a fleet: each kiosk's status file, read safely, in one table."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from kiosk import cli, fleet

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

NOW = datetime.datetime(2026, 5, 21, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


def _status(kiosk_id: str, name: str, minutes_ago: int = 1, **changes: object) -> fleet.KioskStatus:
    written = (NOW - datetime.timedelta(minutes=minutes_ago)).isoformat(timespec="seconds")
    status = fleet.KioskStatus(
        kiosk_id=kiosk_id * 32,
        name=name,
        version="0.1.0",
        platform="Linux 6.6 aarch64, Python 3.11.2, PySide6 6.8.0.2",
        written=written,
        playing=fleet.Playing(
            title="Release N:OW – Berlin",
            folder="/home/kiosk/shows/berlin",
            fingerprint="ab" * 32,
            signed_by="RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3",
            comment="signed 2026-05-20 by the Berlin team",
            since=written,
        ),
    )
    for key, value in changes.items():
        setattr(status, key, value)
    return status


def _folder(tmp_path: Path, *statuses: fleet.KioskStatus) -> Path:
    folder = tmp_path / "fleet"
    for status in statuses:
        fleet.write_status(folder, status)
    return folder


def _rows(folder: Path, version: str = "0.1.0") -> list[fleet.Row]:
    return fleet.assess(fleet.read_folder(folder), NOW, version)


def test_a_status_file_reads_back_as_written(tmp_path: Path) -> None:
    written = _status("a", "Eingang")
    folder = _folder(tmp_path, written)
    [row] = fleet.read_folder(folder)
    assert row.status == written
    assert (folder / f"{'a' * 32}.kiosk-status.json").is_file()


def test_each_kiosk_in_one_table_with_what_needs_the_organiser(tmp_path: Path) -> None:
    refused = fleet.Refused(
        "/home/kiosk/shows/berlin",
        "cd" * 32,
        NOW.isoformat(),
        ["show.yaml:3:1: error: unknown field 'titel' (did you mean 'title'?)"],
    )
    folder = _folder(
        tmp_path,
        _status("a", "Eingang"),
        _status("b", "Bühne", refused=refused, conflicts=["show.sync-conflict-x.yaml"]),
        _status("c", "Café", minutes_ago=45),  # two heartbeats are 20 minutes
        _status("d", "Foyer", version="0.0.9"),
    )
    rows = {row.status.name: row for row in _rows(folder) if row.status is not None}
    assert rows["Eingang"].state == "playing" and rows["Eingang"].flags == []
    assert rows["Bühne"].state == "refused" and "conflict" in rows["Bühne"].flags
    assert rows["Café"].state == "quiet"
    assert rows["Foyer"].flags == ["older_version"]
    table = fleet.format_table(list(rows.values()), NOW, "de")
    lines = table.splitlines()
    assert lines[0].split() == ["Kiosk", "Zustand", "Läuft", "Zuletzt", "gemeldet", "Hinweise"]
    bühne = next(line for line in lines if line.startswith("Bühne"))
    assert "neue Show abgelehnt" in bühne
    assert "cdcdcdcdcdcd abgelehnt: show.yaml:3:1: error: unknown field 'titel'" in bühne
    assert "Konfliktkopie im Ordner" in bühne and "show.sync-conflict-x.yaml" in bühne
    café = next(line for line in lines if line.startswith("Café"))
    assert "meldet sich nicht" in café and "vor 45 Minuten" in café
    assert "ältere Kiosk-Version" in next(line for line in lines if line.startswith("Foyer"))
    eingang = next(line for line in lines if line.startswith("Eingang"))
    assert "Release N:OW – Berlin (signiert von RWQf6LRC" in eingang
    assert "abababababab" in eingang


def test_a_kiosk_that_plays_unsigned_shows_is_flagged(tmp_path: Path) -> None:
    unsigned = _status("a", "Eingang")
    assert unsigned.playing is not None
    unsigned.playing.signed_by = None
    open_door = _status("b", "Bühne", unsigned_allowed=True)
    rows = _rows(_folder(tmp_path, unsigned, open_door))
    assert [row.flags for row in rows] == [["unsigned"], ["unsigned_allowed"]]
    table = fleet.format_table(rows, NOW, "en")
    assert "NOT SIGNED" not in table and "UNSIGNED" in table
    assert "plays an unsigned show" in table
    assert "would play unsigned shows (no trusted key)" in table


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe", "not a kiosk's status (JSON"),
        (b'{"format": "something else"}', "its format line is missing"),
        (b'{"format": "release-now-kiosk status 1", "kiosk_id": 5}', "not a kiosk's status"),
    ],
)
def test_a_file_that_is_not_a_kiosk_s_status_is_named_unreadable(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    (folder / "forged.kiosk-status.json").write_bytes(content)
    rows = _rows(folder)
    [bad] = [row for row in rows if row.status is None]
    assert bad.state == "unreadable" and problem in bad.problem
    assert "unreadable" in fleet.format_table(rows, NOW, "en")


def test_a_status_file_too_large_or_not_a_file_is_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    (folder / "big.kiosk-status.json").write_bytes(b" " * (fleet.MAX_BYTES + 1))
    (folder / "dir.kiosk-status.json").mkdir()
    problems = sorted(row.problem for row in _rows(folder) if row.status is None)
    assert problems[0].startswith("it is larger than") or problems[1].startswith("it is larger")
    assert any("not a regular file" in p for p in problems)


def test_conflict_copies_and_temporary_files_of_a_sync_tool_are_passed_over(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    (folder / "a.sync-conflict-20260521-1.kiosk-status.json").write_text("{}")
    (folder / ".syncthing.x.kiosk-status.json.tmp").write_text("{}")
    assert len(_rows(folder)) == 1


def test_the_page_is_escaped_and_reloads_itself(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _status("a", "<script>alert(1)</script>"))
    page = fleet.format_html(_rows(folder), NOW, "ru")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<meta http-equiv="refresh" content="60">' in page
    assert "<h1>Киоски</h1>" in page and "показывает" in page


def test_kiosk_fleet_prints_the_table_the_json_and_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    just_now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    folder = _folder(
        tmp_path, _status("a", "Eingang", written=just_now), _status("b", "Bühne", written=just_now)
    )
    page = tmp_path / "fleet.html"
    assert cli.main(["fleet", str(folder), "--lang", "en", "--html", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["Kiosk", "State", "Show"]
    assert sum("playing" in line for line in out.splitlines()[1:]) == 2
    assert "Eingang" in page.read_text(encoding="utf-8")
    assert cli.main(["fleet", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(k["status"]["name"] for k in data["kiosks"]) == ["Bühne", "Eingang"]
    assert cli.main(["fleet", str(tmp_path / "nowhere")]) == 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[" * 60_000, "JSON"),  # nested too deep for the reader
        (b"x", "JSON"),
    ],
)
def test_a_hostile_file_leaves_the_other_kiosks_in_the_table(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    (folder / "hostile.kiosk-status.json").write_bytes(content)
    rows = _rows(folder)
    assert [row.status.name for row in rows if row.status is not None] == ["Eingang"]
    assert any(problem in row.problem for row in rows if row.status is None)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"name": "Eingang\x1b[2J\nFoyer  playing"}, "control character"),  # moves the terminal
        ({"conflicts": ["show.sync-conflict-\x1b]0;x\x07.yaml"]}, "control character"),
        ({"version": "1.\u00b2"}, None),  # a superscript digit: read, never crashes the table
        ({"heartbeat_s": 10**9}, "heartbeat"),  # never to go quiet
    ],
)
def test_a_status_that_could_mislead_the_organiser_is_not_shown_as_it_says(
    tmp_path: Path, changes: dict[str, object], problem: str | None
) -> None:
    status = _status("a", "Eingang")
    for key, value in changes.items():
        setattr(status, key, value)
    folder = _folder(tmp_path, status, _status("b", "Bühne"))
    rows = _rows(folder)
    table = fleet.format_table(rows, NOW, "en")
    assert "\x1b" not in table and "Bühne" in table
    if problem is not None:
        [bad] = [row for row in rows if row.status is None]
        assert problem in bad.problem


def test_a_file_posing_as_another_kiosk_or_from_the_future_is_named_not_believed(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    posing = _status("b", "Bühne")
    (folder / f"{'c' * 32}.kiosk-status.json").write_text(posing.to_json())
    fleet.write_status(folder, _status("d", "Foyer", minutes_ago=-60))
    rows = {row.file: row for row in _rows(folder)}
    assert rows[f"{'c' * 32}.kiosk-status.json"].problem == (
        "its name is not the kiosk id it holds"
    )
    assert "later than this computer's clock" in rows[f"{'d' * 32}.kiosk-status.json"].problem
    assert rows[f"{'a' * 32}.kiosk-status.json"].state == "playing"


def test_a_file_named_with_control_characters_is_shown_harmless(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _status("a", "Eingang"))
    (folder / "x\x1b[2J.kiosk-status.json").write_text("{}")
    table = fleet.format_table(_rows(folder), NOW, "en")
    assert "\x1b" not in table and "x?[2J.kiosk-status.json" in table


def test_a_kiosk_that_cannot_keep_an_id_still_has_a_stable_one() -> None:
    assert fleet.machine_id() == fleet.machine_id()
    assert len(fleet.machine_id()) == 32


def test_a_refusal_is_read_in_the_organiser_s_language_where_the_kiosk_wrote_it_so(
    tmp_path: Path,
) -> None:
    english = "show.yaml:3:1: error: unknown field 'titel' (did you mean 'title'?)"
    german = "show.yaml:3:1: Fehler: unbekanntes Feld 'titel' (gemeint: 'title'?)"
    refused = fleet.Refused(
        "/shows/berlin", "cd" * 32, NOW.isoformat(), [english], {"de": [german]}
    )
    folder = _folder(tmp_path, _status("b", "Bühne", refused=refused))
    [row] = _rows(folder)
    assert row.status is not None and row.status.refused == refused
    assert german in fleet.format_table([row], NOW, "de")
    assert english in fleet.format_table([row], NOW, "en")
    assert english in fleet.format_table([row], NOW, "ru")  # no Russian words were written
    # A file from a kiosk that wrote English only still reads.
    data = json.loads((folder / f"{'b' * 32}.kiosk-status.json").read_text(encoding="utf-8"))
    del data["refused"]["reasons_in"]
    (folder / f"{'b' * 32}.kiosk-status.json").write_text(json.dumps(data), encoding="utf-8")
    [row] = _rows(folder)
    assert row.status is not None and row.status.refused is not None
    assert english in fleet.format_table([row], NOW, "de")
    # A language that is no language code is not believed.
    data["refused"]["reasons_in"] = {"de\u001b[2J": [german]}
    (folder / f"{'b' * 32}.kiosk-status.json").write_text(json.dumps(data), encoding="utf-8")
    [row] = _rows(folder)
    assert row.status is None and row.state == "unreadable"


def test_a_kiosk_older_than_the_organiser_s_own_kiosk_is_flagged(tmp_path: Path) -> None:
    """All kiosks on the same version, the laptop already on a newer one: all are behind."""
    folder = _folder(tmp_path, _status("a", "Eingang"), _status("b", "Bühne"))
    assert all(row.flags == [] for row in _rows(folder, "0.1.0"))
    assert all(row.flags == ["older_version"] for row in _rows(folder, "0.2.0"))
