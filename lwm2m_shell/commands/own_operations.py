"""What this shell itself created and saw: operation IDs and the request tags of its POSTs.

One object, built first and handed to whoever needs it: the runner adds to it, live updates read
it (an operation of ours is not announced as someone else's), completion offers its IDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OwnOperations:
    ids: list[str] = field(default_factory=list)  # seen by this shell, oldest first
    requests: set[str] = field(default_factory=set)  # tags of the operations we created

    def note(self, operation_id: str) -> None:
        if operation_id not in self.ids:
            self.ids.append(operation_id)
