"""Users, Basic authentication and OAuth bearer tokens of the simulated tenant."""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
from dataclasses import dataclass

from .clock import Clock
from .config import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    VIEWER_PASSWORD,
    VIEWER_USER,
)

READ_ROLES = (
    "ROLE_INVENTORY_READ",
    "ROLE_IDENTITY_READ",
    "ROLE_DEVICE_CONTROL_READ",
    "ROLE_USER_MANAGEMENT_OWN_READ",
)
ALL_ROLES = (
    *READ_ROLES,
    "ROLE_INVENTORY_ADMIN",
    "ROLE_IDENTITY_ADMIN",
    "ROLE_DEVICE_CONTROL_ADMIN",
    "ROLE_USER_MANAGEMENT_OWN_ADMIN",
)


@dataclass(frozen=True)
class User:
    name: str
    password: str
    roles: tuple[str, ...]
    needs_tfa: bool = False


USERS = {
    ADMIN_USER: User(ADMIN_USER, ADMIN_PASSWORD, ALL_ROLES),
    TFA_USER: User(TFA_USER, TFA_PASSWORD, ALL_ROLES, needs_tfa=True),
    VIEWER_USER: User(VIEWER_USER, VIEWER_PASSWORD, READ_ROLES),
}


class AuthError(Exception):
    """Authentication failed; ``str()`` is the message for the 401 body."""


class Authenticator:
    """Checks Authorization headers and issues bearer tokens; ``clock`` says when they expire."""

    def __init__(self, tenant_id: str, token_lifetime: float, clock: Clock) -> None:
        self.tenant_id = tenant_id
        self.token_lifetime = token_lifetime
        self._clock = clock
        self._tokens: dict[str, tuple[User, float]] = {}
        self._lock = threading.Lock()

    def _check_password(self, login: str, password: str) -> User:
        tenant, slash, username = login.partition("/")
        if not slash:
            tenant, username = self.tenant_id, login
        user = USERS.get(username)
        if (
            tenant != self.tenant_id
            or user is None
            or not secrets.compare_digest(user.password.encode(), password.encode())
        ):
            raise AuthError("Invalid credentials! : Bad credentials")
        return user

    def authenticate(self, header: str | None) -> User:
        """The user of a request's Authorization header; AuthError when it is not valid."""
        if not header:
            raise AuthError("Full authentication is required to access this resource")
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                raise AuthError("Invalid credentials! : Malformed Basic authorization") from None
            login, colon, password = decoded.partition(":")
            if not colon:
                raise AuthError("Invalid credentials! : Malformed Basic authorization")
            user = self._check_password(login, password)
            if user.needs_tfa:
                raise AuthError(
                    "TFA required: this user must log in with a TFA code through "
                    "/tenant/oauth/token; Basic authentication is not allowed"
                )
            return user
        if scheme.lower() == "bearer":
            with self._lock:
                entry = self._tokens.get(value.strip())
            if entry is None:
                raise AuthError("Invalid credentials! : Unknown or revoked token")
            user, expires = entry
            if self._clock.now() >= expires:
                raise AuthError("Invalid credentials! : Token expired")
            return user
        raise AuthError(f"Unsupported authorization scheme '{scheme}'")

    def revoke_all(self) -> int:
        """Revoke every token issued so far (as an administrator or a password change would);
        how many there were."""
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
        return count

    def issue_token(
        self, tenant_id: str | None, username: str, password: str, tfa_code: str | None
    ) -> tuple[str, float]:
        """A new (token, lifetime) for a password login; AuthError when refused."""
        if tenant_id not in (None, "", self.tenant_id):
            raise AuthError(f"Invalid credentials! : Unknown tenant '{tenant_id}'")
        user = self._check_password(username, password)
        if user.needs_tfa:
            if not tfa_code:
                raise AuthError("TFA code required: repeat the login with tfa_code")
            if not secrets.compare_digest(tfa_code.encode(), TFA_CODE.encode()):
                raise AuthError("Invalid TFA code")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = (user, self._clock.now() + self.token_lifetime)
        return token, self.token_lifetime
