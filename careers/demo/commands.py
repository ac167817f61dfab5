"""`flask demo seed`: a deterministic, realistic board (placeholder until the seeder lands)."""

from flask import Blueprint

demo_cli = Blueprint("demo_cli", __name__, cli_group="demo")
