"""The documentation site (mkdocs.yml), built with `mkdocs build --strict` and checked in a
real browser: Debian's Chromium, driven by Playwright (no browser download).

Needs the `docs` extra and Chromium (`apt-get install chromium`). Without them these tests
skip on a developer's machine, and fail in CI (`CI=true`), which installs both. The pages'
screenshots go to `build/screenshots/`, for a person to look at.
"""

from __future__ import annotations

import contextlib
import functools
import html.parser
import http.server
import importlib.util
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from ..helpers import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.site

SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages a reviewer opens: the home page, a shape, a rule, and the pages with pictures.
PAGES = {
    "home": "",
    "shape": "reference/S3Encryption/",
    "rule": "rules/GS102/",
    "architecture": "architecture/",
    "lint": "lint/",
    "api": "api/",
}
PHONE: ViewportSize = {"width": 390, "height": 844}


def _missing(reason: str) -> NoReturn:
    """Skip, on a developer's machine; fail in CI, which must run every test."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    _missing("Chromium is not installed (Debian: apt-get install chromium)")


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One process at a time (pytest-xdist's workers share the built site)."""
    try:
        import fcntl
    except ImportError:  # Windows: each worker builds into its own folder anyway
        yield
        return
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per test run (`mkdocs build --strict`)."""
    if not all(importlib.util.find_spec(name) for name in ("mkdocs", "material")):
        _missing("mkdocs is not installed: pip install -e '.[docs]'")
    # The run's own temporary folder, shared by its xdist workers.
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    built = shared / "site"
    with _lock(shared / "site.lock"):
        if not (built / "index.html").is_file():
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(built)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr
    return built


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: pip install -e '.[docs]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def _load(page: Page, url: str) -> list[str]:
    """Open `url`; every console error, uncaught exception, failed request and request to
    another site on the way."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(f"console: {message.text}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    # Everything comes from the site itself: no fonts, scripts or pictures from elsewhere.
    origin = url[: url.index("/", len("http://")) + 1]
    page.on(
        "request",
        lambda request: None
        if request.url.startswith((origin, "data:", "blob:"))
        else problems.append(f"elsewhere: {request.url}"),
    )
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return problems


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors(page: Page, site_url: str, name: str) -> None:
    problems = _load(page, site_url + PAGES[name])
    _screenshot(page, f"desktop-{name}")
    assert problems == []
    assert page.locator("h1").count() == 1
    # Every image on the page was found and drawn (the diagrams and charts are files).
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("KmsKeyArn", "reference/S3Encryption/"), ("GS102", "rules/GS102/")],
)
def test_search_finds(page: Page, site_url: str, query: str, expected: str) -> None:
    problems = _load(page, site_url)
    search = page.locator("input.md-search__input")
    search.click()
    # The index loads in a worker; until then the results say "Initializing search".
    page.wait_for_function(
        "!/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    search.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    links = [link.get_attribute("href") or "" for link in results.locator("a").all()]
    _screenshot(page, f"search-{query}")
    assert problems == []
    assert any(expected in link for link in links), links


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_width_has_no_horizontal_scroll(browser: Browser, site_url: str, name: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    try:
        phone = context.new_page()
        phone.goto(site_url + PAGES[name], wait_until="networkidle")
        _screenshot(phone, f"phone-{name}")
        widths = phone.evaluate(
            "({page: document.documentElement.scrollWidth, screen: window.innerWidth})"
        )
        assert widths["page"] <= widths["screen"], widths
    finally:
        context.close()


def test_home_page_leads_to_each_use_in_one_click(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    main = home[home.index('<article class="md-content__inner') :]
    for page in ("validating/", "testing/", "lint/"):
        assert f'href="{page}"' in main, page


class _Links(html.parser.HTMLParser):
    """The ids of one HTML page, and the links and sources it refers to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if found.get(name):
                self.ids.add(str(found[name]))
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for other sites' links."""
    if urlsplit(link).scheme or link.startswith(("//", "mailto:", "data:")):
        return None
    path, fragment = urldefrag(link)
    base = page.parent.relative_to(site).as_posix()
    resolved = posixpath.normpath(posixpath.join(base, unquote(path))) if path else None
    target = page if resolved is None else site / resolved
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, _Links] = {}
    for path in pages:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    broken = []
    checked = 0
    for path, parser in parsed.items():
        if path.name == "404.html":  # served at any depth: its links are the server's
            continue
        for link in parser.links:
            found = _target(site, path, link)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            where = f"{path.relative_to(site)}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no {target.relative_to(site)})")
            elif fragment and target.suffix == ".html" and fragment not in parsed[target].ids:
                broken.append(f"{where} (no #{fragment})")
    assert broken == [], "\n".join(broken)
    assert checked > 1000  # the shape reference alone links every shape to its users


def test_every_shape_and_rule_has_a_page(site: Path) -> None:
    import glue_security as gs

    names = [*gs.MODELS, *gs.ENUMS, *gs.OPERATIONS]
    assert [n for n in names if not (site / "reference" / n / "index.html").is_file()] == []
    rules = list(gs.LINT_RULES)
    assert rules
    assert [r for r in rules if not (site / "rules" / r / "index.html").is_file()] == []


def test_shape_pages_show_an_example_from_the_checked_files(site: Path) -> None:
    import glue_security as gs

    def example(name: str) -> str:
        page = (site / "reference" / name / "index.html").read_text(encoding="utf-8")
        assert 'id="example"' in page, name
        return page[page.index('id="example"') :]

    # Every operation shows a request, and every data type sent in a request its payload.
    for name in [*gs.OPERATIONS, *gs.REQUESTS, "S3Encryption", "EncryptionConfiguration"]:
        example(name)
    assert "KmsKeyArn" in example("S3Encryption")
    assert "examples/valid/CreateSecurityConfiguration.json" in example("S3Encryption")
    # Responses are the in-memory service's answers to those requests.
    assert "in-memory service" in example("GetSecurityConfigurationResponse")


def test_benchmark_page_shows_a_chart_per_group(site: Path) -> None:
    """One image per group of rows in benchmarks/results/*.json, however many files."""
    import json

    groups = {
        row["group"]
        for path in sorted((ROOT / "benchmarks" / "results").glob("*.json"))
        for row in json.loads(path.read_text(encoding="utf-8"))["rows"]
    }
    page = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="\.\./assets/benchmarks/([^"]+\.svg)"', page)
    assert len(images) == len(groups)
    assert all((site / "assets" / "benchmarks" / image).is_file() for image in images)
    if not groups:
        assert "No benchmark results are recorded yet" in page


def test_diagrams_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "diagrams.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + "\nrun: python docs/diagrams.py"
