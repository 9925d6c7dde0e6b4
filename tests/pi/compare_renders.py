"""Compares two `kiosk render` folders slide by slide and reads the manifesto code from the second.

    python tests/pi/compare_renders.py REFERENCE_DIR OTHER_DIR

Used by `make test-pi`: REFERENCE_DIR is drawn on x86_64, OTHER_DIR on aarch64 under
emulation, both with the same binding. A slide differs when more than 1 % of its pixels differ
by more than 24 levels (of 255) in any channel: antialiasing may round differently on another
processor, but a lost weight, a moved line or a missing picture changes far more than that.
Every code zbarimg reads from a reference slide must read the same from the other, and the
manifesto code of the show's default language must be among them. Exits 1 when not.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageChops

from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT

LEVELS = 24
MOST_DIFFERING_SHARE = 0.01


def differing_share(reference: Path, other: Path) -> float:
    """The share of pixels that differ by more than LEVELS in any channel."""
    with Image.open(reference) as a, Image.open(other) as b:
        if a.size != b.size:
            return 1.0
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    # The largest channel difference per pixel, then a mask of those above the threshold.
    channels = diff.split()
    largest = channels[0]
    for channel in channels[1:]:
        largest = ImageChops.lighter(largest, channel)
    above = largest.point(lambda v: 255 if v > LEVELS else 0)
    counts = above.histogram()
    return counts[255] / (a.size[0] * a.size[1])


def codes(path: Path, zbarimg: str) -> list[str]:
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return sorted(line for line in done.stdout.splitlines() if line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("other", type=Path)
    args = parser.parse_args(argv)
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        print("zbarimg is needed (Debian: zbar-tools)", file=sys.stderr)
        return 1
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    settings = loaded.show.settings
    manifesto = settings.manifesto_url(settings.default_language)

    names = sorted(p.name for p in args.reference.glob("*.png"))
    other_names = sorted(p.name for p in args.other.glob("*.png"))
    problems: list[str] = []
    if not names:
        problems.append(f"no slides in {args.reference}")
    if names != other_names:
        problems.append(f"different slides: {names} against {other_names}")
    found: set[str] = set()
    for name in names:
        if name not in other_names:
            continue
        share = differing_share(args.reference / name, args.other / name)
        reference_codes = codes(args.reference / name, zbarimg)
        other_codes = codes(args.other / name, zbarimg)
        found.update(other_codes)
        verdict = "ok" if share <= MOST_DIFFERING_SHARE else "DIFFERS"
        read = f", codes {other_codes}" if other_codes else ""
        print(f"{name}: {share:.4%} of pixels differ ({verdict}){read}")
        if share > MOST_DIFFERING_SHARE:
            problems.append(f"{name}: {share:.2%} of pixels differ by more than {LEVELS} levels")
        if reference_codes != other_codes:
            problems.append(
                f"{name}: codes {other_codes} where the reference has {reference_codes}"
            )
    if manifesto not in found:
        problems.append(f"the manifesto code ({manifesto}) was not read from {args.other}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"{len(names)} slides alike; the manifesto code reads {manifesto}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
