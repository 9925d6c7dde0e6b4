"""Keeps the screen awake while the show runs (freedesktop ScreenSaver inhibit over D-Bus).

The call is asynchronous with a short timeout and its answer arrives on the GUI thread: a
screen saver service that hangs costs the show nothing.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCall,
    QDBusPendingCallWatcher,
)

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
# How long the service may take to answer before the kiosk stops waiting (it never blocks).
CALL_TIMEOUT_MS = 2000
# What a call that timed out ends with.
NO_ANSWER_ERRORS = frozenset(
    {"org.freedesktop.DBus.Error.NoReply", "org.freedesktop.DBus.Error.Timeout"}
)


class ScreenSaverInhibitor(QObject):
    """Asks the desktop not to blank the screen; says so in the log when nobody listens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cookie: int | None = None
        # Calls under way; each watcher is a child of this object and is kept here until its
        # answer has been handled or the inhibition released.
        self._pending: list[QDBusPendingCallWatcher] = []

    def inhibit(self) -> None:
        """Sends the request and returns at once; the cookie is stored when the answer comes."""
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info(
                "no D-Bus session bus: screen blanking not inhibited here; "
                "set it off in the system (docs/deploy.md)"
            )
            return
        message = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Inhibit")
        message.setArguments(["Release N:OW kiosk", "the exhibition show is playing"])
        watcher = QDBusPendingCallWatcher(bus.asyncCall(message, CALL_TIMEOUT_MS), self)
        self._pending.append(watcher)
        # The watcher is this object's child: its connection ends with it, never emitting
        # into a deleted receiver.
        watcher.finished.connect(partial(self._on_inhibit_answered, watcher))

    def _on_inhibit_answered(self, watcher: QDBusPendingCallWatcher) -> None:
        watcher.deleteLater()
        if watcher not in self._pending:
            return  # released before the answer came
        self._pending.remove(watcher)
        try:
            self._take_answer(watcher)
        except Exception:
            log.exception("cannot inhibit screen blanking; the show plays on")

    def _take_answer(self, answer: QDBusPendingCall) -> None:
        if answer.isError():
            error = answer.error()
            if error.name() in NO_ANSWER_ERRORS:
                log.warning(
                    "screen saver service did not answer within %d ms: screen blanking may not "
                    "be inhibited; see docs/deploy.md",
                    CALL_TIMEOUT_MS,
                )
            else:
                log.info(
                    "screen saver service not available (%s); see docs/deploy.md", error.message()
                )
            return
        arguments = answer.reply().arguments()
        if not arguments:
            log.info("screen saver service not available (it sent no cookie); see docs/deploy.md")
            return
        self.cookie = int(arguments[0])
        log.info("screen blanking inhibited")

    def release(self) -> None:
        """Forgets the inhibition; the desktop lifts it when the kiosk's bus connection closes.

        UnInhibit takes the cookie as an unsigned 32-bit integer, which PySide6 cannot send
        (it marshals Python ints as signed), so a call would only be refused. The screen saver
        tracks each inhibition by the caller's connection, which ends with the process. An
        answer still under way is ignored when it comes.
        """
        self.cookie = None
        self._pending.clear()
