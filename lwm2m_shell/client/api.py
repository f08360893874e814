"""``CumulocityClient``: the few Cumulocity REST calls lwm2m-shell makes, typed and retried.

One client holds one keep-alive connection pool (built by ``http_factory.new_http_client``): the
session's, or a background thread's own (``TenantSession.new_client``). Reads go through the retry
policy; creating an operation never blindly repeats a POST (see ``operations.create_operation``).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from .bounded import DEFAULT_MAX_BYTES, Bounds
from .errors import BadResponse, ClientError, PagesExceeded
from .http_factory import new_http_client
from .listing import ListedObject, ListingPage, ListingProblem, parse_listing
from .models import (
    ExternalId,
    ExternalIdCollection,
    LoginOptions,
    ManagedObject,
    ManagedObjectCollection,
    Operation,
    OperationCollection,
    TenantInfo,
    UserInfo,
)
from .pages_ahead import PagesAhead
from .retry import RetryPolicy, run_with_retry
from .transport import describe, json_body, parse, send

log = logging.getLogger("lwm2m_shell.client")
M = TypeVar("M", bound=BaseModel)

OPERATION_MEDIA = "application/vnd.com.nsn.cumulocity.operation+json"
CONNECTOR_TYPE = "c8y_lwm2m_connector_device"
MAX_PAGE_SIZE = 2000
MAX_PAGES = 500  # pages of one listing when the tenant gives no page count (1,000,000 objects)
LISTING_CONCURRENCY = 3  # listing pages asked for at once, once the page count is known


@dataclass(frozen=True)
class ClientOptions:
    verify: bool | str = True  # False, or a CA bundle path
    timeout: float = 30.0  # seconds for one whole request (connect, send, every read)
    max_answer_bytes: int = DEFAULT_MAX_BYTES
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    app_key: str | None = None


class CumulocityClient:
    """Talks to one tenant at ``base_url`` with one set of credentials."""

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth | None,
        options: ClientOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.options = options or ClientOptions()
        self._http = new_http_client(
            self.base_url,
            auth,
            timeout=self.options.timeout,
            verify=self.options.verify,
            app_key=self.options.app_key,
            transport=transport,
        )

    # -- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CumulocityClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        retry: RetryPolicy | None = None,
        changes_data: bool = False,
    ) -> httpx.Response:
        """Send one request; reads are retried with ``retry`` (default: the client's policy)."""
        request = self._http.build_request(
            method, path, params=params, json=json, data=data, headers=headers
        )
        bounds = Bounds(self.options.timeout, self.options.max_answer_bytes)
        if changes_data:
            return send(self._http, request, changes_data=True, bounds=bounds)
        policy = retry or self.options.retry

        def attempt() -> httpx.Response:
            return send(self._http, request, changes_data=False, bounds=bounds)

        def note(error: ClientError, delay: float) -> None:
            log.info("%s failed (%s); retrying in %.2fs", error.request, error.message, delay)

        return run_with_retry(attempt, policy, on_retry=note)

    def get(
        self,
        path: str,
        model: type[M],
        params: Mapping[str, Any] | None = None,
        *,
        retry: RetryPolicy | None = None,
    ) -> M:
        response = self.request("GET", path, params=params, retry=retry)
        return parse(response, model, describe("GET", response.request.url))

    # -- tenant and user --------------------------------------------------------------------

    def current_tenant(self) -> TenantInfo:
        return self.get("/tenant/currentTenant", TenantInfo)

    def current_user(self) -> UserInfo:
        return self.get("/user/currentUser", UserInfo)

    def login_options(self) -> LoginOptions:
        return self.get("/tenant/loginOptions", LoginOptions)

    # -- inventory and identity -------------------------------------------------------------

    def find_connectors(self) -> list[ManagedObject]:
        page = self.get(
            "/inventory/managedObjects",
            ManagedObjectCollection,
            {"type": CONNECTOR_TYPE, "pageSize": 100, "withChildren": "false"},
        )
        return page.managed_objects

    def managed_object(self, object_id: str) -> ManagedObject:
        return self.get(f"/inventory/managedObjects/{object_id}", ManagedObject)

    def iter_managed_object_pages(
        self,
        params: Mapping[str, Any],
        *,
        page_size: int = MAX_PAGE_SIZE,
        concurrency: int = LISTING_CONCURRENCY,
    ) -> Generator[list[ListedObject], None, None]:
        """Pages of managed objects matching ``params``, until a short or empty page.

        Bounded: the first page asks for the tenant's page count; a page past it, a page that
        only repeats objects already listed, or more than ``MAX_PAGES`` pages without a count
        raise PagesExceeded (the pages yielded before stay valid). Once the count is known, up
        to ``concurrency`` of the announced pages are fetched at once (``PagesAhead``); they are
        still yielded in order, and checked as if they had come one by one.
        """
        what = "GET /inventory/managedObjects"
        seen: set[str] = set()
        first = self._listing_page(params, page_size, 1)
        allowed = MAX_PAGES
        if first.total_pages is not None:
            allowed = min(MAX_PAGES, max(1, first.total_pages) + 1)
        pages = self._numbered_pages(params, page_size, first, allowed, concurrency)
        try:
            for page_number, page in pages:
                objects = page.objects
                if objects and page_number > allowed:
                    raise PagesExceeded(
                        f"the listing goes on past the {allowed - 1} page(s) the tenant "
                        f"announced; stopped after {page_number - 1} pages",
                        request=what,
                    )
                fresh = [managed for managed in objects if managed.id not in seen]
                if objects and not fresh:
                    raise PagesExceeded(
                        f"page {page_number} only repeats objects already listed; stopped there",
                        request=what,
                    )
                seen.update(managed.id for managed in fresh)
                yield fresh
                if len(objects) < page_size:
                    return
        finally:
            pages.close()  # pages fetched ahead are dropped, none more is started

    def _numbered_pages(
        self,
        params: Mapping[str, Any],
        page_size: int,
        first: ListingPage,
        allowed: int,
        concurrency: int,
    ) -> Generator[tuple[int, ListingPage], None, None]:
        """(number, page) from page 1 on; the announced pages a few at a time."""
        yield 1, first
        number = 2
        announced = first.total_pages
        if concurrency > 1 and announced is not None and min(announced, allowed) > 2:
            ahead = PagesAhead(
                lambda n: self._listing_page(params, page_size, n),
                2,
                min(announced, allowed),
                workers=concurrency,
                name="listing",
            )
            try:
                for page in ahead:
                    yield number, page
                    number += 1
            finally:
                ahead.close()
        while True:  # past the announced count (a tenant that said too few), one by one
            yield number, self._listing_page(params, page_size, number)
            number += 1

    def _listing_page(
        self, params: Mapping[str, Any], page_size: int, page_number: int
    ) -> ListingPage:
        query = {
            **params,
            "pageSize": page_size,
            "currentPage": page_number,
            "withChildren": "false",
            "skipChildrenNames": "true",
        }
        if page_number == 1:
            query["withTotalPages"] = "true"
        response = self.request("GET", "/inventory/managedObjects", params=query)
        what = describe("GET", response.request.url)
        try:
            return parse_listing(json_body(response, what))
        except ListingProblem as problem:
            raise BadResponse(f"unexpected answer: {problem}", request=what) from None

    def external_ids(self, object_id: str) -> list[ExternalId]:
        answer = self.get(f"/identity/globalIds/{object_id}/externalIds", ExternalIdCollection)
        return answer.external_ids

    # -- operations -------------------------------------------------------------------------

    def get_operation(self, operation_id: str, *, retry: RetryPolicy | None = None) -> Operation:
        return self.get(f"/devicecontrol/operations/{operation_id}", Operation, retry=retry)

    def list_operations(
        self,
        device_id: str,
        *,
        fragment_type: str | None = None,
        date_from: datetime | None = None,
        date_to: datetime | None = None,
        newest_first: bool = False,
        page_size: int = 100,
        page: int = 1,
    ) -> list[Operation]:
        """Operations of ``device_id``; ``newest_first`` needs a date range (API rule)."""
        params: dict[str, Any] = {"deviceId": device_id, "pageSize": page_size, "currentPage": page}
        if fragment_type:
            params["fragmentType"] = fragment_type
        if date_from:
            params["dateFrom"] = _iso(date_from)
        if date_to:
            params["dateTo"] = _iso(date_to)
        if newest_first:
            params["revert"] = "true"
        return self.get("/devicecontrol/operations", OperationCollection, params).operations

    def post_operation(self, body: Mapping[str, Any]) -> Operation:
        """POST one operation, once. Raises AnswerLost when the outcome is unknown."""
        response = self.request(
            "POST",
            "/devicecontrol/operations",
            json=dict(body),
            headers={"Accept": OPERATION_MEDIA, "Content-Type": OPERATION_MEDIA},
            changes_data=True,
        )
        return parse(response, Operation, "POST /devicecontrol/operations")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
