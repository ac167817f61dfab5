"""Helpers for the end-to-end browser test (tests/test_browser.py)."""
