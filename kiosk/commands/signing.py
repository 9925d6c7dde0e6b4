"""`kiosk keygen`, `sign` and `verify`: organisers sign a show so that kiosks play only theirs."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands


def add_parsers(commands: Commands) -> None:
    keygen = commands.add_parser("keygen", help="make a key pair to sign shows with")
    keygen.add_argument("--out", required=True, metavar="DIR", help="where to write the keys")
    keygen.add_argument("--name", default="release-now", help="file name of the keys")
    keygen.add_argument(
        "--password",
        action="store_true",
        help="protect the secret key with a password (asked for; read from standard input "
        "when that is not a terminal), encrypted as minisign does",
    )
    keygen.set_defaults(run=run_keygen)
    sign = commands.add_parser("sign", help="sign a show folder: every file, as it is now")
    sign.add_argument("folder", metavar="SHOW_DIR")
    sign.add_argument("--key", required=True, metavar="SECRET", help="the secret key file")
    sign.add_argument(
        "--version",
        dest="show_version",
        type=int,
        metavar="N",
        help="the version to sign as (default: one above the last signed); kiosks refuse a "
        "version older than the newest they played",
    )
    sign.set_defaults(run=run_sign)
    verify = commands.add_parser("verify", help="check a show folder's signature")
    verify.add_argument("folder", metavar="SHOW_DIR")
    verify.add_argument(
        "--key", required=True, action="append", metavar="PUBLIC", help="a public key or .pub file"
    )
    verify.set_defaults(run=run_verify)


def _refused(error: Exception) -> int:
    """A key or a file that cannot be used: one line, no traceback."""
    print(f"error: {error}", file=sys.stderr)
    return exits.INVALID_CONTENT


def _refusing(step: Callable[[], int]) -> int:
    """Runs a step with keys and files; one that cannot be used ends it in one error line."""
    from kiosk.content.signing import SigningError

    try:
        return step()
    except (SigningError, OSError) as error:
        return _refused(error)


def _is_show(folder: Path) -> bool:
    if (folder / "show.yaml").is_file():
        return True
    print(f"error: {folder} has no show.yaml", file=sys.stderr)
    return False


def run_keygen(args: argparse.Namespace) -> int:
    return _refusing(lambda: keygen(Path(args.out), args.name, args.password))


def keygen(out: Path, name: str, with_password: bool) -> int:
    """A new key pair in out: the secret key readable by its owner only."""
    from kiosk.content.signing import SecretKey

    out.mkdir(parents=True, exist_ok=True)
    secret_path, public_path = out / f"{name}.key", out / f"{name}.pub"
    if secret_path.exists() or public_path.exists():
        print(f"error: {secret_path} or {public_path} exists already", file=sys.stderr)
        return exits.CANNOT_WRITE
    key = SecretKey.generate()
    password = read_password("password for the new key: ", True) if with_password else None
    text = key.file_text(password)
    descriptor = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    public = key.public()
    public_path.write_text(
        f"untrusted comment: minisign public key {public.id_text}\n{public.line()}\n",
        encoding="utf-8",
    )
    print(f"secret key: {secret_path} (keep it on the organisers' laptop only)")
    print(f"public key: {public_path}; for kiosk.toml:")
    print(f'trusted_keys = ["{public.line()}"]')
    return exits.OK


def run_sign(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not _is_show(folder):
        return exits.INVALID_CONTENT
    return _refusing(lambda: sign(folder, Path(args.key), args.show_version))


def sign(folder: Path, key_file: Path, version: int | None) -> int:
    """Signs every file of the folder as it is now, as the given version or the next one."""
    from kiosk.content.signing import (
        MANIFEST,
        SIGNATURE,
        SecretKey,
        next_version,
        sign_folder,
        signing_comment,
        version_file,
    )

    key_text = key_file.read_text(encoding="utf-8")
    password = (
        read_password(f"password for {key_file}: ") if SecretKey.protected(key_text) else None
    )
    key = SecretKey.parse(key_text, password)
    version = version or next_version(folder, key_file)
    if version < 1:
        print("error: --version must be 1 or more", file=sys.stderr)
        return exits.INVALID_CONTENT
    moment = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    comment = signing_comment(version, folder.name, moment)
    manifest = sign_folder(folder, key, comment)
    count = len(manifest.splitlines())
    try:
        version_file(key_file).write_text(f"{version}\n", encoding="utf-8")
    except OSError as error:
        print(f"warning: cannot count the version beside the key: {error}")
    print(
        f"signed {count} files as version {version} with key {key.public().id_text}: "
        f"{MANIFEST}, {SIGNATURE}"
    )
    return exits.OK


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.content.signing import MANIFEST, PublicKey, SigningError, verify_folder

    folder = Path(args.folder)
    if not _is_show(folder):
        return exits.INVALID_CONTENT
    try:
        keys = [
            PublicKey.parse(k if k.startswith("RW") else Path(k).read_text(encoding="utf-8"))
            for k in args.key
        ]
    except (SigningError, OSError) as error:
        return _refused(error)
    verdict = verify_folder(folder, keys)
    if verdict.ok:
        assert verdict.key is not None
        print(f"signed by key {verdict.key.id_text} ({verdict.comment}); every file as signed")
        return exits.OK
    for problem in verdict.problems:
        print(f"{folder / MANIFEST}: error: {problem}")
    return exits.INVALID_CONTENT


def read_password(prompt: str, confirm: bool = False) -> bytes:
    """A password from the terminal (not echoed), or a line of standard input, as minisign."""
    from kiosk.content.signing import SigningError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("the same again: ") != first:
            raise SigningError("the two passwords differ")
    else:
        first = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        if confirm and sys.stdin is not None:
            second = sys.stdin.readline().rstrip("\r\n")
            if second and second != first:
                raise SigningError("the two passwords differ")
    if not first:
        raise SigningError("no password was given")
    return first.encode("utf-8")
