"""A classroom at once: K real browser sessions against the local cluster, with 1 replica and with N, in one run.

Run from the project root (needs Debian's haproxy and chromium; loopback only; stops by itself):

    python -m bench.load --sessions 8 --minutes 2 --replicas 1 3
    python -m bench.load --sessions 8 --minutes 2 --replicas 1 3 --replica-cpu 0.1   # each replica its own share

Each session is its own Playwright context (cookies, cache, websocket) in one headless Chromium, all driven at
once (asyncio). A session loops over every page for the given minutes: it opens the page, turns the knobs that
bench/interactions.py names for it, uploads a table on the curve-fitting page and downloads a CSV on the
optimization page. Each step's settle time runs from the action to the app being idle again (the script state
back to notRunning and no websocket frame for 250 ms). Errors are counted: a failed step or timeout, an exception
box, an HTTP error on an upload or a media request, a lost connection (a 404 of the check Streamlit's frontend
makes of a download button's file as it draws it is counted apart: see Session.response); steps during which the
page said the server was busy (ui/common/busy.py) are counted. The replicas' resident memory is sampled
every 2 s, and the CPU time used by the replicas, by the load generator (Chromium, Playwright's driver, this
process) and by the whole machine, in cores averaged over the run: on a small machine the browsers, not the
replicas, are what is measured, and these columns say so. `--replica-cpu C` gives each replica a cgroup of its own
capped at C cores, as a replica on a machine of its own (or under a Kubernetes CPU limit) has its own CPU whatever
the browsers use. Never part of the test run.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.interactions import INTERACTIONS  # noqa: E402
from ui.pages import PAGES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUIET_MS = 250
BUSY = "(steps that showed the busy notice)"
STALE = "(source checks of a replaced download button that found its file gone)"
STEP_TIMEOUT = 90.0
UPLOAD = "x,y\n" + "\n".join(f"{i / 10:.1f},{2.5 * i / 10 + (i % 7) * 0.3:.3f}" for i in range(120)) + "\n"


def cluster(command, *args):
    out = subprocess.run(["bash", str(ROOT / "deploy" / "local_cluster.sh"), command, *map(str, args)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"local_cluster.sh {command} failed: {out.stderr.strip()}")
    return out.stdout


def replica_pids():
    pids = (ROOT / "deploy" / ".run" / "pids").read_text().split()
    return [int(p) for p in pids[:-1]]  # the last one is HAProxy


def cpu_seconds(pid):
    """User and system CPU seconds of one process (all its threads) so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def browser_pids():
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:  # (Chromium rewrites its command line; its processes' names stay)
                if (entry / "comm").read_text().strip() in ("chromium", "chrome", "node"):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def machine_busy():
    """(busy, total) CPU ticks of the whole machine so far."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def cpu_root():
    """The folder under which a CPU-limited cgroup can be made (cgroup v1's cpu controller or v2 with cpu), or None."""
    v1 = Path("/sys/fs/cgroup/cpu")
    if (v1 / "cpu.cfs_quota_us").exists() and os.access(v1, os.W_OK):
        return v1
    v2 = Path("/sys/fs/cgroup")
    try:
        if "cpu" in (v2 / "cgroup.subtree_control").read_text().split() and os.access(v2, os.W_OK):
            return v2
    except OSError:
        pass
    return None


def cap_cpu(pids, cores):
    """Each replica in a cgroup of its own with `cores` of CPU time (a quota per 100 ms): each replica brings its
    own share, as on a machine of its own or under a Kubernetes CPU limit. Returns the cgroups made."""
    root = cpu_root()
    if root is None:
        raise SystemExit("--replica-cpu needs a writable cgroup cpu controller (run as root)")
    made = []
    for pid in pids:
        group = root / f"explorer_load_{pid}"
        group.mkdir(exist_ok=True)
        quota, period = int(cores * 100_000), 100_000
        if (group / "cpu.cfs_quota_us").exists():
            (group / "cpu.cfs_period_us").write_text(str(period))
            (group / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            (group / "cpu.max").write_text(f"{quota} {period}")
        (group / "cgroup.procs").write_text(str(pid))
        made.append(group)
    return made


def remove_groups(groups):
    for group in groups:
        for _ in range(50):  # empty once its replica has exited
            try:
                group.rmdir()
                break
            except OSError:
                time.sleep(0.1)


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return float("nan")
    return float("nan")


class Session:
    """One browser session: its page, its websocket frames, its timings and errors."""

    def __init__(self, index, context, base, deadline, timings, errors):
        self.index, self.context, self.base, self.deadline = index, context, base, deadline
        self.timings, self.errors = timings, errors
        self.frames = []

    async def start(self):
        self.page = await self.context.new_page()
        self.page.on("websocket", lambda ws: ws.on("framereceived", lambda _: self.frames.append(time.monotonic())))
        self.page.on("websocket", lambda ws: ws.on("close", lambda _: self.closed()))
        self.page.on("response", self.response)
        self.done_closing = False

    def closed(self):
        if not self.done_closing:
            self.errors.append((self.index, "websocket closed"))

    def response(self, r):
        url = r.url
        if r.status == 404 and "/media/" in url and r.request.resource_type == "fetch":
            # Streamlit's frontend fetches a download button's file once when it draws the button, to report a bad
            # source to the developer (checkSourceUrlResponse; the user sees nothing). On a busy replica that check
            # can arrive after the session's next run has begun, when the file of the button being replaced is gone.
            # A download the user asks for is an <a download> request, and the download step checks it arrives.
            self.timings.setdefault(STALE, []).append(0.0)
            return
        # (Streamlit's frontend first probes <page>/_stcore/health and host-config: a 404 there is its normal way
        # of finding the app's base path, not an error.)
        if (r.status >= 400 and ("/_stcore/upload_file" in url or "/media/" in url)) or r.status >= 500:
            self.errors.append((self.index, f"HTTP {r.status} {url.split('?')[0][-60:]}"))

    async def settle(self, since):
        """Seconds from `since` until the run is over and drawn."""
        while time.monotonic() - since < STEP_TIMEOUT:
            await asyncio.sleep(0.05)
            state, busy = await self.page.evaluate(
                "() => [document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state'), "
                "[...document.querySelectorAll('[data-testid=stToast]')].some(t => t.innerText.includes("
                "'server is busy'))]")
            self.busy = self.busy or busy
            after = [t for t in self.frames if t >= since]
            if state == "notRunning" and after and (time.monotonic() - after[-1]) * 1000 >= QUIET_MS:
                if await self.page.locator('[data-testid="stException"]').count():
                    self.errors.append((self.index, f"exception on {self.page.url[-50:]}"))
                return after[-1] - since
        raise TimeoutError(f"no settle in {STEP_TIMEOUT:g} s on {self.page.url[-50:]}")

    async def step(self, name, action, settle=True):
        start = time.monotonic()
        self.busy = False
        try:
            await action()
            self.timings.setdefault(name, []).append(await self.settle(start) if settle else time.monotonic() - start)
            if self.busy:  # the page said the server was busy (ui/common/busy.py) while this step waited
                self.timings.setdefault(BUSY, []).append(self.timings[name][-1])
        except Exception as exc:  # noqa: BLE001 - every failure is an error of the run, counted, then go on
            self.errors.append((self.index, f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:80]}"))

    async def run(self):
        await self.start()
        k = self.index  # sessions start on different pages
        main = self.page.locator('[data-testid="stMain"]')
        while time.monotonic() < self.deadline:
            info = PAGES[k % len(PAGES)]
            k += 1
            await self.step(f"open {info.slug}", lambda: self.page.goto(f"{self.base}/{info.slug}"))
            for kind, suffix, label, values, *tab in INTERACTIONS.get(info.slug, [])[:2]:
                if time.monotonic() >= self.deadline:
                    break
                shown = values[0][1]
                if tab:
                    await self.step(f"{info.slug}: tab {tab[0]}", lambda: main.get_by_role("tab", name=tab[0]).click())

                async def act(kind=kind, label=label, shown=shown):
                    if kind == "selectbox":
                        await main.get_by_label(label, exact=True).click()
                        await self.page.keyboard.type(shown)
                        await self.page.get_by_role("option", name=shown, exact=True).click()
                    elif kind == "toggle":
                        await main.get_by_label(shown, exact=True).locator("xpath=ancestor::label[1]").click()
                    else:
                        await main.get_by_role("radio", name=shown, exact=True).click()
                await self.step(f"{info.slug}: {label}", act)
            if info.slug == "curve_fitting":
                async def upload():
                    await main.get_by_role("radio", name="Upload", exact=True).click()
                    await self.settle(time.monotonic())
                    await main.locator('input[type="file"]').first.set_input_files(
                        {"name": f"class{self.index}.csv", "mimeType": "text/csv", "buffer": UPLOAD.encode()})
                await self.step("curve_fitting: upload a CSV", upload)
            if info.slug == "optimization":
                async def download():
                    async with self.page.expect_download(timeout=STEP_TIMEOUT * 1000) as d:
                        await main.get_by_role("button", name="Download the table (CSV)").click()
                    path = await (await d.value).path()
                    if not path or os.path.getsize(path) == 0:
                        raise RuntimeError("empty download")
                # (the click sends nothing to the server: the file was made with the page; done when it is saved)
                await self.step("optimization: download the table", download, settle=False)
        self.done_closing = True


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


async def warm(bases):
    """Every page opened once on every replica, one replica after another, before anything is measured: a replica
    in service has imported what its pages use (a readiness probe keeps a cold one out of a real balancer)."""
    from playwright.async_api import async_playwright

    timings, errors = {}, []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for base in bases:
            context = await browser.new_context(viewport={"width": 1300, "height": 900})
            context.set_default_timeout(STEP_TIMEOUT * 1000)
            session = Session(0, context, base, 0, timings, errors)
            await session.start()
            for info in PAGES:
                await session.step(info.slug, lambda: session.page.goto(f"{base}/{info.slug}"))
            session.done_closing = True
            await context.close()
        await browser.close()
    if errors:
        raise SystemExit(f"warm-up failed: {errors[:3]}")


async def load(base, sessions, minutes):
    from playwright.async_api import async_playwright

    timings, errors = {}, []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        contexts = [await browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
                    for _ in range(sessions)]
        for c in contexts:  # one limit for every wait: an action (a click) gets as long as a step
            c.set_default_timeout(STEP_TIMEOUT * 1000)
        deadline = time.monotonic() + 60 * minutes
        await asyncio.gather(*(Session(i, c, base, deadline, timings, errors).run() for i, c in enumerate(contexts)))
        for c in contexts:
            await c.close()
        await browser.close()
    return timings, errors


def settles(timings):
    """Every step's settle time (the busy-notice row repeats some of them; the stale-check row is a count)."""
    return [t for name, ts in timings.items() if name not in (BUSY, STALE) for t in ts]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def run(replicas, sessions, minutes, port, replica_cpu=None):
    """Timings, errors, peak RSS per replica and the CPU the run used (cores, averaged over the run)."""
    peak, first, last, groups = {}, {}, {}, []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in replica_pids():
                peak[pid] = max(peak.get(pid, 0.0), rss_mb(pid))
            for group, pids in (("replicas", replica_pids()), ("browser", browser_pids() + [os.getpid()])):
                for pid in pids:
                    seconds = cpu_seconds(pid)
                    first.setdefault((group, pid), seconds)
                    last[(group, pid)] = seconds
            stop.wait(2)

    sampler = threading.Thread(target=sample, daemon=True)
    cluster("up", replicas, port)
    try:  # whatever happens, the cluster goes down and the cgroups are removed
        asyncio.run(warm([f"http://127.0.0.1:{port + i}" for i in range(1, replicas + 1)]))
        if replica_cpu:
            groups = cap_cpu(replica_pids(), replica_cpu)
        busy0, start = machine_busy(), time.monotonic()
        sampler.start()
        timings, errors = asyncio.run(load(f"http://127.0.0.1:{port}", sessions, minutes))
        busy1, wall = machine_busy(), time.monotonic() - start
    finally:
        stop.set()
        if sampler.is_alive():
            sampler.join(5)
        cluster("down")
        remove_groups(groups)
    cpu = {group: sum(last[k] - first[k] for k in last if k[0] == group) / wall for group in ("replicas", "browser")}
    cpu["machine"] = os.cpu_count() * (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1])
    per_replica = [(last.get(("replicas", p), 0) - first.get(("replicas", p), 0)) / wall for p in peak]
    return timings, errors, peak, cpu, per_replica


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8, help="browser sessions at once (at most 32)")
    parser.add_argument("--minutes", type=float, default=2.0, help="minutes per cluster size (at most 30)")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 3], help="cluster sizes to compare")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--replica-cpu", type=float, default=None,
                        help="cores of CPU time each replica may use (a cgroup quota; needs root): each replica brings "
                             "its own share, as on its own machine, while the browsers take the rest")
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 32 and 0 < args.minutes <= 30 and all(1 <= n <= 8 for n in args.replicas)):
        raise SystemExit("sessions 1-32, minutes up to 30, replicas 1-8")
    if args.replica_cpu is not None and not 0.01 <= args.replica_cpu <= os.cpu_count():
        raise SystemExit(f"--replica-cpu between 0.01 and {os.cpu_count()}")
    if args.replica_cpu is not None and cpu_root() is None:
        raise SystemExit("--replica-cpu needs a writable cgroup cpu controller (run as root)")
    results = {}
    for n in args.replicas:
        cap = f", {args.replica_cpu:g} core(s) each" if args.replica_cpu else ""
        print(f"== {n} replica(s){cap}, {args.sessions} sessions, {args.minutes:g} min", flush=True)
        results[n] = run(n, args.sessions, args.minutes, args.port, args.replica_cpu)
    print("\n| replicas | steps | p50 s | p95 s | max s | errors | busy notices | stale source checks | peak RSS per "
          "replica (MB) | CPU cores used: replicas (each) / browsers / machine |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n, (timings, errors, peak, cpu, each) in results.items():
        every = settles(timings)
        print(f"| {n} | {len(every)} | {statistics.median(every):.2f} | {percentile(every, 95):.2f} | "
              f"{max(every):.2f} | {len(errors)} | {len(timings.get(BUSY, []))} | {len(timings.get(STALE, []))} | "
              f"{', '.join(f'{v:.0f}' for v in peak.values())} | "
              f"{cpu['replicas']:.2f} ({', '.join(f'{c:.2f}' for c in each)}) / {cpu['browser']:.2f} / "
              f"{cpu['machine']:.2f} of {os.cpu_count()} |")
    if len(results) >= 2:
        (n1, r1), (n2, r2) = list(results.items())[0], list(results.items())[-1]
        p95 = [percentile(settles(r[0]), 95) for r in (r1, r2)]
        steps = [len(settles(r[0])) for r in (r1, r2)]
        print(f"\n{n2} replicas against {n1}: p95 {p95[0] / p95[1]:.2f}x lower, {steps[1] / steps[0]:.2f}x the steps "
              "done in the same time")
    print("\n| interaction | " + " | ".join(f"{n} replica(s) p50 / p95 / max s" for n in results) + " |")
    print("| --- |" + " --- |" * len(results))
    names = sorted({k for r in results.values() for k in r[0]} - {STALE})
    for name in names:
        cells = []
        for timings, *_ in results.values():
            ts = timings.get(name, [])
            cells.append(f"{statistics.median(ts):.2f} / {percentile(ts, 95):.2f} / {max(ts):.2f}" if ts else "-")
        print(f"| {name} | " + " | ".join(cells) + " |")
    for n, (_, errors, *_) in results.items():
        for session, what in errors[:20]:
            print(f"error ({n} replicas, session {session}): {what}")


if __name__ == "__main__":
    main()
