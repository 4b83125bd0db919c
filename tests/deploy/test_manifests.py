"""The deployment: the container image's settings, the Kubernetes and compose manifests (affinity, probes, the
shared cookie secret), the HAProxy configuration, and the exact command the image runs, started here."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dockerfile_runs_as_a_user_with_a_health_check_and_the_served_command():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim", text, re.M)
    assert "pip install -r requirements.txt" in text
    assert re.search(r"^USER explorer", text, re.M) and "useradd" in text
    assert re.search(r"^HEALTHCHECK .*\n.*/_stcore/health", text, re.M)
    assert 'CMD ["sh", "deploy/serve.sh", "8501", "0.0.0.0"]' in text and "EXPOSE 8501" in text
    serve = (DEPLOY / "serve.sh").read_text()
    for flag in ("--server.headless true", "--browser.gatherUsageStats false", "--server.fileWatcherType none",
                 "--client.showErrorDetails none"):
        assert flag in serve
    assert "cookieSecret" not in serve and "STREAMLIT_SERVER_COOKIE_SECRET" in serve   # the CLI refuses it


def test_kubernetes_deployment_service_and_ingress():
    docs = {d["kind"]: d for d in yaml.safe_load_all((DEPLOY / "k8s" / "explorer.yaml").read_text())}
    dep, svc, ing = docs["Deployment"], docs["Service"], docs["Ingress"]
    assert dep["spec"]["replicas"] >= 2
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    for probe in ("readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"]["path"] == "/_stcore/health"
    assert set(c["resources"]["requests"]) == {"cpu", "memory"} and set(c["resources"]["limits"]) == {"cpu",
                                                                                                     "memory"}
    (env,) = [e for e in c["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"]
    assert env["valueFrom"]["secretKeyRef"] == {"name": "scipy-explorer", "key": "cookie-secret"}  # one for all
    assert svc["spec"]["selector"] == dep["spec"]["selector"]["matchLabels"]
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600          # WebSockets stay open
    assert ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == svc["metadata"]["name"]


def test_compose_replicas_share_the_secret_behind_a_sticky_balancer():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    replicas = [s for n, s in compose["services"].items() if n.startswith("replica")]
    assert len(replicas) == 3
    secrets = {s["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"] for s in replicas}
    assert len(secrets) == 1 and next(iter(secrets)).startswith("${STREAMLIT_SERVER_COOKIE_SECRET")
    cfg = (DEPLOY / "haproxy-compose.cfg").read_text()
    assert all(f"server replica{i} replica{i}:8501 cookie r{i}" in cfg for i in (1, 2, 3))


@pytest.mark.parametrize("name", ["haproxy.cfg.in", "haproxy-compose.cfg"])
def test_haproxy_has_affinity_websockets_and_health_checks(name):
    cfg = (DEPLOY / name).read_text()
    assert re.search(r"^\s*cookie \w+ insert", cfg, re.M)
    assert re.search(r"^\s*balance leastconn", cfg, re.M)      # sessions are long-lived WebSockets
    assert "option httpchk GET /_stcore/health" in cfg and "http-check expect string ok" in cfg
    assert re.search(r"timeout tunnel\s+\d+h", cfg)
    assert re.search(r"maxconn \d+", cfg) and "timeout queue" in cfg and re.search(r"errorfile 503 \S+", cfg)


def test_the_busy_page_retries_by_itself():
    raw = (DEPLOY / "busy.http").read_bytes()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 503") and b"Retry-After: 5" in head
    assert b'http-equiv="refresh" content="5"' in body and b"Busy, retrying" in body


def test_local_cluster_script_parses_and_says_its_usage():
    script = DEPLOY / "local_cluster.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    out = subprocess.run(["bash", str(script)], capture_output=True, text=True)
    assert out.returncode == 2 and "usage" in out.stderr
    text = script.read_text()
    assert "apt-get install -y haproxy" in text and "/_stcore/health" in text and "pids" in text
    # HAProxy starts only once every replica answers: a replica down at its first checks takes no session for 10 s
    assert text.index('"http://127.0.0.1:$((port + i))/_stcore/health"') < text.index('haproxy -f "$RUN/haproxy.cfg"')


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy is not installed here")
def test_generated_haproxy_config_is_valid(tmp_path):
    cfg = (DEPLOY / "haproxy.cfg.in").read_text().replace("@PORT@", "18080").replace(
        "@SERVERS@", "    server replica1 127.0.0.1:18081 cookie r1").replace("@BUSY@", str(DEPLOY / "busy.http"))
    (tmp_path / "h.cfg").write_text(cfg)
    out = subprocess.run(["haproxy", "-c", "-f", str(tmp_path / "h.cfg")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_images_command_serves_the_app_and_refuses_to_start_without_the_secret():
    """No container engine runs on these machines: the command the image runs is started as it is."""
    env = {k: v for k, v in os.environ.items() if k != "STREAMLIT_SERVER_COOKIE_SECRET"}
    out = subprocess.run(["sh", str(DEPLOY / "serve.sh"), "8599", "127.0.0.1"], capture_output=True, text=True,
                         env=env, timeout=30)
    assert out.returncode == 2 and "STREAMLIT_SERVER_COOKIE_SECRET" in out.stderr
    port = free_port()
    env["STREAMLIT_SERVER_COOKIE_SECRET"] = "test-secret-" + "0" * 40
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    proc = subprocess.Popen(["sh", str(DEPLOY / "serve.sh"), str(port), "127.0.0.1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "the app did not come up"
                time.sleep(0.5)
        assert body == b"ok"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status == 200 and b"<html" in page.read().lower()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
