"""A full disk costs log lines, never the show."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest


class FullDisk:
    def tell(self) -> int:
        return 0

    def seek(self, *_args: object) -> int:
        return 0

    def write(self, _text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


def test_logging_on_a_full_disk_does_not_raise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = logging.handlers.RotatingFileHandler(tmp_path / "kiosk.log", maxBytes=1000)
    handler.stream.close()
    handler.stream = FullDisk()  # type: ignore[assignment]
    log = logging.getLogger("kiosk.test.fulldisk")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.error("the show goes on")  # must not raise
        log.error("and on")
    finally:
        log.removeHandler(handler)
    assert "No space left on device" in capsys.readouterr().err
