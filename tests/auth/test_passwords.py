"""careers/auth/passwords.py and its use at login: argon2id with the parameters we claim, older werkzeug
hashes verified and upgraded at the next login, the rules for new passwords, the shipped common-password
list, and a login that takes as long for an unknown email as for a known one."""

from __future__ import annotations

import time

import pytest
from argon2 import PasswordHasher, Type
from flask import Flask
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from careers import config
from careers.auth import passwords
from careers.auth.models import SecurityEvent, User
from careers.auth.services import WeakPassword, authenticate, register_candidate
from tests import factories

OWASP_MIN = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}  # OWASP Password Storage Cheat Sheet


# -- the parameters -------------------------------------------------------------------------------------------


def test_production_parameters_are_the_ones_claimed_and_above_owasp(monkeypatch):
    for name in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)  # the test suite lowers them through the environment
    settings = config.load()
    claimed = (settings["ARGON2_TIME_COST"], settings["ARGON2_MEMORY_COST"], settings["ARGON2_PARALLELISM"])
    assert claimed == (2, 65536, 1)
    assert config.ARGON2_PRODUCTION == {"time_cost": 2, "memory_cost": 65536, "parallelism": 1}
    assert settings["ARGON2_MEMORY_COST"] >= OWASP_MIN["memory_cost"] * 3  # 64 MiB against OWASP's 19 MiB
    assert settings["ARGON2_TIME_COST"] >= OWASP_MIN["time_cost"]
    assert settings["ARGON2_PARALLELISM"] >= OWASP_MIN["parallelism"]
    production = Flask(__name__)
    production.config.update({k: settings[k] for k in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM")})
    with production.app_context():
        stored = passwords.hash_password("correct horse battery")
        assert stored.startswith("$argon2id$v=19$m=65536,t=2,p=1$")
        assert passwords.verify_password(stored, "correct horse battery")
        assert not passwords.needs_rehash(stored)


def test_the_environment_can_raise_the_parameters(monkeypatch):
    monkeypatch.setenv("ARGON2_MEMORY_COST", "131072")
    monkeypatch.setenv("ARGON2_TIME_COST", "3")
    settings = config.load()
    assert (settings["ARGON2_MEMORY_COST"], settings["ARGON2_TIME_COST"]) == (131072, 3)


def test_a_new_account_gets_an_argon2id_hash_with_the_configured_parameters(app, db):
    user = register_candidate("dana@mail.example", "correct horse battery", "Dana")
    cfg = app.config
    assert user.password_hash.startswith(
        f"$argon2id$v=19$m={cfg['ARGON2_MEMORY_COST']},t={cfg['ARGON2_TIME_COST']},p={cfg['ARGON2_PARALLELISM']}$")
    assert "correct horse battery" not in user.password_hash
    assert user.check_password("correct horse battery")
    assert not user.check_password("correct horse batterY") and not user.check_password("")


def test_two_hashes_of_one_password_differ(app, db):
    assert passwords.hash_password("correct horse battery") != passwords.hash_password("correct horse battery")


@pytest.mark.parametrize("stored", ["", "x", "$argon2id$v=19$m=1024,t=1,p=1$garbage", "scrypt:1:1:1$salt", "md5$a$b",
                                    "pbkdf2:sha256:1000$salt$0000"])
def test_malformed_or_unknown_hashes_never_verify(app, db, stored):
    assert passwords.verify_password(stored, "anything at all") is False
    assert passwords.needs_rehash(stored) is True


# -- upgrading older hashes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2:sha256:600000"])
def test_a_werkzeug_hash_is_verified_and_upgraded_to_argon2id_at_the_next_login(method, client, db):
    user = factories.candidate()
    user.password_hash = generate_password_hash(factories.PASSWORD, method=method)  # as stored before argon2
    db.session.commit()
    old = user.password_hash
    assert old.startswith(method.split(":")[0]) and passwords.needs_rehash(old)

    # A wrong password neither logs in nor touches the old hash.
    assert client.post("/login", data={"email": user.email, "password": "not the password!"}).status_code == 200
    db.session.refresh(user)
    assert user.password_hash == old

    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.password_hash.startswith("$argon2id$") and not passwords.needs_rehash(user.password_hash)
    assert user.check_password(factories.PASSWORD)
    event = db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "password_rehashed")).one()
    assert event.user_id == user.id and event.detail.startswith(method.split("$")[0].split(":")[0])
    assert "$" not in event.detail.replace("$argon2", "")  # method and parameters only, never salt or digest

    # The session made with the old hash goes on working, and the new hash logs in as well.
    assert client.get("/me/applications").status_code == 200
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302


def test_an_argon2_hash_with_weaker_parameters_is_rehashed_at_login(app, client, db):
    user = factories.candidate()
    weak = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1, type=Type.ID).hash(factories.PASSWORD)
    user.password_hash = weak
    db.session.commit()
    assert passwords.needs_rehash(weak)
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    db.session.refresh(user)
    assert user.password_hash != weak and not passwords.needs_rehash(user.password_hash)
    assert f"m={app.config['ARGON2_MEMORY_COST']}," in user.password_hash


def test_an_argon2i_hash_is_replaced_by_argon2id(app, db):
    legacy = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.I).hash("correct horse battery")
    assert passwords.verify_password(legacy, "correct horse battery")
    assert passwords.needs_rehash(legacy)


def test_a_hash_with_the_current_parameters_is_left_alone_at_login(client, db):
    user = factories.candidate()
    stored = user.password_hash
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    db.session.refresh(user)
    assert user.password_hash == stored
    assert db.session.scalars(select(SecurityEvent).where(SecurityEvent.event == "password_rehashed")).all() == []


# -- rules for new passwords ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "problem"), [
    ("", passwords.LENGTH_MESSAGE),
    ("elevenchars", passwords.LENGTH_MESSAGE),  # 11
    ("x" * 201 + "yz", passwords.LENGTH_MESSAGE),
    ("123456789012", passwords.REPEAT_MESSAGE),  # not on the list: zxcvbn finds runs by rule, so do we
    ("0987654321098", passwords.REPEAT_MESSAGE),
    ("QWERTYUIOPAS", passwords.REPEAT_MESSAGE),
    ("abcdefghijklmnop", passwords.REPEAT_MESSAGE),
    ("zyxwvutsrqpo", passwords.REPEAT_MESSAGE),
    ("123456789abc", passwords.COMMON_MESSAGE),
    ("qwerty uiopas", None),  # a space breaks the run: these rules are a blocklist, not composition rules
    ("1qaz2wsx3edc", passwords.COMMON_MESSAGE),
    ("1QAZ2wsx3EDC", passwords.COMMON_MESSAGE),  # case does not help
    ("LeaveMeAlone", passwords.COMMON_MESSAGE),
    ("aaaaaaaaaaaa", passwords.REPEAT_MESSAGE),
    ("abcabcabcabc", passwords.REPEAT_MESSAGE),
    ("AbCdabcdABCD", passwords.REPEAT_MESSAGE),
    ("correct horse battery", None),  # 21 characters, no composition rules
    ("twelve chars", None),  # exactly 12
    ("a" * 199 + "b", None),  # 200
    ("日本語のパスワードです長い", None),
])
def test_password_rules(problem, password):
    assert passwords.password_problem(password) == problem


def test_the_account_email_or_name_is_no_password():
    assert passwords.password_problem("dana.reyes@mail.example", ("dana.reyes@mail.example", "Dana Reyes")) == \
        passwords.CONTEXT_MESSAGE
    assert passwords.password_problem("DANA.REYES.MAILX", ("dana.reyes.mailx@mail.example",)) == \
        passwords.CONTEXT_MESSAGE
    assert passwords.password_problem("Dana Reyes Smith", ("dana@mail.example", "Dana Reyes Smith")) == \
        passwords.CONTEXT_MESSAGE
    assert passwords.password_problem("Dana Reyes codes pathology", ("dana@mail.example", "Dana Reyes")) is None


def test_the_shipped_list_is_the_one_described_in_its_header():
    text = passwords.COMMON_PASSWORDS_FILE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("zxcvbn" in line for line in header) and any("MIT License" in line for line in header)
    common = passwords.common_passwords()
    assert len(common) == 30_000
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert entries[:5] == ["123456", "password", "12345678", "qwerty", "123456789"]  # most common first
    assert all(entry == entry.strip().lower() for entry in entries)
    long_ones = {p for p in common if len(p) >= passwords.MIN_LENGTH}
    assert len(long_ones) > 200  # those the 12-character minimum leaves to the list
    assert {"qazwsxedcrfv", "123456789abc", "leavemealone"} <= long_ones


def test_registration_refuses_a_common_password_case_insensitively(client, db):
    response = client.post("/register/coder", data={"full_name": "Dana Reyes", "email": "dana@mail.example",
                                                    "password": "QazWsxEdcRfv", "confirm": "QazWsxEdcRfv"})
    assert response.status_code == 200
    assert passwords.COMMON_MESSAGE in response.get_data(as_text=True)
    assert db.session.scalars(select(User)).all() == []


def test_the_service_enforces_the_rules_too(db):
    """A caller that skips the form (a script, the CLI) cannot store a weak password either."""
    with pytest.raises(WeakPassword, match="Use 12 to 200 characters"):
        register_candidate("dana@mail.example", "short pw", "Dana")
    with pytest.raises(WeakPassword, match="most common"):
        register_candidate("dana@mail.example", "123456789abc", "Dana")
    db.session.rollback()
    assert db.session.scalars(select(User)).all() == []


# -- login timing ----------------------------------------------------------------------------------------------


def _fastest_seconds(call, runs: int = 9) -> float:
    """The fastest of a few runs: the work itself, without the pauses a busy test machine adds to some."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def test_an_unknown_email_takes_as_long_as_a_wrong_password(app, db, monkeypatch):
    """With a hash that costs real time (16 MiB here), a login for an email nobody uses runs the same
    argon2 check as one for a real account: the two take about as long (without the dummy check an unknown
    email answered some 30 times faster)."""
    monkeypatch.setitem(app.config, "ARGON2_MEMORY_COST", 16 * 1024)
    monkeypatch.setitem(app.config, "ARGON2_TIME_COST", 2)
    user = factories.candidate()
    user.set_password(factories.PASSWORD)
    db.session.commit()
    authenticate("nobody@mail.example", "warming up the dummy hash")
    known = _fastest_seconds(lambda: authenticate(user.email, "not the password at all"))
    unknown = _fastest_seconds(lambda: authenticate("nobody@mail.example", "not the password at all"))
    db.session.rollback()
    assert 1 / 3 < unknown / known < 3, (known, unknown)


def test_a_deactivated_account_takes_as_long_and_answers_the_same(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "ARGON2_MEMORY_COST", 16 * 1024)
    monkeypatch.setitem(app.config, "ARGON2_TIME_COST", 2)
    user = factories.candidate()
    user.set_password(factories.PASSWORD)
    user.active = False
    db.session.commit()
    authenticate("nobody@mail.example", "warming up the dummy hash")
    deactivated = _fastest_seconds(lambda: authenticate(user.email, factories.PASSWORD))
    unknown = _fastest_seconds(lambda: authenticate("nobody@mail.example", factories.PASSWORD))
    db.session.rollback()
    assert authenticate(user.email, factories.PASSWORD) is None
    assert 1 / 3 < deactivated / unknown < 3, (deactivated, unknown)
