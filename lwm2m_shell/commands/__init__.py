"""Running commands: where each goes, and how one is sent and followed.

- ``dispatch``: the Dispatcher runs one parsed command: confirms a tenant-wide one, answers a
  local one with its handler, sends the rest to the connector (through the runner).
- ``runner``: the Runner sends one text to the device ID it is given, exactly once, and follows
  the operation to its end. It knows nothing of local commands.
- ``registry``: local command name → handler, and the LocalContext a handler may use.
- ``builtin``: the connector shell's local commands in one registry, from ``help_context``
  (``help``, ``.context``), ``history_status`` (``.send``, ``.status``, ``.history``,
  ``.bulk``) and ``listings`` (``.devices``, ``.endpoints``, ``.refresh``).
- ``assemble``: builds runner and dispatcher from what a run mode brings.
- ``own_operations``, ``catalogue_access``, ``relogin``, ``interrupts``: small shared parts.

Who imports whom (no circles): assemble → dispatch, builtin; builtin → the three themes →
registry; dispatch → registry, runner; registry → runner. The runner imports none of them.
"""
