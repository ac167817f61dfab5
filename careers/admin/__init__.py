"""Moderation: the review queue."""
