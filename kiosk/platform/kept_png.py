"""The kept first frame as a PNG: packed in a process of its own, which alone imports Pillow.

Run through kiosk.content.check_process.in_child_process; imports no Qt.
"""

from __future__ import annotations

import io

# A kept picture is written with a palette of 256 shades when no more than this share of its
# pixels then moves more than PALETTE_SHADES off (a few antialiased pixels where glyphs touch an
# accent colour) and none more than PALETTE_MOST; a photograph, or anything with more shades,
# keeps every colour.
PALETTE_SHADES = 16
PALETTE_OFF_SHARE = 0.0001
PALETTE_MOST = 48


def png_bytes(size: tuple[int, int], pixels: bytes, stride: int) -> bytes:
    """RGB rows (each `stride` bytes long) as a PNG of about 40-80 kB.

    Most first frames are flat colour and text, under 2,000 shades: those are written with a
    palette, which the next start unpacks in less than half the time (one byte a pixel instead
    of three: 40 -> 18 ms at 1080p on a small machine); at most 0.01 % of its pixels move more
    than 16 shades, none more than 48.
    """
    from PIL import Image, ImageChops

    picture = Image.frombuffer("RGB", size, pixels, "raw", "RGB", stride, 1)
    fewer = picture.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    red, green, blue = ImageChops.difference(picture, fewer.convert("RGB")).split()
    off = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()  # the most apart
    if sum(off[PALETTE_SHADES + 1 :]) <= PALETTE_OFF_SHARE * size[0] * size[1] and not any(
        off[PALETTE_MOST + 1 :]
    ):
        picture = fewer
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=6)
    return out.getvalue()
