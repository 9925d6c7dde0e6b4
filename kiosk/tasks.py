"""Work off the GUI thread, one way for the whole kiosk: results arrive on the GUI thread.

Reading a folder, checking a show or decoding its pictures can take seconds, and a hung USB
stick or network mount can take forever; none of that may hold up a frame. `Tasks.run` queues
the work for the owner's one worker thread and calls `done` on the GUI thread with the result,
or with the exception the work raised, so a failing check never leaves anyone waiting. The
worker is started once and sleeps while there is nothing to do (a watcher looking every two
seconds does not start a thread each time).

After `close` no result is delivered any more, so nothing is emitted into an object that is
being deleted. A worker stuck in the kernel on a dead mount cannot be stopped from Python; it
is a daemon thread, so it never keeps the kiosk from exiting, and the log names it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger(__name__)

JOIN_AT_EXIT_S = 2.0  # how long the end of the program waits for work still running

Job = tuple[int, str, Callable[[], object]]


class Tasks(QObject):
    """One worker thread for its owner's work, taken in order."""

    delivered = Signal(str)  # work of this name has ended and its result was handed over
    _finished = Signal(int, str, object)  # job number, name, result or exception: from the worker

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._lock = threading.Lock()
        self._closed = False
        self._number = 0
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._waiting: dict[int, str] = {}  # queued or running: job number, name
        self._callbacks: dict[int, Callable[[Any], None]] = {}
        self._worker: threading.Thread | None = None
        self._finished.connect(self._deliver)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def run(
        self,
        name: str,
        work: Callable[[], object],
        done: Callable[[Any], None],
        single: bool = False,
    ) -> bool:
        """Queues `work`; `done(result or exception)` follows on the GUI thread.

        With `single`, nothing is queued while work of the same name is still queued or
        running (a look at a folder that does not answer is not piled up): False is returned.
        """
        with self._lock:
            if self._closed:
                return False
            if single and name in self._waiting.values():
                return False
            self._number += 1
            number = self._number
            self._waiting[number] = name
            self._callbacks[number] = done
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name=self.name, daemon=True)
                self._worker.start()
        self._jobs.put((number, name, work))
        return True

    def busy(self, name: str) -> bool:
        """Work of this name is queued or running."""
        with self._lock:
            return name in self._waiting.values()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            number, name, work = job
            try:
                result: object = work()
            except Exception as error:
                log.exception("%s failed", name)
                result = error
            with self._lock:
                self._waiting.pop(number, None)
                if self._closed:
                    return
                with contextlib.suppress(RuntimeError):  # deleted without close(): dropped
                    self._finished.emit(number, name, result)

    def _deliver(self, number: int, name: str, result: object) -> None:
        callback = self._callbacks.pop(number, None)
        if callback is not None and not self._closed:
            callback(result)
            self.delivered.emit(name)

    def close(self, wait: bool = True) -> None:
        """No result is delivered from now on; the worker ends after its current job.

        `wait`: give that job a moment (the program is ending); a watcher dropped while the
        show goes on does not wait for a folder that may never answer.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker, running = self._worker, sorted(set(self._waiting.values()))
        self._callbacks.clear()
        self._jobs.put(None)
        if worker is None or not wait:
            return
        worker.join(JOIN_AT_EXIT_S)
        if worker.is_alive():
            log.warning(
                "%s still runs at exit (a folder that does not answer?)", ", ".join(running)
            )
