"""One login from one source (issue 20): every pair of sources with a conflicting host or user
gives the documented winner and never a borrowed secret.

Sources, strongest first: flags, session file (``--session`` or ``C8Y_SESSION``, one rank),
environment, profile. The login source is the strongest that names a URL; ``--user`` beats its
user; a secret is only lent by a source naming neither another host nor another user.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lwm2m_shell.config.settings import Settings

from .conftest import Resolve

KINDS = ["flags", "session", "env", "profile"]
SECRETS = {"session": "sess-pw", "env": "env-pw", "profile": "prof-pw"}  # flags hold none
PAIRS = list(itertools.combinations(KINDS, 2))  # (stronger, weaker)


def host(kind: str) -> str:
    return f"{kind}.example.com"


class Login:
    """Builds the flags, environment, session file and config file of one test."""

    def __init__(self, write_config: Callable[..., Path], write_session: Callable[..., Path]):
        self.write_config = write_config
        self.write_session = write_session
        self.argv: list[str] = []
        self.env: dict[str, str] = {}

    def add(self, kind: str, url: str, user: str, secret: bool) -> None:
        password = SECRETS.get(kind) if secret else None
        if kind == "flags":
            self.argv += ["--url", url, "--user", user]
        elif kind == "session":
            values: dict[str, Any] = {"host": url, "username": user}
            if password:
                values["password"] = password
            self.argv += ["--session", str(self.write_session(**values))]
        elif kind == "env":
            self.env.update(C8Y_BASEURL=url, C8Y_USER=user)
            if password:
                self.env["C8Y_PASSWORD"] = password
        else:
            line = f'password = "{password}"\n' if password else ""
            self.write_config(
                f'default = "p"\n[profiles.p]\nurl = "{url}"\nuser = "{user}"\n{line}'
            )

    def resolve(self, settings: Resolve) -> Settings:
        return settings(*self.argv, env=self.env)


def secret_of(result: Settings) -> str | None:
    return result.password.get_secret_value() if result.password else None


@pytest.fixture
def login(write_config: Callable[..., Path], write_session: Callable[..., Path]) -> Login:
    return Login(write_config, write_session)


@pytest.mark.parametrize("stronger_has_secret", [True, False])
@pytest.mark.parametrize("conflict", ["host", "user"])
@pytest.mark.parametrize(("stronger", "weaker"), PAIRS)
def test_conflicting_sources_never_lend_a_secret(
    settings: Resolve,
    login: Login,
    stronger: str,
    weaker: str,
    conflict: str,
    stronger_has_secret: bool,
) -> None:
    strong_url = f"https://{host(stronger)}"
    weak_url = f"https://{host(weaker)}" if conflict == "host" else strong_url
    login.add(stronger, strong_url, f"{stronger}-user", stronger_has_secret)
    login.add(weaker, weak_url, f"{weaker}-user", True)
    result = login.resolve(settings)
    assert result.url == strong_url
    assert result.user == f"{stronger}-user"
    expected = SECRETS.get(stronger) if stronger_has_secret else None
    assert secret_of(result) == expected
    assert secret_of(result) != SECRETS[weaker]
    if expected is None:  # the weaker source's secret was withheld, and the user told why
        why = "are only used with" if conflict == "host" else "belong to user"
        assert any(why in note for note in result.notes), result.notes


@pytest.mark.parametrize(("stronger", "weaker"), PAIRS)
def test_same_host_and_user_lend_the_secret(
    settings: Resolve, login: Login, stronger: str, weaker: str
) -> None:
    url = "https://same.example.com"
    login.add(stronger, url, "alice", False)
    login.add(weaker, url, "alice", True)
    result = login.resolve(settings)
    assert (result.url, result.user) == (url, "alice")
    assert secret_of(result) == SECRETS[weaker]


def test_session_file_password_is_never_sent_as_another_user(
    settings: Resolve, write_session: Callable[..., Path]
) -> None:
    """The issue's case: ``--session`` with ``C8Y_USER=viewer`` sent the file's password as
    viewer. The session file's login is taken whole, whichever way it is named."""
    path = write_session(host="t.example.com", tenant="t5", username="admin", password="pw")
    for argv, env in (
        (["--session", str(path)], {"C8Y_USER": "viewer"}),
        ([], {"C8Y_SESSION": str(path), "C8Y_USER": "viewer"}),
    ):
        result = settings(*argv, env=env)
        assert (result.tenant, result.user, secret_of(result)) == ("t5", "admin", "pw")
        assert result.login_source == f"URL, user and secret from session file {path}"


def test_profile_tenant_does_not_join_the_environment_login(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    """A default profile's tenant combined with C8Y_BASEURL/C8Y_USER gave "Unknown tenant"."""
    write_config('default = "p"\n[profiles.p]\nurl = "p.example.com"\ntenant = "t1"\n')
    result = settings(env={"C8Y_BASEURL": "e.example.com", "C8Y_USER": "bob"})
    assert (result.url, result.tenant, result.user) == ("https://e.example.com", None, "bob")
    assert result.login_source == "URL and user from environment variables"


def test_flags_take_a_secret_from_a_source_naming_no_host(settings: Resolve) -> None:
    result = settings("--url", "x.example.com", "--user", "u", env={"C8Y_PASSWORD": "env-pw"})
    assert secret_of(result) == "env-pw"
    assert result.login_source == (
        "URL and user from command-line flags; secret from environment variables"
    )


def test_a_profile_without_user_takes_one_from_a_source_naming_no_other_host(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config('default = "p"\n[profiles.p]\nurl = "p.example.com"\n')
    result = settings(env={"C8Y_USER": "t7/carol", "C8Y_PASSWORD": "pw"})
    assert (result.url, result.tenant, result.user) == ("https://p.example.com", "t7", "carol")
    assert secret_of(result) == "pw"
    assert result.login_source == (
        "URL from profile p; user from environment variables; secret from environment variables"
    )


def test_connector_id_is_not_taken_from_a_source_naming_another_host(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    write_config(
        'default = "p"\n[profiles.p]\nurl = "https://prof.example.com"\nconnector_id = 7\n'
    )
    other = settings(env={"C8Y_BASEURL": "https://env.example.com", "C8Y_USER": "u"})
    assert other.connector_id is None
    same = settings(env={"C8Y_BASEURL": "https://prof.example.com", "C8Y_USER": "u"})
    assert same.connector_id == "7"
    flag = settings("--connector-id", "8", env={"C8Y_BASEURL": "https://env.example.com"})
    assert flag.connector_id == "8"


def test_a_profile_connector_id_must_be_digits(
    settings: Resolve, write_config: Callable[..., Path]
) -> None:
    from lwm2m_shell.config.settings import SettingsError

    write_config(
        'default = "p"\n[profiles.p]\nurl = "https://p.example.com"\nconnector_id = "abc"\n'
    )
    with pytest.raises(SettingsError, match="connector_id"):
        settings()
