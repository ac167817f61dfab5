"""Coder profiles."""
