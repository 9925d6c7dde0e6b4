"""The content model stays free of Qt, so it runs and tests without a display."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_content_package_imports_no_qt() -> None:
    code = (
        "import sys, kiosk.content, kiosk.content.validate, kiosk.content.schema;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_import_contracts_hold() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "importlinter.cli", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_content_tests_load_no_qt() -> None:
    """The whole content test folder runs in a process that never imports PySide6.

    pytest-qt itself imports Qt, so it is switched off for this run (its settings then
    become unknown options, hence the ignored config warning).
    """
    code = (
        "import sys, pytest\n"
        "code = pytest.main(['-q', '-p', 'no:cacheprovider', '-p', 'no:pytest-qt', "
        "'-p', 'no:qt', '-W', 'ignore::pytest.PytestConfigWarning', "
        "'tests/content', '-k', 'not content_tests_load_no_qt'])\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print('QT-MODULES', qt)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "QT-MODULES []" in done.stdout
