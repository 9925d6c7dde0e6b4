"""Checks a web address for use in a QR code on a kiosk screen."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from kiosk.i18n.said import said

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
        return [LinkProblem("error", said("link contains spaces or control characters"))]
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return [
            LinkProblem(
                "error", said("'{url}' is not a web address ({error})", url=url, error=error)
            )
        ]
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        message = (
            said(
                "link must start with https:// (it has '{scheme}:'): '{url}'",
                scheme=scheme,
                url=_clip(url),
            )
            if scheme
            else said("link must start with https:// (it has no scheme): '{url}'", url=_clip(url))
        )
        return [LinkProblem("error", message)]
    if not parts.hostname or "." not in parts.hostname:
        return [LinkProblem("error", said("link '{url}' has no valid host name", url=_clip(url)))]
    if parts.username or parts.password:
        return [LinkProblem("error", said("link must not contain a user name or password"))]
    if len(url.encode()) > MAX_URL_CHARS:
        return [
            LinkProblem(
                "error",
                said(
                    "link is {length} characters; a QR code for it would be too dense to scan "
                    "at kiosk size (at most {limit})",
                    length=len(url.encode()),
                    limit=MAX_URL_CHARS,
                ),
            )
        ]
    problems = []
    if scheme == "http":
        problems.append(
            LinkProblem("warning", said("link uses http://; use https:// if the site has it"))
        )
    tracking = [k for k, _ in parse_qsl(parts.query) if k.lower().startswith(TRACKING_PREFIXES)]
    if tracking:
        problems.append(
            LinkProblem(
                "warning",
                said(
                    "link carries the tracking parameter '{name}'; QR codes should point "
                    "straight at the campaign",
                    name=tracking[0],
                ),
            )
        )
    return problems


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
