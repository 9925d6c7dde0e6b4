"""Bench child: the least a PySide6 program does to show a line of text; prints when it painted.

Run as `python -m kiosk.bench.bare_child`. The kiosk's start-up is compared with this, on the
same display in the same run (`startup_vs_bare`), so the figure says what the kiosk adds to
what any Qt program costs there.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class Line(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawText(40, 60, "Release N:OW")
        painter.end()
        print(json.dumps({"painted": time.time()}), flush=True)
        QApplication.exit(0)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = Line()
    window.resize(1920, 1080)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
