"""The modules of a show's QR codes, made where the show is checked.

A QR code library (and the imaging library it brings) costs the running kiosk some 4 MB for a
handful of codes that never change while a show plays. The checking process makes the codes of
every link a show can put on screen (its manifesto and its call-to-action links, in each of its
languages) and hands them over with the checked show; the kiosk draws from those. A link it
was not given (a command drawing a show it checked itself) is made here, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.model import Show

Matrix = tuple[tuple[bool, ...], ...]
_GIVEN: dict[str, Matrix] = {}
MAX_GIVEN = 200


def matrix(data: str) -> Matrix:
    """The code's modules, dark as True, without its quiet zone."""
    return _GIVEN.get(data) or _made(data)


@lru_cache(maxsize=32)
def _made(data: str) -> Matrix:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def links_of(show: Show) -> set[str]:
    """Every link the show can put on screen as a code, in every one of its languages."""
    from kiosk.content.model import CallToActionSlide

    settings = show.settings
    links = set()
    for language in {*settings.languages, settings.default_language}:
        links.add(settings.manifesto_url(language))
        for slide in show.slides:
            if isinstance(slide, CallToActionSlide):
                links.add(slide.link(language, settings.default_language))
    return links


def codes_of(show: Show) -> dict[str, tuple[str, ...]]:
    """The codes of every link of the show, each row as a string of 0 and 1."""
    return {
        link: tuple("".join("1" if dark else "0" for dark in row) for row in _made(link))
        for link in sorted(links_of(show))
    }


def take(codes: dict[str, tuple[str, ...]]) -> None:
    """Codes made by the checking process for a show that may play, drawn from now on; a
    later show's code for the same link replaces an earlier one."""
    if len(_GIVEN) + len(codes) > MAX_GIVEN:
        _GIVEN.clear()  # many shows later: the codes of the shows playing come again
    for link, rows in codes.items():
        if rows and all(len(row) == len(rows) and set(row) <= {"0", "1"} for row in rows):
            _GIVEN[link] = tuple(tuple(cell == "1" for cell in row) for row in rows)
