"""Reads and checks a show in a process of its own; the kiosk gets the checked show as data.

Checking a show needs YAML, pydantic's validators, Pillow and the validator's messages, some
30 MB that a running kiosk would otherwise hold for good (docs/performance.md). The kiosk
never needs them itself: it runs each read-and-check (`load_show`, `ShowStore.take`, ...) in a
short-lived child process and gets the outcome back, a `LoadedShow` of plain data.

What comes back is read strictly: only the show's own data classes, paths, dates and Python's
plain containers. Anything else in the reply, or no reply, fails closed: the check counts as
failed and the show is not taken.
"""

from __future__ import annotations

import enum
import io
import logging
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar

if TYPE_CHECKING:
    import datetime

    from kiosk.content.loaded import LoadedShow
    from kiosk.content.signing import Keys
    from kiosk.content.store import ShowStore

log = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 600  # the largest show's pictures, decoded whole on a Raspberry Pi 3
_Result = TypeVar("_Result")
_Loaded = TypeVar("_Loaded", bound="LoadedShow | None")
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding `kiosk`
# What a reply may hold besides builtin containers: the show's data classes, and these.
_ALLOWED = {
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
}
_ALLOWED_MODULES = (
    "kiosk.content.diagnostics",
    "kiosk.content.loaded",
    "kiosk.content.model",
    "kiosk.content.value_types",
    "kiosk.content.snapshot",
    "kiosk.content.signing",
    "kiosk.content.minisign_keys",
)


class CheckFailedError(RuntimeError):
    """The checking process failed, or its reply could not be read: nothing is taken."""


def _enum_member(owner: Any, name: str) -> Any:
    """What `getattr` may do in a reply: name a member of one of the show's enums (some
    Python 3.11 releases pickle an enum member as getattr(its class, its name))."""
    if (
        isinstance(owner, type)
        and issubclass(owner, enum.Enum)
        and owner.__module__ in _ALLOWED_MODULES
        and name in owner.__members__
    ):
        return owner[name]
    raise pickle.UnpicklingError(f"a check's reply may not take {name!r} of {owner!r}")


class _ReplyReader(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _enum_member
        if (module, name) in _ALLOWED or (module in _ALLOWED_MODULES and "." not in name):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a check's reply may not hold {module}.{name}")


def read_reply(data: bytes) -> Any:
    """A checking process's reply, read strictly (see the module's description)."""
    return _ReplyReader(io.BytesIO(data)).load()


class PendingChild(Generic[_Result]):
    """function(*args, **kwargs) under way in a checking process of its own; `result()` waits
    for it. The kiosk goes on meanwhile (at the start, it prepares its window).

    function must be importable by name (a module's function, or a method of an object that
    pickles).
    """

    def __init__(self, function: Callable[..., _Result], *args: Any, **kwargs: Any):
        request = pickle.dumps((function, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
        )
        self._failure = ""
        self._process: subprocess.Popen[bytes] | None = None
        try:
            # The request goes down a pipe of its own, written while the child reads it; the
            # child's output is read by communicate() in result().
            reading, writing = os.pipe()
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", __name__],
                    stdin=reading,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=env,
                    # On Windows a console program started from a window would open a console
                    # window of its own, over the show.
                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
                )
            finally:
                os.close(reading)
            with open(writing, "wb") as pipe:
                pipe.write(request)
        except OSError as error:
            self._failure = f"the show could not be checked: {error}"

    def result(self) -> _Result:
        """The function's result. Log records of the child are logged here. Raises
        CheckFailedError when the child fails, times out or replies with anything but plain
        show data."""
        if self._process is None:
            raise CheckFailedError(self._failure)
        try:
            stdout, stderr = self._process.communicate(timeout=CHECK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise CheckFailedError(
                f"the show's check took longer than {CHECK_TIMEOUT_S} s and was stopped"
            ) from None
        try:
            outcome, value, records = read_reply(stdout)
        except Exception as error:
            detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
            raise CheckFailedError(
                "the show's check ended without a readable reply "
                f"(exit {self._process.returncode}): {detail[0]}"
            ) from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if outcome != "done":
            raise CheckFailedError(f"the show's check failed: {value}")
        result: _Result = value
        return result


def in_child_process(function: Callable[..., _Result], *args: Any, **kwargs: Any) -> _Result:
    """function(*args, **kwargs) run in a checking process of its own (PendingChild), its
    result returned."""
    return PendingChild(function, *args, **kwargs).result()


# -- the kiosk's reads, each in a checking process ---------------------------------------------


def load_show(
    folder: Path,
    today: datetime.date | None = None,
    decode_pictures: bool = False,
    trusted_keys: Keys = (),
    snapshot_into: Path | None = None,
) -> LoadedShow:
    """kiosk.content.validate.load_show in a checking process. The snapshot, unless given,
    is a folder of this process's, so that it outlives the child."""
    from kiosk.content.snapshot import process_snapshot

    return _read(
        _load_show,
        folder,
        today=today,
        decode_pictures=decode_pictures,
        trusted_keys=trusted_keys,
        snapshot_into=snapshot_into if snapshot_into is not None else process_snapshot(),
    )


def _read(function: Callable[..., _Loaded], *args: Any, **kwargs: Any) -> _Loaded:
    """A read in a checking process; the show's QR codes come with it."""
    return PendingRead(function, *args, **kwargs).result()


class PendingRead(PendingChild[_Loaded]):
    """A read under way in a checking process; the show's QR codes come with its result.

    A read that may need a folder of this process's for its copy (the child's own would go
    with it) is given one as `spare`; it is removed again when the read did not use it.
    """

    def __init__(
        self,
        function: Callable[..., _Loaded],
        *args: Any,
        spare: Path | None = None,
        **kwargs: Any,
    ):
        if spare is not None:
            kwargs["spare"] = spare
        super().__init__(with_codes, function, *args, **kwargs)
        self.spare = spare

    def result(self) -> _Loaded:
        from kiosk.content import qr_codes

        loaded = None
        try:
            loaded = super().result()
        finally:
            if self.spare is not None and (loaded is None or loaded.snapshot != self.spare):
                shutil.rmtree(self.spare, ignore_errors=True)
        if loaded is not None:
            qr_codes.take(loaded.qr_codes)
        return loaded


def begin_take(
    store: ShowStore | None, folder: Path, trusted_keys: Keys = ()
) -> PendingRead[LoadedShow]:
    """The start's read, begun: ShowStore.take into the store, or load_show without one."""
    from kiosk.content.snapshot import process_snapshot

    if store is not None:
        return PendingRead(store.take, folder, trusted_keys, spare=process_snapshot())
    return PendingRead(
        _load_show, folder, trusted_keys=trusted_keys, snapshot_into=process_snapshot()
    )


def with_codes(function: Callable[..., _Loaded], *args: Any, **kwargs: Any) -> _Loaded:
    """The checking process's side of a read: the function's result, with the QR codes of
    every link of its show."""
    from kiosk.content import qr_codes

    loaded = function(*args, **kwargs)
    if loaded is not None and loaded.show is not None:
        loaded.qr_codes = qr_codes.codes_of(loaded.show)
    return loaded


def _load_show(folder: Path, **options: Any) -> LoadedShow:
    from kiosk.content.validate import load_show

    return load_show(folder, **options)


def take(
    store: ShowStore, folder: Path, trusted_keys: Keys = (), decode_pictures: bool = False
) -> LoadedShow:
    """ShowStore.take in a checking process."""
    from kiosk.content.snapshot import process_snapshot

    return PendingRead(
        store.take, folder, trusted_keys, decode_pictures, spare=process_snapshot()
    ).result()


def last_good(store: ShowStore, trusted_keys: Keys = ()) -> LoadedShow | None:
    """ShowStore.last_good in a checking process."""
    return _read(store.last_good, trusted_keys)


def check_in_place(
    files: Path, source: Path, trusted_keys: Keys = (), decode_pictures: bool = False
) -> LoadedShow:
    """kiosk.content.store.check_in_place in a checking process."""
    from kiosk.content import store

    return _read(store.check_in_place, files, source, trusted_keys, decode_pictures)


# -- the child's side ----------------------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's side: one request read, run, and its outcome written."""
    records = _Records()
    logging.getLogger().addHandler(records)
    logging.getLogger().setLevel(logging.INFO)
    try:
        function, args, kwargs = pickle.load(requests)
        reply: tuple[str, Any, Any] = ("done", function(*args, **kwargs), records.records)
    except Exception as error:
        log.debug("the check failed", exc_info=True)
        reply = ("failed", f"{type(error).__name__}: {error}", records.records)
    replies.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    replies.flush()


if __name__ == "__main__":
    _replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the reply
    serve(sys.stdin.buffer, _replies)
