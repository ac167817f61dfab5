"""scripts/mail_catcher.py, the development catcher `make run` starts: each mail one .eml file."""

from __future__ import annotations

import email
import email.policy
import signal
import smtplib
import subprocess
import sys
import time

from careers.mail import catcher
from tests.conftest import ROOT, _free_port


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            smtplib.SMTP("127.0.0.1", port, timeout=1).quit()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_catcher_saves_each_mail_as_one_eml_file_and_stops_on_sigterm(tmp_path):
    port, directory = _free_port(), tmp_path / "mail"
    process = subprocess.Popen([sys.executable, "scripts/mail_catcher.py", "--port", str(port), "--dir",
                                str(directory)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for_port(port)
        with smtplib.SMTP("127.0.0.1", port) as client:
            for n in (1, 2):
                client.sendmail("a@codecareers.example", [f"to{n}@mail.example"],
                                f"From: a@codecareers.example\r\nTo: to{n}@mail.example\r\n"
                                f"Subject: Mail {n}\r\n\r\nBody {n}\r\n")
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
    assert process.returncode == 0, output
    files = sorted(directory.iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]  # no .part left behind
    subjects = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)["Subject"] for f in files]
    assert subjects == ["Mail 1", "Mail 2"]  # names sort by arrival


def test_eml_names_sort_by_time():
    first = catcher.eml_name()
    time.sleep(0.001)
    assert first < catcher.eml_name() and catcher.NAME_PATTERN.fullmatch(first)
