"""Builds image files byte by byte, so a test controls every byte a decoder will see."""

from __future__ import annotations

import io
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bytes(
    width: int = 4,
    height: int = 3,
    claim: tuple[int, int] | None = None,
    colour_type: int = 0,
    bit_depth: int = 8,
    idat: bool = True,
    idat_crc_off: bool = False,
) -> bytes:
    """A valid grey PNG, or one damaged as asked: claim writes other dimensions into the
    header, and a colour type, a bit depth, a missing image chunk or a wrong checksum on it."""
    w, h = claim or (width, height)
    header = struct.pack(">IIBBBBB", w, h, bit_depth, colour_type, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    data = _chunk(b"IDAT", zlib.compress(rows))
    if idat_crc_off:
        data = data[:-4] + bytes(b ^ 0xFF for b in data[-4:])
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + (data if idat else b"")
        + _chunk(b"IEND", b"")
    )


def photo(width: int = 640, height: int = 480, kind: str = "JPEG") -> bytes:
    """A real picture with stripes, written by Pillow's encoder (JPEG, PNG, WEBP, GIF)."""
    from PIL import Image

    image = Image.new("RGB", (width, height))
    for x in range(0, width, 16):
        image.paste((x % 256, 80, 160), (x, 0, x + 8, height))
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 85} if kind == "JPEG" else {}))
    return out.getvalue()


def png_bomb(side: int = 10_000) -> bytes:
    """A real, decodable grey PNG of side x side pixels that compresses to a few hundred kB."""
    row = b"\x00" * (side + 1)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def with_metadata(jpeg: bytes, kilobytes: int = 150) -> bytes:
    """A JPEG as photo programs export it: an sRGB ICC profile (APP2) and XMP (APP1, the main
    packet then extended parts) of `kilobytes` in all, before the frame header. A segment
    holds at most 65,533 bytes, so large XMP is split as the XMP specification says."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    segments = b"\xff\xe2" + struct.pack(">H", 16 + len(icc)) + b"ICC_PROFILE\x00\x01\x01" + icc
    packet = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"/>' + b" " * 60_000
    main = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    segments += b"\xff\xe1" + struct.pack(">H", len(main) + 2) + main
    extended = b"<x:xmpmeta/>" + b" " * (max(0, kilobytes * 1024 - len(segments)))
    offset = 0
    while offset < len(extended):
        part = extended[offset : offset + 60_000]
        body = (
            b"http://ns.adobe.com/xmp/extension/\x00"
            + b"0" * 32  # the digest of the whole extended packet (not checked by decoders)
            + struct.pack(">II", len(extended), offset)
            + part
        )
        segments += b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body
        offset += len(part)
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segments + jpeg[2:]


def jpeg_header_bytes(width: int = 8, height: int = 8) -> bytes:
    """The markers of a JPEG header (SOI, a baseline frame header, EOI) and no image data."""
    sof = struct.pack(">BBHBHHB", 0xFF, 0xC0, 11, 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def svg_text(body: str = '<circle cx="5" cy="5" r="4"/>', view_box: str = "0 0 10 10") -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>'
