"""The language package stays pure: no UI, network or colour library is loaded with it."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("prompt_toolkit", "httpx", "pygments")


def test_importing_the_language_loads_no_ui_or_network_library() -> None:
    script = (
        "import json, sys\n"
        "import lwm2m_shell.language as language\n"
        "language.parse('migrateLwm2mDevices -d 1'); language.classify('help');"
        " language.suggest('mig'); language.render_help()\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout) == []


def test_language_imports_nothing_of_ours_outside_itself() -> None:
    script = (
        "import json, sys\n"
        "import lwm2m_shell.language\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lwm2m_shell'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(done.stdout)
    outside = [
        name
        for name in loaded
        if name != "lwm2m_shell" and not name.startswith("lwm2m_shell.language")
    ]
    assert outside == []
