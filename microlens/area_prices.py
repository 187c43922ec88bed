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
import plotly.graph_objects as go

from . import area_benchmarks, theme
from . import benchmarks as bm
from .bands import MICRO
from .context import Context
from .export import Section
from .schema import PLATFORMS
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


def how_far(ratio: float) -> str:
    """4.2 -> '4.2× above the rate card'; 0.25 -> '4.0× below the rate card' (symmetric in log terms)."""
    return f"{theme.multiple(ratio)} above the rate card" if ratio >= 1 else f"{theme.multiple(1 / ratio)} below the rate card"


def _dollars(value: float) -> str:
    """$25 / $12.50 / $3.17: whole dollars once cents stop mattering or there are none."""
    return theme.money(value, 0 if value >= 100 or value == int(value) else 2)


def describe_outlier(row: pd.Series) -> str:
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
    out["description"] = [describe_outlier(r) for _, r in out.iterrows()]
    return out[["description", "influencer", "name", "platform", "followers", "known_price", "expected_price",
                "ratio", "robust_z", "outlier", "price_source"]].reset_index(drop=True)


def outlier_table(residuals: pd.DataFrame) -> pd.DataFrame:
    far = far_off_table(residuals)
    return far[far["outlier"]].reset_index(drop=True)


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
    def any_known(self) -> bool:
        return bool(self.prices["known_price"].notna().any())


def summary(ctx: Context, band: str = MICRO) -> PriceSummary:
    prices = ctx.query("price_per_post")
    band_rows = prices[prices["band"] == band]
    band_priced = priced(band_rows)
    # the claims' $250 and $500 are micro prices: beside celebrities' $37,000 they drew two lines at $0 on a $90K
    # axis and a title of "0% under $250 and 0% under $500"
    lines = thresholds(ctx.share_claims) if band == MICRO else ()
    rates = fit_rate_cards(band_priced)
    residuals = rate_card_residuals(band_priced, rates)
    rule = area_benchmarks.rule_of_thumb(ctx.price_records)
    return PriceSummary(
        prices=prices, band=band, band_rows=band_rows, band_priced=band_priced, thresholds=lines,
        shares={t: share_under(band_priced["known_price"], t) for t in lines},
        claims=compare_claims(prices, ctx.share_claims), rates=rates, residuals=residuals,
        far_off=far_off_table(residuals), outliers=outlier_table(residuals),
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
    return (f"{band_people(s.band)} in your data: {' and '.join(parts)} per post "
            f"(median {theme.money(float(known.median()), 0)})")


def rate_card_finding(s: PriceSummary) -> str:
    if s.rates.empty:
        return f"No {s.band} influencer with a known price to fit a rate card on"
    top = s.rates.iloc[0]
    text = (f"{band_people(s.band)} on {platform_name(top['platform'])} charge about "
            f"{theme.money(top['usd_per_1k'], 2)} per 1K followers")
    if s.rule_rate:
        ratio = top["usd_per_1k"] / s.rule_rate
        rule = f"the {_dollars(s.rule_rate)}-per-1K rule of thumb"
        text += (f", {theme.multiple(ratio)} {rule}" if ratio >= 1 else f", {theme.multiple(1 / ratio)} below {rule}")
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
    spread = f"out from the spread of prices (robust z above {OUTLIER_Z:g})"
    if n == 0:
        return f"{text}; none stands {spread}"
    furthest = f"{s.outliers.iloc[0]['influencer']}, {how_far(s.outliers.iloc[0]['ratio'])}"
    if n == 1:
        return f"{text}; one stands {spread}: {furthest}"
    return f"{text}; {n:,} stand {spread}, the furthest: {furthest}"


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
            f"the middle of the fitted cards). Use it below to estimate unknown costs from your own data.")


def rate_card_table(s: PriceSummary, price_records: Sequence[bm.PriceBenchmark]) -> pd.DataFrame:
    """Fitted rate per platform beside the sourced per-1K benchmarks (the rule of thumb among them)."""
    rows = [{"platform": r["platform"], "usd_per_1k": r["usd_per_1k"], "influencers": int(r["influencers"]),
             "from": f"your data: fitted on {int(r['influencers'])} priced {s.band} influencers"}
            for _, r in s.rates.iterrows()]
    rows += [{"platform": p.platform, "usd_per_1k": p.price_low, "influencers": None,
              "from": p.citation} for p in price_records if p.unit == bm.PER_1K_FOLLOWERS]
    rows.append({"platform": bm.ANY_PLATFORM, "usd_per_1k": s.sidebar_rate, "influencers": None,
                 "from": "rate card used for estimated costs (sidebar)"})
    return pd.DataFrame(rows, columns=["platform", "usd_per_1k", "influencers", "from"]).astype(
        {"influencers": "Int64"})


# ---------------------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------------------

# Up to $250 every width divides 250, so bin edges fall exactly on the $250 and $500 lines; wider bins only
# appear when the band's prices run into the thousands.
_NICE_WIDTHS = (5, 10, 25, 50, 125, 250, 500, 1000, 2500, 5000, 10000, 25000)


def bin_width(upper: float, target_bins: int = 30) -> float:
    """The smallest 'nice' width giving at most `target_bins` bins from $0 up to `upper`; past the nice widths, a
    power of ten (a $1,000,000,000 price drew 40,000 bins of $25,000, and the largest price a load takes, 400,000)."""
    nice = next((w for w in _NICE_WIDTHS if upper / w <= target_bins), None)
    return float(nice or 10 ** math.ceil(math.log10(upper / target_bins)))


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


NOTE_LINE_PX = round(theme.BASE_SIZE[True] * 1.35)   # a line of a chart note at presenter type size
NOTE_GAP_PX = 6
# The most of the plot's height the notes take: more claims than fit share the band and run onto the bars
MOST_NOTE_BAND = 0.6


def note_px(text: str) -> int:
    """A price note's height and the gap under it, at presenter type size."""
    return (text.count("<br>") + 1) * NOTE_LINE_PX + NOTE_GAP_PX


def build_price_distribution(prices: pd.Series, notes: Sequence[tuple[float, str]], title: str,
                             band: str) -> go.Figure:
    """Histogram of known prices per post (bars, left axis) with the cumulative share (step line, right axis)
    and a vertical line per price threshold with its annotation. Prices above the view are counted in the
    cumulative share and named in a note."""
    values = np.sort(prices.dropna().to_numpy(dtype=float))
    top_line = max((t for t, _ in notes), default=0.0)
    upper = max(top_line * 1.4, float(np.quantile(values, 0.98)) if len(values) else 0.0)
    width = bin_width(upper)
    upper = math.ceil(upper / width) * width
    edges = np.arange(0.0, upper + width, width)
    counts, _ = np.histogram(np.clip(values, 0, None), bins=edges)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=edges[:-1] + width / 2, y=counts, width=width * 0.92, name=f"{band} influencers per ${width:,.0f} bin",
        marker_color=theme.BAND_COLOURS.get(band, theme.OKABE_ITO[0]), opacity=0.75,
        customdata=np.stack([edges[:-1], edges[1:]], axis=-1),
        hovertemplate="$%{customdata[0]:,.0f}–$%{customdata[1]:,.0f}: %{y} influencers<extra></extra>"))
    n = len(values)
    if n:
        step_x = np.concatenate([[0.0], values, [max(upper, values[-1])]])
        step_y = np.concatenate([[0.0], np.arange(1, n + 1) / n, [1.0]])
        fig.add_trace(go.Scatter(
            x=step_x, y=step_y, yaxis="y2", mode="lines", line=dict(shape="hv", color="#000000", width=2),
            name="cumulative share at or below the price",
            hovertemplate="$%{x:,.0f}: %{y:.0%} at or below<extra></extra>"))
    # The notes stand in a band along the plot's top that the axes leave free: drawn over the data, on a see-through
    # ground, they hid the $200–$300 bars and the $250 line on every page, slide and PDF. Stacked at presenter type
    # size, the band is sized on the shortest plot the chart is drawn in, so no bar, step or price line runs under a
    # note on a taller one either; where the drawn height is known, theme.fit_top_band shrinks it to the notes.
    band_px = sum(note_px(text) for _, text in notes)
    data_top = theme.band_foot(band_px, theme.LEAST_PLOT_PX, MOST_NOTE_BAND)
    above = band_px   # pixels from the band's foot to the top of the next note
    for t, text in notes:
        # the line ends at the band's foot (add_vline spans the y axis's domain)
        fig.add_vline(x=t, line=dict(color=theme.BENCHMARK_LINE, dash="dash", width=2))
        above -= note_px(text)
        # Stacked up from the band's foot, by the lines' ends, in pixels at presenter type size (on a taller plot the
        # band's spare room is left above them). A line in the right half of the view has its note on its left: on
        # its right the note ran past the plot onto the right-hand axis ("your data: 97% under $500" at $500 of $700).
        side = "right" if t > upper / 2 else "left"
        # a few pixels off the line's x
        fig.add_annotation(x=t, xref="x", y=data_top, yref="paper", yshift=above + NOTE_GAP_PX,
                           xshift=6 if side == "left" else -6, xanchor=side, yanchor="bottom", text=text,
                           showarrow=False, align=side, font=dict(color=theme.BENCHMARK_LINE),
                           name=theme.BAND_LABEL)
    beyond = int((values > upper).sum())
    if beyond:
        # in pixels below the axis title (at presenter type size, as theme.source_footnote): a share of the
        # plot's height put it on the title in a short chart
        fig.add_annotation(x=1, xref="paper", xanchor="right", y=0, yref="paper", yshift=-78, yanchor="top",
                           showarrow=False, font=dict(size=theme.NOTE_SIZE, color="#555"),
                           text=f"{beyond} price{'s' if beyond > 1 else ''} above {theme.money(upper)} not drawn "
                                "(counted in the shares)")
    fig.update_layout(
        title=dict(text=plotly_text(title)), bargap=0,
        xaxis=dict(title="Known price per post (USD)", tickprefix="$", range=[0, upper]),
        # whole influencers: a few bars of one got ticks at 0.2, 0.4 …
        yaxis=dict(title="Influencers", rangemode="tozero", dtick=1 if counts.max(initial=0) <= 8 else None,
                   domain=[0, data_top]),
        yaxis2=dict(title="Cumulative share of influencers", overlaying="y", side="right", range=[0, 1.02],
                    tickmode="array", tickvals=[0, 0.25, 0.5, 0.75, 1.0], tickformat=".0%", showgrid=False),
        # taller than the default 450 px by about the notes' band, which the bars give up
        margin=dict(r=80, b=110), height=560 if notes else None,
        meta={theme.TOP_BAND: (band_px, MOST_NOTE_BAND)} if notes else None)
    return fig


def build_rate_card(residuals: pd.DataFrame, rates: pd.DataFrame, reference_lines: Sequence[tuple[float, str]],
                    title: str) -> go.Figure:
    """Price vs followers, log-log, one colour per platform, with each platform's fitted rate card (a line of
    slope 1), dashed reference rate cards, and outliers ringed and named.

    residuals: rate_card_residuals output; rates: fit_rate_cards output; reference_lines: (USD per 1K, label).
    """
    fig = go.Figure()
    if residuals.empty:
        fig.update_layout(title=dict(text=plotly_text(title)))
        return fig
    lo, hi = float(residuals["followers"].min()) / 1.15, float(residuals["followers"].max()) * 1.15
    for _, fit in rates.iterrows():
        platform = fit["platform"]
        colour = theme.platform_colour(platform)
        part = residuals[residuals["platform"] == platform]
        fig.add_trace(go.Scatter(
            x=part["followers"], y=part["known_price"], mode="markers", name=f"{platform_name(platform)} (n={len(part)})",
            legendgroup=platform, marker=dict(color=colour, size=8, opacity=0.75),
            customdata=np.stack([part["influencer"].map(plotly_text), part["expected_price"], part["ratio"]], axis=-1),
            hovertemplate=("%{customdata[0]}<br>%{x:,.0f} followers · $%{y:,.0f} per post<br>"
                           "rate card: $%{customdata[1]:,.0f} (%{customdata[2]:.1f}×)<extra></extra>")))
        fig.add_trace(go.Scatter(
            x=[lo, hi], y=[lo / 1_000 * fit["usd_per_1k"], hi / 1_000 * fit["usd_per_1k"]], mode="lines",
            name=f"{platform_name(platform)} rate card: {theme.money(fit['usd_per_1k'], 2)} per 1K", legendgroup=platform,
            line=dict(color=colour, width=2), hoverinfo="skip"))
    for (rate, label), dash in zip(reference_lines, ("dash", "dot", "dashdot")):
        fig.add_trace(go.Scatter(x=[lo, hi], y=[lo / 1_000 * rate, hi / 1_000 * rate], mode="lines", name=label,
                                 line=dict(color="#000000", dash=dash, width=1.5), hoverinfo="skip"))
    out = residuals[residuals["outlier"]]
    if not out.empty:
        fig.add_trace(go.Scatter(
            x=out["followers"], y=out["known_price"], mode="markers+text", name="outlier (named)",
            text=out["influencer"].map(plotly_text), textposition="top center", textfont=dict(size=12),
            marker=dict(symbol="circle-open", size=18, color=theme.BENCHMARK_LINE, line=dict(width=2.5)),
            hoverinfo="skip"))
    ticks = _log_ticks(float(residuals["known_price"].min()), float(residuals["known_price"].max()))
    fig.update_layout(
        title=dict(text=plotly_text(title)),
        xaxis=dict(type="log", title="Followers (log scale)"),
        yaxis=dict(type="log", title="Known price (USD, log)", tickvals=ticks,
                   ticktext=[theme.money(t, 0 if t >= 1 else 2) for t in ticks]),
        # pinned to the bottom of the figure, in pixels: placed relative to the plot's height, it ran into the
        # x-axis title wherever the chart is drawn shorter (a slide)
        legend=dict(yref="container", y=0, yanchor="bottom", orientation="h"), margin=dict(b=160), height=600)
    return fig


def _log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 ticks covering [low, high]: a log price axis labelled $20, $50, $100 rather than bare digits."""
    start, stop = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks = [m * 10.0 ** e for e in range(start, stop + 1) for m in (1, 2, 5)]
    inside = [t for t in ticks if low / 2 <= t <= high * 2]
    return inside or ticks


def reference_lines(s: PriceSummary) -> list[tuple[float, str]]:
    lines = [(s.rule_rate, s.rule_label)] if s.rule_rate else []
    if s.rule_rate != s.sidebar_rate:
        lines.append((s.sidebar_rate, f"your estimate rate card {theme.money(s.sidebar_rate, 2)} per 1K (sidebar)"))
    return lines


# ---------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------

PRICE_COLUMNS = ["influencer", "name", "platform", "band", "followers", "known_price", "price_source"]


def sections(ctx: Context, band: str = MICRO, s: PriceSummary | None = None) -> list[Section]:
    s = s or summary(ctx, band)
    if not s.any_known or s.band_priced.empty:
        return []
    claim_sources = "; ".join(c.citation for c in ctx.share_claims)
    dist_title = distribution_finding(s)
    out = [Section("price_distribution", "Price per post", dist_title,
                   build_price_distribution(s.band_priced["known_price"], threshold_notes(s, ctx.share_claims),
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
