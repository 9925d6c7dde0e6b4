"""SVG pictures that would freeze the screen are refused by their counts, before drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.assets import AssetError, inspect_image

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 100 100">'
)


def _use_bomb(levels: int) -> str:
    """Each level draws the one below ten times: 10**levels squares from a file of 2 kB."""
    parts = [HEAD, '<defs><path id="a0" d="M0 0h1v1z"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#a{level - 1}"/>' for _ in range(10))
        parts.append(f'<g id="a{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#a{levels}"/></svg>')
    return "".join(parts)


def _paths(count: int) -> str:
    shapes = "".join(f'<path d="M{i % 90} {i % 70} l3 4 l-2 1 z"/>' for i in range(count))
    return f"{HEAD}{shapes}</svg>"


@pytest.mark.parametrize(
    ("svg", "refusal"),
    [
        (_use_bomb(9), "draws more than 20,000 shapes or 400,000 coordinates"),
        (_paths(35_000), "draws more than 20,000 shapes or 400,000 coordinates"),
        (
            f'{HEAD}<g id="loop"><use xlink:href="#loop"/></g></svg>',
            "has a <use> that refers to itself",
        ),
        (
            f'{HEAD}<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g></svg>',
            "has a <use> that refers to itself",
        ),
    ],
    ids=["use bomb under 2 kB", "35,000 paths", "a use of itself", "two uses of each other"],
)
def test_an_svg_too_much_to_draw_is_refused(tmp_path: Path, svg: str, refusal: str) -> None:
    path = tmp_path / "picture.svg"
    path.write_text(svg)
    if "bomb" in svg or "a0" in svg:
        assert path.stat().st_size < 2500
    with pytest.raises(AssetError, match=refusal):
        inspect_image(path)


def test_an_svg_within_the_budget_passes(tmp_path: Path) -> None:
    path = tmp_path / "picture.svg"
    path.write_text(_use_bomb(3))  # 1,000 squares, 2,222 elements with the uses
    assert inspect_image(path).width == 100
    path.write_text(_paths(5_000))
    assert inspect_image(path).format == "SVG"


@pytest.mark.parametrize("naming", ["a second element of the same id", "xml:id"])
def test_a_use_bomb_hidden_behind_ids_is_refused(tmp_path: Path, naming: str) -> None:
    """Renderers pick the last of two equal ids, and honour xml:id: both are counted."""
    parts = [HEAD, '<rect id="a0" width="1" height="1"/>']
    for level in range(1, 8):
        uses = "".join(f'<use xlink:href="#a{level - 1}"/>' for _ in range(10))
        if naming == "xml:id":
            parts.append(f'<g xml:id="a{level}">{uses}</g>')
        else:
            parts.append(f'<g id="a{level}"/><g id="a{level}">{uses}</g>')
    parts.append('<use xlink:href="#a7"/></svg>')
    path = tmp_path / "picture.svg"
    path.write_text("".join(parts))
    with pytest.raises(AssetError, match="draws more than 20,000 shapes"):
        inspect_image(path)
