"""Problems found in a content folder, and how they are printed for organisers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as the source allows (line and column are 1-based)."""

    file: str
    line: int | None
    column: int | None
    severity: Severity
    message: str

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"


def display_path(path: Path) -> str:
    """A path as the organiser will recognise it: relative to where they stand, if inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass
class Report:
    """All problems of one content folder, collected in one pass."""

    folder: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        # Source order reads best: file, then line, then column; file-level problems first.
        return sorted(
            self.diagnostics,
            key=lambda d: (d.file, d.line or 0, d.column or 0, d.severity != Severity.ERROR),
        )

    def summary(self) -> str:
        return f"{_plural(len(self.errors), 'error')}, {_plural(len(self.warnings), 'warning')}"

    def format_text(self) -> str:
        lines = [d.format() for d in self.sorted()]
        lines.append(self.summary())
        return "\n".join(lines)

    def to_json(self) -> str:
        data = {
            "folder": self.folder,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "diagnostics": [
                {**asdict(d), "severity": d.severity.value, "text": d.format()}
                for d in self.sorted()
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
