"""The connection to Meilisearch: scoped keys, short timeouts, and a breaker that stops a bad minute
of the engine from slowing every request (the app falls back to SQL while it is open)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import meilisearch
from flask import Flask, current_app
from meilisearch.errors import MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError

log = logging.getLogger(__name__)

# Fixed key uids: Meilisearch derives a key's value from its uid and the master key, so these are
# created once and found again on every start.
SEARCH_KEY_UID = "4a2b9f4e-6c3d-4e5f-9a1b-2c3d4e5f6a7b"
INDEX_KEY_UID = "8e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"

ENGINE_ERRORS = (MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError, OSError)


class SearchUnavailable(Exception):
    """Meilisearch is not configured, down, or too slow right now."""


class SearchEngine:
    """Per-app access to Meilisearch through two scoped keys (search, indexing); never the master key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def init_app(self, app: Flask) -> None:
        app.extensions["search"] = _EngineState(app.config)

    @staticmethod
    def _state() -> _EngineState:
        return current_app.extensions["search"]

    @property
    def enabled(self) -> bool:
        return bool(self._state().url)

    @property
    def index_uid(self) -> str:
        return self._state().index_uid

    def available(self) -> bool:
        state = self._state()
        return bool(state.url) and time.monotonic() >= state.down_until

    def trip(self, error: BaseException) -> None:
        """Open the breaker: skip the engine for a while after a failure."""
        state = self._state()
        state.down_until = time.monotonic() + state.breaker_seconds
        log.warning("Meilisearch unavailable (%s); using the SQL fallback for %ss", error, state.breaker_seconds)

    def reset(self) -> None:
        self._state().down_until = 0.0

    def search_client(self) -> meilisearch.Client:
        state = self._state()
        if not self.available():
            raise SearchUnavailable("search engine unavailable")
        if state.search_key is None:
            self._resolve_keys(state)
        return meilisearch.Client(state.url, state.search_key, timeout=state.search_timeout)

    def index_client(self, timeout: float | None = None) -> meilisearch.Client:
        state = self._state()
        if not state.url:
            raise SearchUnavailable("search engine not configured (MEILI_URL)")
        if state.index_key is None:
            self._resolve_keys(state)
        return meilisearch.Client(state.url, state.index_key, timeout=timeout or state.index_timeout)

    def _resolve_keys(self, state: _EngineState) -> None:
        with self._lock:
            if state.search_key and state.index_key:
                return
            master = state.master_key()
            if not master:
                raise SearchUnavailable("set MEILI_SEARCH_KEY and MEILI_INDEX_KEY, or give the master key")
            try:
                search, index = ensure_keys(state.url, master, state.index_uid, state.index_timeout)
            except ENGINE_ERRORS as exc:
                raise SearchUnavailable(str(exc)) from exc
            state.search_key, state.index_key = search, index


class _EngineState:
    def __init__(self, config: Any) -> None:
        self.url: str = config.get("MEILI_URL") or ""
        self.index_uid: str = config.get("MEILI_INDEX", "jobs")
        self.search_key: str | None = config.get("MEILI_SEARCH_KEY") or None
        self.index_key: str | None = config.get("MEILI_INDEX_KEY") or None
        self._master: str | None = config.get("MEILI_MASTER_KEY") or None
        self._master_file: str | None = config.get("MEILI_MASTER_KEY_FILE") or None
        self.search_timeout: float = float(config.get("MEILI_TIMEOUT", 1.0))
        self.index_timeout: float = float(config.get("MEILI_INDEX_TIMEOUT", 5.0))
        self.breaker_seconds: float = float(config.get("MEILI_BREAKER_SECONDS", 15.0))
        self.down_until = 0.0

    def master_key(self) -> str | None:
        if self._master:
            return self._master
        if self._master_file and Path(self._master_file).exists():
            return Path(self._master_file).read_text().strip()
        return None


def ensure_keys(url: str, master_key: str, index_uid: str, timeout: float = 5.0) -> tuple[str, str]:
    """Create (or find) the search-only key and the indexing key; returns their values."""
    admin = meilisearch.Client(url, master_key, timeout=timeout)
    patterns = [index_uid, f"{index_uid}_*"]
    wanted = {
        SEARCH_KEY_UID: {"name": "careers-search", "description": "CodeCareers app: search only",
                         "actions": ["search"], "indexes": patterns},
        INDEX_KEY_UID: {"name": "careers-indexer", "description": "CodeCareers indexer: documents and settings",
                        "actions": ["documents.*", "indexes.*", "settings.*", "tasks.get", "stats.get"],
                        "indexes": patterns},
    }
    values = []
    for uid, spec in wanted.items():
        try:
            key = admin.get_key(uid)
        except MeilisearchApiError as exc:
            if getattr(exc, "code", "") != "api_key_not_found":
                raise
            key = admin.create_key({"uid": uid, "expiresAt": None, **spec})
        values.append(key.key)
    return values[0], values[1]
