#!/bin/sh
# One replica of SciPy Explorer with the public-deployment settings: headless, no usage statistics, no file
# watcher, errors without details, XSRF protection on. The cookie secret must be the same on every replica (so a
# session's cookie is valid wherever the balancer sends it) and comes from STREAMLIT_SERVER_COOKIE_SECRET.
# Usage: deploy/serve.sh PORT [ADDRESS]
set -eu
PORT="${1:-8501}"
ADDRESS="${2:-0.0.0.0}"
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
    echo "serve.sh: set STREAMLIT_SERVER_COOKIE_SECRET (the same value on every replica)" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
exec python3 -m streamlit run app.py \
    --server.port "$PORT" --server.address "$ADDRESS" \
    --server.headless true --server.fileWatcherType none --server.runOnSave false \
    --server.enableXsrfProtection true \
    --browser.gatherUsageStats false --client.showErrorDetails none
