"""Pictures and fonts: every picture is decoded as the screen will need it, and what is wrong
is named, with the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.assets import (
    AssetError,
    decode_image,
    inspect_font,
    inspect_image,
    resolve_asset,
)
from tests.imagefiles import photo as _photo
from tests.imagefiles import png_bomb, png_bytes, svg_text, with_metadata


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_png_size_from_header(tmp_path: Path) -> None:
    info = inspect_image(_write(tmp_path, "a.png", png_bytes(40, 30)))
    assert (info.format, info.width, info.height) == ("PNG", 40, 30)
    decode_image(tmp_path / "a.png")


def test_jpeg_and_webp_sizes(tmp_path: Path) -> None:
    jpeg = inspect_image(_write(tmp_path, "a.jpg", _photo(300, 200)))
    webp = inspect_image(_write(tmp_path, "a.webp", _photo(100, 50, "WEBP")))
    assert (jpeg.format, jpeg.width, jpeg.height) == ("JPEG", 300, 200)
    assert (webp.format, webp.width, webp.height) == ("WebP", 100, 50)
    decode_image(tmp_path / "a.jpg")
    decode_image(tmp_path / "a.webp")


def test_a_photo_larger_than_any_screen_is_accepted_with_a_warning(tmp_path: Path) -> None:
    """A photo wider than a 4K screen (a camera's 48 megapixels, say): shown, but it costs
    memory and start-up time on a Pi for pixels no screen has."""
    info = inspect_image(_write(tmp_path, "camera.jpg", _photo(3841, 64)))
    assert info.notes == (
        "image 'camera.jpg' is 3841x64 pixels; no screen shows more than 3840 a side: scale "
        "it down to 3840 pixels on its long side (a smaller file, a faster start, less memory "
        "on a Raspberry Pi)",
    )
    assert inspect_image(_write(tmp_path, "4k.jpg", _photo(64, 3840))).notes == ()


@pytest.mark.parametrize(("suffix", "kind"), [("png", "PNG"), ("webp", "WEBP")])
def test_a_png_or_webp_larger_than_any_screen_is_refused_before_it_is_decoded(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    """Qt and Pillow decode these whole before scaling: 192 MB for 48 megapixels."""
    name = f"export.{suffix}"
    shown = "PNG" if suffix == "png" else "WebP"
    with pytest.raises(AssetError) as refused:
        inspect_image(_write(tmp_path, name, _photo(3841, 64, kind)))
    assert str(refused.value) == (
        f"{shown} image '{name}' is 3841x64 pixels, more than any screen shows (3840 a side); "
        f"a {shown} picture is decoded whole before it is scaled (1 MB here): scale it to at "
        "most 3840 pixels on its long side, or save it as JPEG"
    )
    assert inspect_image(_write(tmp_path, f"4k.{suffix}", _photo(64, 3840, kind))).notes == ()


def test_a_jpeg_with_150_kb_of_metadata_before_its_frame_is_accepted(tmp_path: Path) -> None:
    """As Lightroom and phones export them: XMP and ICC segments before the frame header."""
    data = with_metadata(_photo(1200, 800), kilobytes=150)
    assert data.index(b"\xff\xc0") > 150 * 1024  # the frame header lies beyond 150 kB
    path = _write(tmp_path, "export.jpg", data)
    info = inspect_image(path)
    assert (info.width, info.height) == (1200, 800)
    decode_image(path)


def test_a_truncated_jpeg_cannot_be_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, "cut.jpg", _photo()[:3000])
    with pytest.raises(AssetError, match=r"JPEG image 'cut.jpg' cannot be decoded \(.*trunc"):
        decode_image(path)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ({"idat_crc_off": True}, "the checksum of its IDAT chunk is wrong"),
        ({"idat": False}, "it has no image data, no IDAT chunk"),
        ({"colour_type": 5}, "colour type 5 does not exist in PNG"),
        ({"bit_depth": 3}, "bit depth 3 is not allowed with colour type 0"),
    ],
    ids=["image-data-checksum", "no-image-data", "colour-type-5", "bit-depth-3"],
)
def test_a_damaged_png_is_an_error_that_names_file_and_reason(
    tmp_path: Path, damage: dict[str, object], reason: str
) -> None:
    path = _write(tmp_path, "teacher.png", png_bytes(64, 64, **damage))  # type: ignore[arg-type]
    with pytest.raises(AssetError) as raised:
        decode_image(path)
    message = str(raised.value)
    assert message.startswith("PNG image 'teacher.png' ")
    assert "damaged (" in message or "cannot be decoded (" in message
    assert reason in message


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    """10,000 x 10,000 pixels in 100 kB: refused from its header, no 100 MB set aside."""
    path = _write(tmp_path, "bomb.png", png_bomb(10_000))
    assert path.stat().st_size < 1_000_000
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from kiosk.content.assets import AssetError, decode_image\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    decode_image(Path(sys.argv[1]))\n"
        "    message = ''\n"
        "except AssetError as error:\n"
        "    message = str(error)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'message': message, 'grew_kb': after - before}))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=root
    )
    result = json.loads(done.stdout)
    assert result["message"] == (
        "image 'bomb.png' is 10000x10000 pixels; the limit is 50 megapixels and 16000 pixels a side"
    )
    assert result["grew_kb"] < 20_000  # far below the 100 MB the pixels would take


def test_a_gif_named_png_is_called_what_it_is(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"'a\.png' is named \.png but holds a GIF image"):
        inspect_image(_write(tmp_path, "a.png", _photo(20, 20, "GIF")))


def test_svg_size_from_view_box(tmp_path: Path) -> None:
    info = inspect_image(_write(tmp_path, "a.svg", svg_text(view_box="0 0 240 120")))
    assert (info.format, info.width, info.height) == ("SVG", 240, 120)


def test_svg_with_entities_is_refused(tmp_path: Path) -> None:
    evil = '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]><svg viewBox="0 0 1 1"/>'
    with pytest.raises(AssetError, match="declares XML entities"):
        inspect_image(_write(tmp_path, "a.svg", evil))


def test_svg_with_script_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="<script>"):
        inspect_image(_write(tmp_path, "a.svg", svg_text("<script>alert(1)</script>")))


def test_broken_svg(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="not well-formed XML"):
        inspect_image(_write(tmp_path, "a.svg", "<svg viewBox='0 0 1 1'><g></svg>"))


def test_gif_is_not_supported(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="not a supported image type"):
        inspect_image(_write(tmp_path, "a.gif", b"GIF89a" + b"\x00" * 20))


def test_garbage_named_png(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="is not a PNG image"):
        inspect_image(_write(tmp_path, "a.png", b"hello, not an image at all"))


def test_png_with_damaged_header(tmp_path: Path) -> None:
    data = bytearray(png_bytes())
    data[20] ^= 0xFF
    with pytest.raises(AssetError, match=r"PNG image 'a.png' (is damaged|cannot be decoded)"):
        decode_image(_write(tmp_path, "a.png", bytes(data)))


def test_resolve_refuses_folder(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    with pytest.raises(AssetError, match="is a folder"):
        resolve_asset(tmp_path, "images")


def test_resolve_accepts_windows_separators(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    _write(tmp_path / "images", "a.png", png_bytes())
    assert resolve_asset(tmp_path, "images\\a.png") == tmp_path / "images" / "a.png"


def test_font_magic(tmp_path: Path) -> None:
    inspect_font(_write(tmp_path, "a.ttf", b"\x00\x01\x00\x00" + b"\x00" * 64))
    with pytest.raises(AssetError, match="not a TrueType or OpenType font"):
        inspect_font(_write(tmp_path, "b.ttf", b"<html>"))


def test_svg_features_the_renderer_lacks_are_noted(tmp_path: Path) -> None:
    body = '<clipPath id="c"><rect width="5" height="5"/></clipPath><rect clip-path="url(#c)"/>'
    info = inspect_image(_write(tmp_path, "a.svg", svg_text(body)))
    assert info.notes == (
        "SVG image 'a.svg' uses <clipPath>, which the kiosk draws without; it will look "
        "different (flatten it in your drawing program)",
    )
