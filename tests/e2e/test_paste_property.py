"""For any paste holding an invalid line, the interactive shell creates ZERO operations.

The block runner of the REPL is driven with real parts (session, dispatcher, catalogue) against a
simulated tenant over HTTP; the count of operations is read from the tenant.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings

from lwm2m_shell.catalogue import TenantCatalogue
from lwm2m_shell.commands.assemble import connector_dispatcher
from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.modes.repl_block import BlockRunner
from lwm2m_shell.output.console import Console
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig

from ..unit.language.test_lang_block import paste_with_a_bad_line


class Parts:
    def __init__(self, tenant: SimulatedTenant) -> None:
        settings = Settings(
            url=tenant.url,
            tenant=tenant.tenant_id,
            user=ADMIN_USER,
            password=Secret(ADMIN_PASSWORD),
            request_timeout=5.0,
        )
        self.session = TenantSession(settings)
        self.stderr = io.StringIO()
        self.console = Console(stdout=io.StringIO(), stderr=self.stderr, color=False)
        self.questions: list[str] = []
        self.catalogue = TenantCatalogue(self.session)
        self.dispatcher = connector_dispatcher(
            self.session, self.console, confirm=self.ask, catalogue=self.catalogue
        )
        self.block = BlockRunner(self.session, self.dispatcher, self.catalogue, self.ask)

    def ask(self, question: str) -> bool:
        self.questions.append(question)
        return True  # every question answered yes: only the bad line may stop the paste


@pytest.fixture(scope="module")
def tenant() -> Iterator[SimulatedTenant]:
    config = SimulatorConfig(devices=10, pending_delay=0.0, execution_delay=0.0)
    with SimulatedTenant(config) as simulated:
        yield simulated


@pytest.fixture(scope="module")
def parts(tenant: SimulatedTenant) -> Iterator[Parts]:
    built = Parts(tenant)
    built.session.log_in_at_start()
    yield built
    built.catalogue.close()
    built.session.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=paste_with_a_bad_line())
def test_no_operation_for_a_paste_with_an_invalid_line(
    case: tuple[list[str], set[int]], parts: Parts, tenant: SimulatedTenant
) -> None:
    lines, _bad = case
    before = len(tenant.operations())
    parts.questions.clear()
    assert parts.block.run_text("\n".join(lines), parts.console) is True
    assert len(tenant.operations()) == before
    assert parts.questions == []  # refused before any question


def test_the_same_runner_sends_a_valid_paste(parts: Parts, tenant: SimulatedTenant) -> None:
    """The property above is not vacuous: a valid paste through the same parts is sent."""
    before = len(tenant.operations())
    paste = "invalidateRegistrationById F7DqjmW3Yy\nmigrateLwm2mDevices --skipRegistrations"
    parts.block.run_text(paste, parts.console)
    assert len(tenant.operations()) == before + 2
    assert any("EVERY LWM2M device" in question for question in parts.questions)
