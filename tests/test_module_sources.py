"""The running kiosk keeps no module's source text in memory (PySide6's import hook would)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from kiosk.paths import ROOT

PROBE = textwrap.dedent(
    """
    import linecache, sys
    import PySide6.QtCore
    {prepare}
    import kiosk.content.model, kiosk.ui.window, wave
    kept = [name for name in linecache.cache if name.endswith(".py")]
    print(len(kept))
    """
)


def _sources_kept(prepare: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(prepare=prepare)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split()[-1])


def test_modules_imported_after_the_start_leave_no_source_behind() -> None:
    assert (
        _sources_kept("from kiosk.app import keep_no_module_sources; keep_no_module_sources()") == 0
    )


def test_without_it_the_binding_keeps_their_source() -> None:
    """What the above guards against is real on this binding (or it has gone, and the guard
    with it can go)."""
    assert _sources_kept("") > 20
