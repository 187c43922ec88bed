"""Prices: what influencers in the user's data charge per post, against the brief's "84% under $250, 97% under
$500" claims, with a rate card ($ per 1K followers) fitted per platform and the influencers priced far from it.

Only KNOWN prices are used (listed price, else the median fee paid per post; see queries/price_per_post.sql).
An estimated price is followers ÷ 1,000 × the rate card, so putting estimates into the distribution or the
fit would only draw the benchmark back onto the data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import area_benchmarks, theme
from . import benchmarks as bm
from .bands import MICRO
from .charts_prices import build_price_distribution, build_rate_card
from .context import Context
from .export import Section
from .text import platform_name, plotly_text

DEFAULT_THRESHOLDS = (250.0, 500.0)     # the brief's two price lines, drawn even if every claim is deleted
# Outliers: at least this many priced influencers on a platform before its spread means anything, a robust
# z-score above OUTLIER_Z, and at least OUTLIER_MIN_RATIO times off the rate card (so a platform whose prices
# hug the line does not flag a 20% deviation just because its spread is tiny).
MIN_FOR_OUTLIERS = 5
OUTLIER_Z = 3.0
OUTLIER_MIN_RATIO = 2.0
MAD_TO_SD = 1.4826                      # MAD × 1.4826 estimates the standard deviation of normal residuals


def priced(prices: pd.DataFrame) -> pd.DataFrame:
    """Rows with a known, positive price and a positive follower count (what the fit can use)."""
    ok = prices["known_price"].notna() & (prices["known_price"] > 0)
    ok &= prices["followers"].notna() & (prices["followers"] > 0)
    return prices[ok]


# ---------------------------------------------------------------------------------------------------------
# Shares under a price, and the claims
# ---------------------------------------------------------------------------------------------------------

def share_under(prices: Iterable[float], threshold: float) -> float:
    """Share of prices strictly under `threshold` ("84% charge under $250": $250 itself is not under)."""
    values = [float(p) for p in prices if p is not None and not pd.isna(p)]
    if not values:
        return math.nan
    return sum(v < threshold for v in values) / len(values)


def claim_label(claim: bm.PriceShareClaim) -> str:
    """'brief: 84%, unverified' / 'Ignite Visibility 2019: 66%' — how a claim is quoted next to the data."""
    share = theme.percent(claim.share, 0)
    if claim.url == bm.BRIEF_UNVERIFIED:
        return f"brief: {share}, unverified"
    year = f" {claim.year}" if claim.year is not None else ""
    return f"{claim.source}{year}: {share}" + ("" if claim.verified else ", unverified")


def _in_population(prices: pd.DataFrame, platform: str, low: int, high: int | None) -> pd.DataFrame:
    keep = prices["followers"] >= low
    if high is not None:
        keep &= prices["followers"] < high
    if platform != bm.ANY_PLATFORM:
        keep &= prices["platform"] == platform
    return prices[keep]


def population(claim: bm.PriceShareClaim) -> str:
    """'Instagram influencers with 10,000–100,000 followers' — whom a claim speaks about."""
    who = ("influencers on any platform" if claim.platform == bm.ANY_PLATFORM
           else f"{platform_name(claim.platform)} influencers")
    if claim.followers_high is None:
        size = "of any size" if claim.followers_low == 0 else f"with {claim.followers_low:,}+ followers"
    else:
        size = f"with {claim.followers_low:,}–{claim.followers_high:,} followers"
    return f"{who} {size}"


def compare_claims(prices: pd.DataFrame, claims: Sequence[bm.PriceShareClaim]) -> pd.DataFrame:
    """One row per claim: the claimed share under its threshold and the user's share in the claim's own
    population (its platform and follower range), over influencers with a known price; their difference in
    percentage points (70% against a claimed 84% is 14 points under the claim, not 14% under it)."""
    rows = []
    known = priced(prices)
    for c in claims:
        group = _in_population(known, c.platform, c.followers_low, c.followers_high)
        yours = share_under(group["known_price"], c.threshold)
        rows.append({
            "claim": claim_label(c), "key": c.key, "threshold": c.threshold, "claimed_share": c.share,
            "your_share": yours, "difference_pts": (yours - c.share) * 100, "influencers": len(group),
            "population": population(c), "note": c.note, "platform": c.platform,
            "verified": c.verified, "citation": c.citation,
        })
    # the note travels with the claim: Ignite's 66% is of businesses' payments, not of influencers' prices
    return pd.DataFrame(rows, columns=["claim", "key", "threshold", "claimed_share", "your_share", "difference_pts",
                                       "influencers", "population", "note", "platform", "verified", "citation"])


def thresholds(claims: Sequence[bm.PriceShareClaim]) -> tuple[float, ...]:
    return tuple(sorted({*DEFAULT_THRESHOLDS, *(c.threshold for c in claims)}))


# ---------------------------------------------------------------------------------------------------------
# Rate card fit and outliers
# ---------------------------------------------------------------------------------------------------------

def fit_rate_cards(prices: pd.DataFrame) -> pd.DataFrame:
    """USD per 1K followers per platform: exp(median over influencers of log(price ÷ (followers ÷ 1,000))).

    Why this fit: a rate card is a line through the origin (price = rate × followers ÷ 1,000), so the slope
    on a log-log plot is fixed at 1 and only the level is fitted. Prices vary by multiples, so residuals
    are measured in log space; the median (the least-absolute-deviation fit) keeps the few influencers who
    charge ten times the norm, which are the outliers this page names, from dragging the card. For an odd
    count this is exactly the median of price ÷ (followers ÷ 1,000); for an even count it is the geometric
    mean of the two middle rates, so the log residuals always have median 0.

    returns: platform, influencers, usd_per_1k (one row per platform with a priced influencer, most first).
    """
    data = priced(prices)
    log_rate = np.log(data["known_price"] / (data["followers"] / 1_000))
    fits = (log_rate.groupby(data["platform"]).agg(["size", "median"])
            .rename(columns={"size": "influencers", "median": "log_rate"}).reset_index())
    fits["usd_per_1k"] = np.exp(fits["log_rate"])
    fits = fits.sort_values(["influencers", "platform"], ascending=[False, True])
    return fits[["platform", "influencers", "usd_per_1k"]].reset_index(drop=True)


def rate_card_residuals(prices: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Every priced influencer against their platform's rate card: expected price, ratio, robust z, outlier.

    robust z = log(price ÷ expected) ÷ (1.4826 × MAD of the platform's log residuals). An outlier has
    |z| > OUTLIER_Z, a ratio at least OUTLIER_MIN_RATIO away from 1 (either way) and a platform with at least
    MIN_FOR_OUTLIERS priced influencers.
    """
    on_platform = rates[["platform", "usd_per_1k", "influencers"]].rename(
        columns={"influencers": "influencers_on_platform"})
    data = priced(prices).merge(on_platform, on="platform")
    data["expected_price"] = data["followers"] / 1_000 * data["usd_per_1k"]
    data["ratio"] = data["known_price"] / data["expected_price"]
    log_residual = np.log(data["ratio"])
    mad = log_residual.abs().groupby(data["platform"]).transform("median")
    scale = MAD_TO_SD * mad
    with np.errstate(divide="ignore", invalid="ignore"):
        # A zero MAD (over half the platform at exactly its rate) makes every deviation infinitely unusual;
        # the ratio condition below still decides.
        data["robust_z"] = np.where(scale > 0, log_residual / scale,
                                    np.where(log_residual == 0, 0.0, np.sign(log_residual) * np.inf))
    data["far_off"] = (data["ratio"] >= OUTLIER_MIN_RATIO) | (data["ratio"] <= 1 / OUTLIER_MIN_RATIO)
    data["outlier"] = (data["robust_z"].abs() > OUTLIER_Z) & data["far_off"] & (
        data["influencers_on_platform"] >= MIN_FOR_OUTLIERS)
    return data.drop(columns=["influencers_on_platform"])


def how_far(ratio: float, what: str = "the rate card") -> str:
    """4.2 -> '4.2× above the rate card'; 0.25 -> '4.0× below the rate card' (symmetric in log terms); 1.04 -> '4%
    above the rate card' (theme.how_much); 1 -> 'at the rate card'."""
    if ratio == 1:
        return f"at {what}"
    return (theme.how_much(ratio, f"above {what}", smaller=False) if ratio > 1
            else theme.how_much(1 / ratio, f"below {what}", smaller=True))


def _dollars(value: float) -> str:
    """$25 / $12.50 / $3.17: whole dollars once cents stop mattering or there are none."""
    return theme.money(value, 0 if value >= 100 or value == int(value) else 2)


def describe_outlier(row: dict) -> str:
    """One sentence a marketer can read aloud about one outlier."""
    who = row["influencer"] + (f" ({row['name']})" if isinstance(row.get("name"), str) and row["name"] else "")
    return (f"{who} on {platform_name(row['platform'])}, {theme.count(row['followers'])} followers, charges "
            f"{_dollars(row['known_price'])} per post where {platform_name(row['platform'])}'s rate card "
            f"({theme.money(row['usd_per_1k'], 2)} per 1K) expects {_dollars(row['expected_price'])}: "
            f"{how_far(row['ratio'])}.")


def far_off_table(residuals: pd.DataFrame) -> pd.DataFrame:
    """Everyone priced OUTLIER_MIN_RATIO× or more off their rate card, furthest first, each with a sentence and
    whether they also stand out from the spread (`outlier`): the headline counts them all, so the table lists
    them all (it held the one outlier under "41 of 126 are priced at least 2× off")."""
    out = residuals[residuals["far_off"]].copy()
    out = out.reindex(out["ratio"].map(lambda r: abs(math.log(r))).sort_values(ascending=False).index)
    out["description"] = [describe_outlier(r) for r in out.to_dict("records")]   # (iterrows: 0.17 s at 50K accounts)
    return out[["description", "influencer", "name", "platform", "followers", "known_price", "expected_price",
                "ratio", "robust_z", "outlier", "price_source"]].reset_index(drop=True)


def outlier_table(far_off: pd.DataFrame) -> pd.DataFrame:
    """Those of far_off_table's rows who also stand out from the spread."""
    return far_off[far_off["outlier"]].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# Summary of the page
# ---------------------------------------------------------------------------------------------------------

@dataclass
class PriceSummary:
    prices: pd.DataFrame             # every influencer in the filter, known price or not
    band: str
    band_rows: pd.DataFrame          # the band's influencers, known price or not
    band_priced: pd.DataFrame        # the band's influencers with a known price
    thresholds: tuple[float, ...]
    shares: dict[float, float]       # threshold -> share of band_priced strictly under it
    claims: pd.DataFrame             # compare_claims over every band in the filter
    rates: pd.DataFrame              # fitted on band_priced
    residuals: pd.DataFrame
    far_off: pd.DataFrame            # priced OUTLIER_MIN_RATIO× or more off the rate card (far_off_table)
    outliers: pd.DataFrame           # those of far_off who also stand out from the spread
    rule_rate: float | None          # the "$100 per 10,000 followers" record, as edited
    rule_label: str
    sidebar_rate: float

    @property
    def drawn(self) -> bool:
        return drawn(self.prices, self.band)


def drawn(prices: pd.DataFrame, band: str = MICRO) -> bool:
    """Whether the Prices sections are drawn for `prices` (price_per_post.sql): some known price, and some of
    `band` that the fit can use. A report without them cites none of their claims."""
    return bool(prices["known_price"].notna().any()) and not priced(prices[prices["band"] == band]).empty


def summary(ctx: Context, band: str = MICRO) -> PriceSummary:
    prices = ctx.query("price_per_post")
    band_rows = prices[prices["band"] == band]
    band_priced = priced(band_rows)
    # the claims' $250 and $500 are micro prices: beside celebrities' $37,000 they drew two lines at $0 on a $90K
    # axis and a title of "0% under $250 and 0% under $500"
    lines = thresholds(ctx.share_claims) if band == MICRO else ()
    rates = fit_rate_cards(band_priced)
    residuals = rate_card_residuals(band_priced, rates)
    far_off = far_off_table(residuals)
    rule = area_benchmarks.rule_of_thumb(ctx.price_records)
    return PriceSummary(
        prices=prices, band=band, band_rows=band_rows, band_priced=band_priced, thresholds=lines,
        shares={t: share_under(band_priced["known_price"], t) for t in lines},
        claims=compare_claims(prices, ctx.share_claims), rates=rates, residuals=residuals,
        far_off=far_off, outliers=outlier_table(far_off),
        rule_rate=rule.price_low if rule else None,
        rule_label=(f"rule of thumb {theme.money(rule.price_low, 2)} per 1K ({plotly_text(rule.source)}"
                    f"{'' if rule.year is None else ' ' + str(rule.year)})") if rule else "",
        sidebar_rate=float(ctx.filters.rate_per_1k))


def band_people(band: str) -> str:
    """Who a band's findings are about: 'Micro-influencers', 'Celebrities', 'Influencers under 1K followers'
    ('Under 1k-influencers' and 'Celebrity-influencers' read oddly on a slide)."""
    if band == "celebrity":
        return "Celebrities"
    if band.startswith("under "):
        return f"Influencers {band} followers"
    return f"{band.capitalize()}-influencers" if band.isalpha() else f"Influencers in the {band} band"


def distribution_finding(s: PriceSummary) -> str:
    if s.band_priced.empty:
        return f"No {s.band} influencer in the current filter has a known price per post"
    known = s.band_priced["known_price"]
    if not s.thresholds:
        low, high = known.quantile([0.25, 0.75])
        return (f"{band_people(s.band)} in your data: median {theme.money(float(known.median()), 0)} per post "
                f"(middle half {theme.money(float(low), 0)}–{theme.money(float(high), 0)})")
    parts = [f"{theme.percent(s.shares[t], 0)} under {theme.money(t)}" for t in s.thresholds[:2]]
    # on every platform, where the claims beside it speak of one: "84% under $250" then "90% of your Instagram
    # influencers … under $250" on the next page read as a contradiction
    platforms = set(s.band_priced["platform"])
    about = {p for p in s.claims["platform"] if p != bm.ANY_PLATFORM}
    every = f" on {len(platforms)} platforms" if len(platforms) > 1 and about else ""
    return (f"{band_people(s.band)} in your data{every}: {' and '.join(parts)} per post "
            f"(median {theme.money(float(known.median()), 0)})")


def rate_card_finding(s: PriceSummary) -> str:
    if s.rates.empty:
        return f"No {s.band} influencer with a known price to fit a rate card on"
    top = s.rates.iloc[0]
    text = (f"{band_people(s.band)} on {platform_name(top['platform'])} charge about "
            f"{theme.money(top['usd_per_1k'], 2)} per 1K followers")
    if s.rule_rate:
        ratio = top["usd_per_1k"] / s.rule_rate
        text += ", " + how_far(ratio, f"the {_dollars(s.rule_rate)}-per-1K rule of thumb")
    return text


def outlier_finding(s: PriceSummary) -> str:
    """How many are priced 2× or more off their rate card, then those who stand out from the spread as well: "1
    micro influencer is priced at least 2× off" was read against a chart where 41 of 126 were."""
    n, far, residuals = len(s.outliers), len(s.far_off), s.residuals
    if far == 0:
        return f"No {s.band} influencer is priced {OUTLIER_MIN_RATIO:g}× or more off their platform's rate card"
    people = band_people(s.band)
    text = (f"{far:,} of {len(residuals):,} {people[:1].lower() + people[1:]} with a known price "
            f"{'are' if far > 1 else 'is'} priced at least {OUTLIER_MIN_RATIO:g}× off their platform's rate card")
    # in words on a client's slide; the chart's note and the table's help give the statistic (robust z above 3)
    spread = "out from the spread of their platform's prices"
    if n == 0:
        return f"{text}; none stands {spread}"
    furthest = f"{s.outliers.iloc[0]['influencer']}, {how_far(s.outliers.iloc[0]['ratio'])}"
    if n == 1:
        return f"{text}; one stands {spread}: {furthest}"
    return f"{text}; {n:,} stand {spread}, the furthest: {furthest}"


def brief_claims_by_threshold(s: PriceSummary) -> dict[float, str]:
    """Per price line, the brief's claim as a card's help says it: with its own population's share, not the card's
    (the card's 84% of micro accounts on every platform read as bearing out "84%, unverified", a claim about Instagram
    micro-influencers, of whom 90% charged under $250)."""
    brief = s.claims[s.claims["claim"].str.startswith("brief:")]
    return {float(r.threshold): f"The brief claims {theme.percent(r.claimed_share, 0)} (unverified) of "
                                f"{r.population}: " + (f"yours, {theme.percent(r.your_share, 0)}" if r.influencers
                                                       else "none of yours has a known price")
                                + " (the claims table below)."
            for r in brief.itertuples()}


def claims_finding(s: PriceSummary) -> str:
    brief = s.claims[s.claims["claim"].str.startswith("brief:")]
    row = (brief if not brief.empty else s.claims).dropna(subset=["your_share"])
    if row.empty:
        about = {p for p in s.claims["platform"] if p != bm.ANY_PLATFORM}
        if about and not about & set(priced(s.prices)["platform"]) and bm.ANY_PLATFORM not in set(s.claims["platform"]):
            names = " and ".join(sorted(platform_name(p) for p in about))
            return (f"The price-share claims are about {names} influencers, and none with a known price is in the "
                    "current filters: there is nothing to check them against")
        return ("None of the price-share claims' populations has an influencer with a known price in the current "
                "filters")
    r = row.iloc[0]
    return (f"{theme.percent(r['your_share'], 0)} of your {r['population']} charge under "
            f"{theme.money(r['threshold'])} ({r['claim']})")


def data_rate_card(s: PriceSummary) -> float | None:
    """The middle of the data's fitted rate cards ($ per 1K followers, to the cent) when it is 1.5× or more from the
    sidebar's, which prices every estimated cost; None when there is no fit or the two are close."""
    if s.rates.empty:
        return None
    middle = round(float(s.rates["usd_per_1k"].median()), 2)
    return None if 1 / 1.5 < s.sidebar_rate / middle < 1.5 else middle


def sidebar_rate_note(s: PriceSummary) -> str | None:
    """When the data's own rate card is far from the sidebar's (data_rate_card): a pointer to set the sidebar to
    the data's figure (estimates from the rule of thumb then disagree with the data)."""
    middle = data_rate_card(s)
    if middle is None:
        return None
    ratio = s.sidebar_rate / middle
    return (f"Estimated costs use the sidebar's rate card, {theme.money(s.sidebar_rate, 2)} per 1K followers: "
            f"{how_far(ratio).replace('the rate card', 'what your data charges')} ({theme.money(middle, 2)} per 1K, "
            f"the middle of the cards fitted on your {s.band} influencers' prices). Use it below to estimate unknown "
            "costs from your own data" + ("." if s.band == MICRO else
                                         f": it would price every band's unknown costs at the {s.band} rate."))


def rate_card_table(s: PriceSummary, price_records: Sequence[bm.PriceBenchmark]) -> pd.DataFrame:
    """Fitted rate per platform beside the sourced per-1K benchmarks (the rule of thumb among them), each source's
    address in a column of its own: at the end of its citation it was cut to "— https://ge" in the table."""
    rows = [{"platform": r["platform"], "usd_per_1k": r["usd_per_1k"], "influencers": int(r["influencers"]),
             "from": f"your data: fitted on {int(r['influencers'])} priced {s.band} influencers", "url": None}
            for _, r in s.rates.iterrows()]
    rows += [{"platform": p.platform, "usd_per_1k": p.price_low, "influencers": None, "from": p.short_citation,
              "url": p.url if p.url.startswith(("http://", "https://")) else None}
             for p in price_records if p.unit == bm.PER_1K_FOLLOWERS]
    rows.append({"platform": bm.ANY_PLATFORM, "usd_per_1k": s.sidebar_rate, "influencers": None,
                 "from": "rate card used for estimated costs", "url": None})
    return pd.DataFrame(rows, columns=["platform", "usd_per_1k", "influencers", "from", "url"]).astype(
        {"influencers": "Int64"})


# ---------------------------------------------------------------------------------------------------------
# Chart notes (the figures are charts_prices')
# ---------------------------------------------------------------------------------------------------------

def threshold_notes(s: PriceSummary, claims: Sequence[bm.PriceShareClaim]) -> list[tuple[float, str]]:
    """(threshold, annotation) per price line: the user's share under it, then each claim at that price whose
    population has a priced influencer in the filters (a claim about Instagram is not quoted beside TikTok prices)."""
    in_view = s.claims[s.claims["influencers"] > 0].set_index("key")
    notes = []
    for t in s.thresholds:
        text = f"your data: {theme.percent(s.shares[t], 0)} under {theme.money(t)}"
        # a claim about another population than the chart's (Instagram only, all sizes) gets your share in its own
        # population beside it: the chart's share is not the one to hold it against
        quoted = [plotly_text(claim_label(c)) + _own_share(c, in_view.loc[c.key], len(s.band_priced), s.shares[t])
                  for c in claims if c.threshold == t and c.key in in_view.index]
        if quoted:
            text += "".join(f"<br>({q})" for q in quoted)      # a line each: one line ran over the next price line
        notes.append((t, text))
    return notes


def _own_share(claim: bm.PriceShareClaim, row: pd.Series, chart_count: int, chart_share: float) -> str:
    """', your Instagram 10K–100K: 90%': the user's share in the claim's own population, named, since it differs
    from the chart's share printed just above it ('yours 90%' under 'your data: 84%' read as a contradiction)."""
    if row["influencers"] == chart_count and math.isclose(row["your_share"], chart_share):
        return ""
    return f", your {short_population(claim)}: {theme.percent(row['your_share'], 0)}"


def short_population(claim: bm.PriceShareClaim) -> str:
    """A claim's population in a chart note's few words, to follow "your": 'Instagram 10K–100K', 'Instagram of all
    sizes', 'Instagram under 10K', '1M+ on all platforms', 'accounts of any size'."""
    def compact(n: int) -> str:
        return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}K"
    if claim.followers_high is not None:
        size = (f"{compact(claim.followers_low)}–{compact(claim.followers_high)}" if claim.followers_low
                else f"under {compact(claim.followers_high)}")
    else:
        size = f"{compact(claim.followers_low)}+" if claim.followers_low else ""
    if claim.platform != bm.ANY_PLATFORM:
        # "all sizes" said: "your Instagram: 74%" beside "your data: 90%" with Instagram filtered read as a clash
        return f"{platform_name(claim.platform)} {size or 'of all sizes'}"
    return f"{size} on all platforms" if size else "accounts of any size"


def reference_lines(s: PriceSummary) -> list[tuple[float, str]]:
    lines = [(s.rule_rate, s.rule_label)] if s.rule_rate else []
    if s.rule_rate != s.sidebar_rate:
        lines.append((s.sidebar_rate, f"your estimate rate card {theme.money(s.sidebar_rate, 2)} per 1K"))
    return lines


# ---------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------

PRICE_COLUMNS = ["influencer", "name", "platform", "band", "followers", "known_price", "price_source"]


def sections(ctx: Context, band: str = MICRO, s: PriceSummary | None = None) -> list[Section]:
    s = s or summary(ctx, band)
    if not s.drawn:
        return []
    claim_sources = "; ".join(c.citation for c in ctx.share_claims)
    dist_title = distribution_finding(s)
    out = [Section("price_distribution", "Price per post", dist_title,
                   # a projector's slide: the shares alone (the claims beside them took five lines of a 720-px
                   # slide and left the bars 96 px; the next slide sets each claim against your data)
                   build_price_distribution(s.band_priced["known_price"],
                                            threshold_notes(s, () if ctx.present else ctx.share_claims),
                                            dist_title, s.band),
                   s.band_priced[PRICE_COLUMNS].reset_index(drop=True), claim_sources, ctx.sql("price_per_post")),
           Section("price_claims", "Price-share claims vs your data", claims_finding(s), None, s.claims,
                   claim_sources, ctx.sql("price_per_post"))]
    card_title = rate_card_finding(s)
    rule = area_benchmarks.rule_of_thumb(ctx.price_records)
    out.append(Section("rate_card", "Rate card", card_title,
                       build_rate_card(s.residuals, s.rates, reference_lines(s), card_title),
                       rate_card_table(s, ctx.price_records),
                       rule.citation if rule else "", ctx.sql("price_per_post")))
    out.append(Section("price_outliers", "Price outliers", outlier_finding(s), None, s.far_off,
                       f"Robust fit: median log rate per platform; outlier = at least {OUTLIER_MIN_RATIO:g}× off "
                       f"and |robust z| > {OUTLIER_Z:g} (MAD × {MAD_TO_SD}), platforms with ≥ {MIN_FOR_OUTLIERS} "
                       "priced influencers", ctx.sql("price_per_post")))
    return out
