"""Passwords: argon2id hashes, the upgrade of older werkzeug hashes, and the rules a new password meets.

Hashing: argon2id (argon2-cffi) with the parameters in the app config (ARGON2_TIME_COST, ARGON2_MEMORY_COST
in KiB, ARGON2_PARALLELISM; production defaults in careers.config.ARGON2_PRODUCTION, above OWASP's floor of
m=19 MiB, t=2, p=1). Hashes made before argon2 (werkzeug's scrypt or pbkdf2) still verify, and
`needs_rehash` says so, so the next successful login stores an argon2id hash instead; argon2 hashes made
with other parameters are rehashed the same way.

Rules (NIST SP 800-63B, OWASP ASVS 5.0 V6): 12 to 200 characters, not one of the most common passwords
(careers/auth/data/common-passwords.txt, compared case-insensitively), not a run of one repeated character
or chunk, not the account's own email address or name; no composition rules.
"""

from __future__ import annotations

import functools
import hmac
import re
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from werkzeug.security import check_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 200
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt"
ARGON2_PREFIX = "$argon2id$"
LENGTH_MESSAGE = f"Use {MIN_LENGTH} to {MAX_LENGTH} characters."
COMMON_MESSAGE = "This password is one of the most common ones, which are tried first. Choose another."
REPEAT_MESSAGE = ("This password only repeats or runs through a row of characters (aaaa…, 1234…, qwerty…). "
                  "Choose another.")
CONTEXT_MESSAGE = "Do not use your email address or your name as the password."


@functools.lru_cache(maxsize=8)
def _hasher(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism,
                          hash_len=32, salt_len=16, type=Type.ID)


def hasher() -> PasswordHasher:
    """The argon2id hasher for the current app's parameters."""
    config = current_app.config
    return _hasher(int(config["ARGON2_TIME_COST"]), int(config["ARGON2_MEMORY_COST"]),
                   int(config["ARGON2_PARALLELISM"]))


def hash_password(password: str) -> str:
    """An argon2id hash of `password` with the configured parameters."""
    return hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches `stored_hash` (argon2id, or an older werkzeug scrypt/pbkdf2 hash)."""
    if not stored_hash:
        return False
    if stored_hash.startswith("$argon2"):
        try:
            return hasher().verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    try:
        return check_password_hash(stored_hash, password)
    except (ValueError, TypeError):  # a malformed or unknown werkzeug method
        return False


def needs_rehash(stored_hash: str) -> bool:
    """A hash that is not argon2id with today's parameters (an old scrypt hash, or weaker settings)."""
    if not stored_hash.startswith(ARGON2_PREFIX):
        return True
    try:
        return hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def describe(stored_hash: str) -> str:
    """The method and parameters of a hash, without its salt or digest, for the security log: werkzeug's
    "method:parameters" prefix, or argon2's "argon2id v=.. m=..,t=..,p=.."."""
    if stored_hash.startswith("$"):
        return " ".join(stored_hash.split("$")[1:4])
    return stored_hash.split("$", 1)[0][:60]


@functools.lru_cache(maxsize=8)
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return _hasher(time_cost, memory_cost, parallelism).hash("not a password anyone has: timing only")


def burn_verification(password: str) -> None:
    """Spend the time a real check takes, for an email that has no account (or one that may not log in),
    so that the answer's timing does not tell whether the account exists."""
    config = current_app.config
    params = (int(config["ARGON2_TIME_COST"]), int(config["ARGON2_MEMORY_COST"]), int(config["ARGON2_PARALLELISM"]))
    verify_password(_dummy_hash(*params), password)


# -- rules for a new password -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, lower-cased (comment lines start with '#')."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def is_common(password: str) -> bool:
    """Among the most common passwords, whatever its case."""
    return password.casefold() in common_passwords()


_REPEATED_CHUNK = re.compile(r"^(.{1,4}?)\1+$", re.DOTALL)
# Rows people run along: the alphabet, the digits (round again after 0) and the keyboard, either way. The
# shipped list leaves these out (zxcvbn finds them by rule), so a rule finds them here.
_ROWS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "1234567890", "qwertyuiopasdfghjklzxcvbnm", "qwertyuiop",
         "asdfghjkl", "zxcvbnm", "qazwsxedcrfvtgbyhnujmikolp", "azertyuiopqsdfghjklmwxcvbn",
         "qwertzuiopasdfghjklyxcvbnm")


def is_repetitive(password: str) -> bool:
    """One character or a chunk of up to four repeated throughout ("aaaaaaaaaaaa", "abcabcabcabc"), or a
    run along a row of the alphabet, the digits or the keyboard ("123456789012", "qwertyuiopas", "zyxw…")."""
    folded = password.casefold()
    if _REPEATED_CHUNK.match(folded):
        return True
    for row in _ROWS:
        laps = row * (len(folded) // len(row) + 2)
        if folded in laps or folded in laps[::-1]:
            return True
    return False


def password_problem(password: str, context: tuple[str, ...] = ()) -> str | None:
    """Why `password` cannot be a new password, or None. `context`: the account's email and name."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return LENGTH_MESSAGE
    if is_common(password):
        return COMMON_MESSAGE
    if is_repetitive(password):
        return REPEAT_MESSAGE
    folded = password.casefold().strip()
    for value in context:
        value = (value or "").casefold().strip()
        if value and (folded == value or folded == value.split("@", 1)[0]):
            return CONTEXT_MESSAGE
    return None


def fingerprint(stored_hash: str, key: str) -> str:
    """A short keyed digest of a password hash: put in reset links so that they die when the password
    changes, without showing the hash itself."""
    return hmac.new(key.encode(), stored_hash.encode(), "sha256").hexdigest()[:24]
