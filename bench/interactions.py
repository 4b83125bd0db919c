"""Interaction benchmark: how long the knobs a user turns first take to answer, and what they send.

Run from the project root:  python3 -m bench.interactions  [--repeat 3] [--pages curve_fitting,spectrogram]
[--no-browser]

For every page and each of its typical interactions (a widget turned between two values):
- server: AppTest, the median time of a rerun after the change (no browser, no transport);
- browser: Chromium driven by Playwright against `streamlit run` on a loopback port, from the input event (the
  pointer going down on the new value, in the page's clock) until the run is over (the app root's
  ``data-test-script-state`` is ``notRunning`` and no websocket frame has arrived for 250 ms) and the browser has
  drawn what came (the end of the last long task on its main thread, from a ``PerformanceObserver``, with 500 ms
  of quiet after it), and the bytes received over the websocket for it;
plus the time from a cold server start to the home page drawn, a first visit of each page (a fresh browser
context: nothing cached) and a second (a new tab: the browser has the app's code), and a shared deep link.
Times are medians; machines are shared and noisy, so read the table as a whole. Never part of the test run.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui.pages import PAGES, page  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUIET_MS = 250
IDLE_MS = 500  # lazily loaded chart code runs a few hundred ms after the last frame

#: slug -> [(widget kind, key suffix, label, [(value, shown text), (value, shown text)][, tab])]: the knobs a user
#: turns first on the default view (in `tab`, when one is named). The first value is the change, the second turns
#: it back.
INTERACTIONS = {
    "curve_fitting": [("selectbox", "loss", "Loss", [("soft_l1", "soft_l1"), ("linear", "linear")]),
                      ("selectbox", "level", "Confidence level", [(0.9, "90%"), (0.95, "95%")]),
                      ("selectbox", "model", "Model", [("hill", "Hill"), ("michaelis_menten", "Michaelis-Menten")])],
    "hypothesis_testing": [("selectbox", "test", "Test", [("mannwhitneyu", "Mann-Whitney U test"),
                                                          ("ttest_ind", "Two-sample t-test (Student / Welch)")]),
                           ("selectbox", "alpha", "α (significance level)", [(0.01, "0.01"), (0.05, "0.05")])],
    "kernel_density": [("selectbox", "rule", "Bandwidth", [("scott", "Scott"), ("isj", "Improved Sheather-Jones")]),
                       ("selectbox", "gridsize", "Grid points", [(1024, "1024"), (512, "512")]),
                       ("toggle", "log_scale", "Log scale", [(True, "Log scale"), (False, "Log scale")])],
    "interpolation": [("selectbox", "extrap", "Extrapolation", [("nan", "nan"), ("method", "method")])],
    "spectrogram": [("selectbox", "window", "Window", [("hamming", "hamming"), ("hann", "hann")]),
                    ("selectbox", "pad", "Zero padding (FFT = window x)", [(2, "2"), (1, "1")]),
                    ("segmented_control", "family", "Family", [("FIR", "FIR"), ("IIR", "IIR")], "Filter")],
    "optimization": [("selectbox", "fun", "Function", [("himmelblau", "Himmelblau"), ("rosenbrock", "Rosenbrock")])],
    "ode": [("selectbox", "sys", "System", [("lotka_volterra", "Lotka-Volterra (predator-prey)"),
                                             ("vanderpol", "Van der Pol oscillator")])],
    "linear_algebra": [("toggle", "scale", "Scale columns", [(False, "Scale columns"), (True, "Scale columns")]),
                       ("segmented_control", "pair", "Components shown", [("PC1-PC3", "PC1-PC3"),
                                                                          ("PC1-PC2", "PC1-PC2")])],
    "image_morphology": [("segmented_control", "cmp", "Compare", [("Side by side", "Side by side"),
                                                                  ("Slider", "Slider")], "Before / after")],
}


def server_side(repeat, slugs):
    """(slug, interaction, median seconds) with AppTest, row by row."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest, app_test, local_script_runner

    # AppTest compiles the page anew on every run; a server compiles it once (Runtime's ScriptCache). Share one
    # cache so the times are those of a server's rerun.
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared

    for info in map(page, slugs):
        at = AppTest.from_file(str(ROOT / info.path), default_timeout=300)
        at.run()
        times = []
        for _ in range(2 * repeat):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        yield (info.slug, "rerun, nothing changed", statistics.median(times))
        for kind, suffix, label, values, *tab in INTERACTIONS.get(info.slug, []):
            if tab:  # tabs are lazy: open it first
                at.session_state[f"{info.prefix}_tab"] = tab[0]
                at.run()
            times = []
            for i in range(2 * repeat):
                value = values[i % 2][0]
                getattr(at, kind)(key=f"{info.prefix}_{suffix}").set_value(value)
                start = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - start)
            yield (info.slug, label, statistics.median(times[0::2]))


def concurrency():
    """(heavy path, its time alone, small rerun median alone, median and max during it): does a long computation in
    one session block another session's small rerun? (numpy, scipy.signal and scipy.ndimage release the GIL in
    their heavy loops; this checks it.) The small rerun is the curve fitting page with nothing changed (AppTest)."""
    import threading

    import numpy as np
    from scipy import ndimage as ndi
    from streamlit.testing.v1 import AppTest

    from core.density import kde
    from core.morphology import apply_operation
    from core.spectral import spectrogram

    rng = np.random.default_rng(0)
    values = rng.normal(size=2_000_000)
    audio = rng.normal(size=44_100 * 600).astype(np.float32)
    grey = ndi.gaussian_filter(rng.random((4096, 4096)).astype(np.float32), 4) * 255
    mask = grey > np.median(grey)
    heavy = {"kde isj, 2,000,000 points": lambda: kde(values, bandwidth="isj"),
             "spectrogram 1024/512, 10 min at 44.1 kHz": lambda: spectrogram(audio, 44_100.0, nperseg=1024,
                                                                             noverlap=512),
             "binary_opening disk 15, 4096x4096": lambda: apply_operation(mask, "binary_opening", shape="disk",
                                                                          size=15),
             "median_filter 5x5, 4096x4096": lambda: apply_operation(grey, "median_filter", shape="square", size=5)}
    at = AppTest.from_file(str(ROOT / page("curve_fitting").path), default_timeout=120)
    at.run()

    def small():
        start = time.perf_counter()
        at.run()
        return time.perf_counter() - start

    alone = statistics.median(small() for _ in range(10))
    for name, work in heavy.items():
        start = time.perf_counter()
        work()
        solo = time.perf_counter() - start
        thread = threading.Thread(target=work)
        thread.start()
        during = []
        while thread.is_alive():
            during.append(small())
        yield name, solo, alone, statistics.median(during), max(during)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("streamlit did not start")


#: Records when the page's main thread was last busy (a long task: drawing charts, laying out): the run is drawn
#: when both the last frame has arrived and the last long task after it has ended.
LONG_TASKS = """
window.__busyUntil = 0;
window.__input = null;  // when the last pointer went down (the input event), in the page's clock
document.addEventListener("pointerdown", (e) => { window.__input = e.timeStamp; }, true);
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__busyUntil = Math.max(window.__busyUntil, e.startTime + e.duration);
}).observe({type: "longtask", buffered: true});
"""


class Wire:
    """Bytes and arrival times of websocket frames received by one browser page."""

    def __init__(self, pg):
        self.frames = []
        pg.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload):
        self.frames.append((time.perf_counter(), len(payload)))

    def settle(self, pg, since, timeout=120.0, from_input=False):
        """Wait until the run that started after `since` is over; (seconds, bytes) from `since`, or with
        `from_input` from the page's input event (the pointer going down) that came after `since`."""
        deadline = since + timeout
        while time.perf_counter() < deadline:
            pg.wait_for_timeout(50)
            after = [f for f in self.frames if f[0] >= since]
            state = pg.evaluate("() => document.querySelector('[data-testid=stApp]')"
                                "?.getAttribute('data-test-script-state')")
            quiet = (time.perf_counter() - after[-1][0]) * 1000 >= QUIET_MS if after else False
            if after and quiet and state == "notRunning":
                page_now, busy_until, pressed = pg.evaluate(
                    "() => [performance.now(), window.__busyUntil || 0, window.__input]")
                now = time.perf_counter()
                end = max(after[-1][0], now - (page_now - busy_until) / 1000)
                if (now - end) * 1000 >= IDLE_MS:  # drawn: nothing arrived and nothing ran for a while
                    start = since
                    if from_input and pressed is not None and now - (page_now - pressed) / 1000 >= since:
                        start = now - (page_now - pressed) / 1000
                    return end - start, sum(n for _, n in after)
        return float("nan"), sum(n for t, n in self.frames if t >= since)


def _visit(browser, address, context=None):
    """Open `address` in a new session: in a new browser context (nothing cached, as a first visit), or in a new tab
    of `context` (the browser has the app's code cached, as on a return). (context, page, wire, seconds, bytes)."""
    if context is None:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(LONG_TASKS)
    pg = context.new_page()
    wire = Wire(pg)
    start = time.perf_counter()
    pg.goto(address)
    return (context, pg, wire, *wire.settle(pg, start))


def browser_side(repeat, slugs):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        start = time.perf_counter()
        proc, url = _start_server()
        try:
            up = time.perf_counter() - start  # the health check answers
            context, *_, seconds, received = _visit(browser, url)
            yield ("home", "cold server start to the home page", up + seconds, received)
            context.close()
            for slug in slugs:
                info = page(slug)
                context, pg, wire, seconds, received = _visit(browser, f"{url}/{info.slug}")
                yield (slug, "first visit", seconds, received)
                pg.close()
                context, pg, wire, seconds, received = _visit(browser, f"{url}/{info.slug}", context)
                yield (slug, "second visit", seconds, received)
                main = pg.locator('[data-testid="stMain"]')
                for kind, suffix, label, values, *tab in INTERACTIONS.get(slug, []):
                    if tab:
                        main.get_by_role("tab", name=tab[0]).click()
                        wire.settle(pg, time.perf_counter())
                    times, sizes = [], []
                    for i in range(2 * repeat):
                        shown = values[i % 2][1]
                        if kind == "selectbox":  # open the list first: the input event is the choice
                            main.get_by_label(label, exact=True).click()
                            pg.keyboard.type(shown)  # long lists are virtual: filter so the option is drawn
                            target = pg.get_by_role("option", name=shown, exact=True)
                        elif kind == "toggle":  # its label switches it
                            target = main.get_by_label(shown, exact=True).locator("xpath=ancestor::label[1]")
                        else:
                            target = main.get_by_role("radio", name=shown, exact=True)
                        target.wait_for()
                        start = time.perf_counter()
                        target.click()
                        seconds, received = wire.settle(pg, start, from_input=True)
                        if i % 2 == 0:
                            times.append(seconds)
                            sizes.append(received)
                    yield (slug, label, statistics.median(times), statistics.median(sizes))
                context.close()
            cf = page("curve_fitting")
            context, *_, seconds, received = _visit(browser, f"{url}/{cf.slug}?{cf.prefix}_model=hill&"
                                                             f"{cf.prefix}_loss=soft_l1")
            yield (cf.slug, "shared deep link", seconds, received)
            context.close()
        finally:
            proc.terminate()
            proc.wait(10)
            browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="changes per interaction (each also turned back)")
    parser.add_argument("--pages", default="", help="comma-separated slugs (default: every page)")
    parser.add_argument("--no-browser", action="store_true", help="server side only")
    parser.add_argument("--no-concurrency", action="store_true", help="skip the heavy-computation-beside-a-rerun table")
    args = parser.parse_args(argv)
    os.environ.setdefault("SCIPY_EXPLORER_RAISE", "1")
    slugs = [s for s in args.pages.split(",") if s] or [p.slug for p in PAGES]
    print(f"{'page':20s} {'interaction':38s} {'server s':>9s}")
    for slug, what, seconds in server_side(args.repeat, slugs):
        print(f"{slug:20s} {what:38s} {seconds:9.3f}", flush=True)
    if not args.no_concurrency:
        print(f"\n{'heavy computation in one session':42s} {'alone s':>8s} {'small rerun: alone':>19s} "
              f"{'during (median)':>16s} {'during (max)':>13s}")
        for name, solo, alone, median, worst in concurrency():
            print(f"{name:42s} {solo:8.2f} {alone:19.3f} {median:16.3f} {worst:13.3f}", flush=True)
    if not args.no_browser:
        print(f"\n{'page':20s} {'interaction':38s} {'browser s':>9s} {'received kB':>12s}")
        for slug, what, seconds, received in browser_side(args.repeat, slugs):
            print(f"{slug:20s} {what:38s} {seconds:9.3f} {received / 1e3:12,.0f}", flush=True)


if __name__ == "__main__":
    main()
