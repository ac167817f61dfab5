"""Applying to jobs and following each application."""
