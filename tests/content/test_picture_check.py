"""The full check of a picture decodes all of it, as the screen will, without ever holding a
large photo's pixels whole; damage inside a PNG's image data is found as Pillow would find it."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.assets import AssetError, decode_image
from kiosk.paths import ROOT

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int, height: int, rows: bytes, interlace: int = 0) -> bytes:
    """An 8-bit RGB PNG around the given filtered rows, every checksum right."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, interlace)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "mode", ["RGB", "RGBA", "P", "L", "LA", "I;16", "1"], ids=lambda m: m.replace(";", "")
)
@pytest.mark.parametrize("interlace", [False, True], ids=["plain", "interlaced"])
def test_every_kind_of_png_passes(tmp_path: Path, mode: str, interlace: bool) -> None:
    image = Image.linear_gradient("L").resize((97, 61)).convert(mode)
    out = io.BytesIO()
    image.save(out, "PNG", interlace=interlace)
    path = tmp_path / "a.png"
    path.write_bytes(out.getvalue())
    decode_image(path)


def test_rows_missing_behind_right_checksums_are_found(tmp_path: Path) -> None:
    rows = b"".join(b"\x00" + bytes(30) for _ in range(9))  # 9 of its 10 rows
    path = tmp_path / "short.png"
    path.write_bytes(_png(10, 10, rows))
    with pytest.raises(AssetError, match=r"PNG image 'short.png' cannot be decoded"):
        decode_image(path)


def test_a_row_with_an_unknown_filter_is_found(tmp_path: Path) -> None:
    rows = b"".join((b"\x07" if n == 5 else b"\x01") + bytes(30) for n in range(10))
    path = tmp_path / "filter.png"
    path.write_bytes(_png(10, 10, rows))
    with pytest.raises(AssetError, match=r"PNG image 'filter.png' cannot be decoded"):
        decode_image(path)


def test_extra_image_data_is_found(tmp_path: Path) -> None:
    rows = b"".join(b"\x00" + bytes(30) for _ in range(11))  # one row too many
    path = tmp_path / "long.png"
    path.write_bytes(_png(10, 10, rows))
    with pytest.raises(AssetError, match=r"PNG image 'long.png' cannot be decoded"):
        decode_image(path)


MAKE = """
from PIL import Image
image = Image.linear_gradient("L").resize(({w}, {h})).convert("RGB")
image.save({path!r}, {kind!r}, **{options})
"""

PEAK = """
from pathlib import Path
from kiosk.content.assets import decode_image

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

before = peak_mb()
decode_image(Path({path!r}))
print(peak_mb() - before)
"""


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
@pytest.mark.parametrize(
    ("kind", "suffix", "options", "size", "limit_mb"),
    [
        # A camera's 48 megapixels, 190 MB held whole.
        ("JPEG", "jpg", {"quality": 85}, (8000, 6000), 40),
        # The largest PNG a show may hold (larger ones are refused unread), 44 MB held whole.
        ("PNG", "png", {"compress_level": 1}, (3840, 2880), 15),
    ],
)
def test_a_large_picture_is_checked_in_a_fraction_of_its_pixels(
    tmp_path: Path,
    kind: str,
    suffix: str,
    options: dict[str, int],
    size: tuple[int, int],
    limit_mb: float,
) -> None:
    path = str(tmp_path / f"photo.{suffix}")
    _python(MAKE.format(w=size[0], h=size[1], path=path, kind=kind, options=options))
    grew = float(_python(PEAK.format(path=path)).split()[-1])
    assert grew < limit_mb, f"the check of a {size} {kind} took {grew:.0f} MB more at its peak"
