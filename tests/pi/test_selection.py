"""The Pi selection names tests that exist and run offscreen, so `make test-pi` runs them."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SELECTION = ROOT / "tests" / "pi" / "selection.txt"
DESELECT = "--deselect="


def arguments() -> list[str]:
    lines = SELECTION.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def check_names_a_test(node: str) -> None:
    path, _, name = node.partition("::")
    target = ROOT / path
    if not name and target.is_dir():
        assert list(target.glob("test_*.py")), f"{node}: no tests in that folder"
        return
    assert target.is_file() and target.name.startswith("test_"), f"{node}: no such test file"
    if name:
        tree = ast.parse(target.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert name.split("[")[0] in defined, f"{node}: no such test in {path}"


def test_every_line_names_a_test_that_exists() -> None:
    assert arguments(), "the selection is empty"
    for argument in arguments():
        check_names_a_test(argument.removeprefix(DESELECT))


def test_what_is_left_out_was_selected_and_nothing_needs_a_display_server() -> None:
    selected = [a for a in arguments() if not a.startswith(DESELECT)]
    left_out = [a.removeprefix(DESELECT) for a in arguments() if a.startswith(DESELECT)]
    for node in left_out:
        assert any(node == s or node.startswith((f"{s}::", f"{s}/")) for s in selected), node
    assert not [s for s in selected if s.startswith(("tests/e2e", "tests/pi"))]
    assert len(set(selected)) == len(selected)
