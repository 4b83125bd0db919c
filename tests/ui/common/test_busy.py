"""The busy notice: runs counted across threads and released on errors and reruns, the CPU share measured against
the process's allowance (one core, or a cgroup quota), and the toast shown from either threshold and not below."""

import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.common import busy


def test_runs_are_counted_across_threads_and_released_on_error():
    assert busy.runs_in_progress() == 0
    inside, release = threading.Barrier(5), threading.Event()
    seen = []

    def run():
        with busy.counted_run() as others:
            seen.append(others)
            inside.wait(10)
            release.wait(10)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    inside.wait(10)
    assert busy.runs_in_progress() == 4 and sorted(seen) == [0, 1, 2, 3]
    release.set()
    for t in threads:
        t.join(10)
    assert busy.runs_in_progress() == 0
    with pytest.raises(ZeroDivisionError), busy.counted_run():
        1 / 0
    assert busy.runs_in_progress() == 0


def test_the_cpu_share_is_cpu_time_over_wall_time_over_the_allowance(monkeypatch):
    clock = {"wall": 100.0, "cpu": 10.0}
    monkeypatch.setattr(busy, "time", types.SimpleNamespace(monotonic=lambda: clock["wall"],
                                                            process_time=lambda: clock["cpu"]))
    monkeypatch.setattr(busy, "_last", None)
    monkeypatch.setattr(busy, "_share", 0.0)
    monkeypatch.setattr(busy, "cpu_allowance", lambda: 0.5)
    assert busy._cpu_share() == 0.0                        # the first look only starts the window
    clock["wall"], clock["cpu"] = 102.0, 10.8                # 0.8 s of CPU in 2 s: 0.4 cores of 0.5
    assert busy._cpu_share() == pytest.approx(0.8)
    clock["wall"], clock["cpu"] = 102.5, 11.3                # under WINDOW later: the last value stands
    assert busy._cpu_share() == pytest.approx(0.8)
    clock["wall"], clock["cpu"] = 104.0, 11.35
    assert busy._cpu_share() == pytest.approx(0.55 / 2 / 0.5)


def _tree(tmp_path, cgroup_line, files):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cgroup").write_text(cgroup_line + "\n")
    for name, text in files.items():
        (tmp_path / "fs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / name).write_text(text)
    return busy.cpu_allowance(tmp_path / "cgroup", tmp_path / "fs")


def test_the_allowance_is_one_core_or_the_cgroup_quota(tmp_path):
    one = min(1.0, len(os.sched_getaffinity(0)))
    assert _tree(tmp_path / "a", "0::/", {"cpu.max": "max 100000"}) == one
    assert _tree(tmp_path / "b", "0::/kubepods/pod1", {"kubepods/pod1/cpu.max": "50000 100000"}) == min(one, 0.5)
    assert _tree(tmp_path / "c", "4:cpu,cpuacct:/explorer", {"cpu/explorer/cpu.cfs_quota_us": "5000",
                                                             "cpu/explorer/cpu.cfs_period_us": "100000"}) == 0.05
    assert _tree(tmp_path / "d", "4:cpu,cpuacct:/", {"cpu/cpu.cfs_quota_us": "-1",
                                                     "cpu/cpu.cfs_period_us": "100000"}) == one
    assert busy.cpu_allowance(tmp_path / "missing", tmp_path) == one


def test_a_real_cgroup_quota_is_read():
    root = Path("/sys/fs/cgroup/cpu")
    if not (root / "cpu.cfs_quota_us").exists() or not os.access(root, os.W_OK):
        pytest.skip("no writable cgroup v1 cpu controller here")
    group = root / f"explorer_test_{os.getpid()}"
    group.mkdir()
    try:
        (group / "cpu.cfs_quota_us").write_text("20000")
        code = ("import os, sys; open(sys.argv[1], 'w').write(str(os.getpid())); "
                "from ui.common.busy import cpu_allowance; print(cpu_allowance())")
        out = subprocess.run([sys.executable, "-c", code, str(group / "cgroup.procs")], capture_output=True,
                             text=True, cwd=Path(__file__).resolve().parents[3], timeout=60)
        assert float(out.stdout) == pytest.approx(min(0.2, len(os.sched_getaffinity(0)))), out.stderr
    finally:
        group.rmdir()


def _page():
    import streamlit as st

    from ui.common.busy import counted_run

    with counted_run():
        st.write("page")
        st.rerun() if st.session_state.get("again") and not st.session_state.pop("again") else None


@pytest.mark.parametrize("others, share, shown", [(busy.BUSY_RUNS - 1, busy.SATURATED - 0.01, False),
                                                  (busy.BUSY_RUNS, 0.0, True), (1, busy.SATURATED, True),
                                                  (0, 1.0, False)])     # alone: a heavy page, not a busy server
def test_a_run_on_a_saturated_server_says_it_is_busy(monkeypatch, others, share, shown):
    monkeypatch.setattr(busy, "_running", others)
    monkeypatch.setattr(busy, "_cpu_share", lambda: share)
    at = AppTest.from_function(_page)
    at.session_state["again"] = True   # a rerun leaves the block through st.rerun's exception
    at.run()
    assert not at.exception
    toasts = [t.value for t in at.toast]
    assert bool(toasts) is shown
    if shown:
        assert f"({others} other pages running, {share:.0%} of its CPU in use)" in toasts[0]
    assert busy.runs_in_progress() == others            # every run counted itself out again
