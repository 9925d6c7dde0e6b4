"""Keys people can live with: a secret key protected by a password (minisign's own format, so
minisign reads it and the kiosk reads minisign's), rotating to a new key, revoking an old one."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content import load_show
from kiosk.content.signing import PublicKey, SecretKey, sign_folder
from kiosk.content.store import ShowStore
from kiosk.paths import DEFAULT_CONTENT
from kiosk.settings import LocalSettings
from tests.widgets import require_tool

# Nothing here depends on the Qt binding: run once, not on every binding.
pytestmark = pytest.mark.once


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    return folder


def _typing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """What the organiser types: standard input that is not a terminal, as minisign reads."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_a_password_protected_key_signs_only_with_its_password(
    tmp_path: Path, show: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _typing(monkeypatch, "Freiheit 2020\nFreiheit 2020\n")
    assert cli.main(["keygen", "--out", str(tmp_path / "keys"), "--password"]) == 0
    secret = tmp_path / "keys" / "release-now.key"
    assert "protected by a password" in secret.read_text()
    assert SecretKey.protected(secret.read_text())
    capsys.readouterr()
    _typing(monkeypatch, "wrong\n")
    assert cli.main(["sign", str(show), "--key", str(secret)]) == 2
    assert "wrong password" in capsys.readouterr().err
    _typing(monkeypatch, "Freiheit 2020\n")
    assert cli.main(["sign", str(show), "--key", str(secret)]) == 0
    public = PublicKey.parse((tmp_path / "keys" / "release-now.pub").read_text())
    assert load_show(show, trusted_keys=[public]).show is not None


def test_minisign_and_the_kiosk_read_each_others_protected_keys(
    tmp_path: Path, show: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minisign = require_tool("minisign")
    # A key made by minisign, with a password: the kiosk signs with it.
    subprocess.run(
        [minisign, "-G", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key")],
        input="Freiheit\nFreiheit\n",
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    _typing(monkeypatch, "Freiheit\n")
    assert cli.main(["sign", str(show), "--key", str(tmp_path / "m.key")]) == 0
    public = PublicKey.parse((tmp_path / "m.pub").read_text())
    assert load_show(show, trusted_keys=[public]).show is not None
    # A key made by the kiosk, with a password: minisign signs with it, and the kiosk's
    # public key verifies minisign's signature.
    key = SecretKey.generate()
    (tmp_path / "k.key").write_text(key.file_text(b"Wolnosc"))
    message = tmp_path / "message.txt"
    message.write_text("Release N:OW\n")
    subprocess.run(
        [minisign, "-S", "-s", str(tmp_path / "k.key"), "-m", str(message)],
        input="Wolnosc\n",
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    done = subprocess.run(
        [minisign, "-V", "-P", key.public().line(), "-m", str(message)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def _kiosk_toml(kiosk_config: Path, text: str) -> LocalSettings:
    (kiosk_config / "kiosk.toml").write_text(text)
    return LocalSettings.load()


def test_rotating_keys_trusts_both_then_only_the_new(
    tmp_path: Path, show: Path, kiosk_config: Path
) -> None:
    old, new = SecretKey.generate(), SecretKey.generate()
    store = ShowStore(tmp_path / "shows")
    sign_folder(show, old, "version 1; signed with the old key")
    during = _kiosk_toml(
        kiosk_config, f'trusted_keys = ["{old.public().line()}", "{new.public().line()}"]\n'
    )
    store.accept(store.take(show, during.trust))
    assert store.last_good(during.trust) is not None
    after = _kiosk_toml(kiosk_config, f'trusted_keys = ["{new.public().line()}"]\n')
    # Dropped: the old key's show no longer plays, not even as the kept last good show.
    assert store.take(show, after.trust).show is None
    assert store.last_good(after.trust) is None
    sign_folder(show, new, "version 2; signed with the new key")
    assert store.take(show, after.trust).show is not None


def test_a_revoked_key_is_refused_at_once_even_while_trusted(
    tmp_path: Path, show: Path, kiosk_config: Path
) -> None:
    lost = SecretKey.generate()
    sign_folder(show, lost, "version 1; a key on a stolen laptop")
    store = ShowStore(tmp_path / "shows")
    store.accept(store.take(show, [lost.public()]))
    settings = _kiosk_toml(
        kiosk_config,
        f'trusted_keys = ["{lost.public().line()}"]\nrevoked_keys = ["{lost.public().id_text}"]\n',
    )
    assert settings.denied == ""
    refused = store.take(show, settings.trust)
    assert refused.show is None
    assert (
        f"signed by key {lost.public().id_text}, which kiosk.toml's revoked_keys revokes"
        in refused.report.format_text()
    )
    assert store.last_good(settings.trust) is None
