"""Signed shows: the organisers sign, the kiosk trusts only their key, and nothing changed after
signing gets through. Each refusal named here is a claim of docs/security.md."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import load_show
from kiosk.content.signing import MANIFEST, SIGNATURE, PublicKey, SecretKey, sign_folder
from kiosk.paths import DEFAULT_CONTENT
from kiosk.settings import LocalSettings
from tests.widgets import require_tool


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """An organiser's key pair, made by `kiosk keygen`: (secret file, public file)."""
    assert cli.main(["keygen", "--out", str(tmp_path / "keys")]) == 0
    return tmp_path / "keys" / "release-now.key", tmp_path / "keys" / "release-now.pub"


@pytest.fixture
def signed(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    assert cli.main(["sign", str(show), "--key", str(keys[0])]) == 0
    return show


def _public(keys: tuple[Path, Path]) -> PublicKey:
    return PublicKey.parse(keys[1].read_text())


def test_a_signed_show_verifies_here_and_with_minisign(
    signed: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["verify", str(signed), "--key", str(keys[1])]) == 0
    assert "every file as signed" in capsys.readouterr().out
    loaded = load_show(signed, trusted_keys=[_public(keys)])
    assert loaded.report.ok and loaded.show is not None
    assert loaded.verdict is not None and loaded.verdict.ok
    # The manifest names every file with its size and SHA-256.
    manifest = (signed / MANIFEST).read_text().splitlines()
    assert any(line.endswith("  images/student-flower.svg") for line in manifest)
    assert all(len(line.split("  ")[0]) == 64 for line in manifest)
    # An independent tool agrees: minisign, with the public key file kiosk keygen wrote.
    minisign = require_tool("minisign")
    done = subprocess.run(
        [minisign, "-Vm", str(signed / MANIFEST), "-p", str(keys[1])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "Signature and comment signature verified" in done.stdout


def test_a_key_made_by_minisign_signs_for_the_kiosk(tmp_path: Path) -> None:
    minisign = require_tool("minisign")
    subprocess.run(
        [minisign, "-G", "-W", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    assert cli.main(["sign", str(show), "--key", str(tmp_path / "m.key")]) == 0
    public = PublicKey.parse((tmp_path / "m.pub").read_text())
    assert load_show(show, trusted_keys=[public]).report.ok


def _refusals(show: Path, keys: list[PublicKey]) -> list[str]:
    loaded = load_show(show, trusted_keys=keys)
    assert loaded.show is None and not loaded.report.ok
    return [d.message for d in loaded.report.errors]


def test_an_unsigned_show_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    show = tmp_path / "plain"
    shutil.copytree(DEFAULT_CONTENT, show)
    assert _refusals(show, [_public(keys)]) == ["the show is not signed (show.manifest is missing)"]


def test_a_file_changed_after_signing_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    text = (signed / "show.yaml").read_text(encoding="utf-8")
    (signed / "show.yaml").write_text(text.replace("JETZT", "NIE"), encoding="utf-8")
    assert _refusals(signed, [_public(keys)]) == ["show.yaml was changed after signing"]


def test_a_file_added_after_signing_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    (signed / "images" / "address.png").write_bytes(b"\x89PNG not signed")
    assert _refusals(signed, [_public(keys)]) == ["images/address.png was added after signing"]


def test_a_file_removed_after_signing_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    (signed / "images" / "teacher-post.svg").unlink()
    assert "images/teacher-post.svg was signed but is missing" in _refusals(signed, [_public(keys)])


def test_a_manifest_edited_to_match_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    """Changing a file and writing its new hash into the manifest breaks the signature."""
    (signed / "images" / "student-flower.svg").write_text("<svg/>")
    manifest = (signed / MANIFEST).read_text()
    lines = [
        line for line in manifest.splitlines() if not line.endswith("images/student-flower.svg")
    ]
    (signed / MANIFEST).write_text("\n".join(lines) + "\n")
    problems = _refusals(signed, [_public(keys)])
    assert any(
        "does not match show.manifest: the manifest was changed after signing" in problem
        for problem in problems
    ), problems


def test_a_show_signed_by_an_unknown_key_is_refused(
    signed: Path, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    stranger = SecretKey.generate()
    sign_folder(signed, stranger, "someone else")
    [problem] = _refusals(signed, [_public(keys)])
    assert problem == (
        f"signed by key {stranger.public().id_text}, which this kiosk does not trust "
        "(kiosk.toml's trusted_keys)"
    )


def test_hidden_and_sync_files_are_not_part_of_the_show(
    signed: Path, keys: tuple[Path, Path]
) -> None:
    (signed / ".stfolder").mkdir()
    (signed / ".syncthing.show.yaml.tmp").write_text("half")
    (signed / "~syncthing~x.tmp").write_text("half")
    assert load_show(signed, trusted_keys=[_public(keys)]).report.ok


def test_without_trusted_keys_any_valid_show_plays(tmp_path: Path) -> None:
    show = tmp_path / "plain"
    shutil.copytree(DEFAULT_CONTENT, show)
    loaded = load_show(show)
    assert loaded.report.ok and loaded.verdict is None


def test_validate_reports_the_signature(
    signed: Path,
    keys: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(config))
    capsys.readouterr()
    cli.main(["validate", "--skip-layout", str(signed)])
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith("signature: signed; no key is trusted here")
    )
    (config / "kiosk.toml").write_text(f'trusted_keys = ["{keys[1]}"]\n')
    assert cli.main(["validate", "--skip-layout", str(signed)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert (
        first == f"signature: signed by trusted key {_public(keys).id_text}, every file as signed"
    )
    (signed / SIGNATURE).unlink()
    assert cli.main(["validate", "--skip-layout", str(signed)]) == 2
    out = capsys.readouterr().out
    assert "signature: not signed; this kiosk plays only signed shows" in out


def test_trusted_keys_and_the_kiosk_name_come_from_kiosk_toml(
    tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    line = _public(keys).line()
    (tmp_path / "kiosk.toml").write_text(
        f'trusted_keys = ["{line}", "{keys[1]}"]\nname = "Stand Berlin"\n'
    )
    settings = LocalSettings.load()
    assert settings.trusted_keys == (_public(keys), _public(keys))
    assert settings.name == "Stand Berlin" and settings.problems == ()
    (tmp_path / "kiosk.toml").write_text('trusted_keys = ["RWQnot-a-key"]\n')
    settings = LocalSettings.load()
    # A key meant to be trusted that cannot be read lets no show through, never every show;
    # and no stand-in key object is made that a forged signature could match.
    assert settings.trusted_keys == () and settings.trust.refusal == settings.denied != ""
    (tmp_path / "kiosk.toml").write_text("")
    assert LocalSettings.load().name  # the host name
