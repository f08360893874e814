"""Running commands: where each goes, and how one is sent and followed.

- ``dispatch``: the Dispatcher runs one parsed command: confirms a tenant-wide one, answers a
  local one with its handler, sends a device command to the targeted LWM2M device and the rest
  to the connector (through the runner).
- ``target``: where device commands go (the connector, or one device), held per shell;
  ``target_lookup`` finds the device a ``.use`` / ``--device`` names; ``use_target`` is ``.use``;
  ``device_results`` shows a device's answer with resource names and learns its instances.
- ``runner``: the Runner sends one text to the device ID it is given, exactly once, and follows
  the operation to its end. It knows nothing of local commands.
- ``registry``: local command name → handler, and the LocalContext a handler may use.
- ``builtin``: the connector shell's local commands in one registry, from ``help_context``
  (``help``, ``.context``), ``history_status`` (``.send``, ``.status``, ``.history``,
  ``.bulk``), ``use_target`` (``.use``) and ``listings`` (``.devices``, ``.endpoints``,
  ``.refresh``).
- ``assemble``: builds runner and dispatcher from what a run mode brings.
- ``own_operations``, ``catalogue_access``, ``relogin``, ``interrupts``: small shared parts.

Who imports whom (no circles): assemble → dispatch, builtin; builtin → the three themes →
registry; dispatch → registry, runner; registry → runner. The runner imports none of them.
"""
