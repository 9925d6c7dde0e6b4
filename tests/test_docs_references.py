"""The docs point at the tests that prove what they promise: every test file and test they
name is there to read, under that name."""

from __future__ import annotations

import re

from kiosk.paths import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _named(pattern: str) -> dict[str, list[str]]:
    """What the docs name that matches `pattern`, with the documents that name it."""
    found: dict[str, list[str]] = {}
    for doc in DOCS:
        for name in re.findall(pattern, doc.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(doc.name)
    return found


def test_every_test_file_the_docs_name_exists() -> None:
    files = _named(r"\btests/[\w/]+\.py\b")
    assert files, "the docs name no test files"
    missing = {name: docs for name, docs in files.items() if not (ROOT / name).is_file()}
    assert not missing, missing


def test_every_test_the_docs_name_exists() -> None:
    defined = {
        name
        for path in (ROOT / "tests").rglob("test_*.py")
        for name in re.findall(
            r"^\s*(?:async )?def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M
        )
    }
    named = _named(r"\b(test_[a-z0-9_]+)\b(?!\.py)")
    missing = {name: docs for name, docs in named.items() if name not in defined}
    assert not missing, missing
