# SciPy Explorer: one replica. Build: docker build -t scipy-explorer .
# Run:   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=<the same secret on every replica> scipy-explorer
# Memory: about 250 MB at start, up to ~1.5 GB under a class's load (caches are bounded by max_entries; the data
# shelf holds at most 64 MB a session); give each replica 2 GiB and one or two cores.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 explorer
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=explorer:explorer . .

USER explorer
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"

# The public-deployment settings (the cookie secret comes from STREAMLIT_SERVER_COOKIE_SECRET: the command line
# refuses it). deploy/serve.sh is the same command, used by the local cluster and tested by the test suite.
CMD ["sh", "deploy/serve.sh", "8501", "0.0.0.0"]
