"""Facts that ``--help``, the man page and the README all state, written once, here.

``--help`` and the man page are generated from these texts; tests check that the README says the
same (``tests/unit/packaging/test_doc_facts.py``) and that the numbers are the program's.
Plain Python that imports nothing: ``lwm2m_shell.cli`` imports it for the ``--help`` epilog
before anything heavy, and the man page (``manpage``) reads it too. It lives in ``docgen`` because
every line of it is documentation.
"""

from __future__ import annotations

PRECEDENCE = (
    "Where settings come from, strongest first: command-line options; the go-c8y-cli session "
    "file of --session FILE, else of C8Y_SESSION (one rank); C8Y_* environment variables; the "
    "profile (--profile NAME, else the config file's default); built-in defaults. The login "
    "(URL, tenant, user, password or token) is not put together key by key: it comes from the "
    "strongest source that names a URL; --user and --tenant replace its user and tenant, and a "
    "login source without a user takes the user of the next source that names no other host. "
    "The password or token come together, from the login source, else from the next source "
    "that holds one; a source that names another host or another user never lends them (you "
    "are asked instead, with a note saying why). The connector device is --connector-id, else "
    "the connector_id of the strongest source naming no other host. .context and -v say where "
    "the login came from."
)

# (what, limit): what the program refuses or cuts, as the README and the man page list it.
LIMITS: tuple[tuple[str, str], ...] = (
    ("a command line", "10,000 characters (longer: refused, nothing sent)"),
    ("a command file (-f, or standard input)", "10 MiB (larger: refused, nothing sent)"),
    ("the config file", "1 MiB (larger: refused)"),
    ("rows listed by .devices and .endpoints", "50 (the total count is shown)"),
    ("--timeout, wait_timeout", "7 days (604,800 s)"),
    ("--request-timeout, request_timeout", "3,600 s"),
    ("--demo-devices", "100,000"),
)

# (status, meaning) of the "status" key of --output json.
JSON_STATUSES: tuple[tuple[str, str], ...] = (
    ("SUCCESSFUL, FAILED, PENDING, EXECUTING", "the operation's status on the tenant"),
    ("LOCAL", "a local command that succeeded (nothing sent)"),
    ("OK", "done without an operation"),
    ("INVALID", "refused before sending: a usage or validation error"),
    ("ERROR", "not done: connection, authentication, permission or another failure"),
    (
        "NOT_RUN",
        "not sent: another line was invalid, an earlier command stopped the run, or a "
        "tenant-wide command was not confirmed",
    ),
)

# Rules that are real but easy to miss, stated once for the man page (the README says the same).
RULES: tuple[str, ...] = (
    "-c and -f cannot be combined (a usage error, exit code 2).",
    "A config file that holds a password or token and can be read or written by anyone but its "
    "owner (any group or other permission bit) is refused as a whole until you chmod 600 it.",
    "HTTPS_PROXY (and the other proxy variables) and SSL_CERT_FILE / SSL_CERT_DIR are honoured; "
    "--ca-bundle FILE adds the CAs of FILE to that trust store.",
    "In a script, a missing password is exit code 2 (nothing was tried) and a login that needs a "
    "TFA code is exit code 3 (use C8Y_TOKEN).",
)
