"""The renderer: one browser, one export at a time, a hard time limit, a fresh browser after
a hang or a crash."""

import asyncio
import io
import os
import signal
import threading
import time

import plotly.graph_objects as go
import pytest
from PIL import Image

from comparisons import rendering
from tests.exports.helpers import needs_chromium, without_chromium


def square(colour: str, width: int) -> dict:
    """A figure that is one colour from edge to edge, so its image says which one it is."""
    figure = go.Figure()
    figure.update_layout(
        paper_bgcolor=colour,
        plot_bgcolor=colour,
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return {**figure.to_dict(), "layout": {**figure.to_dict()["layout"], "width": width}}


def png(colour: str, width: int) -> bytes:
    return rendering.render(square(colour, width), fmt="png", width=width, height=100)


def colour_and_width(content: bytes) -> tuple[tuple[int, int, int], int]:
    image = Image.open(io.BytesIO(content)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2)), image.width


def test_a_png_states_the_size_it_was_made_for():
    stream = io.BytesIO()
    Image.new("RGB", (1440, 100), "white").save(stream, format="PNG")

    stated = rendering.with_resolution(stream.getvalue(), pixels_per_metre=9000)

    image = Image.open(io.BytesIO(stated))
    assert image.size == (1440, 100)
    # 9000 pixels per metre: 1440 pixels are 16 cm, the text width of an A4 page.
    assert image.info["dpi"] == pytest.approx((228.6, 228.6), abs=0.1)


@without_chromium
def test_without_a_browser_rendering_says_so():
    starts = rendering.renderer.starts
    with pytest.raises(rendering.BrowserMissing):
        png("#ff0000", 100)
    assert rendering.renderer.starts == starts


@needs_chromium
def test_two_exports_asked_for_at_once_each_get_their_own_image():
    # kaleido's one browser hands concurrent callers each other's images (kaleido #444);
    # the renderer's lock must keep every image with its caller.
    jobs = [("#ff0000", 200), ("#0000ff", 320), ("#00ff00", 240), ("#ffff00", 280)]
    results: dict[int, bytes] = {}
    start = threading.Barrier(len(jobs))

    def export(index: int, colour: str, width: int) -> None:
        start.wait()
        results[index] = png(colour, width)

    threads = [
        threading.Thread(target=export, args=(index, colour, width))
        for index, (colour, width) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    expected = {
        "#ff0000": (255, 0, 0),
        "#0000ff": (0, 0, 255),
        "#00ff00": (0, 255, 0),
        "#ffff00": (255, 255, 0),
    }
    assert {index: colour_and_width(content) for index, content in results.items()} == {
        index: (expected[colour], width) for index, (colour, width) in enumerate(jobs)
    }


@needs_chromium
def test_a_render_that_hangs_is_stopped_in_time_and_the_browser_replaced(settings, monkeypatch):
    import kaleido

    settings.WIJKWIJZER_EXPORT_TIMEOUT = 3
    png("#ffffff", 100)  # a browser is running
    starts, old_processes = rendering.renderer.starts, rendering.renderer.process_ids()
    real_calc_fig = kaleido.Kaleido.calc_fig
    calls = []

    async def hangs_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            await asyncio.sleep(3600)  # as kaleido #441: no answer, ever
        return await real_calc_fig(self, *args, **kwargs)

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", hangs_once)

    began = time.monotonic()
    with pytest.raises(rendering.RenderTimeout):
        png("#ff0000", 100)
    assert time.monotonic() - began < 3 + rendering.CLOSE_SECONDS + 2
    assert not any(_alive(pid) for pid in old_processes), "the stuck browser was killed"

    # Time enough for a new browser to start as well as to draw.
    settings.WIJKWIJZER_EXPORT_TIMEOUT = 20
    assert colour_and_width(png("#ff0000", 120)) == ((255, 0, 0), 120)
    assert rendering.renderer.starts == starts + 1


@needs_chromium
def test_a_browser_that_died_between_exports_is_replaced():
    png("#ffffff", 100)
    starts = rendering.renderer.starts
    os.killpg(rendering.renderer.process_ids()[0], signal.SIGKILL)

    assert colour_and_width(png("#0000ff", 150)) == ((0, 0, 255), 150)
    assert rendering.renderer.starts == starts + 1


@needs_chromium
def test_a_stopped_renderer_leaves_no_browser_behind():
    png("#ffffff", 100)
    processes = rendering.renderer.process_ids()
    assert processes

    rendering.renderer.stop()

    assert rendering.renderer.process_ids() == []
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in processes)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child that nobody has waited for yet is a zombie: gone for our purposes.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"
