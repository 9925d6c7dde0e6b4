"""The complete example in docs/content.md is a valid show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

DOC = Path(__file__).resolve().parents[2] / "docs" / "content.md"


def example_folder(tmp_path: Path) -> Path:
    """The complete example of docs/content.md written into a folder, with the pictures."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## A complete example", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    (tmp_path / "show.yaml").write_text(example.group(1), encoding="utf-8")
    shutil.copytree(DEFAULT_CONTENT / "images", tmp_path / "images")
    return tmp_path


def test_complete_example_validates(tmp_path: Path) -> None:
    report = load_show(example_folder(tmp_path)).report
    assert [d.format() for d in report.errors] == []
