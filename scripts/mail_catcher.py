"""The development mail catcher (`make run` starts it): python scripts/mail_catcher.py --port 8025 --dir instance/mail

An SMTP server on 127.0.0.1 that saves every message as one .eml file. The code is careers/mail/catcher.py,
loaded by its path so that the app (Flask, SQLAlchemy, every model) is not imported for it.
"""

import importlib.util
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "careers" / "mail" / "catcher.py"

if __name__ == "__main__":
    spec = importlib.util.spec_from_file_location("mail_catcher", PATH)
    catcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catcher)
    catcher.main()
