"""GNOME Shell's overview stays closed while the kiosk plays.

GNOME Shell opens its overview (search, app grid, window thumbnails) every time it starts, so a
kiosk that starts with the session appears as a thumbnail inside it; a three-finger swipe on a
touchscreen opens it again, and no setting switches either off. GNOME Shell publishes the
overview's state as the OverviewActive property of org.gnome.Shell on the session bus, and
sets it when asked: the kiosk closes the overview when it starts and whenever it opens.
Elsewhere (no GNOME Shell on the bus) this does nothing.

Every call is asynchronous with a short timeout and its answer arrives on the GUI thread: a
shell that hangs costs the show nothing. Nothing asks whether the shell is there first; the
first Set says so (a name nobody owns is refused at once by the bus).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCall,
    QDBusPendingCallWatcher,
    QDBusVariant,
)

log = logging.getLogger(__name__)

SERVICE = "org.gnome.Shell"
PATH = "/org/gnome/Shell"
PROPERTIES = "org.freedesktop.DBus.Properties"
# How long the shell may take to answer before the kiosk stops waiting (it never blocks).
CALL_TIMEOUT_MS = 2000
# What the bus answers when nobody owns the name: there is no GNOME Shell on this bus.
NO_SHELL_ERRORS = frozenset(
    {"org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner"}
)
# What a call that timed out ends with.
NO_ANSWER_ERRORS = frozenset(
    {"org.freedesktop.DBus.Error.NoReply", "org.freedesktop.DBus.Error.Timeout"}
)
# The signal that says the overview opened or closed: service, path, interface, name, the
# first argument's value, signature. No sender name: matching one makes Qt ask the bus who owns
# it, a blocking round trip. The signature is given so that a malformed signal is skipped: Qt
# aborts the process when it cannot unpack one into the slot's types.
CHANGES = ("", PATH, PROPERTIES, "PropertiesChanged", [SERVICE], "sa{sv}as")
# The receiving slot, as Qt's SLOT() writes it. PySide6's type stubs say bytes; the binding
# takes only str (6.8 to 6.11), hence the ignores where it is passed.
CHANGED_SLOT = SLOT("on_properties_changed(QString,QVariantMap,QStringList)")


class GnomeOverview(QObject):
    """Closes GNOME Shell's overview now and each time it opens over the show."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.bus = QDBusConnection.sessionBus()
        self.watching = False
        self.closed_count = 0
        self._shell_answered = False
        self._absence_logged = False
        self._silence_logged = False
        # Calls under way; each watcher is a child of this object and is kept here until its
        # answer has been handled.
        self._pending: list[QDBusPendingCallWatcher] = []

    def keep_closed(self) -> None:
        """Closes the overview and watches it; returns at once, the answers come later.

        Whatever goes wrong on the bus is logged; the show plays on without this.
        """
        try:
            self._keep_closed()
        except Exception:
            log.exception("cannot keep GNOME Shell's overview closed; the show plays on")

    def _keep_closed(self) -> None:
        if not self.bus.isConnected():
            return
        self.watching = self.bus.connect(*CHANGES, self, CHANGED_SLOT)  # type: ignore[call-overload]
        if not self.watching:
            log.warning("cannot watch GNOME Shell's overview: %s", self.bus.lastError().message())
        self.close()

    def stop(self) -> None:
        if self.watching:
            self.bus.disconnect(*CHANGES, self, CHANGED_SLOT)  # type: ignore[call-overload]
            self.watching = False

    def close(self) -> None:
        """Asks the shell to close its overview; the answer is handled when it comes."""
        message = QDBusMessage.createMethodCall(SERVICE, PATH, PROPERTIES, "Set")
        message.setArguments([SERVICE, "OverviewActive", QDBusVariant(False)])
        message.setAutoStartService(False)  # talk to a running shell, never start one
        watcher = QDBusPendingCallWatcher(self.bus.asyncCall(message, CALL_TIMEOUT_MS), self)
        self._pending.append(watcher)
        # The watcher is this object's child: its connection ends with it, never emitting
        # into a deleted receiver.
        watcher.finished.connect(partial(self._on_close_answered, watcher))

    def _on_close_answered(self, watcher: QDBusPendingCallWatcher) -> None:
        if watcher in self._pending:
            self._pending.remove(watcher)
        watcher.deleteLater()
        try:
            self._take_close_answer(watcher)
        except Exception:
            log.exception("cannot keep GNOME Shell's overview closed; the show plays on")

    def _take_close_answer(self, answer: QDBusPendingCall) -> None:
        if not answer.isError():
            self._shell_answered = True
            self.closed_count += 1
            if self.closed_count == 1:
                log.info("GNOME Shell: the overview is kept closed while the show plays")
            return
        error = answer.error()
        if error.name() in NO_SHELL_ERRORS and not self._shell_answered:
            if not self._absence_logged:
                self._absence_logged = True
                log.info("no GNOME Shell on the session bus: its overview is not watched")
            self.stop()
        elif error.name() in NO_ANSWER_ERRORS:
            if not self._silence_logged:
                self._silence_logged = True
                log.warning(
                    "GNOME Shell did not answer within %d ms; the show plays on", CALL_TIMEOUT_MS
                )
        else:
            self._shell_answered = True
            log.warning("GNOME Shell refused to close its overview: %s", error.message())

    @Slot(str, "QVariantMap", "QStringList")
    def on_properties_changed(
        self, interface: str, changed: dict[str, Any], _invalidated: list[str]
    ) -> None:
        if interface == SERVICE and changed.get("OverviewActive") is True:
            log.info("GNOME Shell's overview opened over the show; closing it")
            try:
                self.close()
            except Exception:
                log.exception("cannot keep GNOME Shell's overview closed; the show plays on")
