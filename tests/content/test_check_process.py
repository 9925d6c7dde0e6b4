"""The show read and checked in a process of its own: what comes back, and what does not."""

from __future__ import annotations

import io
import json
import logging
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from kiosk.content import check_process, plain_data, qr_codes
from kiosk.content.store import ShowStore
from kiosk.content.validate import load_show
from kiosk.paths import DEFAULT_CONTENT

ROOT = Path(__file__).resolve().parents[2]


def test_the_checked_show_comes_back_as_the_same_show(tmp_path: Path) -> None:
    here = load_show(DEFAULT_CONTENT)
    there = check_process.load_show(DEFAULT_CONTENT)
    assert there.report.ok
    assert there.show == here.show
    assert there.fingerprint == here.fingerprint
    assert there.slide_positions == here.slide_positions
    # Its snapshot is a folder of this process's, still there after the child has ended.
    assert there.snapshot is not None
    assert (there.snapshot / "show.yaml").read_bytes() == (
        DEFAULT_CONTENT / "show.yaml"
    ).read_bytes()


def test_a_refused_show_comes_back_with_its_report(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    (folder / "show.yaml").write_text(text.replace("slides:", "slidez:", 1), encoding="utf-8")
    loaded = check_process.load_show(folder)
    assert loaded.show is None
    assert (
        "unknown key 'slidez' in the show (did you mean 'slides'?)" in loaded.report.format_text()
    )


def test_the_kiosk_never_imports_the_checking_machinery() -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.content import check_process\n"
        f"loaded = check_process.load_show(Path({str(DEFAULT_CONTENT)!r}))\n"
        "assert loaded.report.ok\n"
        "heavy = ('pydantic', 'yaml', 'PIL', 'qrcode', 'kiosk.content.checker')\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_codes_of_every_link_come_with_the_show() -> None:
    loaded = check_process.load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    settings = loaded.show.settings
    for language in settings.languages:
        link = settings.manifesto_url(language)
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(link)
        code.make(fit=True)
        expected = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
        assert link in loaded.qr_codes  # made by the checking process, not here
        assert qr_codes.matrix(link) == expected


def test_the_log_lines_of_the_check_are_logged_here(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "shows"
    root.write_text("a file where the store's folder should be", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        loaded = check_process.take(ShowStore(root), DEFAULT_CONTENT)
    assert loaded.report.ok
    # The copy is in a folder of this process's, there after the checking process has ended.
    assert loaded.snapshot is not None and (loaded.snapshot / "show.yaml").is_file()
    assert any("cannot keep a copy of the show in" in r.getMessage() for r in caplog.records)


def _raising() -> None:
    raise RuntimeError("the stick stopped answering")


def test_a_check_that_fails_says_why() -> None:
    with pytest.raises(check_process.CheckFailedError, match="the stick stopped answering"):
        check_process.in_child_process(_raising)


def test_the_reply_format_carries_a_whole_checked_show_unchanged() -> None:
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    loaded.qr_codes = qr_codes.codes_of(loaded.show)
    again = plain_data.loads(plain_data.dumps(loaded))
    assert again == loaded
    assert again.show is not None
    assert again.report.diagnostics == loaded.report.diagnostics
    assert [type(s) for s in again.show.slides] == [type(s) for s in loaded.show.slides]


@pytest.mark.parametrize(
    "reply",
    [
        # A class that is not the show's data, even one of the kiosk's own.
        {"data": "ShowStore", "fields": {"root": {"path": "/"}}},
        # A field the class does not have: nothing is set on anything by name.
        {"data": "Theme", "fields": {"__annotations__": "__import__('os').system('id')"}},
        {"data": "Severity", "fields": {}},
        {"enum": "Path", "value": "/"},
        {"text": "AssetPath", "universal": "x", "by": None},
        {"function": "os.system", "args": ["id"]},
        {"tuple": "not a list"},
    ],
)
def test_a_reply_holding_anything_but_show_data_is_refused(reply: object) -> None:
    data = json.dumps({"tuple": ["done", reply, []]}).encode()
    with pytest.raises(ValueError):
        check_process.read_reply(data)


def test_a_reply_that_is_no_reply_is_refused() -> None:
    for data in (b"", b"\x80\x05N.", b"[1, 2", json.dumps(["done", None, []]).encode()):
        with pytest.raises(ValueError):
            check_process.read_reply(data)


def test_a_child_that_replies_nothing_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", shutil.which("false"))
    with pytest.raises(check_process.CheckFailedError, match="without a readable reply"):
        check_process.load_show(DEFAULT_CONTENT)


def test_the_child_answers_one_request_with_the_result_and_its_log_lines(tmp_path: Path) -> None:
    root = tmp_path / "shows"
    root.write_text("not a folder", encoding="utf-8")
    request = pickle.dumps(
        (
            check_process.with_codes,
            (ShowStore(root).take, DEFAULT_CONTENT),
            {"spare": tmp_path / "spare"},
        )
    )
    replies = io.BytesIO()
    check_process.serve(io.BytesIO(request), replies)
    outcome, loaded, records = check_process.read_reply(replies.getvalue())
    assert outcome == "done"
    assert loaded.report.ok and loaded.snapshot == tmp_path / "spare"
    assert set(loaded.qr_codes) == qr_codes.links_of(loaded.show)
    assert any("cannot keep a copy of the show" in message for _, _, message in records)


def test_a_panel_in_a_language_the_show_lacks_draws_a_code_that_came_with_it() -> None:
    loaded = check_process.load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    settings = loaded.show.settings
    # A kiosk started with --lang uk, or a staff panel's own language: the links fall back to
    # pages of the show's languages, whose codes the check made.
    for language in ("uk", "fr", "de", "be"):
        assert settings.manifesto_url(language) in loaded.qr_codes


def _sleeping_pid_file(path: str) -> None:
    import os
    import time

    Path(f"{path}.new").write_text(str(os.getpid()), encoding="utf-8")
    os.replace(f"{path}.new", path)
    time.sleep(60)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_check_ends_when_the_kiosk_that_asked_for_it_ends(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    script = (
        "import os, time\n"
        "from pathlib import Path\n"
        "from kiosk.content import check_process\n"
        "from tests.content.test_check_process import _sleeping_pid_file\n"
        f"pending = check_process.PendingChild(_sleeping_pid_file, {str(pid_file)!r})\n"
        f"while not Path({str(pid_file)!r}).exists() and pending._process.poll() is None:\n"
        "    time.sleep(0.05)\n"
        "os._exit(0)  # as if killed: nothing is cleaned up\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    child = int(pid_file.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "the check went on after the kiosk had ended"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_half_made_copies_of_checks_that_ended_early_are_removed_by_the_next_start(
    tmp_path: Path,
) -> None:
    root = tmp_path / "shows"
    kept = load_show(DEFAULT_CONTENT).fingerprint
    (root / kept).mkdir(parents=True)
    leftover = root / ".incoming-4242-0"
    (leftover / "pictures").mkdir(parents=True)
    (leftover / "pictures" / "half.jpg").write_bytes(b"\xff\xd8")
    # A preview beside a running kiosk has no store: it leaves the kiosk's folder alone.
    assert check_process.begin_take(None, DEFAULT_CONTENT).result().report.ok
    assert leftover.exists()
    # The start that holds the data folder's lock clears it before taking its show.
    loaded = check_process.begin_take(root, DEFAULT_CONTENT).result()
    assert loaded.report.ok and loaded.snapshot == root / kept
    assert not leftover.exists()
    assert (root / kept).is_dir()


def test_a_check_ends_cleanly_once_it_has_replied(caplog: pytest.LogCaptureFixture) -> None:
    pending = check_process.PendingRead(check_process._load_show, DEFAULT_CONTENT)
    with caplog.at_level(logging.WARNING):
        loaded = pending.result()
    assert loaded.report.ok
    # No abort at its end (which would also leave a core dump on the SD card), nothing said.
    assert pending._process is not None and pending._process.returncode == 0
    assert not caplog.records


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="address-space limits are Linux's (not qemu's)"
)
def test_a_check_that_would_take_too_much_memory_fails_closed() -> None:
    """A decompression bomb's few gigabytes end the check, not the machine's memory."""
    with pytest.raises(check_process.CheckFailedError, match="MemoryError"):
        check_process.in_child_process(bytearray, 3 << 30)


def _says_then_dies() -> None:
    import os

    logging.getLogger("kiosk.content.assets").warning("decoding picture 3 of 40")
    os._exit(9)  # as a crash in a picture decoder would end it: no reply


def test_what_a_check_said_before_it_died_reaches_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with (
        caplog.at_level(logging.INFO),
        pytest.raises(check_process.CheckFailedError, match=r"without a readable reply \(exit 9\)"),
    ):
        check_process.in_child_process(_says_then_dies)
    said = [r for r in caplog.records if r.name == "kiosk.content.assets"]
    assert [r.getMessage() for r in said] == [
        "decoding picture 3 of 40 (in a check that ended without a reply)"
    ]
    assert said[0].levelno == logging.WARNING


def test_a_check_s_findings_reach_the_kiosk_in_every_language(tmp_path: Path) -> None:
    """What a checking process found is said in the staff's language after the reply: the
    English template and its values travel, not the English sentence only."""
    (tmp_path / "show.yaml").write_text("slides: []\n", encoding="utf-8")
    loaded = check_process.load_show(tmp_path)
    (finding, *_) = loaded.report.sorted()
    assert finding.format() == (
        f"{tmp_path / 'show.yaml'}:1:1: error: missing required key 'settings' in the show"
    )
    assert finding.format("de").endswith(
        "Fehler: der Pflichtschlüssel 'settings' fehlt in der Show"
    )
    assert finding.format("ru").endswith("ошибка: в показе нет обязательного ключа 'settings'")


@pytest.mark.parametrize(
    "template", ["{path.__class__}", "{path!r}", "{path:>999999}", "{other}", "{0}"]
)
def test_a_reply_s_said_text_names_its_values_and_nothing_else(template: str) -> None:
    """A reply is not trusted to run code: a said text may name its values, never an
    attribute, an index, a conversion or a format of one."""
    reply = {"said": template, "values": [["path", "/show"]]}
    with pytest.raises(ValueError, match="does not have"):
        plain_data.loads(json.dumps(reply).encode())
    fine = {"said": "cannot read '{path}'", "values": [["path", "/show"]]}
    assert plain_data.loads(json.dumps(fine).encode()) == "cannot read '/show'"


def test_the_kiosks_decode_of_every_picture_and_clip_runs_at_low_priority(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Decoding a show's clips whole takes seconds of every core while the show plays: a
    checking process that does it lowers its priority first (its decoder threads inherit it)."""
    chosen: list[object] = []
    monkeypatch.setattr(
        check_process, "_read", lambda function, *args, **kw: chosen.append(function)
    )
    check_process.check_in_place(tmp_path, tmp_path, (), decode_pictures=True)
    check_process.check_in_place(tmp_path, tmp_path, (), decode_pictures=False)
    check_process.load_show(tmp_path, decode_pictures=True)
    assert chosen == [check_process.gently, chosen[1], check_process.gently]
    assert chosen[1] is not check_process.gently
    # In a process of its own, as the checking process is: its niceness goes up by 10 (to
    # the lowest priority there is, 19, from a process that was started low already).
    script = (
        "import os\n"
        "from kiosk.content import check_process\n"
        "print(os.nice(0), check_process.gently(os.nice, 0))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    before, after = (int(n) for n in done.stdout.split())
    assert after == min(19, before + check_process.BACKGROUND_NICENESS)
