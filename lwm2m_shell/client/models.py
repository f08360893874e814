"""pydantic models of the Cumulocity JSON that lwm2m-shell reads.

Servers add fields over time and real tenants carry custom fragments, so every model accepts
unknown fields (kept in ``model_extra``); what we rely on is typed and validated. IDs are strings
on the wire, but numbers are accepted and turned into strings.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, coerce_numbers_to_str=True)


class OperationStatus(str, Enum):
    PENDING = "PENDING"
    EXECUTING = "EXECUTING"
    SUCCESSFUL = "SUCCESSFUL"
    FAILED = "FAILED"

    @property
    def is_final(self) -> bool:
        return self in (OperationStatus.SUCCESSFUL, OperationStatus.FAILED)


class CommandFragment(ApiModel):
    text: str = ""
    result: str | None = None


class Operation(ApiModel):
    id: str
    device_id: str | None = Field(default=None, alias="deviceId")
    status: OperationStatus
    creation_time: datetime | None = Field(default=None, alias="creationTime")
    last_updated: datetime | None = Field(default=None, alias="lastUpdated")
    description: str | None = None
    failure_reason: str | None = Field(default=None, alias="failureReason")
    command: CommandFragment | None = Field(default=None, alias="c8y_Command")

    @property
    def is_final(self) -> bool:
        return self.status.is_final

    @property
    def text(self) -> str | None:
        return self.command.text if self.command else None

    @property
    def result(self) -> str | None:
        return self.command.result if self.command else None

    def fragment(self, name: str) -> Any:
        """A custom fragment of the operation (e.g. our request tag), or None."""
        return (self.model_extra or {}).get(name)


class PageStatistics(ApiModel):
    page_size: int | None = Field(default=None, alias="pageSize")
    current_page: int | None = Field(default=None, alias="currentPage")
    total_pages: int | None = Field(default=None, alias="totalPages")


class OperationCollection(ApiModel):
    operations: list[Operation]
    statistics: PageStatistics | None = None
    next: str | None = None


class ManagedObject(ApiModel):
    id: str
    name: str | None = None
    type: str | None = None


class ManagedObjectCollection(ApiModel):
    managed_objects: list[ManagedObject] = Field(alias="managedObjects")
    statistics: PageStatistics | None = None
    next: str | None = None


class ExternalId(ApiModel):
    external_id: str = Field(alias="externalId")
    type: str


class ExternalIdCollection(ApiModel):
    external_ids: list[ExternalId] = Field(alias="externalIds")


class TenantInfo(ApiModel):
    name: str
    domain_name: str | None = Field(default=None, alias="domainName")


class Role(ApiModel):
    id: str


class UserInfo(ApiModel):
    user_name: str = Field(alias="userName")
    effective_roles: list[Role] | None = Field(default=None, alias="effectiveRoles")

    def has_role(self, role: str) -> bool | None:
        """True/False when the server listed roles, None when it did not say."""
        if self.effective_roles is None:
            return None
        return any(r.id == role for r in self.effective_roles)


class LoginOption(ApiModel):
    type: str


class LoginOptions(ApiModel):
    login_options: list[LoginOption] = Field(default_factory=list, alias="loginOptions")


class TokenAnswer(ApiModel):
    access_token: str
    expires_in: float | None = None


class ErrorBody(ApiModel):
    error: str | None = None
    message: str | None = None
    info: str | None = None
