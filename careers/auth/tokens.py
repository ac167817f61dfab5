"""Signed, expiring links for account mails (itsdangerous), one salt and one lifetime per purpose.

A token is readable (base64 JSON), never secret: it only carries ids and the state it is bound to, and the
signature (SECRET_KEY with the purpose's salt) makes it unforgeable and useless for another purpose. Each
purpose binds its token to the state that must still hold when it is used, which makes it single-use:
  verify the address   {"u": user id, "e": the email it was sent to}          dies when the email changes
  reset the password   {"u": user id, "p": fingerprint of the password hash}  dies when the password changes
  change the address   {"u": user id, "from": old email, "to": new email}     dies once the email changed
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer


@dataclass(frozen=True)
class _Purpose:
    salt: str
    max_age_setting: str


class Purpose(Enum):
    VERIFY_EMAIL = _Purpose("codecareers.account.verify-email", "EMAIL_VERIFY_MAX_AGE")
    RESET_PASSWORD = _Purpose("codecareers.account.reset-password", "PASSWORD_RESET_MAX_AGE")
    CHANGE_EMAIL = _Purpose("codecareers.account.change-email", "EMAIL_CHANGE_MAX_AGE")

    @property
    def max_age(self) -> int:
        return int(current_app.config[self.value.max_age_setting])


class TokenError(Exception):
    """The link cannot be used; str() is a message for the person who followed it."""


class TokenExpired(TokenError):
    pass


class TokenInvalid(TokenError):
    pass


def clock() -> float:
    """The time tokens are stamped and checked with (tests move it; the session cookie's clock stays)."""
    return time.time()


class _Signer(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(clock())


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose.value.salt, signer=_Signer)


def make_token(purpose: Purpose, payload: dict[str, Any]) -> str:
    """A signed, timestamped token carrying `payload` for one purpose."""
    return _serializer(purpose).dumps(payload)


def read_token(purpose: Purpose, token: str, max_age: int | None = None) -> dict[str, Any]:
    """The payload of a token made for `purpose` no longer than its lifetime ago, else TokenError."""
    try:
        payload = _serializer(purpose).loads(token, max_age=purpose.max_age if max_age is None else max_age)
    except SignatureExpired as exc:
        raise TokenExpired("This link has expired.") from exc
    except (BadSignature, UnicodeError, ValueError) as exc:
        raise TokenInvalid("This link is not valid.") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise TokenInvalid("This link is not valid.")
    return payload
