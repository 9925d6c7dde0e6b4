"""Builds small image files byte by byte, so content tests need no image library."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bytes(width: int = 4, height: int = 3, claim: tuple[int, int] | None = None) -> bytes:
    """A valid grey PNG; claim writes other dimensions into the header (a decompression bomb)."""
    w, h = claim or (width, height)
    header = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def jpeg_header_bytes(width: int = 8, height: int = 8) -> bytes:
    """The markers a JPEG header check reads: SOI, a baseline frame header, EOI."""
    sof = struct.pack(">BBHBHHB", 0xFF, 0xC0, 11, 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def svg_text(body: str = '<circle cx="5" cy="5" r="4"/>', view_box: str = "0 0 10 10") -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>'
