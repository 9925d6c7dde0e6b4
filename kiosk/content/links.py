"""Checks a web address for use in a QR code on a kiosk screen."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import qrcode
from qrcode.constants import ERROR_CORRECT_M

# A version-7 code (45 modules) still scans from arm's length at 30 mm; larger ones do not.
MAX_QR_VERSION = 7
MAX_URL_CHARS = 122  # byte capacity of version 7 at error correction level M
TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "_hs")


@dataclass(frozen=True)
class LinkProblem:
    severity: str  # "error" or "warning"
    message: str


def qr_version(url: str) -> int:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return int(code.version)


def check_link(url: str) -> list[LinkProblem]:
    """Errors for addresses a QR code must not carry; warnings for ones it should not."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return [LinkProblem("error", "link contains spaces or control characters")]
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return [LinkProblem("error", f"'{url}' is not a web address ({error})")]
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        return [
            LinkProblem("error", f"link must start with https:// (it has {shown}): '{_clip(url)}'")
        ]
    if not parts.hostname or "." not in parts.hostname:
        return [LinkProblem("error", f"link '{_clip(url)}' has no valid host name")]
    if parts.username or parts.password:
        return [LinkProblem("error", "link must not contain a user name or password")]
    if len(url.encode()) > MAX_URL_CHARS:
        return [
            LinkProblem(
                "error",
                f"link is {len(url.encode())} characters; a QR code for it would be too dense "
                f"to scan at kiosk size (at most {MAX_URL_CHARS})",
            )
        ]
    problems = []
    if scheme == "http":
        problems.append(
            LinkProblem("warning", "link uses http://; use https:// if the site has it")
        )
    tracking = [k for k, _ in parse_qsl(parts.query) if k.lower().startswith(TRACKING_PREFIXES)]
    if tracking:
        problems.append(
            LinkProblem(
                "warning",
                f"link carries the tracking parameter '{tracking[0]}'; QR codes should point "
                "straight at the campaign",
            )
        )
    return problems


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
