"""Image and font checks read headers only and name what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.assets import AssetError, inspect_font, inspect_image, resolve_asset
from tests.imagefiles import jpeg_header_bytes, png_bytes, svg_text


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_png_size_from_header(tmp_path: Path) -> None:
    info = inspect_image(_write(tmp_path, "a.png", png_bytes(40, 30)))
    assert (info.format, info.width, info.height) == ("PNG", 40, 30)


def test_jpeg_size_from_header(tmp_path: Path) -> None:
    info = inspect_image(_write(tmp_path, "a.jpg", jpeg_header_bytes(3000, 2000)))
    assert (info.format, info.width, info.height) == ("JPEG", 3000, 2000)


def test_truncated_jpeg(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="truncated"):
        inspect_image(_write(tmp_path, "a.jpg", jpeg_header_bytes()[:-2]))


def test_webp_lossless_size(tmp_path: Path) -> None:
    bits = (99 & 0x3FFF) | ((49 & 0x3FFF) << 14)
    payload = b"VP8L" + (5).to_bytes(4, "little") + b"\x2f" + bits.to_bytes(4, "little")
    data = b"RIFF" + (4 + len(payload)).to_bytes(4, "little") + b"WEBP" + payload
    info = inspect_image(_write(tmp_path, "a.webp", data))
    assert (info.width, info.height) == (100, 50)


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
    with pytest.raises(AssetError, match="header checksum wrong"):
        inspect_image(_write(tmp_path, "a.png", bytes(data)))


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
