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


def test_loading_and_checking_a_show_loads_no_qt(tmp_path: Path) -> None:
    """Validate, load, sign and verify a show: none of it may pull in Qt.

    The import contracts say so of the source; this says so of what really runs.
    """
    code = (
        "import sys, pathlib\n"
        "from kiosk.content import load_show\n"
        "from kiosk.content.signing import SecretKey, Trust, sign_folder\n"
        "from kiosk.paths import DEFAULT_CONTENT\n"
        "import shutil\n"
        f"folder = pathlib.Path({str(tmp_path)!r}) / 'show'\n"
        "shutil.copytree(DEFAULT_CONTENT, folder)\n"
        "key = SecretKey.generate()\n"
        "sign_folder(folder, key, 'version 1; test')\n"
        "loaded = load_show(folder, decode_pictures=True, trusted_keys=Trust((key.public(),)))\n"
        "assert loaded.report.ok, loaded.report.format_text()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
