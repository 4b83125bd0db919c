"""The one test command: ``python3 -m tests`` installs what the tests need, then runs pytest.

1. The Python packages of requirements-dev.txt (pip, into the interpreter that runs this).
2. Debian's Chromium for the browser tests, where it is missing: with ``apt-get`` when we are root (as on CI),
   else a clear message naming the package and the command (the browser tests then fail, saying so).
3. ``python3 -m pytest`` with any arguments given here (``python3 -m tests -k contract``); its exit code is ours.

It uses only the standard library, so it runs before anything is installed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _run(command, **kwargs):
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, **kwargs).returncode


def install_packages():
    code = _run([sys.executable, "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements-dev.txt")])
    if code:
        sys.exit(f"Installing the Python packages failed (pip exit {code}); see pip's message above.")


def install_chromium():
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if _run([apt, "update", "-qq"], env=env) == 0 and \
                _run([apt, "install", "-y", "-qq", "chromium"], env=env, stdout=subprocess.DEVNULL) == 0:
            return
    print(f"\nThe browser tests need Chromium at {CHROMIUM} (Debian's package 'chromium'). Install it with\n"
          "    sudo apt-get install chromium\n"
          "or point CHROMIUM at a Chromium binary; the other tests run without it.\n", file=sys.stderr, flush=True)


def main(argv):
    os.chdir(ROOT)
    install_packages()
    install_chromium()
    return _run([sys.executable, "-m", "pytest", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
