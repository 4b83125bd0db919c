"""Test configuration: the project root on sys.path, and unexpected page errors raised, not shown."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SCIPY_EXPLORER_RAISE", "1")
