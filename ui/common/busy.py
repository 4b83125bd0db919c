"""How busy this server process is, and a notice to a page run that starts while it is saturated.

A replica runs every session's script in a thread of one process, under one GIL, and serves the static files and
WebSocket messages from the same process: when it is saturated every page takes several times longer, and a page
that waits looks frozen. The router counts the page runs in progress and measures the share of its CPU the process
has used since the last look (at most one core for Python under one GIL, less under a cgroup quota such as a
Kubernetes CPU limit). A run that starts while ``BUSY_RUNS`` or more others are running, or while another one is
and the process has used ``SATURATED`` of what it can (a lone user's heavy page is no busy server), says so at once
(a toast: the server is busy, the page follows) before its own work. Sessions beyond a replica's share wait at the
load balancer instead, which shows a page that retries by itself (deploy/busy.http).
"""

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

__all__ = ["BUSY_RUNS", "SATURATED", "counted_run", "cpu_allowance", "runs_in_progress"]

#: Other runs in progress at once from which a starting run says the server is busy (on a replica bound by one GIL,
#: it then gets at most a quarter of the process).
BUSY_RUNS = 3
#: Share of its CPU allowance the process has used since the last look from which it counts as saturated.
SATURATED = 0.85
#: Shortest window (seconds) the CPU share is measured over.
WINDOW = 1.0

_lock = threading.Lock()
_running = 0
_last = None  # (monotonic seconds, process CPU seconds) of the last look
_share = 0.0  # CPU share of the allowance over the last window


def runs_in_progress():
    """Page runs in progress in this process now."""
    return _running


def cpu_allowance(cgroup=Path("/proc/self/cgroup"), root=Path("/sys/fs/cgroup")):
    """Cores this process can use for Python: one (the GIL), fewer under a cgroup quota or a CPU affinity."""
    cores = min(1.0, float(len(os.sched_getaffinity(0))))
    for line in (_read(cgroup) or "").splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # cgroup v2: cpu.max holds "quota period" or "max period"
            quota = (_read(root / path.lstrip("/") / "cpu.max") or "max").split()
            if quota[0] != "max":
                cores = min(cores, int(quota[0]) / int(quota[1]))
        elif "cpu" in controllers.split(","):  # cgroup v1: a quota of -1 is none
            group = root / "cpu" / path.lstrip("/")
            quota, period = _read(group / "cpu.cfs_quota_us"), _read(group / "cpu.cfs_period_us")
            if quota and period and int(quota) > 0:
                cores = min(cores, int(quota) / int(period))
    return cores


def _read(path):
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _cpu_share():
    """The process's CPU time over wall time since the last look (at least WINDOW ago), as a share of its
    allowance; the previous value while the window is shorter."""
    global _last, _share
    now, cpu = time.monotonic(), time.process_time()
    if _last is None:
        _last = (now, cpu)
    elif now - _last[0] >= WINDOW:
        _share = (cpu - _last[1]) / (now - _last[0]) / cpu_allowance()
        _last = (now, cpu)
    return _share


@contextmanager
def counted_run():
    """Count the run in the block (also when it stops or reruns); yields how many others were in progress."""
    global _running
    with _lock:
        others = _running
        _running += 1
        share = _cpu_share()
    try:
        if others >= BUSY_RUNS or (others and share >= SATURATED):  # (alone, a heavy page is not a busy server)
            st.toast(f"The server is busy ({others} other pages running, {min(share, 1):.0%} of its CPU in use), so "
                     "yours takes longer. It updates by itself when done.", icon=":material/hourglass_top:",
                     duration="long")
        yield others
    finally:
        with _lock:
            _running -= 1
