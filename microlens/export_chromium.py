"""Static images and PDF printing through the system Chromium, driven by kaleido.

One Chromium session serves a whole export: starting Chromium costs about 2 s, rendering a chart about
0.15 s, so a ten-chart deck renders every chart in the same session instead of paying the start ten times
(which `fig.to_image` would do).

We drive `kaleido.Kaleido` directly instead of `fig.to_image` for two more reasons: kaleido's default
render page loads MathJax from a CDN (a network request per export in a local-first app, and plotly.io
only forwards a MathJax setting when it is truthy, so it cannot switch it off), and we need the same
browser to print the PDF.
"""
from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import plotly.graph_objects as go

if TYPE_CHECKING:
    import kaleido

T = TypeVar("T")

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
IMAGE_FORMATS = ("png", "svg")
IMAGE_WIDTH, IMAGE_HEIGHT = 1280, 720     # an image's size in CSS pixels unless asked otherwise
# A PNG's pixels per CSS pixel unless asked otherwise: 2560×1440, sharp on a 1080p or 4K projector (at 1 a chart
# downloaded for a deck blurred when projected); an SVG scales by itself
PNG_SCALE = 2
RENDER_TIMEOUT_S = 60       # per chart; a normal chart takes well under a second
PAGE_LOAD_TIMEOUT_S = 60    # also Chromium's start, and printing a loaded report
CLOSE_TIMEOUT_S = 10
_INSTALL_HINT = ("PDF and image export need Chromium; install the 'chromium' package "
                 "(sudo apt-get install chromium) or set BROWSER_PATH to a Chrome or Chromium executable.")


class ExportUnavailable(Exception):
    """Chromium is missing or does not start: the app shows this message instead of a PDF/PNG button."""

    def __init__(self, message: str = _INSTALL_HINT) -> None:
        super().__init__(message)


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def chromium_path() -> str | None:
    """The Chromium to use: BROWSER_PATH if set, else chromium / chromium-browser / google-chrome on PATH,
    else /usr/bin/chromium. None when there is none.

    A BROWSER_PATH that is not an executable gives None rather than a fallback: whoever set it meant
    that browser, and a silent substitute would hide their mistake.
    """
    pinned = os.environ.get("BROWSER_PATH")
    if pinned:
        return pinned if _is_executable(pinned) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return DEBIAN_CHROMIUM if _is_executable(DEBIAN_CHROMIUM) else None


def _kill(browser) -> None:
    """End the browser's Chromium process, if it is still running."""
    process = getattr(browser, "subprocess", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(OSError):
            process.kill()


async def answered(step: Awaitable[T], seconds: float, doing: str, browser) -> T:
    """`step` awaited for at most `seconds`: a Chromium that died during an export (four builds at once on a busy
    machine) left its PDF waiting for an answer forever, kaleido's own render timeout never firing. Past the time
    `browser`'s Chromium is killed, so that whatever still waits on it fails at once. (Not asyncio.wait_for: it waits
    for the cancelled step's own clean-up, and kaleido's reloads its tab, which waits on a hung Chromium unbounded.)"""
    task = asyncio.ensure_future(step)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task in done:
        return task.result()
    _kill(browser)
    task.add_done_callback(lambda ended: ended.cancelled() or ended.exception())    # its error is ours, said below
    task.cancel()
    raise ExportUnavailable(f"Chromium did not answer within {seconds:.0f} s while {doing}; try the export "
                            "again.")


def _missing_message() -> str:
    pinned = os.environ.get("BROWSER_PATH")
    if pinned and not _is_executable(pinned):
        return f"BROWSER_PATH is set to {pinned!r}, which is not an executable file. {_INSTALL_HINT}"
    return _INSTALL_HINT


@contextlib.asynccontextmanager
async def chromium_session() -> AsyncIterator[kaleido.Kaleido]:
    """An open kaleido browser on the system Chromium, without MathJax (so with no network access)."""
    # Imported here: kaleido pulls in choreographer and logistro, which the app needs only on export.
    import kaleido
    from choreographer.errors import (
        BrowserDepsError,
        BrowserFailedError,
        ChromeNotFoundError,
    )

    path = chromium_path()
    if path is None:
        raise ExportUnavailable(_missing_message())
    browser = None
    try:
        browser = kaleido.Kaleido(path=path, mathjax=False, timeout=RENDER_TIMEOUT_S)
        await answered(browser.open(), PAGE_LOAD_TIMEOUT_S, "starting", browser)
    except (ChromeNotFoundError, BrowserFailedError, BrowserDepsError) as error:
        _kill(browser)      # a start cut short left its Chromium running in the app's server
        raise ExportUnavailable(f"Chromium at {path} did not start. {_INSTALL_HINT}") from error
    except BaseException:
        _kill(browser)
        raise
    try:
        yield browser
    finally:
        # a Chromium that stopped answering may not answer its close either: the export has its result (or error)
        with contextlib.suppress(ExportUnavailable):
            await answered(browser.close(), CLOSE_TIMEOUT_S, "closing", browser)
        _kill(browser)


def run_in_chromium(work: Callable[[kaleido.Kaleido], Awaitable[T]]) -> T:
    """Run `work(browser)` in one Chromium session and return its result, from synchronous code.

    The session runs on its own thread with its own event loop, because the caller (Streamlit's script
    thread, a notebook) may already have a loop running, where asyncio.run would refuse to start.
    """
    async def session() -> T:
        async with chromium_session() as browser:
            return await work(browser)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="microlens-chromium") as pool:
        return pool.submit(asyncio.run, session()).result()


async def render_images(browser: kaleido.Kaleido, figures: list[go.Figure], fmt: str,
                        width: int, height: int, scale: float) -> list[bytes]:
    options = {"format": fmt, "width": width, "height": height, "scale": scale}
    return [await answered(browser.calc_fig(figure, opts=options), RENDER_TIMEOUT_S, "drawing a chart", browser)
            for figure in figures]


def figure_images(figures: list[go.Figure], fmt: str = "png", width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT,
                  scale: float | None = None) -> list[bytes]:
    """Many charts as PNG or SVG bytes, rendered in one Chromium session; a PNG at PNG_SCALE unless `scale` says
    otherwise."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"Image format {fmt!r} is not supported; use one of {', '.join(IMAGE_FORMATS)}.")
    if not figures:
        return []
    scale = scale or (PNG_SCALE if fmt == "png" else 1)
    return run_in_chromium(lambda browser: render_images(browser, figures, fmt, width, height, scale))


def figure_image(fig: go.Figure, fmt: str = "png", width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT,
                 scale: float | None = None) -> bytes:
    """One chart as PNG or SVG bytes, exactly as drawn (title included: export_image.image_figure titles it)."""
    return figure_images([fig], fmt, width, height, scale)[0]


async def print_pdf(browser: kaleido.Kaleido, html: str, footer_template: str) -> bytes:
    """Chromium's print-to-PDF of an HTML document; page size and margins come from its CSS @page rule.

    `footer_template` is Chromium's header/footer HTML: elements with class pageNumber / totalPages are
    filled in per page.
    """
    with tempfile.TemporaryDirectory(prefix="microlens-pdf-") as folder:
        # A file rather than a data: URL: a report with ten embedded charts is megabytes long.
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        tab = await answered(browser.create_tab(""), PAGE_LOAD_TIMEOUT_S, "opening a tab", browser)
        try:
            await answered(tab.send_command("Page.enable"), PAGE_LOAD_TIMEOUT_S, "opening a tab", browser)
            loaded = tab.subscribe_once("Page.loadEventFired")
            await answered(tab.send_command("Page.navigate", params={"url": page.as_uri()}), PAGE_LOAD_TIMEOUT_S,
                           "loading the report", browser)
            await answered(loaded, PAGE_LOAD_TIMEOUT_S, "loading the report", browser)
            response = await answered(tab.send_command("Page.printToPDF", params={
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": footer_template,
            }), PAGE_LOAD_TIMEOUT_S, "printing the PDF", browser)
        finally:
            with contextlib.suppress(ExportUnavailable):
                await answered(browser.close_tab(tab.target_id), CLOSE_TIMEOUT_S, "closing a tab", browser)
    if "error" in response:
        raise RuntimeError(f"Chromium could not print the PDF: {response['error']}")
    return base64.b64decode(response["result"]["data"])
