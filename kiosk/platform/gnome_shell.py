"""GNOME Shell's overview stays closed while the kiosk plays.

GNOME Shell opens its overview (search, app grid, window thumbnails) every time it starts, so a
kiosk that starts with the session appears as a thumbnail inside it; a three-finger swipe on a
touchscreen opens it again, and no setting switches either off. GNOME Shell publishes the
overview's state as the OverviewActive property of org.gnome.Shell on the session bus, and
sets it when asked: the kiosk closes the overview when it starts and whenever it opens.
Elsewhere (no GNOME Shell on the bus) this does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage, QDBusVariant

log = logging.getLogger(__name__)

SERVICE = "org.gnome.Shell"
PATH = "/org/gnome/Shell"
PROPERTIES = "org.freedesktop.DBus.Properties"
# The signal that says the overview opened or closed: service, path, interface, name.
CHANGES = (SERVICE, PATH, PROPERTIES, "PropertiesChanged")
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

    def shell_present(self) -> bool:
        if not self.bus.isConnected():
            return False
        reply = self.bus.interface().isServiceRegistered(SERVICE)
        return bool(reply.isValid() and reply.value())

    def keep_closed(self) -> bool:
        """Closes the overview and watches it; False where there is no GNOME Shell.

        Whatever goes wrong on the bus is logged; the show plays on without this.
        """
        try:
            return self._keep_closed()
        except Exception:
            log.exception("cannot keep GNOME Shell's overview closed; the show plays on")
            return False

    def _keep_closed(self) -> bool:
        if not self.shell_present():
            return False
        self.watching = self.bus.connect(*CHANGES, self, CHANGED_SLOT)  # type: ignore[call-overload]
        if not self.watching:
            log.warning("cannot watch GNOME Shell's overview: %s", self.bus.lastError().message())
        self.close()
        log.info("GNOME Shell: the overview is kept closed while the show plays")
        return True

    def stop(self) -> None:
        if self.watching:
            self.bus.disconnect(*CHANGES, self, CHANGED_SLOT)  # type: ignore[call-overload]
            self.watching = False

    def close(self) -> None:
        properties = QDBusInterface(SERVICE, PATH, PROPERTIES, self.bus)
        reply = properties.call("Set", SERVICE, "OverviewActive", QDBusVariant(False))
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            log.warning("GNOME Shell refused to close its overview: %s", reply.errorMessage())
        else:
            self.closed_count += 1

    @Slot(str, "QVariantMap", "QStringList")
    def on_properties_changed(
        self, interface: str, changed: dict[str, Any], _invalidated: list[str]
    ) -> None:
        if interface == SERVICE and changed.get("OverviewActive") is True:
            log.info("GNOME Shell's overview opened over the show; closing it")
            self.close()
