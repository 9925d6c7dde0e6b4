"""The staff PIN: checked in constant time, locked for a minute after five wrong tries."""

from __future__ import annotations

import time

from kiosk.clock import Clock

MAX_ATTEMPTS = 5
LOCKOUT_S = 60.0


class PinGate:
    """Checks PINs; five wrong ones in a row lock it for a minute."""

    def __init__(self, pin: str | None, clock: Clock = time.monotonic, refused: bool = False):
        """refused: a PIN was meant to be set and cannot be used; no PIN ever opens the gate."""
        self._pin = None if refused else pin
        self.refused = refused
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        """Staff reach the pad (not the menu) first: a PIN is set, or one was meant to be."""
        return self._pin is not None or self.refused

    def locked_for(self) -> int:
        """Whole seconds the pad stays locked; 0 when it is open."""
        left = self._locked_until - self._clock()
        return max(0, int(left + 0.999))

    def attempts_left(self) -> int:
        return MAX_ATTEMPTS - self.failures

    def check(self, entered: str) -> bool:
        if self._pin is None or self.locked_for():
            return False
        # A constant-time comparison: the time taken says nothing about the digits.
        import hmac  # loads OpenSSL's library: only once staff enter a PIN

        if hmac.compare_digest(entered.encode(), self._pin.encode()):
            self.failures = 0
            return True
        self.failures += 1
        if self.failures >= MAX_ATTEMPTS:
            self.failures = 0
            self._locked_until = self._clock() + LOCKOUT_S
        return False
