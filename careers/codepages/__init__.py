"""Specialty pages and code pages: tags lead to codes, codes lead to jobs."""
