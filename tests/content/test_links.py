"""Links for QR codes: only straight web addresses that scan at kiosk size."""

from __future__ import annotations

import pytest

from kiosk.content.links import check_link, qr_version
from kiosk.content.model import LocalUrl, link_for, short_form

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x.org/", "x.org"],
)
def test_non_web_schemes_are_errors(url: str) -> None:
    [problem] = check_link(url)
    assert problem.severity == "error"
    assert "must start with https://" in problem.message


def test_campaign_links_are_clean() -> None:
    assert check_link("https://releasenow.org/manifesto/") == []
    assert check_link("https://releasenow.org/de/manifesto") == []


def test_longest_allowed_link_fits_the_qr_version() -> None:
    # The promise (docs/content.md, "Links and QR codes"): links of up to 122 characters are
    # taken, and their code stays coarse enough to scan from arm's length: version 7 (45
    # modules) at most.
    url = "https://releasenow.org/" + "a" * (122 - len("https://releasenow.org/"))
    assert len(url) == 122
    assert check_link(url) == []
    assert qr_version(url) <= 7
    assert check_link(url + "a")[0].severity == "error"


def test_credentials_and_spaces_are_errors() -> None:
    assert check_link("https://user:pw@releasenow.org/")[0].severity == "error"
    assert check_link("https://releasenow.org/a b")[0].severity == "error"


def test_tracking_parameters_warn() -> None:
    [problem] = check_link("https://releasenow.org/?fbclid=abc")
    assert problem.severity == "warning" and "fbclid" in problem.message


def test_languages_without_a_page_fall_back_to_english() -> None:
    manifesto = LocalUrl.parse(
        {"de": "https://releasenow.org/de/manifesto", "en": "https://releasenow.org/manifesto/"}
    )
    assert link_for(manifesto, "be", "de") == "https://releasenow.org/manifesto/"
    assert link_for(manifesto, "de", "de") == "https://releasenow.org/de/manifesto"


def test_short_form() -> None:
    assert short_form("https://releasenow.org/manifesto/") == "releasenow.org/manifesto"
    assert short_form("http://www.example.org/a") == "example.org/a"
