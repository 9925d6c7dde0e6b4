"""Reads and checks a show in a process of its own; the kiosk gets the checked show as data.

Checking a show needs YAML, pydantic's validators, Pillow and the validator's messages, some
30 MB that a running kiosk would otherwise hold for good (docs/performance.md). The kiosk
never needs them itself: it runs each read-and-check (`load_show`, `ShowStore.take`, ...) in a
short-lived child process and gets the outcome back, a `LoadedShow` of plain data.

The request goes to the child pickled (it comes from the kiosk). The reply comes back as
JSON and is rebuilt through a fixed table of the show's own classes (kiosk.content.plain_data):
reading it runs no code of the reply's choosing. A reply that is anything else, or none, fails
closed: the read counts as failed and the show is not taken. The child runs as the kiosk's own
user, without a sandbox of its own: the split saves memory, and keeps a child that went wrong
from reaching into the kiosk's process, but the child can do what the kiosk can.
"""

from __future__ import annotations

import contextlib
import json
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

ECHOED = b"\x1ekiosk-check-log "  # marks a log record a child echoes on its error output
CHECK_TIMEOUT_S = 600  # the largest show's pictures, decoded whole on a Raspberry Pi 3
ORPHANED = 3  # the child's exit status when the kiosk that asked has ended
# The address space a check may take: half the machine's memory, within these bounds. The
# floor leaves room for the largest picture a show may hold (50 megapixels, decoded); on a
# machine of 1 GB it is all of its memory, and caps only what would exceed even that.
CHECK_MEMORY_CAP = (1 << 30, 2 << 30)  # at least, at most (bytes)
_Result = TypeVar("_Result")
_Loaded = TypeVar("_Loaded", bound="LoadedShow | None")
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding `kiosk`


class CheckFailedError(RuntimeError):
    """The checking process failed, or its reply could not be read: nothing is taken."""


def read_reply(data: bytes) -> tuple[str, Any, list[tuple[str, int, str]]]:
    """A checking process's reply: (outcome, value, log records), read strictly through
    kiosk.content.plain_data; ValueError for anything else."""
    from kiosk.content import plain_data

    reply = plain_data.loads(data)
    if type(reply) is not tuple or len(reply) != 3 or reply[0] not in ("done", "failed"):
        raise ValueError("a reply is (outcome, value, log records)")
    outcome, value, records = reply
    if type(records) is not list or not all(
        type(r) is tuple
        and len(r) == 3
        and type(r[0]) is str
        and type(r[1]) is int
        and type(r[2]) is str
        for r in records
    ):
        raise ValueError("a reply's log records are (logger, level, message)")
    return outcome, value, records


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
        # No pydantic plugin runs in a check: none is wanted, and looking for them reads the
        # metadata of every installed package (15 ms of every check here).
        env["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        self._failure = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._lifeline: BinaryIO | None = None
        writing = -1
        try:
            # The request goes down a pipe of its own, written while the child reads it; the
            # child's output is read by communicate() in result(). -P: the child's path is the
            # kiosk's, never the folder it was started in.
            reading, writing = os.pipe()
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-P", "-m", __name__],
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
            # The pipe stays open until the reply is in: the child's lifeline. When the kiosk
            # ends first (quit, or killed), the pipe closes and the child ends with it.
            self._lifeline = open(writing, "wb")  # noqa: SIM115 - closed in result()
            writing = -1  # the file closes it
            self._lifeline.write(request)
            self._lifeline.flush()
        except (OSError, ValueError, subprocess.SubprocessError) as error:
            self._failure = f"the show could not be checked: {error}"
        finally:
            if writing != -1:
                os.close(writing)

    def result(self) -> _Result:
        """The function's result. Log records of the child are logged here. Raises
        CheckFailedError when the child fails, times out or replies with anything but plain
        show data."""
        try:
            if self._process is None:
                raise CheckFailedError(self._failure)
            stdout, stderr = self._process.communicate(timeout=CHECK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            assert self._process is not None
            self._process.kill()
            # A child stuck in the kernel on a dead mount ends when the mount does.
            with contextlib.suppress(subprocess.TimeoutExpired):
                _log_what_it_said(self._process.communicate(timeout=10)[1] or b"")
            raise CheckFailedError(
                f"the show's check took longer than {CHECK_TIMEOUT_S} s and was stopped"
            ) from None
        finally:
            if self._lifeline is not None:
                with contextlib.suppress(OSError):
                    self._lifeline.close()
        try:
            outcome, value, records = read_reply(stdout)
        except ValueError as error:
            detail = _log_what_it_said(stderr) or str(error)
            raise CheckFailedError(
                "the show's check ended without a readable reply "
                f"(exit {self._process.returncode}): {detail}"
            ) from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if self._process.returncode != 0:
            said = _echoed_records(stderr)[1][-1:] or [""]
            log.warning(
                "the show's check ended with exit %s after its reply: %s",
                self._process.returncode,
                said[0],
            )
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
        *((gently, _load_show) if decode_pictures else (_load_show,)),
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
        from kiosk.content.loaded import LoadedShow

        loaded = None
        try:
            loaded = super().result()
            if loaded is not None and not isinstance(loaded, LoadedShow):
                raise CheckFailedError("the show's check answered something else than a show")
        finally:
            # A copy in the spare folder that will not play goes now, not at the kiosk's end.
            if self.spare is not None and (
                loaded is None or loaded.snapshot != self.spare or loaded.show is None
            ):
                shutil.rmtree(self.spare, ignore_errors=True)
        if loaded is not None and loaded.show is not None:
            qr_codes.take(loaded.qr_codes)  # only a show that may play brings its codes
        return loaded


def begin_take(
    store_root: Path | None, folder: Path, trusted_keys: Keys = ()
) -> PendingRead[LoadedShow]:
    """The start's read, begun: into the kiosk's store of shows at `store_root` (half-made
    copies left there by an earlier start go first), or, without one, load_show.

    Only the data folder's lock holder may pass a store: no other check can be writing there.
    Imports neither the store nor the model: the start calls this before Qt is loaded."""
    from kiosk.content.snapshot import process_snapshot

    if store_root is not None:
        return PendingRead(
            _take_at_start, store_root, folder, trusted_keys, spare=process_snapshot()
        )
    return PendingRead(
        _load_show, folder, trusted_keys=trusted_keys, snapshot_into=process_snapshot()
    )


def _take_at_start(store_root: Path, folder: Path, trusted_keys: Keys, spare: Path) -> LoadedShow:
    from kiosk.content.store import ShowStore

    store = ShowStore(store_root)
    store.remove_leftovers()
    return store.take(folder, trusted_keys, spare=spare)


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

    if decode_pictures:
        return PendingRead(
            gently, store.take, folder, trusted_keys, True, spare=process_snapshot()
        ).result()
    return PendingRead(store.take, folder, trusted_keys, False, spare=process_snapshot()).result()


def last_good(store: ShowStore, trusted_keys: Keys = ()) -> LoadedShow | None:
    """ShowStore.last_good in a checking process."""
    return _read(store.last_good, trusted_keys)


def check_in_place(
    files: Path, source: Path, trusted_keys: Keys = (), decode_pictures: bool = False
) -> LoadedShow:
    """kiosk.content.store.check_in_place in a checking process. One that decodes every
    picture and clip (seconds of work, while the show plays) runs at low priority."""
    from kiosk.content import store

    if decode_pictures:
        return _read(gently, store.check_in_place, files, source, trusted_keys, True)
    return _read(store.check_in_place, files, source, trusted_keys, False)


BACKGROUND_NICENESS = 10  # the show's own frames come first: a decode takes what is left


def gently(function: Callable[..., _Result], *args: Any, **kwargs: Any) -> _Result:
    """In the child: `function` with the process's priority lowered, so a read that decodes
    every picture and clip (and the decoder's threads, which inherit it) takes only what the
    playing show leaves of the processor."""
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(BACKGROUND_NICENESS)
    return function(*args, **kwargs)


# -- the child's side ----------------------------------------------------------------------------


class _Records(logging.Handler):
    """The child's log records, for its reply; with `echo`, each is also written there as it
    comes, so that a check that dies before its reply (a crash, a kill) still leaves them."""

    def __init__(self, echo: BinaryIO | None = None) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []
        self.echo = echo

    def emit(self, record: logging.LogRecord) -> None:
        entry = (record.name, record.levelno, self.format(record))
        self.records.append(entry)
        if self.echo is not None:
            with contextlib.suppress(OSError, ValueError):
                self.echo.write(ECHOED + json.dumps(entry).encode() + b"\n")
                self.echo.flush()


def _echoed_records(stderr: bytes) -> tuple[list[tuple[str, int, str]], list[str]]:
    """The log records a child echoed on its error output, and its other lines."""
    records, others = [], []
    for line in stderr.splitlines():
        if line.startswith(ECHOED):
            with contextlib.suppress(ValueError):
                name, level, message = json.loads(line[len(ECHOED) :])
                records.append((str(name), int(level), str(message)))
            continue
        others.append(line.decode(errors="replace").strip())
    return records, [line for line in others if line]


def _log_what_it_said(stderr: bytes) -> str:
    """Logs the records of a check that gave no reply; returns the last other line it wrote
    (Python's last words, as a rule)."""
    records, others = _echoed_records(stderr)
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s (in a check that ended without a reply)", message)
    return others[-1] if others else ""


def serve(requests: BinaryIO, replies: BinaryIO, lifeline: bool = False) -> None:
    """The child's side: one request read, run, and its outcome written.

    With `lifeline`, the process ends as soon as the requests' pipe closes: the kiosk that
    asked has ended, and a show checked for nobody must not go on writing to its folders.
    """
    from kiosk.content import plain_data

    records = _Records(sys.stderr.buffer if lifeline else None)
    logging.getLogger().addHandler(records)
    logging.getLogger().setLevel(logging.INFO)
    logging.captureWarnings(True)  # a library's warning (Pillow's, say) reaches the kiosk's log
    try:
        function, args, kwargs = pickle.load(requests)  # from the kiosk: trusted
        if lifeline:
            _end_with_the_kiosk(requests.fileno())
        reply: bytes = plain_data.dumps(("done", function(*args, **kwargs), records.records))
    except Exception as error:
        log.warning("the check failed", exc_info=True)
        reply = plain_data.dumps(("failed", f"{type(error).__name__}: {error}", records.records))
    replies.write(reply)
    replies.flush()


def _end_with_the_kiosk(requests: int) -> None:
    """Ends this process when the kiosk closes its end of the requests' pipe before the reply.

    The pipe is read below Python's buffered file, whose lock a thread waiting in it would hold
    when the process ends (Python then aborts)."""
    import threading

    def wait() -> None:
        with contextlib.suppress(OSError):
            while os.read(requests, 4096):
                pass  # nothing more is sent; the kiosk may still write by mistake
        os._exit(ORPHANED)

    threading.Thread(target=wait, name="lifeline", daemon=True).start()


def _cap_memory() -> None:
    """A show built to take more memory than any real one (a decompression bomb, say) fails its
    check with a MemoryError instead of pushing the machine, the compositor and the kiosk with
    it, out of memory. Where limits cannot be set (Windows, emulators), nothing changes."""
    try:
        import resource

        machine = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        low, high = CHECK_MEMORY_CAP
        cap = max(low, min(high, machine // 2))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, AttributeError, ValueError, OSError):
        pass


if __name__ == "__main__":
    _cap_memory()
    _replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the reply
    serve(sys.stdin.buffer, _replies, lifeline=True)
