"""minisign's key files: public key lines, and secret key files, open or sealed with scrypt.

Keys are minisign keys: the public key is the base64 line minisign prints (it goes into
kiosk.toml's `trusted_keys`), the secret key is minisign's file format, unencrypted or protected
by a password as minisign does it.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nacl.signing import SigningKey

ED25519 = b"Ed"  # minisign's key algorithm, and its legacy signature of the whole message
_NO_KDF = b"\0\0"
_SCRYPT = b"Sc"  # minisign's password protection: scrypt (libsodium's scryptsalsa208sha256)
# minisign's own settings for new keys ("sensitive"): about a second and 1 GiB to unlock.
_OPSLIMIT = 33554432
_MEMLIMIT = 1073741824
_B2 = b"B2"


class SigningError(Exception):
    """A key or signature that cannot be read or used, with what is wrong."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes; minisign prints it as 16 hex digits, most significant first
    key: bytes  # 32 bytes

    @property
    def id_text(self) -> str:
        return self.key_id[::-1].hex().upper()

    def line(self) -> str:
        return base64.b64encode(ED25519 + self.key_id + self.key).decode()

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """From the base64 line, or a whole minisign .pub file."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        lines = [ln for ln in lines if not ln.startswith("untrusted comment:")]
        if len(lines) != 1:
            raise SigningError("a public key is one line of base64 (as minisign prints it)")
        try:
            raw = base64.b64decode(lines[0], validate=True)
        except binascii.Error:
            raise SigningError("the public key is not valid base64") from None
        if len(raw) != 42 or raw[:2] != ED25519:
            raise SigningError("this is not a minisign Ed25519 public key")
        return cls(raw[2:10], raw[10:])


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # the 32-byte Ed25519 private key

    def private(self) -> SigningKey:
        # Loaded when keys are used, not when kiosk.toml's public keys are read at start.
        from nacl.signing import SigningKey

        return SigningKey(self.seed)

    def public(self) -> PublicKey:
        return PublicKey(self.key_id, bytes(self.private().verify_key))

    def file_text(self, password: bytes | None = None) -> str:
        """minisign's secret key file; with a password, encrypted as minisign does (scrypt)."""
        import hashlib
        import secrets

        secret = self.seed + self.public().key
        checksum = hashlib.blake2b(ED25519 + self.key_id + secret, digest_size=32).digest()
        sealed = self.key_id + secret + checksum
        if password is None:
            head = ED25519 + _NO_KDF + _B2 + bytes(32) + bytes(8) + bytes(8)
            state = "unencrypted"
        else:
            salt = secrets.token_bytes(32)
            stream = _scrypt_stream(password, salt, _OPSLIMIT, _MEMLIMIT)
            sealed = bytes(a ^ b for a, b in zip(sealed, stream, strict=True))
            head = (
                ED25519
                + _SCRYPT
                + _B2
                + salt
                + _OPSLIMIT.to_bytes(8, "little")
                + _MEMLIMIT.to_bytes(8, "little")
            )
            state = "protected by a password"
        return (
            f"untrusted comment: Release N:OW show signing key (minisign, {state}): "
            "keep it secret\n" + base64.b64encode(head + sealed).decode() + "\n"
        )

    @staticmethod
    def protected(text: str) -> bool:
        """Whether a secret key file needs its password to be used."""
        raw = _secret_raw(text)
        return raw is not None and raw[2:4] == _SCRYPT

    @classmethod
    def parse(cls, text: str, password: bytes | None = None) -> SecretKey:
        import hashlib

        raw = _secret_raw(text)
        if raw is None:
            raise SigningError("this is not a minisign secret key")
        if raw[2:4] == _SCRYPT:
            if password is None:
                raise SigningError("this secret key is protected by a password; give it")
            opslimit = int.from_bytes(raw[38:46], "little")
            memlimit = int.from_bytes(raw[46:54], "little")
            if memlimit > 4 << 30 or opslimit > 1 << 40:
                raise SigningError("this secret key asks for more memory or time than is sane")
            stream = _scrypt_stream(password, raw[6:38], opslimit, memlimit)
            opened = bytes(a ^ b for a, b in zip(raw[54:158], stream, strict=True))
            raw = raw[:54] + opened
        elif raw[2:4] != _NO_KDF:
            raise SigningError("this secret key is protected in a way minisign does not know")
        key_id, secret, checksum = raw[54:62], raw[62:126], raw[126:158]
        # minisign leaves the checksum of an unprotected key empty: the key's own public half
        # is checked instead.
        expected = hashlib.blake2b(ED25519 + key_id + secret, digest_size=32).digest()
        key = cls(key_id, secret[:32])
        if checksum not in (expected, bytes(32)) or key.public().key != secret[32:]:
            if password is not None:
                raise SigningError("wrong password (or the secret key is damaged)")
            raise SigningError("the secret key is damaged (its checksum does not match)")
        return key

    @classmethod
    def generate(cls) -> SecretKey:
        import secrets

        return cls(secrets.token_bytes(8), secrets.token_bytes(32))


def _secret_raw(text: str) -> bytes | None:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("untrusted comment:")]
    try:
        raw = base64.b64decode(lines[0], validate=True) if len(lines) == 1 else b""
    except binascii.Error:
        return None
    if len(raw) != 158 or raw[:2] != ED25519 or raw[4:6] != _B2:
        return None
    return raw


def _scrypt_stream(password: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    """The 104 bytes minisign XORs over a protected key, from libsodium's scrypt."""
    from nacl.pwhash import scrypt

    return scrypt.kdf(104, password, salt, opslimit=opslimit, memlimit=memlimit)
