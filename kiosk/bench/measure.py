"""`bench`: measures start-up, frame times, touch response, memory, idle cost and loading.

Each figure comes from the real code: the real start-up path in fresh processes, the real
paint of the window, real input events. Memory figures come from fresh processes of their own,
so nothing measured earlier inflates them.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.metadata
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from platform import freedesktop_os_release
from typing import Any

from kiosk.bench.report import TARGETS, format_memory, format_table, verdicts, with_table
from kiosk.durable import write_atomically
from kiosk.paths import DEFAULT_CONTENT, ROOT

WARM_UP_CHANGES = 1000
WARM_UP_S = 15.0


def _child_env(scratch: Path, platform: str = "offscreen") -> dict[str, str]:
    env = dict(os.environ)
    # A kiosk compiles its modules once and keeps the bytecode; measured without it, every
    # start would compile again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM=platform,
        KIOSK_LOG_DIR=str(scratch / "log"),
        KIOSK_DATA_DIR=str(scratch / "data"),
        KIOSK_CONFIG_DIR=str(scratch / "config"),
    )
    return env


def run_child(
    module: str, scratch: Path, *args: str, timeout: float = 600, platform: str = "offscreen"
) -> dict[str, Any]:
    """Runs one of the bench's child programs (kiosk.bench.<module>); its JSON lines, merged."""
    done = subprocess.run(
        [sys.executable, "-m", f"kiosk.bench.{module}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,  # a checkout that was never installed still finds the package
        env=_child_env(scratch, platform),
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"benchmark step failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    result: dict[str, Any] = {}
    for line in lines:
        result.update(json.loads(line))
    return result


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max": round(ordered[-1], 2),
        "frames": len(ordered),
    }


def rss_mb() -> float:
    """Resident memory now (Linux), or the peak where the current value cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    On Linux VmHWM is read: ru_maxrss survives exec, so a child started from a large process
    would report its parent's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1e3
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


# -- start-up: a fresh process each time, through the real run path ---------------------------


def measure_startup(scratch: Path, runs: int, platform: str) -> dict[str, Any]:
    """The kiosk's start beside a bare PySide6 window's, alternately, in fresh processes.

    The first start of the kiosk finds no kept first frame (cold); the later ones put it up
    first. startup_s is when a picture of the show is first on screen, startup_show_s when the
    show itself is running.
    """
    shown, running, bare = [], [], []
    cold = 0.0
    for run in range(runs + 1):
        started = time.time()
        kiosk = run_child("startup_child", scratch, platform=platform)
        if run == 0:
            cold = kiosk["show"] - started
        else:
            shown.append(kiosk.get("kept", kiosk["show"]) - started)
            running.append(kiosk["show"] - started)
        started = time.time()
        bare.append(run_child("bare_child", scratch, platform=platform)["painted"] - started)
    median = statistics.median
    return {
        "startup_s": round(median(shown), 3),
        "startup_show_s": round(median(running), 3),
        "startup_cold_s": round(cold, 3),
        "startup_bare_s": round(median(bare), 3),
        "startup_vs_bare": round(median(shown) / median(bare), 2),
        "startup_cold_vs_bare": round(cold / median(bare), 2),
        "startup_platform": platform,
    }


# -- frames, taps, memory: in a child with the real window ------------------------------------

# -- loading generated shows -------------------------------------------------------------------


def write_photo(path: Path, width: int, height: int, hue: int) -> None:
    """A JPEG photo-like picture: a gradient (decoding costs the same as a real photo's)."""
    from PySide6.QtGui import QColor, QImage, QImageWriter, QLinearGradient, QPainter

    from kiosk.app import create_application

    create_application()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor.fromHsv(hue, 120, 200))
    gradient.setColorAt(1, QColor.fromHsv(hue + 40, 160, 90))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    writer = QImageWriter(str(path), b"jpeg")
    writer.setQuality(85)
    if not writer.write(image):
        raise OSError(f"cannot write {path}: {writer.errorString()}")


def make_story_show(folder: Path, stories: int) -> None:
    """A show of many stories, each with its own 3000x2000 JPEG."""
    images = folder / "images"
    images.mkdir(parents=True)
    samples = []
    for n in range(4):
        path = folder / f"sample-{n}.jpg"
        write_photo(path, 3000, 2000, n * 80)
        samples.append(path)
    lines = [
        "settings:",
        "  languages: [en]",
        "  default_language: en",
        "  manifesto: https://releasenow.org/manifesto/",
        "slides:",
    ]
    for n in range(stories):
        shutil.copyfile(samples[n % 4], images / f"person-{n}.jpg")
        lines += [
            f"  - id: story-{n}",
            "    kind: story",
            "    archetype: true",
            f"    name: Person {n}",
            "    line: A story that stands for many",
            "    body: Imprisoned for a peaceful protest.",
            f"    image: images/person-{n}.jpg",
        ]
    for path in samples:
        path.unlink()
    (folder / "show.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_photo_show(folder: Path) -> None:
    """The default show with a 48-megapixel photo (8000x6000 JPEG) for each of its pictures,
    as a camera leaves them."""
    shutil.copytree(DEFAULT_CONTENT, folder)
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    pictures = sorted(set(re.findall(r"images/[\w-]+\.svg", text)))
    photo = folder / "photo.jpg"
    write_photo(photo, 8000, 6000, 20)
    for picture in pictures:
        (folder / picture).unlink()
        shutil.copyfile(photo, folder / picture.replace(".svg", ".jpg"))
        text = text.replace(picture, picture.replace(".svg", ".jpg"))
    photo.unlink()
    (folder / "show.yaml").write_text(text, encoding="utf-8")


VIDEO_SHOW = """\
settings:
  languages: [en]
  default_language: en
  manifesto: https://releasenow.org/manifesto/
slides:
  - id: clip
    kind: video
    file: clip.mp4
    loop: true
    duration: 3600
  - id: after
    kind: title
    headline: The clip has gone
"""


def make_video_show(folder: Path, seconds: float) -> bool:
    """A show whose first slide loops a 1080p H.264 clip at 25 frames a second (FFmpeg's
    test picture, which moves everywhere, as footage does); False without video support."""
    try:
        import av
    except ImportError:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "show.yaml").write_text(VIDEO_SHOW, encoding="utf-8")
    source = f"testsrc2=size=1920x1080:rate=25:duration={seconds}"
    with (
        av.open(source, format="lavfi") as pictures,
        av.open(str(folder / "clip.mp4"), "w") as clip,
    ):
        stream = clip.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "20"}
        for frame in pictures.decode(video=0):
            frame.pts = None
            for packet in stream.encode(frame.reformat(format="yuv420p")):
                clip.mux(packet)
        for packet in stream.encode():
            clip.mux(packet)
    return True


def measure_loads(scratch: Path, sizes: list[int]) -> tuple[dict[str, float], dict[str, float]]:
    seconds, memory = {}, {}
    for stories in sizes:
        folder = scratch / f"show-{stories}"
        make_story_show(folder, stories)
        result = run_child("load_child", scratch, str(folder))
        seconds[str(stories)] = round(result["load_s"], 3)
        memory[str(stories)] = round(result["peak_rss_mb"], 1)
        shutil.rmtree(folder)
    return seconds, memory


# -- the command ------------------------------------------------------------------------------


def run(quick: bool, startup_platform: str = "offscreen") -> dict[str, Any]:
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        results: dict[str, Any] = {"quick": quick}
        results.update(measure_startup(scratch, 1 if quick else 7, startup_platform))
        frames = 32 if quick else 320
        for key, task, size, turn in (
            ("transition_ms_1080p", "frames", 1, 0),
            ("transition_ms_turned", "frames", 1, 90),
            ("transition_ms_4k", "frames", 4, 0),
            ("transition_ms_4k_floor", "floor", 4, 0),
        ):
            child = run_child("window_child", scratch, task, str(frames), str(size), str(turn))
            results[key] = _percentiles(child["frames_ms"])
        taps = run_child("window_child", scratch, "taps", "20" if quick else "200", "1")
        results["tap_to_paint_ms"] = _percentiles(taps["latencies_ms"])
        wakes = run_child("window_child", scratch, "wakes", "20" if quick else "60", "1")
        results["wake_to_paint_ms"] = _percentiles(wakes["latencies_ms"])
        loop = run_child("window_child", scratch, "loop", "1", "1")
        results["rss_mb"] = round(loop["peak_rss_mb"], 1)
        # PSS splits a shared library's pages among the processes mapping it: measured while
        # this process holds Qt too (it draws the test photos below), the kiosk's share of
        # Qt's libraries would halve.
        assert "PySide6.QtCore" not in sys.modules, "the bench must not load Qt before pss_mb"
        memory = run_child("memory_child", scratch, platform=startup_platform)
        results["pss_mb"] = memory.pop("pss_mb")
        results["memory"] = memory
        photos = scratch / "photo-show"
        make_photo_show(photos)
        loop = run_child("window_child", scratch, "loop", "1", "1", "0", str(photos))
        results["photo_peak_mb"] = round(loop["peak_rss_mb"] - results["rss_mb"], 1)
        shutil.rmtree(photos)
        soak = run_child(
            "soak_child", scratch, "200" if quick else "5000", "0", str(scratch / "soak-show")
        )
        results["soak_rss_growth_mb"] = round(soak["rss_growth_mb"], 2)
        results["soak_qobjects"] = soak["qobjects"]
        results["soak_timers"] = soak["timers"]
        video_show = scratch / "video-show"
        if make_video_show(video_show, 2.0 if quick else 10.0):
            video = run_child(
                "video_child",
                scratch,
                str(video_show),
                *(("4", "4", "3") if quick else ("20", "120", "20")),
            )
            results["video"] = {key: round(value, 2) for key, value in video.items()}
        # Measured as a kiosk of a fleet: it writes its status for the organiser too.
        settings = scratch / "config" / "kiosk.toml"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(f"status_folder = {json.dumps(str(scratch / 'fleet'))}\n")
        idle = run_child("idle_child", scratch, "6" if quick else "60", "3" if quick else "30")
        settings.unlink()
        results["idle_cpu_pct"] = {
            "attract": round(idle["attract_cpu_pct"], 2),
            "after_interaction": round(idle["after_interaction_cpu_pct"], 2),
        }
        if idle["write_bytes_per_hour"] is not None:
            results["write_bytes_per_hour"] = round(idle["write_bytes_per_hour"])
        for key in ("status_write_bytes", "write_bytes_per_hour_syncing"):
            if key in idle:
                results[key] = round(idle[key])
        results["load_s"], results["load_rss_mb"] = measure_loads(
            scratch, [10] if quick else [10, 100, 1000]
        )
        results["machine"] = _machine()
        results["measured_on"] = datetime.date.today().isoformat()
        return results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _machine() -> dict[str, Any]:
    """What the figures were measured on, as the README's table says it."""
    machine: dict[str, Any] = {
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": sys.platform,
    }
    with contextlib.suppress(OSError, AttributeError):
        machine["os"] = freedesktop_os_release()["PRETTY_NAME"]
    for binding in ("PySide6", "PySide6-Essentials"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            machine["pyside6"] = importlib.metadata.version(binding)
            break
    return machine


def _session_platform() -> str:
    """The platform the kiosk would run on in this session."""
    session = os.environ.get("QT_QPA_PLATFORM", "")
    if not session:
        session = "xcb" if os.environ.get("DISPLAY") else "offscreen"
        if os.environ.get("WAYLAND_DISPLAY"):
            session = "wayland"
    return session


def main(
    as_json: bool, quick: bool, readme: Path | None = None, figures: Path | None = None
) -> int:
    """Measures (or, with `figures`, reads what an earlier `--json` run printed), prints the
    figures and, with `readme`, writes its performance table from them."""
    if figures is not None:
        try:
            results = json.loads(figures.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"cannot read the figures in {figures}: {error}", file=sys.stderr)
            return 2
    else:
        # Start-up and memory are measured on the session's display when there is one (a
        # start is mostly talking to it, and its buffers are the display's); the rest offscreen.
        session = _session_platform()
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        results = run(quick, session)
    results["targets_met"] = all(verdicts(results).values())
    print(json.dumps(results, indent=2) if as_json else format_table(results))
    if readme is not None:
        try:
            text = readme.read_text(encoding="utf-8")
            write_atomically(readme, with_table(text, results))
        except (OSError, ValueError) as error:
            print(f"the table in {readme} is not written: {error}", file=sys.stderr)
            return 2
        print(f"the performance table in {readme} is written from these figures", file=sys.stderr)
    return 0


def soak_main(changes: int, interactions: int, as_json: bool) -> int:
    """`soak`: the long run, in a fresh process; prints growth and live object counts."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    try:
        started = time.perf_counter()
        result = run_child(
            "soak_child",
            scratch,
            str(changes),
            str(interactions),
            str(scratch / "soak-show"),
            timeout=7200,
        )
        result.update(
            changes=changes,
            interactions=interactions,
            seconds=round(time.perf_counter() - started, 1),
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    result["rss_growth_mb"] = round(result["rss_growth_mb"], 2)
    ok = (
        result["rss_growth_mb"] <= TARGETS["soak_rss_growth_mb"]
        and result["qobjects"][1] <= result["qobjects"][0]
        and result["timers"][1] <= result["timers"][0]
    )
    result["targets_met"] = ok
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{changes} slide changes, {interactions} interactions in {result['seconds']} s: "
            f"memory grew {result['rss_growth_mb']} MB; live QObjects "
            f"{result['qobjects'][0]} -> {result['qobjects'][1]}, timers "
            f"{result['timers'][0]} -> {result['timers'][1]}; "
            f"{'within' if ok else 'OUTSIDE'} the targets"
        )
    return 0


def memory_main(as_json: bool) -> int:
    """`bench --memory`: where the running kiosk's memory goes, Python's heap by package."""
    session = _session_platform()
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-memory-"))
    try:
        # The traced run first: it keeps a first frame, so the plain one starts as a kiosk
        # nearly always does, on the frame kept from its last start.
        traced = run_child("memory_child", scratch, "trace", platform=session)
        plain = run_child("memory_child", scratch, platform=session)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # The figures of the run without tracing (tracing itself costs memory), Python's heap
    # from the traced one.
    result = {**plain, **{k: v for k, v in traced.items() if k.startswith("python_heap")}}
    print(json.dumps(result, indent=2) if as_json else format_memory(result))
    return 0
