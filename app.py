"""WSGI entry point: `flask run` and `gunicorn app:app` both use it."""

from careers import create_app

app = create_app()
