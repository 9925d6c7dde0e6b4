"""Attacks on signed shows by someone who can write to a content folder: each one refused.

The attacker holds no secret key. Every test here got a forged show through on an earlier
version of the kiosk; each says what a person would see instead: the show refused, the file
named.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import threading
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import load_show
from kiosk.content.signing import MANIFEST, SIGNATURE, PublicKey, SecretKey, sign_folder
from kiosk.paths import DEFAULT_CONTENT

KEY = SecretKey.generate()
# The group's order: a signature's S must be below it (libsodium's canonical rule).
ORDER = 2**252 + 27742317777372353535851937790883648493


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    sign_folder(show, KEY, "the organisers' show")
    return show


def _errors(show: Path, keys: list[PublicKey]) -> str:
    """Every error the organiser reads, one a line: the file it is about, then what is wrong."""
    loaded = load_show(show, trusted_keys=keys)
    assert loaded.show is None, "a forged show would play"
    return "\n".join(f"{d.file}: {d.message}" for d in loaded.report.errors)


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\u0085"])
def test_a_file_name_with_a_line_break_cannot_mask_a_changed_file(
    signed: Path, breaker: str
) -> None:
    """The name carries a copy of show.yaml's signed manifest line after a line break."""
    original = next(
        line for line in (signed / MANIFEST).read_text().splitlines() if line.endswith("show.yaml")
    )
    text = (signed / "show.yaml").read_text(encoding="utf-8")
    (signed / "show.yaml").write_text(text.replace("JETZT", "NIE"), encoding="utf-8")
    (signed / f"x{breaker}{original}").write_text("")
    errors = _errors(signed, [KEY.public()])
    assert f"holds the control character U+{ord(breaker):04X}" in errors, errors


def test_signing_refuses_a_name_with_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    (show / "images" / "a\tb.svg").write_text("<svg/>")
    key = tmp_path / "k.key"
    key.write_text(KEY.file_text())
    capsys.readouterr()
    assert cli.main(["sign", str(show), "--key", str(key)]) == 2
    assert "images/a\tb.svg: its name holds the control character U+0009" in capsys.readouterr().err
    assert not (show / MANIFEST).exists()


def test_a_manifest_that_names_a_file_twice_is_refused(tmp_path: Path) -> None:
    """A validly signed manifest with two lines for one path reads two ways: refused whole."""
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    sign_folder(show, KEY, "first")
    manifest = (show / MANIFEST).read_text()
    line = next(ln for ln in manifest.splitlines() if ln.endswith("show.yaml"))
    doubled = manifest + line.replace(line[:64], "0" * 64) + "\n"
    (show / MANIFEST).write_text(doubled)
    # Signed over the doubled manifest by the real key: only the reading can refuse it.
    from kiosk.content.signing import sign_message

    (show / SIGNATURE).write_text(sign_message(doubled.encode(), KEY, "doubled"))
    errors = _errors(show, [KEY.public()])
    second = len(manifest.splitlines()) + 1
    assert f"cannot be read one way only: line {second} names show.yaml a second time" in errors


def _minisig(key_id: bytes, signature: bytes, comment: str, global_signature: bytes) -> str:
    return (
        "untrusted comment: forged\n"
        + base64.b64encode(b"Ed" + key_id + signature).decode()
        + f"\ntrusted comment: {comment}\n"
        + base64.b64encode(global_signature).decode()
        + "\n"
    )


def test_a_small_order_key_lets_no_forged_show_through(signed: Path) -> None:
    """R = identity and S = 0 satisfy the equation for a small-order key; libsodium refuses."""
    key_id = b"\x11" * 8
    for small_order in (bytes(32), b"\x01" + bytes(31)):
        trusted = PublicKey(key_id, small_order)
        forged = b"\x01" + bytes(31) + bytes(32)
        text = (signed / "show.yaml").read_text(encoding="utf-8")
        (signed / "show.yaml").write_text(text.replace("JETZT", "NIE"), encoding="utf-8")
        from kiosk.content.snapshot import collect, manifest_text

        (signed / MANIFEST).write_text(manifest_text(collect(signed).entries))
        (signed / SIGNATURE).write_text(_minisig(key_id, forged, "forged", forged))
        errors = _errors(signed, [trusted])
        assert "does not match show.manifest" in errors, errors


def test_a_non_canonical_signature_is_refused(signed: Path) -> None:
    """S + L verifies under a lax check; libsodium's rule refuses S that is not reduced."""
    lines = (signed / SIGNATURE).read_text().splitlines()
    raw = base64.b64decode(lines[1])
    signature = raw[10:]
    s = int.from_bytes(signature[32:], "little") + ORDER
    assert s < 2**256
    raw = raw[:10] + signature[:32] + s.to_bytes(32, "little")
    lines[1] = base64.b64encode(raw).decode()
    (signed / SIGNATURE).write_text("\n".join(lines) + "\n")
    errors = _errors(signed, [KEY.public()])
    assert "does not match show.manifest" in errors, errors


def test_a_picture_in_a_hidden_folder_is_refused(tmp_path: Path) -> None:
    """Hidden files are left out of the manifest, so a show may not draw one."""
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    (show / ".assets").mkdir()
    shutil.copy(show / "images" / "teacher-post.svg", show / ".assets" / "x.svg")
    text = (show / "show.yaml").read_text(encoding="utf-8")
    (show / "show.yaml").write_text(
        text.replace("images/teacher-post.svg", ".assets/x.svg"), encoding="utf-8"
    )
    sign_folder(show, KEY, "with a hidden picture")
    errors = _errors(show, [KEY.public()])
    assert "'.assets/x.svg' is hidden" in errors, errors


def _in_time(action: object, seconds: float = 20) -> object:
    """Runs action on a thread; fails the test if it hangs instead of answering."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(action()), daemon=True)  # type: ignore[operator]
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "it hung"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_in_a_signed_folder_is_named_and_hangs_nothing(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(signed / "images" / "pipe.svg")
    errors = _in_time(lambda: _errors(signed, [KEY.public()]))
    assert "images/pipe.svg: it is not a regular file (a named pipe)" in errors  # type: ignore[operator]
    capsys.readouterr()
    assert _in_time(lambda: cli.main(["validate", "--skip-layout", str(signed)])) == 2
    key = signed.parent / "k.key"
    key.write_text(KEY.file_text())
    assert _in_time(lambda: cli.main(["sign", str(signed), "--key", str(key)])) == 2
    assert "images/pipe.svg: it is not a regular file (a named pipe)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("/dev/zero", "it is a link to a file outside the content folder"),
        ("nowhere.svg", "it is a link to a file that does not exist"),
        ("loop.svg", "it is a link that leads round in a loop"),
    ],
)
def test_odd_links_are_named_without_a_traceback(
    signed: Path, target: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (signed / "images" / "loop.svg").unlink(missing_ok=True)
    os.symlink(target, signed / "images" / "loop.svg")
    errors = _in_time(lambda: _errors(signed, [KEY.public()]))
    assert f"images/loop.svg: {reason}" in errors  # type: ignore[operator]
    capsys.readouterr()
    assert _in_time(lambda: cli.main(["verify", str(signed), "--key", KEY.public().line()])) == 2
    out = capsys.readouterr().out
    assert f"images/loop.svg: {reason}" in out and "Traceback" not in out


def test_the_signature_is_checked_over_the_bytes_that_were_hashed(signed: Path) -> None:
    """The manifest is read once: the bytes checked are the bytes compared."""
    digest = hashlib.sha256((signed / "show.yaml").read_bytes()).hexdigest()
    assert digest in (signed / MANIFEST).read_text()
    assert load_show(signed, trusted_keys=[KEY.public()]).report.ok


def test_an_old_show_of_the_old_key_does_not_come_back_during_a_key_rotation(
    tmp_path: Path,
) -> None:
    """Two keys trusted while rotating: version 1 (old key) after version 2 (new key) stays out."""
    from kiosk.content.store import ShowStore

    old_key, new_key = SecretKey.generate(), SecretKey.generate()
    keys = [old_key.public(), new_key.public()]
    store = ShowStore(tmp_path / "shows")
    old = tmp_path / "old"
    shutil.copytree(DEFAULT_CONTENT, old)
    sign_folder(old, old_key, "version 1; the old key")
    store.accept(store.take(old, keys))
    new = tmp_path / "new"
    shutil.copytree(DEFAULT_CONTENT, new)
    (new / "show.yaml").write_text(
        (new / "show.yaml").read_text(encoding="utf-8").replace("JETZT", "JETZT!"),
        encoding="utf-8",
    )
    sign_folder(new, new_key, "version 2; the new key")
    store.accept(store.take(new, keys))
    replayed = store.take(old, keys)
    assert replayed.show is None
    assert (
        f"this kiosk has played version 2 signed by key {new_key.public().id_text}"
        in replayed.report.format_text()
    )


def test_folders_nested_thousands_deep_are_refused_without_a_traceback(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = Path.cwd()
    os.chdir(signed)
    try:
        for _ in range(1100):  # one step at a time: the whole path is longer than a name may be
            os.mkdir("a")
            os.chdir("a")
    finally:
        os.chdir(here)
    try:
        errors = _in_time(lambda: _errors(signed, [KEY.public()]))
        assert "folders are nested more than 16 deep" in errors  # type: ignore[operator]
        capsys.readouterr()
        assert cli.main(["validate", "--skip-layout", str(signed)]) == 2
        assert "Traceback" not in capsys.readouterr().out
    finally:  # taken down one step at a time, as it was built
        os.chdir(signed)
        for _ in range(1100):
            os.chdir("a")
        for _ in range(1100):
            os.chdir("..")
            os.rmdir("a")
        os.chdir(here)


def test_a_huge_signature_file_is_refused_before_it_is_read(signed: Path) -> None:
    with (signed / SIGNATURE).open("ab") as stream:
        stream.truncate((signed / SIGNATURE).stat().st_size + (64 << 20))
    errors = _in_time(lambda: _errors(signed, [KEY.public()]))
    assert "it is larger than a signature file can be (4096 bytes)" in errors  # type: ignore[operator]


def test_a_signature_with_lines_added_is_refused(signed: Path) -> None:
    text = (signed / SIGNATURE).read_text()
    (signed / SIGNATURE).write_text(text + "untrusted: more text of the attacker's\n")
    errors = _errors(signed, [KEY.public()])
    assert "show.manifest.minisig is not a minisign signature" in errors


def test_a_link_swapped_after_the_look_cannot_bring_in_a_file_from_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look at a link and the open are two moments; the open file itself is asked."""
    from kiosk.content import snapshot

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("the open file can only be asked where the system says (Linux /proc)")
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    outside = tmp_path / "outside.svg"
    outside.write_text((show / "images" / "teacher-post.svg").read_text())
    (show / "images" / "teacher-post.svg").unlink()
    os.symlink(outside, show / "images" / "teacher-post.svg")
    # As if the link still pointed inside when it was looked at.
    monkeypatch.setattr(snapshot, "_link_problem", lambda path, folder: None)
    loaded = load_show(show)
    assert loaded.show is None
    assert (
        "images/teacher-post.svg: it is a link to a file outside the content folder"
        in "\n".join(f"{d.file}: {d.message}" for d in loaded.report.errors)
    )


def test_hidden_files_and_litter_count_towards_the_limit(signed: Path) -> None:
    litter = signed / "litter"
    litter.mkdir()
    for number in range(5001):
        (litter / f".x{number}").touch()
    errors = _in_time(lambda: _errors(signed, [KEY.public()]))
    assert "the folder holds more than 5000 files and folders" in errors  # type: ignore[operator]
