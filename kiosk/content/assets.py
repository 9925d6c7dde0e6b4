"""Checks files a show refers to (images, fonts): quickly from their headers, and completely.

Raster pictures are read with Pillow, a real decoder: `inspect_image` reads a picture's
header (format and size, without decoding), and `decode_image` decodes it whole, with every
checksum, after the pixel count has been checked, so a decompression bomb is refused before
any memory is set aside for it. SVG is parsed completely with expat, and what it would draw
is counted against a budget (kiosk.content.svg_budget).
"""

from __future__ import annotations

import difflib
import re
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from PIL import Image, JpegImagePlugin, PngImagePlugin, UnidentifiedImageError, WebPImagePlugin

from kiosk.content.stamp import hidden
from kiosk.content.svg_budget import SvgBudget
from kiosk.i18n.said import Said, said

# The pixel count is checked here, exactly, from the header and before any decoding (see
# MAX_IMAGE_PIXELS); Pillow's own looser guard would only add warnings and hide the size.
Image.MAX_IMAGE_PIXELS = None

MAX_IMAGE_BYTES = 25_000_000
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 16_000
# A 4K panel's long side: a picture never needs more pixels than that to look its best.
LARGEST_SHOWN_SIDE = 3840
# Formats decoded at full size before they are scaled (a JPEG is decoded at a fraction of its
# size): larger than LARGEST_SHOWN_SIDE, such a picture is refused, not decoded whole.
DECODED_WHOLE = ("PNG", "WebP")
MAX_SVG_BYTES = 2_000_000
MAX_FONT_BYTES = 30_000_000

IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}
FONT_SUFFIXES = {".ttf", ".otf"}


class AssetError(Exception):
    """A referenced file that cannot be used; the message is for the organiser (a `Said`)."""

    def said(self) -> str:
        """The message, as said (to be read in the reader's language)."""
        message = self.args[0] if self.args else ""
        return message if isinstance(message, Said) else str(message)


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
        raise AssetError(
            said("'{name}' is an absolute path; name files relative to the folder", name=name)
        )
    parts = PurePosixPath(relative).parts
    if ".." in parts:
        raise AssetError(
            said("'{name}' leaves the content folder ('..'); keep files inside it", name=name)
        )
    if any(hidden(part) for part in parts):
        # Hidden files are not part of a show: not signed, not copied, never drawn.
        raise AssetError(
            said(
                "'{name}' is hidden (a name starting with '.' or '~syncthing~'), and hidden "
                "files are not part of a show; rename it",
                name=name,
            )
        )
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
            raise AssetError(
                said("'{name}' is a link to a file outside the content folder", name=name)
            )
    if not candidate.exists():
        match = _suggestion(folder, relative)
        raise AssetError(
            said("file '{name}' not found (did you mean '{match}'?)", name=name, match=match)
            if match
            else said("file '{name}' not found", name=name)
        )
    if candidate.is_dir():
        raise AssetError(said("'{name}' is a folder, not a file", name=name))
    try:
        mode = candidate.stat().st_mode
    except OSError as error:
        raise AssetError(
            said("cannot read '{name}': {error}", name=name, error=error.strerror or error)
        ) from None
    if not stat.S_ISREG(mode):
        raise AssetError(
            said("'{name}' is not a regular file (a named pipe, a device or a socket)", name=name)
        )
    return candidate


def _below(path: Path, folder: Path) -> bool:
    return path != folder and path.is_relative_to(folder)


def _suggestion(folder: Path, relative: str) -> str | None:
    """The file meant, for the commonest slips: the wrong case, another extension, a
    near-miss in the name, or the file in another folder of the show ('image/' for
    'images/')."""
    wanted = PurePosixPath(relative)
    files = _show_files(folder)
    if not files:
        return ""
    by_path = {path.lower(): path for path in files}
    match = by_path.get(relative.lower())
    if match is None:
        # The same name (or the same name with another extension) elsewhere in the folder.
        same = [
            path
            for path in files
            if PurePosixPath(path).name.lower() == wanted.name.lower()
            or PurePosixPath(path).stem.lower() == wanted.stem.lower()
        ]
        match = same[0] if len(same) == 1 else None
    if match is None:
        close = difflib.get_close_matches(relative, files, n=1, cutoff=0.75)
        match = close[0] if close else None
    return match


def _show_files(folder: Path, limit: int = 2000) -> list[str]:
    """The folder's files by their paths relative to it, hidden ones left out; at most
    `limit`, so a huge folder cannot stall the check."""
    found: list[str] = []
    try:
        for path in folder.rglob("*"):
            if len(found) >= limit:
                break
            relative = path.relative_to(folder)
            if any(hidden(part) for part in relative.parts) or not path.is_file():
                continue
            found.append(relative.as_posix())
    except OSError:
        pass
    return sorted(found)


def inspect_image(path: Path, shown: str | None = None) -> ImageInfo:
    """Format and size from the file's header; raises AssetError for anything unusable.

    shown is the name the organiser wrote, used in messages.
    """
    name = shown or path.name
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted({s for s in IMAGE_SUFFIXES}))
        raise AssetError(
            said("'{name}' is not a supported image type (use {kinds})", name=name, kinds=kinds)
        )
    size = path.stat().st_size
    if size == 0:
        raise AssetError(said("image '{name}' is empty (0 bytes)", name=name))
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_IMAGE_BYTES
    if size > limit:
        raise AssetError(
            said(
                "image '{name}' is {size} MB; the limit is {limit} MB",
                name=name,
                size=f"{size / 1e6:.1f}",
                limit=f"{limit / 1e6:.0f}",
            )
        )
    expected = IMAGE_SUFFIXES[suffix]
    with path.open("rb") as handle:
        head = handle.read(2048)
    if _looks_like_svg(head):
        if expected != "SVG":
            raise AssetError(_named_but_holds(name, suffix, "SVG"))
        info = _svg_info(path, name)
    elif expected == "SVG":
        raise AssetError(_not_of_kind(name, "SVG"))
    else:
        info = _raster_info(path, name, suffix, expected)
    if info.width <= 0 or info.height <= 0:
        raise AssetError(
            said(
                "image '{name}' has no size ({width}x{height})",
                name=name,
                width=info.width,
                height=info.height,
            )
        )
    return info


def decode_image(path: Path, shown: str | None = None) -> None:
    """Decodes a raster picture completely, as the kiosk will; raises AssetError if it cannot.

    The header is checked first (inspect_image), so an oversized picture is refused before it
    is decoded. SVG needs nothing more: inspect_image has parsed all of it.
    """
    name = shown or path.name
    info = inspect_image(path, name)
    if info.format == "SVG":
        return
    try:
        with Image.open(path) as image:
            image.verify()  # PNG: every chunk's checksum, the image data's too
        if info.format == "PNG":
            # Every row inflated and thrown away: a photo's pixels are never held whole.
            _inflate_png(path)
        else:
            with Image.open(path) as image:
                if info.format == "JPEG":
                    # The whole stream is decoded, at an eighth of the size: the kiosk never
                    # shows a picture larger than its screen, and a 48-megapixel photo would
                    # need 190 MB here.
                    image.draft("RGB", (max(1, info.width // 8), max(1, info.height // 8)))
                image.load()
    except Exception as error:  # whatever the decoder raises, the organiser hears why
        reason = (_png_problem(path) if info.format == "PNG" else None) or _reason(error)
        raise AssetError(
            said(
                "{kind} image '{name}' cannot be decoded ({reason}); export it again from your "
                "picture program",
                kind=info.format,
                name=name,
                reason=reason,
            )
        ) from None


# Pillow's names for the formats a show may use.
_PILLOW_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP"}


def _raster_info(path: Path, name: str, suffix: str, expected: str) -> ImageInfo:
    """Format and size from the header (Pillow reads no pixel data here)."""
    try:
        with Image.open(path) as image:
            found = _PILLOW_FORMATS.get(image.format or "", image.format or "unknown")
            width, height = image.size
    except UnidentifiedImageError:
        raise AssetError(_unidentified(path, name, expected)) from None
    except Exception as error:
        raise AssetError(
            said(
                "{kind} image '{name}' is damaged ({reason})",
                kind=expected,
                name=name,
                reason=_reason(error),
            )
        ) from None
    if found != expected:
        raise AssetError(_named_but_holds(name, suffix, found))
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        raise AssetError(_too_large(name, width, height))
    if found in DECODED_WHOLE and max(width, height) > LARGEST_SHOWN_SIDE:
        raise AssetError(_too_large_to_decode(name, found, width, height))
    notes: tuple[str, ...] = ()
    if max(width, height) > LARGEST_SHOWN_SIDE:
        notes = (
            said(
                "image '{name}' is {width}x{height} pixels; no screen shows more than {side} a "
                "side: scale it down to {side} pixels on its long side (a smaller file, a "
                "faster start, less memory on a Raspberry Pi)",
                name=name,
                width=width,
                height=height,
                side=LARGEST_SHOWN_SIDE,
            ),
        )
    return ImageInfo(found, width, height, notes)


_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n", PngImagePlugin.PngImageFile),
    "JPEG": (b"\xff\xd8\xff", JpegImagePlugin.JpegImageFile),
    "WebP": (b"RIFF", WebPImagePlugin.WebPImageFile),
}


def _named_but_holds(name: str, suffix: str, kind: str) -> Said:
    return said(
        "'{name}' is named {suffix} but holds a {kind} image", name=name, suffix=suffix, kind=kind
    )


def _not_of_kind(name: str, kind: str) -> Said:
    return said("'{name}' is not a {kind} image (unknown content)", name=name, kind=kind)


def _unidentified(path: Path, name: str, expected: str) -> Said:
    """Why Pillow knew no format for a file: not a picture, or a damaged one (and how)."""
    with path.open("rb") as handle:
        head = handle.read(16)
    held = {kind: sig for kind, (sig, _reader) in _SIGNATURES.items()} | {"GIF": b"GIF8"}
    for kind, start in held.items():
        if kind != expected and head.startswith(start):
            return _named_but_holds(name, path.suffix.lower(), kind)
    signature, reader = _SIGNATURES[expected]
    if not head.startswith(signature):
        return _not_of_kind(name, expected)
    reason: str | None = _png_problem(path) if expected == "PNG" else None
    if reason is None:
        try:  # the one reader that should know it says what is wrong
            reader(str(path)).close()
            reason = said("its header cannot be read")
        except Exception as error:
            reason = _reason(error)
    return said(
        "{kind} image '{name}' is damaged ({reason}); export it again",
        kind=expected,
        name=name,
        reason=reason,
    )


# The bit depths PNG allows for each colour type (PNG specification, table 11.1).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
_INFLATE_STEP = 1 << 20  # bytes of rows inflated at a time


class _PngRows:
    """Where each row of a PNG's inflated image data starts, and its filter byte's check."""

    def __init__(self, width: int, height: int, bits: int, interlaced: bool):
        self.rows: list[int] = []  # the length of each row with its filter byte, in order
        for x0, y0, dx, dy in _ADAM7 if interlaced else ((0, 0, 1, 1),):
            columns = (width - x0 + dx - 1) // dx if width > x0 else 0
            count = (height - y0 + dy - 1) // dy if height > y0 else 0
            if columns:
                self.rows += [1 + (columns * bits + 7) // 8] * count
        self.size = sum(self.rows)
        self._row = 0  # the next row to check
        self._start = 0  # where it starts

    def check(self, piece: bytes, offset: int) -> None:
        """Checks the filter bytes that fall in this piece of inflated data."""
        end = offset + len(piece)
        while self._row < len(self.rows) and self._start < end:
            kind = piece[self._start - offset]
            if kind > 4:
                raise ValueError(f"a row has the unknown filter type {kind}")
            self._start += self.rows[self._row]
            self._row += 1


def _inflate_png(path: Path) -> None:
    """Inflates a PNG's image data a piece at a time and checks it is exactly what its header
    says (every row there, each with a known filter), holding no more than a piece."""
    rows: _PngRows | None = None
    inflater = zlib.decompressobj()
    produced = 0
    with path.open("rb") as source:
        source.read(8)
        while True:
            head = source.read(8)
            if len(head) < 8:
                raise ValueError("it is cut short (no end marker)")
            length, kind = struct.unpack(">I4s", head)
            body = source.read(length)
            source.read(4)  # the checksum: verify() has checked it
            if kind == b"IHDR":
                width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
                bits = depth * _PNG_CHANNELS.get(colour, 1)
                rows = _PngRows(width, height, bits, interlace == 1)
            elif kind == b"IDAT" and rows is not None:
                data = body
                while data:
                    piece = inflater.decompress(data, _INFLATE_STEP)
                    data = inflater.unconsumed_tail
                    if produced + len(piece) > rows.size:
                        raise ValueError("it holds more image data than its size needs")
                    rows.check(piece, produced)
                    produced += len(piece)
            elif kind == b"IEND":
                break
    if rows is None or not inflater.eof or produced != rows.size:
        raise ValueError("its image data is cut short")


def _png_problem(path: Path) -> str | None:
    """What is wrong with a PNG that Pillow refused, in an organiser's words (None: unknown).

    Only asked once the decoder has failed: it puts Pillow's terse reasons into words.
    """
    data = path.read_bytes()
    offset, chunks = 8, []
    while offset + 12 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        stored = data[offset + 8 + length : offset + 12 + length]
        if len(stored) < 4:
            return said("it is cut short inside its {chunk} chunk", chunk=kind.decode("latin-1"))
        if zlib.crc32(kind + body) & 0xFFFFFFFF != struct.unpack(">I", stored)[0]:
            return said("the checksum of its {chunk} chunk is wrong", chunk=kind.decode("latin-1"))
        chunks.append(kind)
        if kind == b"IHDR" and len(body) == 13:
            depth, colour = body[8], body[9]
            if colour not in _PNG_DEPTHS:
                return said("colour type {colour} does not exist in PNG", colour=colour)
            if depth not in _PNG_DEPTHS[colour]:
                return said(
                    "bit depth {depth} is not allowed with colour type {colour}",
                    depth=depth,
                    colour=colour,
                )
        offset += 12 + length
    if not chunks or chunks[0] != b"IHDR":
        return said("it has no header chunk")
    if b"IDAT" not in chunks:
        return said("it has no image data, no IDAT chunk")
    if b"IEND" not in chunks:
        return said("it is cut short (no end marker)")
    return None


def _too_large(name: str, width: int, height: int) -> Said:
    return said(
        "image '{name}' is {width}x{height} pixels; the limit is {megapixels} megapixels and "
        "{side} pixels a side",
        name=name,
        width=width,
        height=height,
        megapixels=MAX_IMAGE_PIXELS // 1_000_000,
        side=MAX_IMAGE_SIDE,
    )


def _too_large_to_decode(name: str, found: str, width: int, height: int) -> Said:
    return said(
        "{kind} image '{name}' is {width}x{height} pixels, more than any screen shows ({side} "
        "a side); a {kind} picture is decoded whole before it is scaled ({megabytes} MB here): "
        "scale it to at most {side} pixels on its long side, or save it as JPEG",
        kind=found,
        name=name,
        width=width,
        height=height,
        side=LARGEST_SHOWN_SIDE,
        megabytes=max(1, round(width * height * 4 / 1_000_000)),
    )


def _reason(error: BaseException) -> str:
    """Pillow's words for what is wrong, in one line."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2000].lower()
    return text.startswith(b"<") and b"<svg" in text


_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def _svg_info(path: Path, name: str) -> ImageInfo:
    """Parses the SVG fully (it is small) to be sure it renders and reaches for nothing outside."""
    data = path.read_bytes()
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise AssetError(
            said("SVG image '{name}' declares XML entities; remove the DOCTYPE", name=name)
        )
    root: dict[str, str] = {}
    outside: list[str] = []
    undrawn: list[str] = []
    budget = SvgBudget()

    def start(tag: str, attrs: dict[str, str]) -> None:
        budget.start(tag, attrs)
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
    parser.EndElementHandler = budget.end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise AssetError(
            said(
                "SVG image '{name}' is not well-formed XML (line {line}: {problem})",
                name=name,
                line=error.lineno,
                problem=expat.ErrorString(error.code),
            )
        ) from None
    if not root.get("\x00tag", "").endswith("svg"):
        raise AssetError(said("'{name}' is not an SVG image (its root is not <svg>)", name=name))
    if outside:
        raise AssetError(
            said(
                "SVG image '{name}' refers to {outside}; an image must hold everything itself",
                name=name,
                outside=repr(outside[0]),
            )
        )
    over_budget = budget.problem(name)
    if over_budget is not None:
        raise AssetError(over_budget)
    notes = tuple(
        said(
            "SVG image '{name}' uses <{element}>, which the kiosk draws without; it will look "
            "different (flatten it in your drawing program)",
            name=name,
            element=element,
        )
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
    raise AssetError(said("SVG image '{name}' has no size (give it a viewBox)", name=name))


def inspect_font(path: Path, shown: str | None = None) -> None:
    name = shown or path.name
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise AssetError(said("'{name}' is not a font file (use .ttf or .otf)", name=name))
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        raise AssetError(
            said(
                "font '{name}' is {size} MB; the limit is 30 MB",
                name=name,
                size=f"{size / 1e6:.0f}",
            )
        )
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise AssetError(said("'{name}' is not a TrueType or OpenType font", name=name))
