"""ZIP code centroids from the offline `zipcodes` package (no network)."""

from __future__ import annotations

import math
import re
from functools import lru_cache

ZIP_RE = re.compile(r"^(\d{5})(?:-\d{4})?$")


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float, str]]:
    import zipcodes

    table: dict[str, tuple[float, float, str]] = {}
    for row in zipcodes.list_all():
        try:
            table[row["zip_code"]] = (float(row["lat"]), float(row["long"]), row["state"])
        except (TypeError, ValueError):
            continue
    return table


def zip_centroid(zip_code: str) -> tuple[float, float] | None:
    """(lat, lng) of a 5-digit ZIP (ZIP+4 accepted), or None if unknown or malformed."""
    m = ZIP_RE.match((zip_code or "").strip())
    if not m:
        return None
    hit = _centroids().get(m.group(1))
    return (hit[0], hit[1]) if hit else None


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 3958.8 * 2 * math.asin(math.sqrt(h))
