"""`handout` prints the show to a PDF: what a reader finds on paper, and what never gets there."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.content import Show
from kiosk.output import handout as handout_module
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.style import Palette
from tests.widgets import decode_qr, require_tool

GERMAN_MANIFESTO = "https://releasenow.org/de/manifesto"
ENGLISH_MANIFESTO = "https://releasenow.org/manifesto/"


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Hidden stories are read from the kiosk's data folder: a fresh one for each test."""
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    return data


def poppler(tool: str, *args: str) -> str:
    done = subprocess.run(
        [require_tool(tool), *args], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def pdf_info(pdf: Path, field: str) -> str:
    match = re.search(rf"^{field}:\s+(.+)$", poppler("pdfinfo", str(pdf)), re.M)
    assert match is not None
    return match.group(1)


def page_count(pdf: Path) -> int:
    return int(pdf_info(pdf, "Pages"))


def page_size(pdf: Path) -> str:
    return pdf_info(pdf, "Page size")


def words(pdf: Path) -> str:
    """The PDF's text as a reader sees it, line breaks as spaces."""
    return " ".join(poppler("pdftotext", str(pdf), "-").split())


def pages_at(pdf: Path, dpi: int, tmp_path: Path) -> list[QImage]:
    prefix = tmp_path / f"page-{dpi}"
    poppler("pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix))
    return [QImage(str(path)) for path in sorted(tmp_path.glob(f"page-{dpi}-*.png"))]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = cli.main(["handout", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_a4_handout_carries_the_show_in_vectors_and_text(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "handout.pdf"
    code, out, _ = run(["--out", str(pdf)], capsys)
    assert code == 0
    assert out == [f"{pdf}: 2 A4 pages, language 'de'"]
    assert page_count(pdf) == 2
    assert page_size(pdf).endswith("(A4)")
    text = words(pdf)
    for expected in (
        "Die Zeit für Freilassungen ist JETZT",  # the headline
        "Mehr als 1.100 von ihnen sind weiterhin inhaftiert",  # the key text
        "Politische Gefangene pro Million Einwohner",  # the chart, with its figures,
        "Quellen: Viasna (Belarus)",  # its sources and as-of date
        "Stand: Mai 2025",
        "Anastassija Bulybenko",  # the quotes
        "Ales Bjaljazki",
        "Eine Studentin",  # the stories marked for print
        "Ein Vater",
        "Unterstützen Sie das Manifest",  # and the appeal with its address
        "releasenow.org/de/manifesto",
    ):
        assert expected in text
    assert "Eine Lehrerin" not in text  # a story not marked for print
    laid_out = poppler("pdftotext", "-layout", str(pdf), "-")
    # Numbered pages; the page without the code still names the manifesto's address.
    first, second = laid_out.split("\f")[:2]
    assert re.search(r"releasenow\.org/de/manifesto\s+1/2\s*$", first)
    assert re.search(r"\s2/2\s*$", second)
    rows = laid_out.splitlines()
    for label, value in (("Belarus", 140), ("Aserbaidschan", 56), ("Venezuela", 33)):
        assert any(re.fullmatch(rf"\s*{label}\s+{value}\s*", row) for row in rows)
    # The only pictures are the two stories' illustrations: chart and code are vectors.
    listed = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert [line.split()[2] for line in listed].count("image") == 2
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
    assert b"/GTS_PDFX" in pdf.read_bytes()  # PDF/X, as print shops ask for


def test_the_printed_code_scans_after_rasterising_at_150_dpi(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for paper, language, manifesto in (
        ("A4", "de", GERMAN_MANIFESTO),
        ("A5", "en", ENGLISH_MANIFESTO),
        ("Letter", "ru", ENGLISH_MANIFESTO),  # no Russian page: the English one
    ):
        pdf = tmp_path / f"{paper}-{language}.pdf"
        code, _, _ = run(["--out", str(pdf), "--paper", paper, "--lang", language], capsys)
        assert code == 0
        found = [url for page in pages_at(pdf, 150, tmp_path) for url in decode_qr(page, tmp_path)]
        assert found == [manifesto]
        for old in tmp_path.glob("page-150-*.png"):
            old.unlink()


def test_a5_is_a_flyer_front_and_back_and_says_what_gave_way(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "flyer.pdf"
    code, out, _ = run(["--out", str(pdf), "--paper", "a5", "--lang", "en"], capsys)
    assert code == 0
    assert out[0] == f"{pdf}: 2 A5 pages, language 'en'"
    assert out[1].startswith("no room for: ") and out[1].endswith("(A4 has room for more)")
    assert page_count(pdf) == 2
    assert page_size(pdf).endswith("(A5)")
    text = words(pdf)
    assert "The time for release is NO:W" in text
    assert "A student" in text  # the first story printed never gives way
    assert "Political prisoners per million inhabitants" in text
    assert "Sources: Viasna (Belarus)" in text
    assert "releasenow.org/manifesto" in text
    for left_out in out[1].removeprefix("no room for: ").split(" (")[0].split(", "):
        assert left_out in {
            "story-father",
            "quote-bialiatski",
            "quote-bulybenko",
            "why",
        }


def test_letter_paper(qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "letter.pdf"
    assert run(["--out", str(pdf), "--paper", "Letter"], capsys)[0] == 0
    assert page_size(pdf).endswith("(letter)")
    assert page_count(pdf) <= 2


def test_bars_on_paper_are_as_long_as_their_values(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], default_show: Show
) -> None:
    pdf = tmp_path / "handout.pdf"
    assert run(["--out", str(pdf), "--lang", "en"], capsys)[0] == 0
    page = pages_at(pdf, 100, tmp_path)[0].convertToFormat(QImage.Format.Format_RGB888)
    palette = Palette.for_paper(default_show.settings.theme)
    colours = tuple(bytes.fromhex(c.name()[1:]) for c in (palette.accent, palette.bar))
    lengths = bar_lengths(page, colours)
    # Belarus 140 in the accent colour; Azerbaijan 56, Venezuela 33, Russia 4 in grey.
    assert len(lengths) == 4
    longest = lengths[0]
    for length, value in zip(lengths, (140, 56, 33, 4), strict=True):
        assert length == pytest.approx(longest * value / 140, abs=2)


def bar_lengths(page: QImage, colours: tuple[bytes, ...]) -> list[int]:
    """Each bar's length in pixels, top to bottom.

    A bar is a run of rows in a bar colour, each as long as the others: text or a thin rule in
    the same colour never is.
    """
    groups: list[list[int]] = []
    previous = False
    for y in range(page.height()):
        row = bytes(page.constScanLine(y))[: page.width() * 3]  # type: ignore[call-overload]
        longest = 0
        for colour in colours:
            for match in re.finditer(b"(?:" + re.escape(colour) + b")+", row):
                if match.start() % 3 == 0:
                    longest = max(longest, (match.end() - match.start()) // 3)
        if longest >= 4:
            if not previous:
                groups.append([])
            groups[-1].append(longest)
        previous = longest >= 4
    bars = []
    for lengths in groups:
        middle = sorted(lengths[2:-2])
        if len(middle) >= 8 and middle[-1] - middle[0] <= 2:
            bars.append(middle[len(middle) // 2])
    return bars


def test_stories_hidden_by_staff_are_not_printed(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], own_data_dir: Path
) -> None:
    own_data_dir.mkdir()
    (own_data_dir / "state.json").write_text(json.dumps({"hidden_stories": ["story-student"]}))
    pdf = tmp_path / "handout.pdf"
    code, out, _ = run(["--out", str(pdf)], capsys)
    assert code == 0
    assert "not printed: 'story-student': hidden by staff" in out
    text = words(pdf)
    assert "Eine Studentin" not in text
    assert "Ein Vater" in text


def test_a_show_without_an_appeal_still_prints_the_manifesto_code(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text(
        "settings:\n"
        "  languages: [en]\n"
        "  default_language: en\n"
        f"  manifesto: {ENGLISH_MANIFESTO}\n"
        "slides:\n"
        "  - {id: hello, kind: title, headline: Free them all}\n"
        "  - id: chart\n"
        "    kind: stats\n"
        "    headline: Per million\n"
        "    rows: [{label: Belarus, value: 140}, {label: Russia, value: 4}]\n"
        "    sources: [Viasna]\n"
        "    as_of: 2025-05\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "handout.pdf"
    assert run([str(folder), "--out", str(pdf), "--paper", "A5"], capsys)[0] == 0
    assert "Take the manifesto with you" in words(pdf)
    assert [u for p in pages_at(pdf, 150, tmp_path) for u in decode_qr(p, tmp_path)] == [
        ENGLISH_MANIFESTO
    ]


def test_an_opening_too_long_for_the_paper_is_an_error_not_a_cut(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "show"
    folder.mkdir()
    text = " ".join(["Freiheit für alle politischen Gefangenen."] * 45)
    rows = ", ".join(f"{{label: Land {n}, value: {n}}}" for n in range(1, 11))
    (folder / "show.yaml").write_text(
        "settings:\n"
        "  languages: [de]\n"
        "  default_language: de\n"
        f"  manifesto: {GERMAN_MANIFESTO}\n"
        "slides:\n"
        f"  - {{id: long, kind: title, headline: Lang, text: '{text}'}}\n"
        f"  - {{id: chart, kind: stats, headline: Viele, rows: [{rows}], sources: [X], "
        "as_of: 2025-05}\n"
        f"  - {{id: person, kind: story, archetype: true, print: true, name: Eine Person, "
        f"line: Eine Zeile, body: '{text}'}}\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "handout.pdf"
    code, _, err = run([str(folder), "--out", str(pdf), "--paper", "A5"], capsys)
    assert code == 2
    assert err.strip() == (
        "error: the opening, the first chart, the first story and the QR code do not fit on 2 A5 "
        "pages even in the smallest type; shorten their text or choose larger paper"
    )
    assert not pdf.exists()


def test_a_failed_write_leaves_the_previous_handout_whole(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(b"%PDF previous handout")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handout_module.HandoutComposer, "paint_page", disk_full)
    code, _, err = run(["--out", str(pdf)], capsys)
    assert code == 1
    assert err.strip() == f"error: cannot write {pdf}: No space left on device"
    assert pdf.read_bytes() == b"%PDF previous handout"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["handout.pdf"]


def test_broken_content_gets_the_report_and_no_pdf(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "show.yaml").write_text("settings: {}\nslides: []\n", encoding="utf-8")
    code, _, err = run([str(tmp_path), "--out", str(tmp_path / "h.pdf")], capsys)
    assert code == 2
    assert err.splitlines()[-1].endswith("errors, 0 warnings")
    assert not (tmp_path / "h.pdf").exists()


def test_stories_give_way_before_figures_and_big_figures_still_fit(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    show_yaml = folder / "show.yaml"
    text = show_yaml.read_text(encoding="utf-8").replace("    print: true\n", "")
    marked = [
        "story-student",
        "story-teacher",
        "story-journalist",
        "story-father",
        "story-pensioner",
    ]
    for slide_id in ["why", "act-now", *marked]:
        head = f"  - id: {slide_id}\n"
        assert head in text
        text = text.replace(head, f"{head}    print: true\n")
    show_yaml.write_text(text, encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    code, out, _ = run([str(folder), "--out", str(pdf), "--lang", "en"], capsys)
    assert code == 0
    # The facts, with "Thousands" set large across a third of the page, are printed...
    printed = words(pdf)
    assert "We must act NOW" in printed and "Thousands" in printed and "1,100+" in printed
    # ...and the stories that gave way for them are the last ones of the show.
    assert out[-1].startswith("no room for: ")
    left_out = out[-1].removeprefix("no room for: ").split(", ")
    assert left_out == marked[::-1][: len(left_out)]


@pytest.mark.parametrize("language", [None, "de", "en", "be", "ru"])
def test_the_a5_flyer_prints_in_every_language_of_the_default_show(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str | None
) -> None:
    """The flyer docs/content.md shows: an A5 sheet, front and back, with the opening, the first
    chart, the first story and the manifesto's code, in each language (and in the show's own
    without --lang)."""
    pdf = tmp_path / "flyer.pdf"
    chosen = ["--lang", language] if language else []
    code, out, _ = run(["--out", str(pdf), "--paper", "A5", *chosen], capsys)
    assert code == 0
    assert out[0] == f"{pdf}: 2 A5 pages, language '{language or 'de'}'"
    assert page_count(pdf) == 2
    assert "story-student" not in out[-1]
    manifesto = GERMAN_MANIFESTO if language in (None, "de") else ENGLISH_MANIFESTO
    assert [u for p in pages_at(pdf, 150, tmp_path) for u in decode_qr(p, tmp_path)] == [manifesto]


def test_the_imprint_is_printed_on_every_page(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    show = folder / "show.yaml"
    imprint = "V.i.S.d.P.: Beispiel-Initiative e.V., Musterstraße 1, 10115 Berlin"
    text = show.read_text(encoding="utf-8").replace(
        "  manifesto:\n", f'  imprint: "{imprint}"\n  manifesto:\n', 1
    )
    show.write_text(text, encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    assert run([str(folder), "--out", str(pdf)], capsys)[0] == 0
    pages = poppler("pdftotext", str(pdf), "-").split("\f")
    printed = [" ".join(page.split()) for page in pages if page.strip()]
    assert len(printed) == 2
    assert all(imprint in page for page in printed)


def test_line_art_prints_as_lines_not_dark_discs(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The story's drawing, light lines made for the dark screen, prints dark on light."""
    pdf = tmp_path / "handout.pdf"
    assert run(["--out", str(pdf), "--lang", "en"], capsys)[0] == 0
    first = pages_at(pdf, 50, tmp_path)[0]
    # The student's flower stands at the left of the last piece on page 1 (docs/images).
    dark = total = 0
    for x in range(first.width() // 20, first.width() // 5):
        for y in range(first.height() * 7 // 10, first.height() * 9 // 10):
            total += 1
            dark += first.pixelColor(x, y).lightness() < 80
    assert 0.02 < dark / total < 0.25  # lines, not a filled disc and not nothing
