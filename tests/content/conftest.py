"""Builds content folders in tmp_path and runs the validate command on them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import cli

MINIMAL_SHOW = """\
settings:
  languages: [de, en]
  default_language: de
  manifesto: https://releasenow.org/manifesto/
  imprint: "Release N:OW test stand, Berlin"
slides:
  - id: start
    kind: title
    headline: {de: Hallo, en: Hello}
"""

Files = dict[str, str | bytes]


@pytest.fixture
def make_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Writes files into tmp_path/show and makes tmp_path the working folder."""
    monkeypatch.chdir(tmp_path)

    def build(show_yaml: str | bytes | None = MINIMAL_SHOW, files: Files | None = None) -> Path:
        folder = tmp_path / "show"
        folder.mkdir(exist_ok=True)
        entries: Files = dict(files or {})
        if show_yaml is not None:
            entries.setdefault("show.yaml", show_yaml)
        for name, data in entries.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return folder

    return build


@pytest.fixture
def validate(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, list[str]]]:
    """Runs `validate DIR` as an organiser would and returns its exit code and printed lines."""

    def run(folder: Path | str, *extra: str) -> tuple[int, list[str]]:
        # Content checks only: laying text out needs Qt, which content tests never load.
        code = cli.main(["validate", os.fspath(folder), "--skip-layout", *extra])
        out = capsys.readouterr().out
        return code, out.splitlines()

    return run
