#!/usr/bin/env bash
# N replicas of SciPy Explorer on loopback ports behind HAProxy with cookie affinity, WebSockets and health checks.
#
#   deploy/local_cluster.sh up N PORT     start N replicas (ports PORT+1 ... PORT+N) and HAProxy on 127.0.0.1:PORT;
#                                         returns when the balancer answers /_stcore/health
#   deploy/local_cluster.sh down          stop everything it started (by the process ids it recorded)
#
# Needs Debian's haproxy (apt-get install -y haproxy). Every replica gets the same cookie secret.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="$ROOT/deploy/.run"

up() {
    local n="${1:?usage: up N PORT}" port="${2:?usage: up N PORT}"
    if ! command -v haproxy >/dev/null; then
        echo "haproxy is missing: install Debian's package with  apt-get install -y haproxy" >&2
        exit 1
    fi
    [[ "$n" =~ ^[1-9][0-9]?$ ]] || { echo "N must be 1 to 99" >&2; exit 2; }
    [[ "$port" =~ ^[0-9]+$ ]] && (( port > 1024 && port + n < 65536 )) || { echo "bad PORT" >&2; exit 2; }
    if [[ -s "$RUN/pids" ]]; then
        echo "a cluster is already up (deploy/local_cluster.sh down first)" >&2
        exit 1
    fi
    mkdir -p "$RUN"
    : > "$RUN/pids"
    export STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$(python3 -c 'import secrets; print(secrets.token_hex(32))')}"
    local servers=""
    for i in $(seq 1 "$n"); do
        local p=$((port + i))
        "$ROOT/deploy/serve.sh" "$p" 127.0.0.1 > "$RUN/replica$i.log" 2>&1 &
        echo "$!" >> "$RUN/pids"
        servers+="    server replica$i 127.0.0.1:$p cookie r$i"$'\n'
    done
    local cfg
    cfg="$(< "$ROOT/deploy/haproxy.cfg.in")"
    cfg="${cfg//@PORT@/$port}"
    cfg="${cfg//@BUSY@/$ROOT/deploy/busy.http}"
    printf '%s\n' "${cfg//@SERVERS@/${servers%$'\n'}}" > "$RUN/haproxy.cfg"
    # The replicas first: HAProxy marks a server that fails its first checks down, and a down server takes no new
    # session until it has passed two more checks (10 s); started after the replicas answer, every one is up.
    local ready=0
    for _ in $(seq 1 240); do
        local healthy=0
        for i in $(seq 1 "$n"); do
            if curl -fsS "http://127.0.0.1:$((port + i))/_stcore/health" >/dev/null 2>&1; then healthy=$((healthy + 1)); fi
        done
        if (( healthy == n )); then ready=1; break; fi
        sleep 0.5
    done
    if (( ready )); then
        haproxy -f "$RUN/haproxy.cfg" -db > "$RUN/haproxy.log" 2>&1 &
        echo "$!" >> "$RUN/pids"
        for _ in $(seq 1 40); do
            if curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1; then
                echo "up: $n replica(s) behind http://127.0.0.1:$port"
                return 0
            fi
            sleep 0.5
        done
    fi
    echo "the cluster did not come up in 120 s; see $RUN/*.log" >&2
    down
    exit 1
}

down() {
    [[ -f "$RUN/pids" ]] || { echo "nothing to stop"; return 0; }
    while read -r pid; do
        kill "$pid" 2>/dev/null || true
    done < "$RUN/pids"
    sleep 1
    while read -r pid; do
        kill -9 "$pid" 2>/dev/null || true
    done < "$RUN/pids"
    rm -f "$RUN/pids"
    echo "down"
}

case "${1:-}" in
    up) shift; up "$@" ;;
    down) down ;;
    *) echo "usage: $0 up N PORT | down" >&2; exit 2 ;;
esac
