"""Benchmarks: every default figure with its source, year and definition, editable, and the list of those in use.

The Benchmarks page edits four tables (engagement rates, prices, price-share claims, CPMs). An applied edit
is a tuple of records kept in the session under `BenchmarkTable.session_key`; pages/ui.py `context()` reads
those keys, so every page and export uses the edited figures. Validation is `benchmarks.from_frame` plus the
minimum each table needs for the rest of the app to compute (`apply_edits`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import area_influencers, area_takeover, theme
from . import bands as bands_mod
from . import benchmarks as bm
from .context import Context
from .export import Section
from .filters import DEFAULT_RATE_PER_1K
from .text import platform_name

RULE_OF_THUMB_KEY = "usatoday-2019-rule-of-thumb"   # "$100 per 10,000 followers": the default rate card


@dataclass(frozen=True)
class BenchmarkTable:
    kind: str
    label: str
    record_type: type
    session_key: str          # where pages/ui.py context() looks for the applied records
    defaults: tuple
    value_columns: tuple[str, ...]   # the figures themselves, shown first in the editor


TABLES: tuple[BenchmarkTable, ...] = (
    BenchmarkTable("er", "Engagement rate", bm.ErBenchmark, "bench_er", bm.ER_BENCHMARKS,
                   ("er", "statistic", "denominator", "numerator")),
    BenchmarkTable("price", "Prices", bm.PriceBenchmark, "bench_price", bm.PRICE_BENCHMARKS,
                   ("price_low", "price_high", "unit", "verified")),
    BenchmarkTable("share", "Price-share claims", bm.PriceShareClaim, "bench_share", bm.PRICE_SHARE_CLAIMS,
                   ("share", "threshold", "verified")),
    BenchmarkTable("cpm", "CPM", bm.CpmBenchmark, "bench_cpm", bm.CPM_BENCHMARKS, ("cpm_low", "cpm_high")),
)
BY_KIND = {t.kind: t for t in TABLES}
# Columns the editor shows beside the fields; from_frame ignores them, so they never round-trip.
DERIVED_COLUMNS = ("provenance", "edited", "citation")
def records_of(ctx: Context, kind: str) -> tuple:
    """The records of one table as the context holds them (edited or default)."""
    return {"er": ctx.er_records, "price": ctx.price_records, "share": ctx.share_claims,
            "cpm": ctx.cpm_records}[kind]


def edited_keys(kind: str, records) -> set[str]:
    """Keys of records that are new or differ from the sourced default with the same key."""
    defaults = {r.key: r for r in BY_KIND[kind].defaults}
    return {r.key for r in records if defaults.get(r.key) != r}


def removed_keys(kind: str, records) -> set[str]:
    """Keys of sourced defaults no longer in the table (deleted in the editor)."""
    return {r.key for r in BY_KIND[kind].defaults} - {r.key for r in records}


# Rates and shares are edited as the table shows them, in percent (1.66 for 1.66%), and stored as fractions: in a
# percent-formatted cell that took fractions, a typed 1.5 (meaning 1.5%) showed as 150% and was refused.
PERCENT_COLUMNS = ("er", "share")


def editor_frame(kind: str, records) -> pd.DataFrame:
    """The table to edit: who said it and the figures first, every other field after, the row's id (a name such as
    'hypeauditor-2018-instagram-median-up-and-coming-5k-20k', which opened the table and read as code) last,
    then the read-only derived columns."""
    table = BY_KIND[kind]
    frame = bm.to_frame(records, table.record_type)
    # whom a figure is about (platform, tier) before the figure: without the id in front, Markerly's four rows
    # read alike
    first = ["source", "year", *(c for c in ("platform", "tier") if c in frame), *table.value_columns]
    frame = frame[first + [c for c in frame.columns if c not in (*first, "key")] + ["key"]]
    for column in PERCENT_COLUMNS:
        if column in frame:
            frame[column] = frame[column] * 100
    frame.insert(1, "provenance", [provenance(r) for r in records])
    changed = edited_keys(kind, records)
    frame["edited"] = [r.key in changed for r in records]
    frame["citation"] = [r.citation for r in records]
    return frame


def apply_edits(kind: str, frame: pd.DataFrame) -> tuple:
    """An edited table back to validated records, or ValueError with one plain sentence (nothing applied).

    Beyond from_frame's row checks, a table may not be emptied, and the engagement-rate table must keep one
    rate measured per follower: the celebrity CPE (price ÷ (followers × ER)) cannot be computed without.
    """
    table = BY_KIND[kind]
    # a percent back to its fraction, to the digits a default is written with (1.66 * 100 / 100 is not 0.0166)
    fractions = {c: frame[c].map(lambda v: round(v / 100, 12) if isinstance(v, (int, float)) else v)
                 for c in PERCENT_COLUMNS if c in frame}
    records = bm.from_frame(frame.assign(**fractions).drop(columns=[c for c in DERIVED_COLUMNS if c in frame.columns]),
                            table.record_type)
    if not records:
        raise ValueError(f"The {table.label.lower()} table cannot be empty: keep at least one row "
                         "(Reset to sourced defaults brings every row back).")
    if kind == "er" and not bm.followers_based(records):
        raise ValueError("Keep at least one engagement rate whose denominator is followers: the celebrity "
                         "cost per engagement needs one.")
    return records


def rule_of_thumb(price_records) -> bm.PriceBenchmark | None:
    """The "$100 per 10,000 followers" record (the default rate card), as edited; None if it was deleted."""
    return next((p for p in price_records if p.key == RULE_OF_THUMB_KEY and p.unit == bm.PER_1K_FOLLOWERS),
                None)


def band_schemes_frame() -> pd.DataFrame:
    rows = [{"Scheme": name, "Band": b.name, "Followers from": b.lower, "Followers to (exclusive)": b.upper,
             "Label": bands_mod.label(b), "Default": name == bands_mod.DEFAULT_SCHEME}
            for name, scheme in bands_mod.SCHEMES.items() for b in scheme]
    return pd.DataFrame(rows).astype({"Followers to (exclusive)": "Int64"})


def provenance(record) -> str:
    """Short where-from next to the source name: the brief's claims say so, the rest name their site."""
    if record.url == bm.BRIEF_UNVERIFIED:
        return where(record.url)
    site = re.sub(r"^https?://(www\.)?", "", record.url).split("/")[0]
    return ("unverified, " if getattr(record, "verified", True) is False else "") + (site or "no address")


def _money_span(low: float, high: float) -> str:
    return "–".join(dict.fromkeys(theme.money(v, 0 if v == int(v) else None) for v in (low, high)))


def where(url: str) -> str:
    """A record's address as printed: the brief's claims say plainly that they are unverified."""
    return "source: " + bm.BRIEF_UNVERIFIED if url == bm.BRIEF_UNVERIFIED else url


def _row(used_for: str, record, value: str, edited: set[str]) -> dict:
    return {"used for": used_for, "key": record.key, "value": value, "source": record.source,
            "year": record.year, "url": where(record.url), "definition": record.definition,
            "edited by you": record.key in edited}


def benchmarks_used(ctx: Context) -> pd.DataFrame:
    """Every benchmark figure the app's numbers rest on under this context, with its source and whether it
    was edited: the celebrity price and ER picked, the celebrity follower count, the price-share claims (where the
    Prices sections are drawn), the rate card for estimated costs, the brand-account medians beside the reported
    takeover and the ER tiers the Influencers chart draws (of the source picked on that page, else its default).
    (The CPMs are context on the Benchmarks page, behind no number: listed here, they made half of a deck's "20
    figures behind the headline numbers".) A source without a year says "undated", as its citations do."""
    prices, ers, followers = ctx.celebrity()
    edited = {t.kind: edited_keys(t.kind, records_of(ctx, t.kind)) for t in TABLES}
    rows = [_row("celebrity CPE: price per post", p,
                 _money_span(*bm.price_range_at(p, followers)),
                 edited["price"]) for p in prices]
    rows += [_row("celebrity CPE: engagement rate", r, theme.percent(r.er), edited["er"]) for r in ers]
    ref = bm.CELEBRITY_REFERENCE
    rows.append({"used for": "celebrity CPE: followers", "key": "celebrity-followers",
                 # what a client can look up: the tier where IAB UK's "VIP" creators start
                 "value": f"{followers:,.0f}", "source": "IAB UK creator tiers ('VIP 5m+')", "year": None,
                 "url": ref.urls[0], "definition": ref.rationale,
                 "edited by you": followers != ref.followers})
    # the price-share claims only beside the Prices sections that set them against the data: a crawl without a
    # price listed the brief's 84% and 97% as two of the "3 from the brief, unverified" its numbers rested on
    from . import area_prices   # (area_prices reads this module's rule of thumb)
    if area_prices.drawn(ctx.query("price_per_post")):     # (the query only: no rate cards fitted here)
        rows += [_row("Prices: share under a price", c, theme.percent(c.share, 0), edited["share"])
                 for c in ctx.share_claims]
    rule = rule_of_thumb(ctx.price_records)
    rate = ctx.filters.rate_per_1k
    rows.append({"used for": "estimated cost of an account with no known fee", "key": "rate-card",
                 "value": f"{theme.money(rate)} per 1K followers",
                 "source": rule.source if rule else "set by you", "year": rule.year if rule else None,
                 "url": rule.url if rule else "", "definition": rule.definition if rule else "",
                 "edited by you": rate != DEFAULT_RATE_PER_1K})
    # the figures of the Takeover lift and Influencers pages' charts, cited on their slides: the client reading the
    # appendix missed them. The tiers last: many rows of one source, they leave the fewest sources off a slide whose
    # table is cut at its foot. The brand medians cannot be edited (they back no number).
    # (short words for what uses them: a slide wraps a longer "used for" onto a second line its fitting misses)
    rows += [_row(f"Takeover lift: brand median ER, {platform_name(b.platform)}", b, theme.percent(b.er), set())
             for b in area_takeover.brand_benchmarks_cited(ctx)]
    rows += [_row(f"Influencer ER tier: {platform_name(r.platform)} {r.tier}", r, theme.percent(r.er), edited["er"])
             for r in area_influencers.reported_tiers(ctx)]
    # what a client reads first (a slide shows what fits): the figure, whose it is and what it measures; the
    # address and the catalog key last
    order = ["used for", "value", "source", "year", "definition", "edited by you", "url", "key"]
    used = pd.DataFrame(rows)[order].astype({"year": "Int64"}).astype({"year": "string"})   # 2016, not 2,016
    return used.assign(year=used["year"].fillna(bm.NO_YEAR))


def sections(ctx: Context) -> list[Section]:
    used = benchmarks_used(ctx)
    n_edited = int(used["edited by you"].sum())
    brief = int((used["url"] == where(bm.BRIEF_UNVERIFIED)).sum())
    # "behind the headlines": the sensitivity chart also sets them against every other celebrity source; "and
    # charts": the ER tiers and the brand medians are drawn or cited beside a chart, not in a headline number
    finding = (f"{len(used)} benchmark figures behind the headline numbers and charts; "
               + (f"{n_edited} edited by you" if n_edited else "all at their sourced defaults")
               + (f"; {brief} of them from the brief, unverified" if brief else ""))   # of those used
    return [Section("benchmarks_used", "Benchmarks used", finding, None, used,
                    "Microlens benchmark catalog: each figure above with its source, year and definition; the "
                    "sensitivity chart sets the chosen celebrity figures against every other celebrity price and "
                    "engagement-rate source in the catalog.",
                    # a deck carries the list over as many slides as it takes: cut at a slide's foot, it left six
                    # of the Influencers chart's seven ER tiers unlisted
                    every_row=True)]
