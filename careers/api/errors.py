"""Every error under /api/ as JSON: {"error": {"code": "...", "message": "..."}} with the HTTP status."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

API_PREFIX = "/api/"

# HTTP status -> the machine-readable code clients switch on
CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
    500: "internal_error",
}
MESSAGES = {
    400: "The request could not be understood.",
    404: "No such resource. The API's paths start with /api/v1/ (jobs, codes/<code>, specialties).",
    405: "This path does not accept that method.",
    500: "Something went wrong on our side; it has been logged. Try again shortly.",
}


def api_error_response(status: int, message: str | None = None, code: str | None = None,
                       **extra: Any) -> tuple[Response, int]:
    """The JSON error body and status; `extra` goes beside code and message (e.g. per-field errors)."""
    if status >= 500 or not message:
        message = MESSAGES.get(status, "The request failed.")  # never leak an exception's text
    body: dict[str, Any] = {"code": code or CODES.get(status, "error"), "message": message, **extra}
    return jsonify({"error": body}), status
