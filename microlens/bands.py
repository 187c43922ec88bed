"""Follower bands: named, editable edges; the default is the product brief's scheme.

A band is [lower, upper) in followers. Band assignment happens in SQL (the `ml_band` macro in sql/macros.sql),
so every query, chart and export puts an influencer in the same band.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    name: str
    lower: int          # inclusive
    upper: int | None   # exclusive; None = no upper edge


SCHEMES: dict[str, tuple[Band, ...]] = {
    "Brief (micro 10K–100K)": (
        Band("under 1K", 0, 1_000),
        Band("nano", 1_000, 10_000),
        Band("micro", 10_000, 100_000),
        Band("mid", 100_000, 1_000_000),
        Band("celebrity", 1_000_000, None),
    ),
    "STIM / HypeAuditor (micro 10K–50K)": (
        Band("under 1K", 0, 1_000),
        Band("nano", 1_000, 10_000),
        Band("micro", 10_000, 50_000),
        Band("mid", 50_000, 500_000),
        Band("macro", 500_000, 1_000_000),
        Band("celebrity", 1_000_000, None),
    ),
}
DEFAULT_SCHEME = "Brief (micro 10K–100K)"
MICRO, CELEBRITY = "micro", "celebrity"


def scheme(name: str = DEFAULT_SCHEME) -> tuple[Band, ...]:
    return SCHEMES[name]


# A band name is shown in charts, headings and slides, and may arrive in a shared link's query string: letters,
# digits, spaces and . + - – only, so no link can slip markup or markdown into them.
BAND_NAME = re.compile(r"[^\W_](?:[^\W_]|[ .+\-–]){0,23}")


def is_band_name(name: str) -> bool:
    """'micro', 'under 1K', '10K+' are; '', '<b>x</b>', '**x**' and names over 24 characters are not."""
    return BAND_NAME.fullmatch(name) is not None


def from_edges(edges: list[int], names: list[str]) -> tuple[Band, ...]:
    """Bands from user-edited edges: names[i] covers [edges[i-1], edges[i]); the first starts at 0."""
    if len(names) != len(edges) + 1:
        raise ValueError("There must be one more band name than band edges.")
    if not all(map(is_band_name, names)) or len(set(names)) != len(names):
        raise ValueError("Band names must be different, up to 24 letters, digits, spaces, '.', '+' or '-'.")
    if any(b <= a for a, b in zip(edges, edges[1:])) or (edges and edges[0] <= 0):
        raise ValueError("Band edges must be positive and increasing.")
    lowers = [0, *edges]
    uppers = [*edges, None]
    return tuple(Band(n, lo, up) for n, lo, up in zip(names, lowers, uppers))


def to_params(bands: tuple[Band, ...]) -> dict[str, list]:
    """Bands as bound query parameters: $band_names, $band_lowers, $band_uppers (upper NULL = open)."""
    return {"band_names": [b.name for b in bands],
            "band_lowers": [b.lower for b in bands],
            "band_uppers": [b.upper for b in bands]}


def label(b: Band) -> str:
    def k(n: int) -> str:
        return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
            f"{n // 1000}K" if n >= 1000 else str(n))
    return f"{b.name} ({k(b.lower)}+)" if b.upper is None else f"{b.name} ({k(b.lower)}–{k(b.upper)})"
