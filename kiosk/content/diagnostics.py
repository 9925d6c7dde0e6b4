"""Problems found in a content folder, and how they are printed for organisers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.i18n import counted, text
from kiosk.i18n.said import in_language


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

    def format(self, language: str = "en") -> str:
        """'show.yaml:12:5: error: …', in `language` (the file and the values as they are)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        severity = text(f"check_{self.severity.value}", language)
        return f"{where}: {severity}: {in_language(self.message, language)}"


def display_path(path: Path) -> str:
    """A path as the organiser will recognise it: relative to where they stand, if inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


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

    def summary(self, language: str = "en") -> str:
        errors = counted("n_errors", len(self.errors), language)
        return f"{errors}, {counted('n_warnings', len(self.warnings), language)}"

    def format_text(self, language: str = "en") -> str:
        lines = [d.format(language) for d in self.sorted()]
        lines.append(self.summary(language))
        return "\n".join(lines)

    def to_json(self, language: str = "en") -> str:
        """The report for tools: each message in English (`message`, stable for scripts) and
        as the reader reads it (`text`, in `language`)."""
        data = {
            "folder": self.folder,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "language": language,
            "diagnostics": [
                {
                    **asdict(d),
                    "message": str(d.message),
                    "severity": d.severity.value,
                    "text": d.format(language),
                }
                for d in self.sorted()
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
