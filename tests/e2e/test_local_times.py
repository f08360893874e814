"""`.history` and `.bulk` show local times with their UTC offset (the JSON stays in UTC)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from lwm2m_shell.simulator import SimulatedTenant

from .test_modes import run


def test_history_shows_the_local_time_with_its_offset(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    chatham = {**env, "TZ": "Pacific/Chatham"}
    result = run(chatham, "-c", ".history 1")
    assert result.returncode == 0, result.stderr
    shown = re.search(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ([+-]\d\d:\d\d)", result.stdout)
    assert shown, result.stdout
    assert shown.group(2) in ("+12:45", "+13:45")  # Chatham standard / daylight time
    as_json = run(chatham, "-o", "json", "-c", ".history 1")
    row = json.loads(as_json.stdout.splitlines()[-1]) if as_json.stdout.strip() else None
    created = _utc_of(row)
    hours, minutes = int(shown.group(2)[1:3]), int(shown.group(2)[4:])
    local = datetime.strptime(shown.group(1), "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=timezone(timedelta(hours=hours, minutes=minutes))
    )
    assert abs((local - created).total_seconds()) < 1  # the same moment, said with its zone


def _utc_of(row: object) -> datetime:
    rows = row if isinstance(row, list) else [row]
    found = rows[-1]
    if isinstance(found, dict) and "result" in found:
        found = found["result"][-1]
    assert isinstance(found, dict), row
    text = str(found["creationTime"])
    assert text.endswith("Z")
    return datetime.fromisoformat(text[:-1] + "+00:00")
