"""The global filters every page honours, as one value that turns into bound query parameters and a URL.

The same Filters value drives the app (sidebar in dashboard.py), the URL query string (a copied link
reopens the same view) and the CLI, so a number means the same thing everywhere.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from . import bands as bands_mod
from .text import platform_name

DEFAULT_RATE_PER_1K = 10.0   # "$100 per 10,000 followers" rule of thumb (see Benchmarks page for source)


@dataclass(frozen=True)
class Filters:
    band_scheme: tuple[bands_mod.Band, ...] = bands_mod.scheme()
    bands: tuple[str, ...] = ()            # empty = all bands
    platforms: tuple[str, ...] = ()        # empty = all platforms
    campaigns: tuple[str, ...] = ()        # empty = all posts, with or without campaign
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    price_min: float | None = None
    price_max: float | None = None
    use_estimates: bool = True             # estimated cost where none is known, always marked
    rate_per_1k: float = DEFAULT_RATE_PER_1K

    def params(self) -> dict:
        """The parameters of the filtered_posts table macro, by name."""
        return {**bands_mod.to_params(self.band_scheme),
                "bands": list(self.bands), "platforms": list(self.platforms), "campaigns": list(self.campaigns),
                "date_from": self.date_from, "date_to": self.date_to,
                "price_min": self.price_min, "price_max": self.price_max,
                "rate_per_1k": float(self.rate_per_1k), "use_estimates": bool(self.use_estimates)}

    def key(self) -> str:
        """A stable text form, for cache keys."""
        return json.dumps(self.params(), default=str, sort_keys=True)

    def price_range(self) -> str | None:
        """'$100–$300', '$0–$300', '$100–any'; None when no price limit is set."""
        if self.price_min is None and self.price_max is None:
            return None
        lo = f"${self.price_min:,.0f}" if self.price_min is not None else "$0"
        hi = f"${self.price_max:,.0f}" if self.price_max is not None else "any"
        return f"{lo}–{hi}"

    def describe(self) -> str:
        parts = []
        if self.band_scheme != bands_mod.scheme():
            # pages and exports say only "micro": which followers that means must travel with them
            named = next((n for n, s in bands_mod.SCHEMES.items() if s == self.band_scheme), "edited")
            parts.append(f"follower bands {named}: " + ", ".join(map(bands_mod.label, self.band_scheme)))
        if self.bands:
            parts.append("bands: " + ", ".join(self.bands))
        if self.platforms:
            parts.append("platforms: " + ", ".join(map(platform_name, self.platforms)))   # TikTok, not tiktok
        if self.campaigns:
            parts.append("campaigns: " + ", ".join(self.campaigns))
        if self.date_from and self.date_to:
            parts.append(f"dates {self.date_from} to {self.date_to}")
        elif self.date_from or self.date_to:       # one open end reads as "from" or "until", not "… to …"
            parts.append(f"dates from {self.date_from}" if self.date_from else f"dates until {self.date_to}")
        if price := self.price_range():
            # with estimates on, an account without a price is judged at its rate-card price: said, or a range of
            # $100-$500 held 142 accounts beside the Prices page's "none has a known price"
            parts.append(f"price per post {price}" + (" (estimated where unknown)" if self.use_estimates else ""))
        # the rate card where it is not the default: a slide under a $20 card said only "estimated costs included"
        rate = (f" (rate card ${self.rate_per_1k:,.2f} per 1,000 followers)"
                if self.use_estimates and self.rate_per_1k != DEFAULT_RATE_PER_1K else "")
        parts.append(f"estimated costs included{rate}" if self.use_estimates else "known costs only")
        return "; ".join(parts)


# ---------------------------------------------------------------- URL query string (shareable views)

def to_query(f: Filters) -> dict[str, str]:
    """Only what differs from the defaults goes into the URL, so links stay short."""
    q: dict[str, str] = {}
    default = Filters()
    if f.band_scheme != default.band_scheme:
        q["edges"] = ",".join(str(b.lower) for b in f.band_scheme[1:])
        q["names"] = ",".join(b.name for b in f.band_scheme)
    for name in ("bands", "platforms", "campaigns"):
        if getattr(f, name):
            q[name] = json.dumps(list(getattr(f, name)))
    for name in ("date_from", "date_to"):
        if getattr(f, name):
            q[name] = getattr(f, name).isoformat()
    for name in ("price_min", "price_max"):
        if getattr(f, name) is not None:
            q[name] = f"{getattr(f, name):g}"
    if not f.use_estimates:
        q["estimates"] = "0"
    if f.rate_per_1k != DEFAULT_RATE_PER_1K:
        q["rate"] = f"{f.rate_per_1k:g}"
    return q


def from_query(q: dict[str, str]) -> Filters:
    """Read filters back from a URL; anything malformed is ignored (a bad link opens the default view)."""
    f = Filters()
    changes: dict = {}
    try:
        if "edges" in q and "names" in q:
            names = q["names"].split(",")
            if not all(map(bands_mod.is_band_name, names)):   # a link's text reaches charts and headings
                names = [b.name for b in f.band_scheme]
            changes["band_scheme"] = bands_mod.from_edges([int(x) for x in q["edges"].split(",")], names)
    except ValueError:
        pass
    for name in ("bands", "platforms", "campaigns"):
        try:
            value = json.loads(q.get(name, "[]"))
            if isinstance(value, list):
                changes[name] = tuple(str(v) for v in value)
        except ValueError:
            pass
    for name in ("date_from", "date_to"):
        try:
            if q.get(name):
                changes[name] = dt.date.fromisoformat(q[name])
        except ValueError:
            pass
    for name in ("price_min", "price_max"):
        try:
            if q.get(name):
                changes[name] = float(q[name])
        except ValueError:
            pass
    if q.get("estimates") == "0":
        changes["use_estimates"] = False
    try:
        if q.get("rate"):
            changes["rate_per_1k"] = float(q["rate"])
    except ValueError:
        pass
    return replace(f, **changes)





