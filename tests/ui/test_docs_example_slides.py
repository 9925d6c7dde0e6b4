"""The complete example in docs/content.md, copied as it stands, gives slides worth showing."""

from __future__ import annotations

from pathlib import Path

from kiosk.content import load_show
from tests.content.test_docs_example import example_folder


def test_every_slide_of_the_example_is_one_you_would_show(tmp_path: Path, qapp: object) -> None:
    """Copied as it stands, the example gives slides worth showing: no placeholder text, no
    line that repeats what the slide already says, everything readable on a landscape and a
    portrait screen."""
    from kiosk.ui.fonts import font_families
    from kiosk.ui.slides import ImageStore, SlideContext, view_for
    from kiosk.ui.style import Palette, Style

    loaded = load_show(example_folder(tmp_path))
    assert loaded.show is not None and loaded.report.diagnostics == []
    show = loaded.show
    problems = []
    for language in show.settings.languages:
        for size in ((1920, 1080), (1080, 1920)):
            style = Style(*size, Palette.from_theme(show.settings.theme), tuple(font_families()))
            ctx = SlideContext(show, language, style, ImageStore(tmp_path))
            for slide in show.slides:
                view = view_for(slide, ctx)
                texts = [i.text.strip() for i in view.text_items() if i.text]
                if not view.readable:
                    problems.append(f"{slide.id} {language} {size}: text too small to read")
                for text in texts:
                    if text in ("…", "...") or text.endswith((" …", "...")):
                        problems.append(f"{slide.id} {language}: placeholder {text!r}")
                simple = [t.lower().rstrip(".!:") for t in texts]
                repeated = {t for t in simple if simple.count(t) > 1}
                if repeated:
                    problems.append(f"{slide.id} {language}: says twice {sorted(repeated)}")
    assert not problems, "\n".join(problems)
