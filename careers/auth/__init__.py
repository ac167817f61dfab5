"""Accounts, roles, login."""
