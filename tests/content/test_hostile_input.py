"""Inputs built to hurt a parser: each gives one clear error, fast, in little memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import load_show
from tests.content.conftest import MINIMAL_SHOW

# Run in a fresh process so peak memory belongs to this one load alone.
PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from kiosk.content import load_show
    start = time.perf_counter()
    loaded = load_show(Path(sys.argv[1]), decode_pictures=True)
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss: the latter survives exec and would report pytest's own peak.
    peak_mb = next(int(l.split()[1]) for l in open("/proc/self/status")
                   if l.startswith("VmHWM:")) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb,
                      "lines": [d.format() for d in loaded.report.sorted()]}))
    """
)


def _probe(folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias-bomb": (_alias_bomb(), "aliases ('*name') expand to more than 200,000 values"),
    "deep-flow-nesting": ("[" * 10_000 + "]" * 10_000, "nesting is deeper than 32 levels"),
    "deep-block-nesting": (
        "".join(" " * i + "a:\n" for i in range(1000)),
        "nesting is deeper than 32 levels",
    ),
    "python-object": (
        "!!python/object/apply:subprocess.call [[touch, /tmp/pwned]]\n",
        "YAML tag '!!python/object/apply:subprocess.call' is not allowed",
    ),
    "two-documents": (MINIMAL_SHOW + "---\n" + MINIMAL_SHOW, "more than one YAML document"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_yaml_is_refused_quickly(name: str, make_folder: Callable[..., Path]) -> None:
    text, message = HOSTILE[name]
    folder = make_folder(text)
    result = _probe(folder)
    lines = result["lines"]
    assert isinstance(lines, list)
    assert len(lines) == 1 and message in lines[0] and ": error: " in lines[0]
    assert float(result["seconds"]) < 2  # type: ignore[arg-type]
    assert float(result["peak_mb"]) < 200  # type: ignore[arg-type]
    assert not Path("/tmp/pwned").exists()


def test_huge_file_is_refused_without_reading_it(make_folder: Callable[..., Path]) -> None:
    folder = make_folder(None)
    with (folder / "show.yaml").open("wb") as handle:  # sparse: 200 MB on paper, none on disk
        handle.truncate(200_000_000)
    result = _probe(folder)
    assert result["lines"] == [
        "show/show.yaml: error: file is 200 MB; a show file may be at most 1 MB"
    ]
    assert float(result["peak_mb"]) < 200  # type: ignore[arg-type]


def test_unreadable_file(make_folder: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_folder()
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "show.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    report = load_show(folder).report
    assert [d.format() for d in report.sorted()] == [
        "show/show.yaml: error: cannot read file: Permission denied"
    ]


def test_control_character(make_folder: Callable[..., Path]) -> None:
    folder = make_folder(MINIMAL_SHOW.replace("Hello", "Hel\x07lo"))
    assert [d.format() for d in load_show(folder).report.sorted()] == [
        "show/show.yaml:9:34: error: file contains the control character U+0007, which YAML forbids"
    ]


def test_utf8_bom_is_accepted(make_folder: Callable[..., Path]) -> None:
    folder = make_folder(b"\xef\xbb\xbf" + MINIMAL_SHOW.encode())
    assert load_show(folder).report.ok


def test_html_in_text_is_kept_as_written(make_folder: Callable[..., Path]) -> None:
    text = '<img src="file:///etc/passwd"><b>bold</b>'
    folder = make_folder(MINIMAL_SHOW.replace("Hello", f"'{text}'"))
    show = load_show(folder).show
    assert show is not None
    assert show.slides[0].headline.get("en") == text  # type: ignore[union-attr]


# Every broken folder of the table, run as the hostile cases are: in a fresh process, with the
# same bounds. Together with the cases above, well over forty.
def test_every_broken_folder_is_refused_quickly_and_cheaply(
    make_folder: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.content.test_broken_folders import CASES

    assert len(CASES) + len(HOSTILE) >= 40
    for case in CASES:
        folder = tmp_path / case.name
        folder.mkdir()
        if case.show is not None:
            data = case.show if isinstance(case.show, bytes) else case.show.encode()
            (folder / "show.yaml").write_bytes(data)
        for name, content in case.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        result = _probe(folder)
        lines = result["lines"]
        assert isinstance(lines, list) and lines, case.name
        # The same message as the table expects, however the folder is named.
        first = case.expected[0].split(": ", 1)[1]
        assert any(line.endswith(first) for line in lines), (case.name, lines)
        assert float(result["seconds"]) < 2, case.name  # type: ignore[arg-type]
        assert float(result["peak_mb"]) < 300, case.name  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Freiheit ✊🏻 für alle 🕊️",  # emoji with modifiers and variation selectors
        "חופש לאסירים הפוליטיים בבלארוס",  # right to left
        "ў́ й̈ é́ – c̷̙̲ơ̷m̸̤̆b̶͎̊i̵̹͑n̴̜͘i̶̙͝n̸̤̾g̴̢̈",  # combining marks piled up
        "\u202eright-to-left override\u202c and \u200bzero\u200bwidth",
    ],
)
def test_unusual_text_is_accepted_as_text(text: str, make_folder: Callable[..., Path]) -> None:
    folder = make_folder(MINIMAL_SHOW.replace("Hello", json.dumps(text, ensure_ascii=False)))
    loaded = load_show(folder)
    assert loaded.report.ok
    assert loaded.show is not None
    assert loaded.show.slides[0].headline.get("en") == text  # type: ignore[union-attr]


def test_a_ten_thousand_character_string(make_folder: Callable[..., Path]) -> None:
    folder = make_folder(MINIMAL_SHOW.replace("Hello", "x" * 10_000))
    lines = [d.format() for d in load_show(folder).report.sorted()]
    assert lines == [
        "show/show.yaml:9:15: error: 'headline' in slide 'start': text for 'en' is 10,000 "
        "characters long; a slide shows at most 2,000"
    ]
