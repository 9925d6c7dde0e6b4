"""Checks files a show refers to (images, fonts) from their headers, without decoding them."""

from __future__ import annotations

import difflib
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

MAX_IMAGE_BYTES = 25_000_000
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 16_000
MAX_SVG_BYTES = 2_000_000
MAX_FONT_BYTES = 30_000_000

IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}
FONT_SUFFIXES = {".ttf", ".otf"}


class AssetError(Exception):
    """A referenced file that cannot be used; the message is for the organiser."""


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int
    # Things that will not look as intended, for warnings.
    notes: tuple[str, ...] = ()


# SVG features outside SVG Tiny 1.2, which the kiosk's renderer draws without them.
UNDRAWN_SVG_ELEMENTS = ("clipPath", "mask", "filter", "pattern", "marker")


def resolve_asset(folder: Path, name: str) -> Path:
    """The file a relative path names, refusing anything that leaves the folder."""
    relative = name.replace("\\", "/")
    if relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        raise AssetError(f"'{name}' is an absolute path; name files relative to the folder")
    parts = PurePosixPath(relative).parts
    if ".." in parts:
        raise AssetError(f"'{name}' leaves the content folder ('..'); keep files inside it")
    candidate = folder.joinpath(*parts)
    if candidate.is_symlink() or any(
        p.is_symlink() for p in candidate.parents if _below(p, folder)
    ):
        try:
            target = candidate.resolve(strict=False)
            outside = not target.is_relative_to(folder.resolve())
        except (OSError, RuntimeError):
            outside = True
        if outside:
            raise AssetError(f"'{name}' is a link to a file outside the content folder")
    if not candidate.exists():
        raise AssetError(f"file '{name}' not found{_suggestion(folder, relative)}")
    if candidate.is_dir():
        raise AssetError(f"'{name}' is a folder, not a file")
    return candidate


def _below(path: Path, folder: Path) -> bool:
    return path != folder and path.is_relative_to(folder)


def _suggestion(folder: Path, relative: str) -> str:
    """A hint for the commonest slip: the wrong case or a near-miss in the file name."""
    wanted = PurePosixPath(relative)
    directory = folder.joinpath(*wanted.parent.parts)
    try:
        names = [p.name for p in directory.iterdir()][:2000]
    except OSError:
        return ""
    lowered = {n.lower(): n for n in names}
    match = lowered.get(wanted.name.lower())
    if match is None:
        close = difflib.get_close_matches(wanted.name, names, n=1, cutoff=0.75)
        match = close[0] if close else None
    if match is None:
        return ""
    return f" (did you mean '{(wanted.parent / match).as_posix()}'?)"


def inspect_image(path: Path, shown: str | None = None) -> ImageInfo:
    """Format and size from the file's header; raises AssetError for anything unusable.

    shown is the name the organiser wrote, used in messages.
    """
    name = shown or path.name
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted({s for s in IMAGE_SUFFIXES}))
        raise AssetError(f"'{name}' is not a supported image type (use {kinds})")
    size = path.stat().st_size
    if size == 0:
        raise AssetError(f"image '{name}' is empty (0 bytes)")
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_IMAGE_BYTES
    if size > limit:
        raise AssetError(
            f"image '{name}' is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB"
        )
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    sniffed = _sniff(head)
    expected = IMAGE_SUFFIXES[suffix]
    if sniffed is None:
        raise AssetError(f"'{name}' is not a {expected} image (unknown content)")
    if sniffed != expected:
        raise AssetError(f"'{name}' is named {suffix} but holds a {sniffed} image")
    if sniffed == "SVG":
        info = _svg_info(path, name)
    else:
        info = {"PNG": _png_info, "JPEG": _jpeg_info, "WebP": _webp_info}[sniffed](
            head, tail, size, name
        )
    if info.width <= 0 or info.height <= 0:
        raise AssetError(f"image '{name}' has no size ({info.width}x{info.height})")
    if info.format != "SVG" and (
        info.width * info.height > MAX_IMAGE_PIXELS or max(info.width, info.height) > MAX_IMAGE_SIDE
    ):
        raise AssetError(
            f"image '{name}' is {info.width}x{info.height} pixels; the limit is "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels and {MAX_IMAGE_SIDE} pixels a side"
        )
    return info


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:2] == b"GIF" or head[:2] == b"BM":
        return "GIF" if head[:3] == b"GIF" else "BMP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2000].lower()
    if text.startswith(b"<") and b"<svg" in text:
        return "SVG"
    return None


def _png_info(head: bytes, tail: bytes, size: int, name: str) -> ImageInfo:
    if len(head) < 33 or head[12:16] != b"IHDR":
        raise AssetError(f"PNG image '{name}' is damaged (no header chunk)")
    width, height = struct.unpack(">II", head[16:24])
    crc = struct.unpack(">I", head[29:33])[0]
    if zlib.crc32(head[12:29]) & 0xFFFFFFFF != crc:
        raise AssetError(f"PNG image '{name}' is damaged (header checksum wrong)")
    if b"IEND" not in tail:
        raise AssetError(f"PNG image '{name}' is truncated (it has no end marker)")
    return ImageInfo("PNG", width, height)


_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_info(head: bytes, tail: bytes, size: int, name: str) -> ImageInfo:
    offset = 2
    while offset + 4 <= len(head):
        if head[offset] != 0xFF:
            raise AssetError(f"JPEG image '{name}' is damaged (bad segment at byte {offset})")
        marker = head[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        (length,) = struct.unpack(">H", head[offset + 2 : offset + 4])
        if marker in _SOF_MARKERS:
            if offset + 9 > len(head):
                break
            height, width = struct.unpack(">HH", head[offset + 5 : offset + 9])
            if b"\xff\xd9" not in tail:
                raise AssetError(f"JPEG image '{name}' is truncated (it has no end marker)")
            return ImageInfo("JPEG", width, height)
        offset += 2 + length
    raise AssetError(f"JPEG image '{name}' is damaged or has its size beyond the first 64 kB")


def _webp_info(head: bytes, tail: bytes, size: int, name: str) -> ImageInfo:
    (riff_size,) = struct.unpack("<I", head[4:8])
    if riff_size + 8 > size:
        raise AssetError(f"WebP image '{name}' is truncated")
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return ImageInfo("WebP", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return ImageInfo("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return ImageInfo("WebP", width, height)
    raise AssetError(f"WebP image '{name}' is damaged (unknown layout)")


_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def _svg_info(path: Path, name: str) -> ImageInfo:
    """Parses the SVG fully (it is small) to be sure it renders and reaches for nothing outside."""
    data = path.read_bytes()
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise AssetError(f"SVG image '{name}' declares XML entities; remove the DOCTYPE")
    root: dict[str, str] = {}
    outside: list[str] = []
    undrawn: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not root:
            root.update(attrs)
            root["\x00tag"] = tag
        for key, value in attrs.items():
            if key.endswith("href") and not value.startswith(("#", "data:")):
                outside.append(value)
        local = tag.rsplit(" ", 1)[-1]
        if local in {"script", "foreignObject"}:
            outside.append(f"<{local}>")
        if local in UNDRAWN_SVG_ELEMENTS and local not in undrawn:
            undrawn.append(local)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise AssetError(
            f"SVG image '{name}' is not well-formed XML (line {error.lineno}: "
            f"{expat.ErrorString(error.code)})"
        ) from None
    if not root.get("\x00tag", "").endswith("svg"):
        raise AssetError(f"'{name}' is not an SVG image (its root is not <svg>)")
    if outside:
        raise AssetError(
            f"SVG image '{name}' refers to {outside[0]!r}; an image must hold everything itself"
        )
    notes = tuple(
        f"SVG image '{name}' uses <{element}>, which the kiosk draws without; "
        "it will look different (flatten it in your drawing program)"
        for element in undrawn
    )
    view_box = root.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            return ImageInfo("SVG", round(float(view_box[2])), round(float(view_box[3])), notes)
        except ValueError:
            pass
    width, height = (_LENGTH.match(root.get(k, "")) for k in ("width", "height"))
    if width and height:
        return ImageInfo("SVG", round(float(width.group(1))), round(float(height.group(1))), notes)
    raise AssetError(f"SVG image '{name}' has no size (give it a viewBox)")


def inspect_font(path: Path, shown: str | None = None) -> None:
    name = shown or path.name
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise AssetError(f"'{name}' is not a font file (use .ttf or .otf)")
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        raise AssetError(f"font '{name}' is {size / 1e6:.0f} MB; the limit is 30 MB")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise AssetError(f"'{name}' is not a TrueType or OpenType font")
