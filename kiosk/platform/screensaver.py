"""Keeps the screen awake while the show runs (freedesktop ScreenSaver inhibit over D-Bus)."""

from __future__ import annotations

import logging

from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class ScreenSaverInhibitor:
    """Asks the desktop not to blank the screen; says so in the log when nobody listens."""

    def __init__(self) -> None:
        self.cookie: int | None = None

    def inhibit(self) -> bool:
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info(
                "no D-Bus session bus: screen blanking not inhibited here; "
                "set it off in the system (docs/deploy.md)"
            )
            return False
        interface = QDBusInterface(SERVICE, PATH, SERVICE, bus)
        reply = interface.call("Inhibit", "Release N:OW kiosk", "the exhibition show is playing")
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            self.cookie = int(reply.arguments()[0])
            log.info("screen blanking inhibited")
            return True
        log.info(
            "screen saver service not available (%s); see docs/deploy.md", reply.errorMessage()
        )
        return False

    def release(self) -> None:
        """Forgets the inhibition; the desktop lifts it when the kiosk's bus connection closes.

        UnInhibit takes the cookie as an unsigned 32-bit integer, which PySide6 cannot send
        (it marshals Python ints as signed), so a call would only be refused. The screen saver
        tracks each inhibition by the caller's connection, which ends with the process.
        """
        self.cookie = None
