"""The bench's targets, and its report: the table of figures against targets, and the memory
breakdown (`bench --memory`)."""

from __future__ import annotations

import json
from typing import Any

TARGETS = {
    "startup_s": 0.8,
    "startup_vs_bare": 1.2,
    "startup_cold_vs_bare": 2.0,
    "transition_ms_1080p.p95": 8.0,
    "transition_ms_4k.p95": 16.0,
    "tap_to_paint_ms.p95": 50.0,
    "wake_to_paint_ms.p95": 50.0,
    "rss_mb": 150.0,
    "pss_mb": 80.0,
    "photo_peak_mb": 60.0,
    "soak_rss_growth_mb": 5.0,
    "load_s.1000": 2.0,
    "load_rss_mb.1000": 400.0,
    "idle_cpu_pct.attract": 2.0,
    "idle_cpu_pct.after_interaction": 2.0,
    "write_bytes_per_hour": 1e6,
    "write_bytes_per_hour_syncing": 1e6,
    # A clip's cost ends with its slide, and a looping clip holds its memory.
    "video.video_after_cpu_pct": 2.0,
    "video.video_soak_rss_growth_mb": 5.0,
}
TURNED_MS = 2.0  # a turned panel's transition frame (p95) may take this much longer
FLOOR_RATIO = 1.2  # a 4K transition frame (p95) against the bare crossfade's
MAX_FRAME_MS = 33.0  # no 4K transition frame longer


def _lookup(results: dict[str, Any], key: str) -> float | None:
    value: Any = results
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value)


def verdicts(results: dict[str, Any]) -> dict[str, bool]:
    checks = {}
    for key, limit in TARGETS.items():
        value = _lookup(results, key)
        if value is not None:
            checks[key] = value <= limit
    # Figures held to another figure of the same run: a turned panel's frames to the upright
    # ones, 4K frames to the bare crossfade that moves the same pixels, and no 4K frame that
    # misses two frames of a 60 Hz display.
    upright, turned = results.get("transition_ms_1080p"), results.get("transition_ms_turned")
    if upright and turned:
        checks["transition_ms_turned.p95"] = turned["p95"] <= upright["p95"] + TURNED_MS
    frames_4k, floor = results.get("transition_ms_4k"), results.get("transition_ms_4k_floor")
    if frames_4k and floor:
        checks["transition_ms_4k.floor"] = frames_4k["p95"] <= FLOOR_RATIO * floor["p95"]
        checks["transition_ms_4k.max"] = frames_4k["max"] <= MAX_FRAME_MS
    if "soak_qobjects" in results:
        before, after = results["soak_qobjects"]
        checks["soak_qobjects"] = after <= before
    return checks


def format_table(results: dict[str, Any]) -> str:
    lines = [f"{'figure':<28} {'measured':>22}  {'target':>10}  ok"]
    ok = verdicts(results)

    def row(name: str, measured: str, target: str, key: str) -> None:
        mark = "" if key not in ok else ("yes" if ok[key] else "NO")
        lines.append(f"{name:<28} {measured:>22}  {target:>10}  {mark}")

    row("startup_s (show on screen)", f"{results['startup_s']:.3f}", "≤ 0.8", "startup_s")
    row(
        f"startup_vs_bare ({results['startup_platform']})",
        f"{results['startup_vs_bare']} ({results['startup_bare_s']:.3f} s bare)",
        "≤ 1.2",
        "startup_vs_bare",
    )
    row("startup_show_s (running)", f"{results['startup_show_s']:.3f}", "", "")
    row("startup_cold_s (first start)", f"{results['startup_cold_s']:.3f}", "", "")
    row(
        "startup_cold_vs_bare",
        f"{results['startup_cold_vs_bare']}",
        "≤ 2",
        "startup_cold_vs_bare",
    )
    for key, target, verdict in (
        ("transition_ms_1080p", "p95 ≤ 8", "transition_ms_1080p.p95"),
        ("transition_ms_turned", "p95 ≤ 1080p + 2", "transition_ms_turned.p95"),
        ("transition_ms_4k", "p95 ≤ 16", "transition_ms_4k.p95"),
        ("transition_ms_4k", "p95 ≤ 1.2 × floor", "transition_ms_4k.floor"),  # noqa: RUF001
        ("transition_ms_4k", "max ≤ 33", "transition_ms_4k.max"),
        ("transition_ms_4k_floor", "", ""),
        ("tap_to_paint_ms", "p95 ≤ 50", "tap_to_paint_ms.p95"),
        ("wake_to_paint_ms", "p95 ≤ 50", "wake_to_paint_ms.p95"),
    ):
        p = results[key]
        row(f"{key} p50/p95/max", f"{p['p50']}/{p['p95']}/{p['max']}", target, verdict)
    row("rss_mb", f"{results['rss_mb']}", "≤ 150", "rss_mb")
    row(f"pss_mb ({results['memory']['platform']})", f"{results['pss_mb']}", "≤ 80", "pss_mb")
    row("pss_mb before a move", f"{results['memory']['pss_before_a_move_mb']}", "", "")
    row("photo_peak_mb (48 MP photos)", f"+{results['photo_peak_mb']}", "≤ +60", "photo_peak_mb")
    row("soak_rss_growth_mb", f"{results['soak_rss_growth_mb']}", "≤ 5", "soak_rss_growth_mb")
    before, after = results["soak_qobjects"]
    row("soak live QObjects", f"{before} → {after}", "no growth", "soak_qobjects")
    idle = results["idle_cpu_pct"]
    row("idle_cpu_pct attract loop", f"{idle['attract']}", "≤ 2", "idle_cpu_pct.attract")
    row(
        "idle_cpu_pct after a visitor",
        f"{idle['after_interaction']}",
        "≤ 2",
        "idle_cpu_pct.after_interaction",
    )
    video = results.get("video")
    if video:
        row("video_cpu_pct (1080p25 clip)", f"{video['video_cpu_pct']}", "", "")
        row("video_rss_mb", f"{video['video_rss_mb']}", "", "")
        row(
            "video_soak_rss_growth_mb",
            f"{video['video_soak_rss_growth_mb']}",
            "≤ 5",
            "video.video_soak_rss_growth_mb",
        )
        row(
            "video_after_cpu_pct (gone)",
            f"{video['video_after_cpu_pct']}",
            "≤ 2",
            "video.video_after_cpu_pct",
        )
    if "write_bytes_per_hour" in results:
        written = results["write_bytes_per_hour"]
        row("write_bytes_per_hour", f"{written:,}", "< 1 MB", "write_bytes_per_hour")
    if "write_bytes_per_hour_syncing" in results:
        syncing = results["write_bytes_per_hour_syncing"]
        key = "write_bytes_per_hour_syncing"
        row(key, f"{syncing:,}", "< 1 MB", key)
        row("status_write_bytes", f"{results['status_write_bytes']:,}", "", "status_write_bytes")
    for stories, seconds in results["load_s"].items():
        row(
            f"load_s ({stories} stories)",
            f"{seconds}",
            "≤ 2" if stories == "1000" else "",
            f"load_s.{stories}",
        )
        row(
            f"load_rss_mb ({stories} stories)",
            f"{results['load_rss_mb'][stories]}",
            "≤ 400" if stories == "1000" else "",
            f"load_rss_mb.{stories}",
        )
    return "\n".join(lines)


def format_memory(result: dict[str, Any]) -> str:
    """The memory breakdown of `bench --memory`, as lines to read."""
    lines = [
        f"the running kiosk on {result['platform']}, after one loop over the default show,",
        "a slide standing:",
        f"  PSS {result['pss_mb']} MB, private {result['private_mb']} MB",
        f"  (PSS {result['pss_before_a_move_mb']} MB before a move, two slides drawn)",
        "  by kind of mapping (PSS MB):",
    ]
    lines += [f"    {kind:<28} {mb:>6}" for kind, mb in result["pss_by_kind_mb"].items()]
    lines += [
        "  within the anonymous memory:",
        f"    {'drawn slides':<28} {result['slide_images_mb']:>6}  ({result['slides_drawn']} kept)",
        f"    {'decoded pictures':<28} {result['pictures_mb']:>6}",
    ]
    if "python_heap_mb" in result:
        lines.append(
            f"    {'Python objects (traced)':<28} {result['python_heap_mb']:>6}"
            f"  ({result['python_modules']} modules)"
        )
        lines += [
            f"      {package:<26} {mb:>6}"
            for package, mb in result["python_heap_by_package_mb"].items()
        ]
    return "\n".join(lines)


# -- the README's performance table -------------------------------------------------------------

TABLE_START = "<!-- bench table: written by `python main.py bench --readme README.md` -->"
TABLE_END = "<!-- end of bench table -->"
FIGURES_MARK = "<!-- figures: "
X = "\N{MULTIPLICATION SIGN}"  # the sign of "1.2 times" and of a screen size


def _frames(p: dict[str, Any]) -> str:
    return f"p50 {p['p50']} · p95 {p['p95']} · max {p['max']} ms"


def _rows(results: dict[str, Any]) -> list[tuple[str, str, str, list[str]]]:
    """The table's rows: what is measured (naming its figures), the figure, the target, and
    the verdicts that say whether it is met."""
    r = results
    memory = r["memory"]
    idle = r["idle_cpu_pct"]
    floor, frames_4k = r["transition_ms_4k_floor"], r["transition_ms_4k"]
    rows = [
        (
            "Start to the show on screen (`startup_s`)",
            f"{r['startup_s']:.3f} s",
            "≤ 0.8 s",
            ["startup_s"],
        ),
        (
            "… against a bare PySide6 window on the same display (`startup_vs_bare`, median "
            "of the runs)",
            f"{r['startup_vs_bare']} {X} on {r['startup_platform']} "
            f"(bare: {r['startup_bare_s']:.3f} s)",
            f"≤ 1.2 {X}",
            ["startup_vs_bare"],
        ),
        ("Start to the show running (`startup_show_s`)", f"{r['startup_show_s']:.3f} s", "", []),
        (
            "A first start, nothing kept, against a bare window (`startup_cold_s`, "
            "`startup_cold_vs_bare`)",
            f"{r['startup_cold_s']:.3f} s = {r['startup_cold_vs_bare']} {X}",
            f"≤ 2 {X}",
            ["startup_cold_vs_bare"],
        ),
        (
            f"Transition frame at 1920{X}1080 (`transition_ms_1080p`)",
            _frames(r["transition_ms_1080p"]),
            "p95 ≤ 8 ms",
            ["transition_ms_1080p.p95"],
        ),
        (
            "… on a panel turned with `--rotate 90` (`transition_ms_turned`)",
            _frames(r["transition_ms_turned"]),
            "p95 ≤ 1080p + 2 ms",
            ["transition_ms_turned.p95"],
        ),
        (
            f"Transition frame at 3840{X}2160 (`transition_ms_4k`)",
            f"{_frames(frames_4k)} ({frames_4k['p95'] / floor['p95']:.2f} {X} the floor's p95)",
            f"p95 ≤ 16 ms and ≤ 1.2 {X} the floor's; max ≤ 33 ms",
            ["transition_ms_4k.p95", "transition_ms_4k.floor", "transition_ms_4k.max"],
        ),
        (
            "… its floor: a bare crossfade of two 4K pictures (`transition_ms_4k_floor`)",
            _frames(floor),
            "",
            [],
        ),
        (
            "Touch to painted response (`tap_to_paint_ms`)",
            _frames(r["tap_to_paint_ms"]),
            "p95 ≤ 50 ms",
            ["tap_to_paint_ms.p95"],
        ),
        (
            "A passer-by's first touch to the frame that answers it (`wake_to_paint_ms`)",
            _frames(r["wake_to_paint_ms"]),
            "p95 ≤ 50 ms",
            ["wake_to_paint_ms.p95"],
        ),
        (
            "CPU, attract loop (`idle_cpu_pct`, share of one core)",
            f"{idle['attract']} %",
            "≤ 2 %",
            ["idle_cpu_pct.attract"],
        ),
        (
            "CPU, after a visitor's taps, panels and a drag (`idle_cpu_pct`)",
            f"{idle['after_interaction']} %",
            "≤ 2 %",
            ["idle_cpu_pct.after_interaction"],
        ),
    ]
    if "write_bytes_per_hour" in r:
        rows.append(
            (
                "Bytes written to disk per hour of attract loop (`write_bytes_per_hour`)",
                f"{r['write_bytes_per_hour'] / 1e6:.2f} MB",
                "< 1 MB",
                ["write_bytes_per_hour"],
            )
        )
    if "write_bytes_per_hour_syncing" in r:
        rows.append(
            (
                "… a kiosk of a fleet while a sync tool keeps changing its show folder: its "
                "status written every 30 s (`write_bytes_per_hour_syncing`; one write "
                f"`status_write_bytes` = {r['status_write_bytes']:,} bytes)",
                f"{r['write_bytes_per_hour_syncing'] / 1e6:.2f} MB",
                "< 1 MB",
                ["write_bytes_per_hour_syncing"],
            )
        )
    rows += [
        ("Peak memory, one loop at 1080p (`rss_mb`)", f"{r['rss_mb']} MB", "≤ 150 MB", ["rss_mb"]),
        (
            "… with a 48-megapixel photo for each of the default show's pictures "
            "(`photo_peak_mb`, added to `rss_mb`)",
            f"+{r['photo_peak_mb']} MB",
            "≤ +60 MB",
            ["photo_peak_mb"],
        ),
        (
            f"The running kiosk's share of memory (PSS) on {memory['platform']}, a slide "
            "standing (`pss_mb`; `bench --memory` says where it goes)",
            f"{r['pss_mb']} MB ({memory['pss_before_a_move_mb']} MB shortly before a move, "
            "two slides drawn)",
            "≤ 80 MB",
            ["pss_mb"],
        ),
        (
            "Memory growth over the soak's slide changes, interactions and show edits "
            "(`soak_rss_growth_mb`)",
            f"{r['soak_rss_growth_mb']} MB; live QObjects {r['soak_qobjects'][0]} → "
            f"{r['soak_qobjects'][1]}, timers {r['soak_timers'][0]} → {r['soak_timers'][1]}",
            "≤ 5 MB, no growth",
            ["soak_rss_growth_mb", "soak_qobjects"],
        ),
    ]
    video = r.get("video")
    if video:
        rows += [
            (
                "CPU while a video slide plays a 1080p25 clip, decoded in software "
                "(`video.video_cpu_pct`, share of one core)",
                f"{video['video_cpu_pct']} %",
                "",
                [],
            ),
            (
                "… peak memory meanwhile (`video.video_rss_mb`)",
                f"{video['video_rss_mb']} MB",
                "",
                [],
            ),
            (
                "… memory growth over a looping clip's soak (`video.video_soak_rss_growth_mb`)",
                f"{video['video_soak_rss_growth_mb']} MB",
                "≤ 5 MB",
                ["video.video_soak_rss_growth_mb"],
            ),
            (
                "CPU once the clip's slide has gone (`video.video_after_cpu_pct`)",
                f"{video['video_after_cpu_pct']} %",
                "≤ 2 %",
                ["video.video_after_cpu_pct"],
            ),
        ]
    for stories, seconds in r["load_s"].items():
        big = stories == "1000"
        rows.append(
            (
                f"Check and show a {stories}-story show (`load_s`, `load_rss_mb`)",
                f"{seconds} s, {r['load_rss_mb'][stories]} MB",
                "≤ 2 s, ≤ 400 MB" if big else "",
                [f"load_s.{stories}", f"load_rss_mb.{stories}"] if big else [],
            )
        )
    return rows


def format_markdown(results: dict[str, Any]) -> str:
    """The README's performance table for these results, with the figures it was made from
    (as a comment, so that the table can be checked against them)."""
    ok = verdicts(results)
    machine = results.get("machine", {})
    about = ", ".join(
        str(part)
        for part in (
            f"{machine['cores']} cores" if "cores" in machine else None,
            machine.get("os"),
            f"Python {machine['python']}" if "python" in machine else None,
            f"PySide6 {machine['pyside6']}" if "pyside6" in machine else None,
        )
        if part
    )
    lines = [
        f"Measured {results.get('measured_on', '')} on {about}"
        + (" (a quick run: small counts)" if results.get("quick") else "")
        + ".",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
    ]
    for what, measured, target, keys in _rows(results):
        known = [ok[key] for key in keys if key in ok]
        met = "" if not known else ("yes" if all(known) else "**no**")
        lines.append(f"| {what} | {measured} | {target} | {met} |")
    return "\n".join(lines)


def readme_block(results: dict[str, Any]) -> str:
    """The README's bench block: markers, the figures as a comment, and the table."""
    figures = json.dumps(results, sort_keys=True, ensure_ascii=False)
    return "\n".join(
        [TABLE_START, f"{FIGURES_MARK}{figures} -->", "", format_markdown(results), TABLE_END]
    )


def figures_in(text: str) -> dict[str, Any] | None:
    """The figures a README's bench block was made from, if it has one."""
    start = text.find(TABLE_START)
    if start < 0:
        return None
    mark = text.find(FIGURES_MARK, start)
    end = text.find(" -->", mark)
    if mark < 0 or end < 0:
        return None
    loaded: dict[str, Any] = json.loads(text[mark + len(FIGURES_MARK) : end])
    return loaded


def with_table(text: str, results: dict[str, Any]) -> str:
    """text with its bench block replaced by one for these results; ValueError when it has
    no block (both markers, in order)."""
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(f"no bench table to replace: put {TABLE_START} and {TABLE_END} in it")
    return text[:start] + readme_block(results) + text[end + len(TABLE_END) :]
