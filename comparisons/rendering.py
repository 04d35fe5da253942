"""Chart images from plotly figures, drawn by one long-lived Chromium through kaleido.

A new browser per export costs about three seconds; one kept open costs a tenth of that per
image. Kaleido's own ``start_sync_server()`` keeps one open too, but its calls have no time
limit and its ``stop_sync_server()`` waits forever on a render that hangs (kaleido #441), so
a stuck browser could never be replaced. Here kaleido's ``Kaleido`` runs on an event loop of
our own instead: every render has a hard time limit, and a browser that overruns it is killed
and started afresh by the next export. One lock serialises the renders, since one kaleido
session mixes up the images of concurrent calls (kaleido #444).

Each process has its own browser (a gunicorn worker, a test worker); it starts on the first
export, not at import, and is shut down when the process exits.
"""

import asyncio
import atexit
import logging
import os
import signal
import struct
import threading
import time
import zlib
from concurrent.futures import Future
from functools import lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# Even a healthy Chromium grows a little with every page load; a fresh one now and then keeps
# its memory bounded however long the process runs.
RENDERS_PER_BROWSER = 500
# Closing a browser politely takes well under a second; after this, it is killed.
CLOSE_SECONDS = 5


class ExportUnavailable(Exception):
    """A chart image cannot be made now; the user gets a 503 that says why."""


class BrowserMissing(ExportUnavailable):
    """No Chromium on this server."""


class RenderTimeout(ExportUnavailable):
    """The renderer did not answer in time, or was busy for too long with other exports."""


class RenderFailed(ExportUnavailable):
    """The browser failed to draw the figure, or to start."""


@lru_cache(maxsize=4)
def _find_browser(configured: str) -> str | None:
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    # Imported here: choreographer is only needed once an export is asked for.
    from choreographer.browsers.chromium import Chromium

    # Chromium, Chrome or another Chromium-based browser on PATH or in its usual place.
    return Chromium.find_browser(skip_local=False)


def browser_path() -> str | None:
    """The browser kaleido will draw with: BROWSER_PATH if set, else one found on PATH."""
    return _find_browser(settings.WIJKWIJZER_BROWSER_PATH)


def is_available() -> bool:
    return browser_path() is not None


class Renderer:
    """One browser, one render at a time, each within the export time limit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner = os.getpid()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._renders_by_browser = 0
        # For the benchmark and the tests: how often a browser was started (and how long the
        # last start took), and how often one drew.
        self.starts = 0
        self.start_seconds = 0.0
        self.renders = 0

    def render(self, figure: dict, *, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
        """The figure as PNG, SVG or PDF bytes; ExportUnavailable if that cannot be done."""
        if browser_path() is None:
            raise BrowserMissing("Chromium is not installed")
        limit = settings.WIJKWIJZER_EXPORT_TIMEOUT
        # The wait behind other exports has the limit too, but its own: were it taken from the
        # drawing's, a long queue would look like a hung browser and get a healthy one killed.
        if not self._lock.acquire(timeout=limit):
            raise RenderTimeout("the renderer was busy with other exports for too long")
        deadline = time.monotonic() + limit
        try:
            options = {"format": fmt, "width": width, "height": height, "scale": scale}
            try:
                return self._draw(figure, options, deadline)
            except _BrowserDied:
                # Chromium died between exports (killed, out of memory): one fresh try.
                logger.warning("The chart renderer's browser had died; starting a new one.")
                self._stop(kill=True)
                try:
                    return self._draw(figure, options, deadline)
                except _BrowserDied as error:
                    raise RenderFailed("the browser died while drawing") from error
        finally:
            self._lock.release()

    def _draw(self, figure: dict, options: dict, deadline: float) -> bytes:
        if self._owner != os.getpid():
            # A forked child (a preloading WSGI server) must not share its parent's browser.
            self._forget()
            self._owner = os.getpid()
        if self._renders_by_browser >= RENDERS_PER_BROWSER:
            self._stop(kill=False)
        if self._kaleido is None:
            self._start(deadline)
        try:
            data = self._call(self._kaleido.calc_fig(figure, opts=options), deadline)
        except TimeoutError as error:
            logger.error("A chart export took too long; restarting the renderer.")
            self._stop(kill=True)
            raise RenderTimeout("the export took too long") from error
        except Exception as error:
            if self._browser_alive():
                # The browser is fine; plotly could not draw this figure.
                raise RenderFailed(str(error)) from error
            raise _BrowserDied from error
        self._renders_by_browser += 1
        self.renders += 1
        return data

    def _start(self, deadline: float) -> None:
        path = browser_path()
        if path is None:
            raise BrowserMissing("Chromium is not installed")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="chart-renderer", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        began = time.monotonic()
        try:
            # Kept before it opens, so that one which hangs while opening can be killed too.
            self._kaleido = _new_browser(path)
            self._call(self._kaleido.open(), deadline)
        except TimeoutError as error:
            self._stop(kill=True)
            raise RenderTimeout("the browser took too long to start") from error
        except Exception as error:
            self._stop(kill=True)
            raise RenderFailed(f"the browser did not start: {error}") from error
        self._renders_by_browser = 0
        self.starts += 1
        self.start_seconds = time.monotonic() - began

    def _call(self, coroutine, deadline: float):
        future: Future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=max(deadline - time.monotonic(), 0.1))
        except TimeoutError:
            future.cancel()
            raise

    def _browser_alive(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return process is not None and process.poll() is None

    def process_ids(self) -> list[int]:
        """The browser's processes (its launcher, Chromium and Chromium's helpers)."""
        process = getattr(self._kaleido, "subprocess", None)
        if process is None or process.poll() is not None:
            return []
        # Chromium runs in a session of its own, so its process group holds all of it.
        return [pid for pid in _all_process_ids() if _process_group(pid) == process.pid]

    def stop(self) -> None:
        """Close the browser; the next export starts a new one."""
        with self._lock:
            if self._owner == os.getpid():
                self._stop(kill=False)

    def _stop(self, *, kill: bool) -> None:
        kaleido, loop, thread = self._kaleido, self._loop, self._thread
        self._forget()
        if kaleido is not None and kill:
            _kill_group(kaleido)
        if kaleido is not None and loop is not None:
            try:
                # After a kill this only tidies up (temporary folder, pipes).
                asyncio.run_coroutine_threadsafe(kaleido.close(), loop).result(CLOSE_SECONDS)
            except Exception:
                logger.warning("The chart renderer did not close cleanly; killing it.")
                _kill_group(kaleido)
        if loop is not None:
            try:
                # Kaleido's and choreographer's own tasks (a watchdog, a reader) end too.
                asyncio.run_coroutine_threadsafe(_cancel_tasks(), loop).result(CLOSE_SECONDS)
            except Exception:
                logger.warning("The chart renderer's tasks did not end in time.")
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(CLOSE_SECONDS)
            if thread is None or not thread.is_alive():
                loop.close()

    def _forget(self) -> None:
        self._kaleido, self._loop, self._thread = None, None, None


class _BrowserDied(Exception):
    pass


def _new_browser(path: str):
    # Imported here: kaleido checks its plotly version on import, which need not happen
    # in a process that never exports.
    import kaleido

    # Kaleido and choreographer log every tab hand-over at INFO: noise in the server's log.
    for name in ("kaleido", "choreographer"):
        logging.getLogger(name).setLevel(logging.WARNING)

    class Page(kaleido.PageGenerator):
        # The PDF's title field shows this, where kaleido would say "Kaleido-fier".
        header = kaleido.PageGenerator.header.replace("Kaleido-fier", "Wijkwijzer")

    # mathjax=False: MathJax would come from a CDN, and the ministry's laptops have no
    # internet; plotly.js comes from the installed plotly package. Kaleido's own time limit
    # is off: ours (above) also covers a hang outside the drawing itself.
    return kaleido.Kaleido(path=path, page_generator=Page(mathjax=False), timeout=None)


async def _cancel_tasks() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _kill_group(kaleido) -> None:
    process = getattr(kaleido, "subprocess", None)
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait(CLOSE_SECONDS)


def _all_process_ids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _process_group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


renderer = Renderer()
atexit.register(renderer.stop)


def render(figure: dict, *, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """Draw a figure (plotly's dict form) with this process's renderer."""
    return renderer.render(figure, fmt=fmt, width=width, height=height, scale=scale)


def with_resolution(png: bytes, *, pixels_per_metre: int) -> bytes:
    """The PNG with its physical size stated (a pHYs chunk), so that Word and PowerPoint
    paste it at the width it was made for instead of guessing 96 dots per inch."""
    signature, header_end = png[:8], 8 + 8 + 13 + 4  # the signature, then the IHDR chunk
    payload = struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1)  # 1: unit is metre
    chunk = b"pHYs" + payload
    physical = struct.pack(">I", len(payload)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return signature + png[8:header_end] + physical + png[header_end:]
