"""``--ca-bundle FILE`` adds its CAs to the default trust store; ``SSL_CERT_FILE`` is honoured.

A real TLS front (tests/auth/tls.py) on 127.0.0.1 for the simulated tenant. With no internet, "the
default store is still trusted" is shown two ways: the context holds more CAs than the bundle, and
a tenant whose CA is the *default* store (``SSL_CERT_FILE``) stays trusted when ``--ca-bundle``
names a different CA.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.client.trust import tls_verify
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant

from .conftest import clean_env, run_shell
from .tls import TlsProxy, self_signed

COMMAND = ".send help"


@pytest.fixture
def front(tenant: SimulatedTenant, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An https:// URL for the tenant and the (self-signed) CA that signed its certificate."""
    (tmp_path / "front").mkdir()
    cert, key = self_signed(tmp_path / "front")
    port = int(tenant.url.rsplit(":", 1)[1])
    proxy = TlsProxy(port, cert, key).start()
    yield proxy.url, cert
    proxy.stop()


@pytest.fixture
def other_ca(tmp_path: Path) -> Path:
    """A CA that signed nothing the tenant uses."""
    (tmp_path / "other").mkdir()
    cert, _key = self_signed(tmp_path / "other")
    return cert


def env_for(home: Path, url: str, **extra: str) -> dict[str, str]:
    env = clean_env(home, C8Y_BASEURL=url, C8Y_USER=ADMIN_USER, C8Y_PASSWORD=ADMIN_PASSWORD)
    env.pop("SSL_CERT_FILE", None)
    env.pop("SSL_CERT_DIR", None)
    env.update(extra)
    return env


def sent(tenant: SimulatedTenant) -> list[str]:
    return [op["c8y_Command"]["text"] for op in tenant.operations() if TAG_FRAGMENT in op]


def test_the_bundle_is_added_to_the_default_store(
    other_ca: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    context = tls_verify(str(other_ca))
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    bundle_only = ssl.create_default_context(cafile=str(other_ca))
    assert bundle_only.cert_store_stats()["x509_ca"] == 1
    assert context.cert_store_stats()["x509_ca"] > 1  # the default CAs are still there
    subjects = [dict(item[0] for item in ca["subject"]) for ca in context.get_ca_certs()]
    assert {"commonName": "127.0.0.1"} in subjects  # and the bundle's CA with them


def test_one_context_per_setting_serves_every_client(
    other_ca: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building a context reads the CA bundle: done once per setting, not once per client."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    assert tls_verify(False) is False  # --insecure: httpx's own unverified context
    default = tls_verify(True)
    assert isinstance(default, ssl.SSLContext) and default is tls_verify(True)
    assert default.verify_mode is ssl.CERT_REQUIRED and default.check_hostname
    with_bundle = tls_verify(str(other_ca))
    assert with_bundle is tls_verify(str(other_ca)) and with_bundle is not default
    monkeypatch.setenv("SSL_CERT_FILE", str(other_ca))  # another default store: another context
    only_bundle = tls_verify(True)
    assert isinstance(only_bundle, ssl.SSLContext) and only_bundle is not default
    assert only_bundle.cert_store_stats()["x509_ca"] == 1


def test_ca_bundle_trusts_a_tenant_signed_by_it(
    front: tuple[str, Path], tenant: SimulatedTenant, home: Path
) -> None:
    url, ca = front
    result = run_shell(env_for(home, url), "--ca-bundle", str(ca), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert sent(tenant) == ["help"]


def test_ssl_cert_file_is_honoured(
    front: tuple[str, Path], tenant: SimulatedTenant, home: Path
) -> None:
    url, ca = front
    refused = run_shell(env_for(home, url), "-c", COMMAND)
    assert refused.returncode == 3
    trusted = run_shell(env_for(home, url, SSL_CERT_FILE=str(ca)), "-c", COMMAND)
    assert trusted.returncode == 0, trusted.stderr
    assert sent(tenant) == ["help"]


def test_ca_bundle_adds_and_does_not_replace(
    front: tuple[str, Path], other_ca: Path, tenant: SimulatedTenant, home: Path
) -> None:
    """The tenant's CA is in the default store (SSL_CERT_FILE); --ca-bundle names another CA:
    if the bundle replaced the store, the tenant would no longer be trusted."""
    url, ca = front
    env = env_for(home, url, SSL_CERT_FILE=str(ca))
    result = run_shell(env, "--ca-bundle", str(other_ca), "-c", COMMAND)
    assert result.returncode == 0, result.stderr
    assert sent(tenant) == ["help"]
