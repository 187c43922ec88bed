"""Benchmark catalog: every default figure the app compares against, with its source, year and definition.

Three kinds of figures feed the celebrity comparison:
- engagement-rate (ER) benchmarks per follower tier (`ER_BENCHMARKS`),
- prices per post or per 1K followers (`PRICE_BENCHMARKS`) and "x % charge under $y" claims
  (`PRICE_SHARE_CLAIMS`),
- CPMs (`CPM_BENCHMARKS`), context for earned-media value.
Beside them, brand accounts' own engagement rates (`RIVAL_IQ`), the Takeover lift page's context.

Why every record carries its definition: "engagement rate" means a different ratio in each source
(denominator followers / views / impressions; mean / median / like rate; likes only or likes + comments
+ ...). Two figures are only comparable when those match, so the definition travels with the number and is
printed in every citation.

A year of None means the source is undated; citations print "undated" (NO_YEAR) rather than a guessed year.
The product brief's untraced claims carry url = "brief (unverified)" and verified = False.

Celebrity benchmark CPE = price per post / (benchmark followers × benchmark ER). Only ER measured per
follower fits that formula: an ER per view (TikTok / YouTube) multiplied by a follower count is not a
number of engagements, because a post's views are not its author's followers (TikTok views routinely
exceed followers, YouTube views fall far short of subscribers). The same holds for ER per impression and
for ER whose denominator the source does not state. Such records stay in the catalog, labelled, and are
excluded from the computation.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import Iterable, Mapping, Sequence

import pandas as pd

from microlens.metrics import post_cpe
from microlens.schema import PLATFORMS
from microlens.text import in_words, platform_name

BRIEF_UNVERIFIED = "brief (unverified)"
ANY_PLATFORM = "any"
BENCHMARK_PLATFORMS = (*PLATFORMS, ANY_PLATFORM)

# "unstated": the source gives the number but not this part of its definition. Kept explicit rather than
# filled with a plausible guess, so a user can see which comparisons rest on an assumption.
STATISTICS = ("mean", "median", "like rate", "unstated")
DENOMINATORS = ("followers", "views", "impressions", "unstated")
NUMERATORS = ("likes", "likes+comments", "likes+comments+shares", "likes+comments+shares+saves", "unstated")
# Numerators that count fewer parts of an engagement than the app's engagements (likes + comments + shares + saves):
# an ER counted so is lower, and is compared like for like only with the app's engagements counted the same way.
COUNTS_FEWER_PARTS = NUMERATORS[:3]
PER_POST, PER_1K_FOLLOWERS = "USD per post", "USD per 1K followers"
PRICE_UNITS = (PER_POST, PER_1K_FOLLOWERS)

MICRO_CHEAPER, CELEBRITY_CHEAPER, OVERLAPS = "micro cheaper", "celebrity cheaper", "overlaps"
NO_MICRO_CPE = "no micro CPE to set against it"   # the celebrity side alone: no micro-influencer has a cost
NOT_COMPARABLE = "excluded: ER not per follower"


# what a citation says for a source without a year: "n.d." is a bibliography's, and read as jargon on a client's slide
NO_YEAR = "undated"


def year_text(year: int | None) -> str:
    return NO_YEAR if year is None else str(year)


def _where(url: str) -> str:
    return "source: " + BRIEF_UNVERIFIED if url == BRIEF_UNVERIFIED else url


def _money(value: float) -> str:
    return f"${value:,.0f}" if value >= 100 or value == int(value) else f"${value:,.2f}"


def _money_range(low: float, high: float | None) -> str:
    if high is None:
        return f"{_money(low)}+"
    return _money(low) if high == low else f"{_money(low)}–{_money(high)}"


class _Cited:
    """One-line citation shared by every record type: "Source (year), definition — address"."""

    @property
    def citation(self) -> str:
        return f"{self.source} ({year_text(self.year)}), {self.definition} — {_where(self.url)}"

    @property
    def short_citation(self) -> str:
        """The citation without its address, for a chart footnote (the page and exports carry the address)."""
        flag = ", unverified" if self.url == BRIEF_UNVERIFIED else ""
        return f"{self.source} ({year_text(self.year)}{flag}), {self.definition}"


@dataclass(frozen=True)
class _Sourced(_Cited):
    """Who published a figure, where, and of which platform and tier: the first columns of every table."""
    key: str
    source: str                 # publisher
    report: str                 # the report, page or snapshot the figure was read from
    year: int | None
    url: str
    platform: str
    tier: str                   # the source's own tier label


@dataclass(frozen=True)
class _TierSourced(_Sourced):
    followers_low: int          # inclusive
    followers_high: int | None  # exclusive; None = open-ended (">1M")


@dataclass(frozen=True)
class ErBenchmark(_TierSourced):
    er: float                   # fraction: 0.0166 = 1.66 %
    statistic: str              # STATISTICS
    denominator: str            # DENOMINATORS
    numerator: str              # NUMERATORS
    note: str = ""

    @property
    def choice_label(self) -> str:
        """The record as one choice among many: a source's tiers share its citation."""
        return f"{self.short_citation} · {self.platform} {self.tier}: {self.er:.2%}"

    @property
    def definition(self) -> str:
        head = {"like rate": "like rate", "unstated": "ER (mean or median not stated)"}.get(
            self.statistic, f"{self.statistic} ER")
        if self.denominator == "unstated":
            return f"{head}, denominator not stated"
        numerator = {"unstated": "engagements", "likes": "likes"}.get(self.numerator, f"({self.numerator})")
        return f"{head} by {self.denominator}, {numerator}/{self.denominator}"


@dataclass(frozen=True)
class PriceBenchmark(_TierSourced):
    price_low: float
    price_high: float | None    # None = open-ended ("$10,000+")
    unit: str                   # PRICE_UNITS
    verified: bool              # the figure was read in the cited page (False for the brief's claims)
    note: str = ""

    @property
    def definition(self) -> str:
        what = "price per post" if self.unit == PER_POST else "price per 1K followers"
        return f"{what}, {self.platform}, {self.tier}: {_money_range(self.price_low, self.price_high)}"


@dataclass(frozen=True)
class PriceShareClaim(_TierSourced):
    """ "share of creators (or payments) under a price threshold", e.g. 84 % charge under $250."""
    threshold: float            # USD per post
    share: float                # fraction under the threshold
    verified: bool
    note: str = ""

    @property
    def definition(self) -> str:
        return (f"{self.share * 100:.0f}% under {_money(self.threshold)} per post, "
                f"{self.platform}, {self.tier}")


@dataclass(frozen=True)
class CpmBenchmark(_Sourced):
    cpm_low: float
    cpm_high: float
    note: str = ""

    @property
    def definition(self) -> str:
        return f"CPM, {self.platform}, {self.tier}: {_money_range(self.cpm_low, self.cpm_high)} per 1,000 impressions"


@dataclass(frozen=True)
class CelebrityReference:
    """The follower count that stands for "one celebrity post" in the celebrity CPE."""
    followers: int
    rationale: str
    urls: tuple[str, ...]


# ---------------------------------------------------------------------------------------------------------
# Engagement-rate benchmarks
# ---------------------------------------------------------------------------------------------------------

_MODASH_BANDS = (  # (key suffix, tier label, followers_low, followers_high) shared by Modash's three pages
    ("1k-5k", "1k–5k", 1_000, 5_000),
    ("5k-10k", "5k–10k", 5_000, 10_000),
    ("10k-50k", "10k–50k", 10_000, 50_000),
    ("50k-100k", "50k–100k", 50_000, 100_000),
    ("100k-500k", "100k–500k", 100_000, 500_000),
    ("500k-1m", "500k–1M", 500_000, 1_000_000),
    ("over-1m", ">1M", 1_000_000, None),
)


def _modash(prefix: str, report: str, year: int | None, url: str, platform: str, denominator: str,
            numerator: str, average_bands_pct: Sequence[tuple[float, float]], note: str) -> tuple[ErBenchmark, ...]:
    """Modash publishes an "Average" band (low–high %) per tier; the catalog stores its midpoint."""
    return tuple(
        ErBenchmark(f"{prefix}-{suffix}", "Modash", report, year, url, platform, tier, lo, hi,
                    round((band_lo + band_hi) / 200, 6), "median", denominator, numerator,
                    f"'Average' band {band_lo:g}–{band_hi:g}%; the midpoint is stored. {note}")
        for (suffix, tier, lo, hi), (band_lo, band_hi) in zip(_MODASH_BANDS, average_bands_pct, strict=True))


_MARKERLY_URL = "https://www.marketingdive.com/news/brand-marketers-see-higher-engagement-with-micro-influencers-survey/418109/"
_MARKERLY_NOTE = ("Likes ÷ followers on unpaid posts; 'comment rate follows a similar pattern' and the findings "
                  "also apply to sponsored posts. Digiday (https://digiday.com/marketing/micro-influencers) "
                  "rounds to 2.4% / 1.7%. No figure for 100K–1M.")
_MARKERLY = tuple(
    ErBenchmark(f"markerly-2016-instagram-{suffix}", "Markerly",
                "Instagram like-rate survey of 2M influencers, via Marketing Dive", 2016, _MARKERLY_URL,
                "instagram", tier, lo, hi, er, "like rate", "followers", "likes",
                (approx + " " if approx else "") + _MARKERLY_NOTE)
    for suffix, tier, lo, hi, er, approx in (
        ("under-1k", "<1K", 0, 1_000, 0.08, "Published as 'about 8%'."),
        ("1k-10k", "1K–10K", 1_000, 10_000, 0.04, "Published as '4%'."),
        ("10k-100k", "10K–100K (micro)", 10_000, 100_000, 0.0237, ""),
        ("1m-10m", "1M–10M", 1_000_000, 10_000_000, 0.0166, ""),
    ))

_HA2018_URL = "https://hypeauditor.com/blog/what-is-instagram-engagement-rate-and-how-to-calculate-it/"
_HA2018_TIERS = (  # key suffix, tier, followers_low, followers_high, mean ER, median ER
    ("user-0-1k", "Instagram user (0–1K)", 0, 1_000, 0.1058, 0.1699),
    ("rookie-1k-5k", "Rookie (1K–5K)", 1_000, 5_000, 0.0426, 0.0645),
    ("up-and-coming-5k-20k", "Up-and-coming (5K–20K)", 5_000, 20_000, 0.0228, 0.0376),
    ("prosumer-20k-100k", "Prosumer (20K–100K)", 20_000, 100_000, 0.0162, 0.0263),
    ("maven-100k-1m", "Maven (100K–1M)", 100_000, 1_000_000, 0.0155, 0.0257),
    ("celebrity-over-1m", "Celebrity (>1M)", 1_000_000, None, 0.0154, 0.0256),
)
_HA2018 = tuple(
    ErBenchmark(f"hypeauditor-2018-instagram-{statistic}-{suffix}", "HypeAuditor",
                "Instagram engagement-rate benchmark, March 2018 (about 37,000 accounts, last 90 days)", 2018,
                _HA2018_URL, "instagram", tier, lo, hi, er, statistic, "followers", "likes+comments",
                "The published table has the median above the mean in every tier.")
    for suffix, tier, lo, hi, mean_er, median_er in _HA2018_TIERS
    for statistic, er in (("mean", mean_er), ("median", median_er)))

_MAVRCK_URL = "https://influencermarketinghub.com/instagram-influencer-generated-content-infographic/?platform=hootsuite"
_MAVRCK = tuple(
    ErBenchmark(f"mavrck-instagram-{suffix}", "Mavrck",
                "Instagram benchmark of 35,000 posts from 6,500 opted-in accounts, via Influencer Marketing Hub",
                None, _MAVRCK_URL, "instagram", tier, lo, hi, er, "mean", "followers", "unstated",
                f"Undated (c. 2017–18). 'Average engagement rate, all content'; the excerpt does not define it "
                f"beyond that. Branded posts get {penalty} engagement vs non-branded in this tier.")
    for suffix, tier, lo, hi, er, penalty in (
        ("1k-5k", "1K–5K", 1_000, 5_000, 0.0684, "−12.91%"),
        ("5k-10k", "5K–10K", 5_000, 10_000, 0.0400, "−14.56%"),
        ("10k-50k", "10K–50K", 10_000, 50_000, 0.0307, "−18%"),
        ("50k-100k", "50K–100K", 50_000, 100_000, 0.0233, "−23.58%"),
        ("100k-500k", "100K–500K", 100_000, 500_000, 0.0221, "−33.62%"),
    ))

_IMH2021_URL = "https://ion.co/influencer-marketing-industry-to-reach-13-8-billion-in-2021"
_IMH2021_NOTE = ("Follower edges are not in the summary: micro 10K–50K and mega >1M are assumed (STIM scheme). "
                 "The summary does not define ER. The data partner Upfluence divided engagements by followers "
                 "on every platform in its 2019 white paper (YouTube: likes, dislikes, comments; no TikTok then), "
                 "so Instagram is taken as per follower and TikTok / YouTube are left 'unstated'.")
_IMH2021 = tuple(
    ErBenchmark(f"imh-2021-{platform}-{tier}", "Influencer Marketing Hub",
                "Influencer Marketing Benchmark Report 2021 (data from Upfluence), via ion.co", 2021,
                _IMH2021_URL, platform, tier, lo, hi, er, "mean", denominator, numerator,
                (approx + " " if approx else "") + _IMH2021_NOTE)
    for platform, tier, lo, hi, er, denominator, numerator, approx in (
        ("instagram", "micro", 10_000, 50_000, 0.0386, "followers", "likes+comments", ""),
        ("instagram", "mega", 1_000_000, None, 0.0121, "followers", "likes+comments", ""),
        ("tiktok", "micro", 10_000, 50_000, 0.18, "unstated", "unstated", "Published as 'nearly 18%'."),
        ("tiktok", "mega", 1_000_000, None, 0.05, "unstated", "unstated", "Published as 'nearly 5%'."),
        ("youtube", "micro", 10_000, 50_000, 0.0164, "unstated", "unstated", ""),
        ("youtube", "mega", 1_000_000, None, 0.0037, "unstated", "unstated", ""),
    ))

_HA2023_URL = "https://busycontinent.com/influencers-impacted-fraud-decreases-hypeauditor/"
_HA2026_URL = "https://www.emarketer.com/content/smaller-creators-deliver-efficiency-roi-pressure-mounts"
_HA2026_NOTE = ("eMarketer's summary does not say mean or median; (likes+comments)/followers is HypeAuditor's "
                "published Instagram formula (http://help.hypeauditor.com/en/articles/2764316-basic-data-on-influencers). "
                "Median likes per post: 6,678 for >1M accounts vs 91 for micro.")
_HYPEAUDITOR_STATE = (
    ErBenchmark("hypeauditor-2023-instagram-nano", "HypeAuditor", "State of Influencer Marketing 2023", 2023,
                _HA2023_URL, "instagram", "nano (1K–10K)", 1_000, 10_000, 0.0278, "unstated", "followers",
                "likes+comments", "Mean or median not stated in the summary."),
    ErBenchmark("hypeauditor-2023-tiktok-nano", "HypeAuditor", "State of Influencer Marketing 2023", 2023,
                _HA2023_URL, "tiktok", "nano (1K–10K)", 1_000, 10_000, 0.126, "unstated", "views",
                "likes+comments+shares",
                "Denominator per HypeAuditor's TikTok formula, (likes+comments+shares)/views "
                "(https://hypeauditor.com/free-tools/tiktok-engagement-calculator/)."),
    *(ErBenchmark(f"hypeauditor-2026-instagram-{suffix}", "HypeAuditor",
                  "State of Influencer Marketing 2026, via eMarketer", 2026, _HA2026_URL, "instagram", tier,
                  lo, hi, er, "unstated", "followers", "likes+comments", _HA2026_NOTE)
      for suffix, tier, lo, hi, er in (
          ("nano", "nano (1K–10K)", 1_000, 10_000, 0.0178),
          ("micro", "micro (10K–50K)", 10_000, 50_000, 0.0054),
          ("mega", "mega (>1M)", 1_000_000, None, 0.0033),
      )),
)

_TRENDHERO_URL = "https://jasonfalls.com/state-of-influencer-marketing-instagram/"
_TRENDHERO_NOTE = ("US Instagram accounts. 'Average' is TrendHERO's label for the typical range, not necessarily "
                   "an arithmetic mean. Undated: the post cites IMH's 2020 report, so 2020 or later. The post "
                   "multiplies followers by this ER to get engagements, i.e. a per-follower rate.")
_TRENDHERO = tuple(
    ErBenchmark(f"trendhero-instagram-{suffix}", "TrendHERO", "State of Influencer Marketing on Instagram (US)",
                None, _TRENDHERO_URL, "instagram", tier, lo, hi, er, "unstated", "followers", "unstated",
                f"{_TRENDHERO_NOTE} 'Good' ER in this tier: {good}.")
    for suffix, tier, lo, hi, er, good in (
        ("nano-2k-5k", "nano (2K–5K)", 2_000, 5_000, 0.046, "17.7%"),
        ("celebrity", "celebrity (1M+)", 1_000_000, None, 0.015, "7.2%"),
    ))

_CREATORIQ_URL = "https://www.omnesinfluencers.com/news/size-does-matter-macro-influencers-come-out-on-top-on-tiktok"
_CREATORIQ = (
    ErBenchmark("creatoriq-2023-instagram-mega-sponsored", "CreatorIQ / Tribe Dynamics",
                "Sponsored-content benchmark, reported Sept 2023", 2023, _CREATORIQ_URL, "instagram",
                "mega (≥1M), sponsored posts", 1_000_000, None, 0.0023, "mean", "followers", "unstated",
                "Sponsored posts only. Instagram feed posts are divided by followers, but Stories and Reels by "
                "estimated impressions, so this figure mixes both."),
    ErBenchmark("creatoriq-2023-youtube-mega-sponsored", "CreatorIQ / Tribe Dynamics",
                "Sponsored-content benchmark, reported Sept 2023", 2023, _CREATORIQ_URL, "youtube",
                "mega (≥1M), sponsored posts", 1_000_000, None, 0.016, "mean", "views", "unstated",
                "Sponsored posts only; CreatorIQ divides YouTube engagements by video views."),
)

_MODASH_IG = _modash(
    "modash-instagram", "Instagram engagement rate calculator, benchmark table (72M+ profiles)", None,
    "https://www.modash.io/engagement-rate-calculator", "instagram", "followers", "likes+comments",
    ((3.38, 4.42), (1.25, 1.62), (0.84, 1.11), (0.75, 1.01), (0.87, 1.14), (0.88, 1.13), (1.02, 1.27)),
    "Median engagements of the last 30 posts ÷ followers. Undated snapshot.")
_MODASH_TIKTOK_2025 = _modash(
    "modash-2025-tiktok", "TikTok engagement rate calculator, Nov 2025 snapshot", 2025,
    "https://modash.io/tiktok-engagement-rate-calculator", "tiktok", "views", "unstated",
    ((12.06, 14.04), (10.50, 11.83), (8.38, 9.37), (7.22, 8.03), (6.66, 7.39), (6.19, 6.85), (6.20, 6.84)),
    "Median engagements ÷ median views, last 30 posts. The Mar 2023 snapshot of the same page is ~10× lower.")
_MODASH_TIKTOK_2023 = _modash(
    "modash-2023-tiktok", "TikTok engagement rate calculator, Mar 2023 snapshot", 2023,
    "https://www.modash.io/tiktok-engagement-rate-calculator", "tiktok", "views", "unstated",
    ((1.82, 2.19), (1.05, 1.33), (0.76, 1.04), (0.6, 0.88), (0.69, 1.0), (0.99, 1.32), (1.06, 1.34)),
    "Median engagements ÷ median views, last 30 posts. Superseded by the Nov 2025 snapshot (~10× higher).")
_MODASH_YOUTUBE = _modash(
    "modash-youtube", "YouTube engagement rate calculator (8M+ creators)", None,
    "https://modash.io/youtube-engagement-rate-calculator", "youtube", "views", "unstated",
    ((1.47, 2.02), (0.59, 0.82), (0.36, 0.51), (0.23, 0.33), (0.19, 0.27), (0.16, 0.24), (0.13, 0.18)),
    "Median engagements ÷ median views, last 30 videos. Undated snapshot.")

ER_BENCHMARKS: tuple[ErBenchmark, ...] = (
    *_MARKERLY, *_HA2018, *_MAVRCK, *_IMH2021, *_HYPEAUDITOR_STATE, *_TRENDHERO, *_CREATORIQ,
    *_MODASH_IG, *_MODASH_TIKTOK_2025, *_MODASH_TIKTOK_2023, *_MODASH_YOUTUBE,
)

# ---------------------------------------------------------------------------------------------------------
# Prices
# ---------------------------------------------------------------------------------------------------------

_BRIEF_NOTE = ("Claim of the product brief; no primary source for it was found. Kept as an editable default.")
_BRIEF_PRICES = (
    PriceBenchmark("brief-celebrity-branded-post", "Product brief", "celebrity branded post", None,
                   BRIEF_UNVERIFIED, ANY_PLATFORM, "celebrity (>1M)", 1_000_000, None, 20_000.0, 100_000.0,
                   PER_POST, False, _BRIEF_NOTE + " Platform not stated."),
    PriceBenchmark("brief-mashable-over-1m", "Product brief, attributed to Mashable", "price per post, >1M followers",
                   None, BRIEF_UNVERIFIED, ANY_PLATFORM, ">1M followers", 1_000_000, None, 6_104.0, 24_406.0,
                   PER_POST, False, _BRIEF_NOTE + " Platform not stated."),
)

_GRID_URL = "https://alittleclass.blogspot.com/2021/01/how-much-do-influencers-cost.html"
_GRID_TIERS = (("nano", 1_000, 10_000), ("micro", 10_000, 50_000), ("mid-tier", 50_000, 500_000),
               ("macro", 500_000, 1_000_000), ("mega", 1_000_000, None))
_GRID_PRICES = {  # platform: per-tier (low, high); None high = open-ended ("$10,000+")
    "instagram": ((10, 100), (100, 500), (500, 5_000), (5_000, 10_000), (10_000, None)),
    "youtube": ((20, 200), (200, 1_000), (1_000, 10_000), (10_000, 20_000), (20_000, None)),
    "tiktok": ((5, 25), (25, 125), (125, 1_250), (1_250, 2_500), (2_500, None)),
}
_GRID = tuple(
    PriceBenchmark(f"imh-grid-2021-{platform}-{tier}", "Influencer Marketing Hub (as reproduced)",
                   "tier price grid, widely reproduced (also https://reach-influencers.com/7-influencer-payment-factors/)",
                   2021, _GRID_URL, platform, tier, lo, hi, float(p_lo), None if p_hi is None else float(p_hi),
                   PER_POST, True,
                   "Attributed to Influencer Marketing Hub by the copies; IMH's own page was not seen with the "
                   "numbers. The copies give tier names only: follower edges are the STIM scheme (assumed)."
                   + (" Per video." if platform == "youtube" else ""))
    for platform, prices in _GRID_PRICES.items()
    for (tier, lo, hi), (p_lo, p_hi) in zip(_GRID_TIERS, prices, strict=True))

_IGNITE_URL = "https://www.getcarro.com/blog/paying-influencers-what-brands-need-to-know-in-2019"
_KLEAR_URL = "https://econsultancy.com/how-much-are-influencers-making-industry-pushes-standards/"
_WEBFX_URL = "https://gethypedmedia.com/influencer-rate-sheet/"
_INZPIRE_BI_URL = ("https://businessinsider.in/advertising/news/how-much-do-influencers-get-paid-"
                   "an-exec-who-runs-a-database-of-12000-creators-details-the-average-sponsored-post-rates-for-various-follower-counts-/amp_articleshow/74090213.cms")
_OTHER_PRICES = (
    PriceBenchmark("ignite-2019-instagram-average", "Ignite Visibility", "Instagram sponsorship survey, via Carro",
                   2019, _IGNITE_URL, "instagram", "all sizes", 0, None, 270.0, 270.0, PER_POST, True,
                   "Average sponsored Instagram post, 'about $270'."),
    PriceBenchmark("ignite-2019-instagram-under-1k", "Ignite Visibility", "Instagram sponsorship survey, via Carro",
                   2019, _IGNITE_URL, "instagram", "<1K followers", 0, 1_000, 83.0, 83.0, PER_POST, True,
                   "Average for accounts under 1,000 followers."),
    PriceBenchmark("klear-2019-instagram-nano", "Klear", "influencer rates study 2019 (2,500+ influencers)", 2019,
                   _KLEAR_URL, "instagram", "nano (500–5K)", 500, 5_000, 41.0, 41.0, PER_POST, True,
                   "Average rate. Women averaged $351, men $459; travel $5,335 per post."),
    PriceBenchmark("klear-2019-instagram-celebrity", "Klear", "influencer rates study 2019 (2,500+ influencers)",
                   2019, _KLEAR_URL, "instagram", "celebrity (>500K)", 500_000, None, 3_138.0, 3_138.0, PER_POST,
                   True, "Average rate. Klear's 'celebrity' starts at 500K followers."),
    PriceBenchmark("klear-2019-youtube-all", "Klear", "influencer rates study 2019 (2,500+ influencers)", 2019,
                   _KLEAR_URL, "youtube", "nano to celebrity (range across tiers)", 500, None, 315.0, 3_857.0,
                   PER_POST, True, "Lowest to highest tier average, not one tier's spread."),
    PriceBenchmark("klear-2019-facebook-all", "Klear", "influencer rates study 2019 (2,500+ influencers)", 2019,
                   _KLEAR_URL, "facebook", "nano to celebrity (range across tiers)", 500, None, 31.0, 2_400.0,
                   PER_POST, True, "Lowest to highest tier average, not one tier's spread."),
    PriceBenchmark("webfx-2022-instagram-per-1k", "WebFX", "influencer rate sheet, 2022 edition, via Hyped Media",
                   2022, _WEBFX_URL, "instagram", "any size", 0, None, 20.0, 20.0, PER_1K_FOLLOWERS, True,
                   "An older edition gave $10 per 1,000 followers."),
    PriceBenchmark("webfx-older-instagram-per-1k", "WebFX", "influencer rate sheet, older edition, via Hyped Media",
                   None, _WEBFX_URL, "instagram", "any size", 0, None, 10.0, 10.0, PER_1K_FOLLOWERS, True,
                   "Undated edition preceding the 2022 one."),
    PriceBenchmark("webfx-2022-youtube-per-1k", "WebFX", "influencer rate sheet, 2022 edition, via Hyped Media",
                   2022, _WEBFX_URL, "youtube", "any size", 0, None, 25.0, 25.0, PER_1K_FOLLOWERS, True,
                   "Per 1,000 subscribers; an older edition gave $20."),
    PriceBenchmark("usatoday-2019-rule-of-thumb", "USA Today", "'about $100 per 10,000 followers' rule of thumb, as quoted by Yabs",
                   2019, "https://www.yabs.io/a/search.php?username=&tags=management,social_media", "instagram",
                   "any size", 0, None, 10.0, 10.0, PER_1K_FOLLOWERS, True,
                   "1% of follower count in dollars per sponsored Instagram post, 'verified' by USA Today with "
                   "about a dozen industry sources ('some experts called that conservative'). Year from the "
                   "USA Today article of 15 Feb 2019 "
                   "(http://www.pressreader.com/usa/usa-today-international-edition/20190215/281496457548701)."),
    PriceBenchmark("inzpire-2020-41k", "Inzpire.me", "sponsored-post rates, via Business Insider (12,000 influencers)",
                   2020, _INZPIRE_BI_URL,
                   ANY_PLATFORM, "41K followers (database average)", 41_000, 41_000, 500.0, 1_000.0, PER_POST, True,
                   "Instagram, Snapchat and TikTok creators; content quality moves the price."),
    PriceBenchmark("inzpire-2020-500k", "Inzpire.me", "sponsored-post rates, via Business Insider (12,000 influencers)",
                   2020, _INZPIRE_BI_URL,
                   ANY_PLATFORM, "500K followers", 500_000, 500_000, 5_000.0, 5_000.0, PER_POST, True,
                   "'Assuming their content is high-quality'."),
    PriceBenchmark("viralnation-over-1m", "Viral Nation", "earnings guide, via Vault", None,
                   "https://legacy.vault.com/industries-professions/professions/s/social-media-influencers/earnings",
                   ANY_PLATFORM, ">1M followers", 1_000_000, None, 100_000.0, 250_000.0, PER_POST, True,
                   "Undated. Same guide: up to 1M followers about $10,000 per post."),
)

PRICE_BENCHMARKS: tuple[PriceBenchmark, ...] = (*_BRIEF_PRICES, *_GRID, *_OTHER_PRICES)

PRICE_SHARE_CLAIMS: tuple[PriceShareClaim, ...] = (
    PriceShareClaim("brief-micro-under-250", "Product brief", "micro-influencer price claim", None,
                    BRIEF_UNVERIFIED, "instagram", "micro (10K–100K)", 10_000, 100_000, 250.0, 0.84, False,
                    _BRIEF_NOTE),
    PriceShareClaim("brief-micro-under-500", "Product brief", "micro-influencer price claim", None,
                    BRIEF_UNVERIFIED, "instagram", "micro (10K–100K)", 10_000, 100_000, 500.0, 0.97, False,
                    _BRIEF_NOTE),
    PriceShareClaim("ignite-2019-businesses-under-250", "Ignite Visibility", "Instagram sponsorship survey, via Carro",
                    2019, _IGNITE_URL, "instagram", "all sizes", 0, None, 250.0, 0.66, True,
                    "Share of businesses that pay under $250 per post: what brands pay, not what micro-influencers "
                    "charge, so not the same population as the brief's 84% claim. The nearest sourced figure."),
)

# ---------------------------------------------------------------------------------------------------------
# CPM
# ---------------------------------------------------------------------------------------------------------

_INZPIRE_CPM_URL = "https://knowledge.inzpire.me/en/articles/9826839-understanding-cpm-benchmarks-in-influencer-marketing"
_WOTB_URL = "https://www.wordontheblock.com/blog/influencer-pricing-guide"
_IHERO_URL = "https://influencer-hero.com/blogs/influencer-cpm"
CPM_BENCHMARKS: tuple[CpmBenchmark, ...] = (
    *(CpmBenchmark(f"inzpire-cpm-{platform}", "Inzpire.me", "CPM benchmarks from bookings on its platform over 2 years",
                   None, _INZPIRE_CPM_URL, platform, "all sizes", lo, hi,
                   "Undated. Snapchat $32–42; also given in EUR, GBP, NOK.")
      for platform, lo, hi in (("instagram", 32.0, 42.0), ("tiktok", 25.0, 35.0), ("youtube", 51.0, 61.0))),
    *(CpmBenchmark(f"wordontheblock-2023-cpm-{platform}", "Word on the Block", "influencer pricing guide (agency)",
                   2023, _WOTB_URL, platform, "all sizes", lo, hi, "")
      for platform, lo, hi in (("instagram", 5.0, 15.0), ("tiktok", 5.0, 15.0), ("youtube", 15.0, 30.0))),
    *(CpmBenchmark(f"influencerhero-cpm-{platform}", "Influencer Hero", "influencer CPM blog post", None,
                   _IHERO_URL, platform, "all sizes", lo, hi, "Undated.")
      for platform, lo, hi in (("instagram", 5.0, 15.0), ("tiktok", 3.0, 10.0), ("youtube", 10.0, 30.0))),
    CpmBenchmark("lefty-emv-default", "Lefty", "reporting KPIs explained (EMV default)", None,
                 "http://help.lefty.io/en/articles/2428604-lefty-reporting-kpis-explained", ANY_PLATFORM,
                 "all sizes", 15.0, 15.0,
                 "EMV = impressions × $15 ÷ 1,000; impressions ≈ likes × 10 for posts, average likes × 5 for "
                 "stories. Undated."),
    CpmBenchmark("untapper-2026-cpm-micro", "Untapper", "influencer marketing benchmarks (secondary)", 2026,
                 "https://untapper.com/influencer-marketing-benchmarks", ANY_PLATFORM, "micro", 10.0, 25.0,
                 "Secondary source; tier edges not stated."),
    CpmBenchmark("untapper-2026-cpm-macro", "Untapper", "influencer marketing benchmarks (secondary)", 2026,
                 "https://untapper.com/influencer-marketing-benchmarks", ANY_PLATFORM, "macro", 25.0, 50.0,
                 "Secondary source; tier edges not stated."),
)

# ---------------------------------------------------------------------------------------------------------
# Brand-account engagement rates (the Takeover lift page's context)
# ---------------------------------------------------------------------------------------------------------

BRAND_ER_DEFINITION = "median engagements per post ÷ followers"


@dataclass(frozen=True)
class BrandBenchmark:
    """A published brand-account engagement rate: the context for "is our usual post normal?". Not editable on the
    Benchmarks page: it backs no number, it is set beside the brand's own."""
    platform: str
    er: float            # fraction
    data_year: int
    source: str
    url: str

    @property
    def key(self) -> str:
        return f"rivaliq-{self.data_year}-{self.platform}-brand-median"

    @property
    def year(self) -> int:
        """The year the figure describes, as the page cites it ("2022 data"): the 2023 report is of 2022."""
        return self.data_year

    @property
    def definition(self) -> str:
        return (f"{BRAND_ER_DEFINITION}, brand accounts on {platform_name(self.platform)}, organic and boosted posts "
                f"together, {self.data_year} data")


# Rival IQ's brand medians: median engagements per post ÷ followers, organic and boosted posts together
# (research file §2.2, "Brand-account baselines").
_RIVAL_IQ_2023 = "https://wishu.io/rival-iqs-social-media-report-top-highlights-we-read-it-so-you-dont-have-to/"
RIVAL_IQ = {
    "instagram": BrandBenchmark("instagram", 0.0047, 2022, "Rival IQ Social Media Industry Benchmark Report 2023",
                                _RIVAL_IQ_2023),
    "tiktok": BrandBenchmark("tiktok", 0.026, 2024, "Rival IQ TikTok Benchmark Report",
                             "https://www.rivaliq.com/blog/tiktok-benchmark-report/"),
    "facebook": BrandBenchmark("facebook", 0.00063, 2024, "Rival IQ Social Media Industry Benchmark Report",
                               "https://smk.co/?p=31338"),
    "x": BrandBenchmark("x", 0.00035, 2022, "Rival IQ Social Media Industry Benchmark Report 2023 (Twitter)",
                        _RIVAL_IQ_2023),
}

# ---------------------------------------------------------------------------------------------------------
# Celebrity reference and the default selection
# ---------------------------------------------------------------------------------------------------------

CELEBRITY_REFERENCE = CelebrityReference(
    followers=5_000_000,
    rationale=("5,000,000 followers: a celebrity account of a typical size. It lies inside Markerly's "
               "1M–10M band (the default like rate), is where IAB UK's 'VIP 5m+' creator tier starts and is the "
               "lower edge of Tagger's Macro T2 tier (5M–10M). Editable: with per-post prices the celebrity CPE "
               "scales with 1 / followers."),
    urls=("https://www.iabuk.com/jargon-buster/creator-tiers", _MARKERLY_URL,
          "https://help.taggermedia.com/en/articles/5297440-overview-tab"),
)
DEFAULT_CELEBRITY_FOLLOWERS = CELEBRITY_REFERENCE.followers

# The brief's $20K–$100K celebrity price with two followers-based celebrity ERs that disagree fivefold:
# Markerly 1M–10M like rate 1.66 % (CPE about $0.24–1.20 at 5M followers) and HypeAuditor 2026 mega 0.33 %
# (about $1.2–6.1). Showing both is the point: which source you pick can flip the micro-vs-celebrity verdict.
DEFAULT_CELEBRITY_PRICE_KEYS = ("brief-celebrity-branded-post",)
DEFAULT_CELEBRITY_ER_KEYS = ("markerly-2016-instagram-1m-10m", "hypeauditor-2026-instagram-mega")

# ---------------------------------------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------------------------------------


def pick(records: Iterable, keys: Sequence[str]) -> tuple:
    """The records with these keys, in the order of `keys`; a missing key is an error (it may have been
    deleted in the editor)."""
    by_key = {r.key: r for r in records}
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise ValueError(f"No benchmark with the key {', '.join(missing)} is in the table.")
    return tuple(by_key[k] for k in keys)


# The celebrities in the user's own files, as one more ER source beside the published ones: the median of their
# accounts' median ER by followers. A brief's own celebrities say more about its market than a 2016 Instagram
# average, and the sensitivity chart then shows whether they change the verdict. Fewer accounts than this: no source.
OWN_CELEBRITIES_KEY = "your-celebrities"
OWN_CELEBRITIES_MIN = 5
CELEBRITY_FOLLOWERS = 1_000_000


@dataclass(frozen=True)
class OwnCelebritiesEr(ErBenchmark):
    """ER of the celebrity accounts (1M followers and more) in the loaded data; cited as such, not as a publisher."""
    accounts: int = 0
    listed: int = 0         # of them known from influencer lists alone (no posts): the list's own rate counts

    @property
    def citation(self) -> str:
        mine = f"Your data: median ER by followers of your {self.accounts:,} accounts with 1M followers or more"
        # a list's 60-day engagement rate was cited as (likes+comments+shares+saves)/followers of a file that has
        # no comments at all
        # in sql/facts.sql's order: a list's average engagements, else followers × its rate, else its likes
        lists = ("the influencer list's average engagements ÷ followers, else its own engagement rate, else its "
                 "average likes, comments and shares ÷ followers")
        if not self.listed:
            return f"{mine}, (likes+comments+shares+saves)/followers"
        if self.listed == self.accounts:
            return f"{mine}: {lists}"
        return (f"{mine}: their posts' (likes+comments+shares+saves)/followers, or for the {self.listed:,} known "
                f"from influencer lists alone, {lists}")

    @property
    def short_citation(self) -> str:
        return self.citation


def own_celebrities_er(accounts: pd.DataFrame) -> OwnCelebritiesEr | None:
    """The loaded celebrities as an ER source. accounts: one row per account with followers, platform and
    celebrity_median_er (its posts' median ER by followers; an influencer list's own average for an account without
    posts). None when fewer than OWN_CELEBRITIES_MIN accounts of 1M followers or more have an ER above zero."""
    celebrities = accounts[(accounts["followers"] >= CELEBRITY_FOLLOWERS) & (accounts["celebrity_median_er"] > 0)]
    if len(celebrities) < OWN_CELEBRITIES_MIN:
        return None
    platforms = sorted(set(celebrities["platform"]))
    # accounts without posts: their ER is a list's own, of parts the list does not say
    listed = int((celebrities["posts"].fillna(0) == 0).sum()) if "posts" in celebrities else 0
    return OwnCelebritiesEr(
        OWN_CELEBRITIES_KEY, "Your data", f"{len(celebrities):,} accounts with 1M followers or more", None, "",
        platforms[0] if len(platforms) == 1 else ANY_PLATFORM, ">1M (yours)", CELEBRITY_FOLLOWERS, None,
        float(celebrities["celebrity_median_er"].median()), "median", "followers",
        "unstated" if listed else "likes+comments+shares+saves", accounts=len(celebrities), listed=listed)


def is_followers_based(record: ErBenchmark) -> bool:
    return record.denominator == "followers"


def followers_based(er_records: Iterable[ErBenchmark]) -> tuple[ErBenchmark, ...]:
    """The ER records usable in a followers-based CPE (see module docstring for why the others are not)."""
    return tuple(r for r in er_records if is_followers_based(r))

# ---------------------------------------------------------------------------------------------------------
# Celebrity benchmark CPE
# ---------------------------------------------------------------------------------------------------------


def price_range_at(record: PriceBenchmark, followers: float) -> tuple[float, float]:
    """A price record as USD per post for an account of `followers`.

    An open-ended price ("$10,000+") contributes its floor as both ends: the source names no upper figure,
    so the high end of any range built from it is a lower bound.
    """
    scale = followers / 1_000 if record.unit == PER_1K_FOLLOWERS else 1.0
    high = record.price_low if record.price_high is None else record.price_high
    return record.price_low * scale, high * scale


def _price_span(prices: Sequence[PriceBenchmark], followers: float) -> tuple[float, float]:
    if not prices:
        raise ValueError("Choose at least one celebrity price benchmark.")
    ranges = [price_range_at(p, followers) for p in prices]
    return min(lo for lo, _ in ranges), max(hi for _, hi in ranges)


def _check_followers(followers: float) -> None:
    if not followers > 0:
        raise ValueError("The celebrity benchmark follower count must be a positive number.")


def _check_followers_based(ers: Sequence[ErBenchmark]) -> None:
    if not ers:
        raise ValueError("Choose at least one celebrity engagement-rate benchmark.")
    other = [f"{r.key} (ER by {r.denominator})" for r in ers if not is_followers_based(r)]
    if other:
        raise ValueError(
            f"{', '.join(other)}: a celebrity CPE by follower count needs an engagement rate per follower; "
            "followers × a rate per view, per impression or of unstated basis is not a number of engagements.")


def celebrity_cpe_range(prices: Sequence[PriceBenchmark], followers: float,
                        ers: Sequence[ErBenchmark]) -> tuple[float, float]:
    """(low, high) celebrity CPE in USD per engagement: CPE = price / (followers × ER).

    The low end pairs the lowest price with the highest ER (cheapest engagements), the high end the highest
    price with the lowest ER. Every ER must be per follower.
    """
    _check_followers(followers)
    _check_followers_based(ers)
    price_low, price_high = _price_span(prices, followers)
    er_values = [r.er for r in ers]
    return post_cpe(price_low, followers, max(er_values)), post_cpe(price_high, followers, min(er_values))


def verdict(micro_cpe: float, celebrity_low: float, celebrity_high: float) -> str:
    """Micro CPE against a celebrity CPE range (bounds inclusive: touching the range counts as overlap)."""
    if micro_cpe < celebrity_low:
        return MICRO_CHEAPER
    if micro_cpe > celebrity_high:
        return CELEBRITY_CHEAPER
    return OVERLAPS


def _basis_cpe(record: ErBenchmark, micro_cpe: float, same_basis: Mapping[str, float] | None) -> float:
    """The micro CPE counted as `record` counts an engagement (likes only; likes + comments) where `same_basis`
    gives it by numerator, else `micro_cpe` (every part): a per-like celebrity ER set against a micro CPE of every
    part would flatter the micro side."""
    cpe = (same_basis or {}).get(record.numerator, math.nan)
    return cpe if cpe > 0 and math.isfinite(cpe) else micro_cpe


def _check_micro_cpe(micro_cpe: float | None) -> None:
    if micro_cpe is not None and not (micro_cpe > 0 and math.isfinite(micro_cpe)):
        raise ValueError("The micro-influencer CPE must be a positive number.")


def _verdict_of(micro_cpe: float | None, celebrity_low: float, celebrity_high: float) -> str:
    return NO_MICRO_CPE if micro_cpe is None else verdict(micro_cpe, celebrity_low, celebrity_high)


def er_sensitivity(price_records: Sequence[PriceBenchmark], followers: float,
                   er_records: Sequence[ErBenchmark], micro_cpe: float | None,
                   same_basis: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per ER record: the celebrity CPE range that ER implies, and the verdict against the micro CPE
    counted as that ER counts an engagement (`micro_cpe` of every part, or `same_basis`'s for its numerator).
    micro_cpe None: the celebrity side alone, each usable row's verdict NO_MICRO_CPE.

    ER records not measured per follower get a row with no CPE and the verdict NOT_COMPARABLE, so the
    table shows they were considered and why they were left out.
    """
    _check_followers(followers)
    _check_micro_cpe(micro_cpe)
    price_low, price_high = _price_span(price_records, followers)
    rows = []
    for r in er_records:
        usable = is_followers_based(r)
        cpe_low = post_cpe(price_low, followers, r.er) if usable else math.nan
        cpe_high = post_cpe(price_high, followers, r.er) if usable else math.nan
        micro = None if micro_cpe is None else _basis_cpe(r, micro_cpe, same_basis)
        rows.append({
            "key": r.key, "source": r.source, "year": r.year, "platform": r.platform, "tier": r.tier,
            "statistic": r.statistic, "denominator": r.denominator, "numerator": r.numerator,
            "celebrity_er": r.er, "celebrity_cpe_low": cpe_low, "celebrity_cpe_high": cpe_high,
            "micro_cpe": math.nan if micro is None else micro,
            "verdict": _verdict_of(micro, cpe_low, cpe_high) if usable else NOT_COMPARABLE,
            "citation": r.citation,
        })
    frame = pd.DataFrame(rows, columns=[
        "key", "source", "year", "platform", "tier", "statistic", "denominator", "numerator", "celebrity_er",
        "celebrity_cpe_low", "celebrity_cpe_high", "micro_cpe", "verdict", "citation"])
    return frame.astype({"year": "Int64", "celebrity_er": "float64", "celebrity_cpe_low": "float64",
                         "celebrity_cpe_high": "float64", "micro_cpe": "float64"})


def price_sensitivity(price_records: Sequence[PriceBenchmark], followers: float,
                      er_records: Sequence[ErBenchmark], micro_cpe: float | None,
                      same_basis: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per price record: the celebrity CPE range that price implies with the chosen ERs, and the verdict.
    The price-side twin of er_sensitivity: the brief's two celebrity prices alone differ threefold at the low end,
    which can move the verdict as much as the ER source does. Each chosen ER judges the price against the micro CPE
    counted its way; where they disagree the verdict is an overlap. `micro_cpe` in the row is that micro CPE when
    every chosen ER counts alike, else NaN; micro_cpe None: the celebrity side alone (NO_MICRO_CPE)."""
    _check_micro_cpe(micro_cpe)
    micros = {math.nan if micro_cpe is None else _basis_cpe(e, micro_cpe, same_basis) for e in er_records}
    rows = []
    for r in price_records:
        low, high = celebrity_cpe_range([r], followers, er_records)
        each = {_verdict_of(None if micro_cpe is None else _basis_cpe(e, micro_cpe, same_basis),
                            *celebrity_cpe_range([r], followers, [e]))
                for e in er_records}
        price_low, price_high = price_range_at(r, followers)
        rows.append({
            "key": r.key, "source": r.source, "year": r.year, "platform": r.platform, "tier": r.tier,
            "definition": r.definition, "price_low": price_low, "price_high": price_high,
            "celebrity_cpe_low": low, "celebrity_cpe_high": high,
            "micro_cpe": next(iter(micros)) if len(micros) == 1 else math.nan,
            "verdict": next(iter(each)) if len(each) == 1 else OVERLAPS,
            "citation": r.citation,
        })
    frame = pd.DataFrame(rows, columns=["key", "source", "year", "platform", "tier", "definition", "price_low",
                                        "price_high", "celebrity_cpe_low", "celebrity_cpe_high", "micro_cpe",
                                        "verdict", "citation"])
    return frame.astype({"year": "Int64", "price_low": "float64", "price_high": "float64",
                         "celebrity_cpe_low": "float64", "celebrity_cpe_high": "float64", "micro_cpe": "float64"})

# ---------------------------------------------------------------------------------------------------------
# Editable tables (st.data_editor round trip)
# ---------------------------------------------------------------------------------------------------------

RECORD_TYPES = (ErBenchmark, PriceBenchmark, PriceShareClaim, CpmBenchmark)
# The column that only one record type has, used to tell an edited table's type from its headers.
_SIGNATURE = {"er": ErBenchmark, "price_low": PriceBenchmark, "threshold": PriceShareClaim,
              "cpm_low": CpmBenchmark}
_PANDAS_DTYPE = {"int": "Int64", "float": "float64", "bool": "bool", "str": "str"}


def _field_spec(record_type: type) -> list[tuple[str, str, bool]]:
    """(name, base type, optional) per field, read from the annotations ("int | None" -> int, optional)."""
    spec = []
    for f in fields(record_type):
        parts = [p.strip() for p in str(f.type).split("|")]
        spec.append((f.name, parts[0], "None" in parts))
    return spec


def to_frame(records: Sequence, record_type: type | None = None) -> pd.DataFrame:
    """Records as a DataFrame with one column per field (nullable Int64 for optional counts and years)."""
    record_type = record_type or (type(records[0]) if records else None)
    if record_type not in RECORD_TYPES:
        raise ValueError("An empty benchmark table needs its record type.")
    spec = _field_spec(record_type)
    frame = pd.DataFrame([[getattr(r, name) for name, _, _ in spec] for r in records],
                         columns=[name for name, _, _ in spec])
    return frame.astype({name: _PANDAS_DTYPE[base] for name, base, _ in spec})


def _row_label(position: int, row: pd.Series) -> str:
    """'Row 4 (Markerly 2016, Instagram, 1M–10M)': who said it and of whom, as the table shows the row (its key,
    'markerly-2016-instagram-1m-10m', read as code); the key where the row has no source."""
    def text(name: str) -> str:
        value = row.get(name)
        return str(value).strip() if isinstance(value, str) else ""
    year = row.get("year")
    said = " ".join(x for x in (text("source"), "" if year is None or pd.isna(year) else f"{int(year)}") if x)
    platform = text("platform")
    whom = [platform_name(platform)] if platform and platform != ANY_PLATFORM else []
    named = ", ".join([said, *whom, *([text("tier")] if text("tier") else [])]) if said else text("key")
    return f"Row {position + 1}" + (f" ({named})" if named else "")


def _cell(value, base: str, optional: bool, name: str, where: str):
    """One edited cell converted to the field's Python type, or a ValueError naming the row and column."""
    missing = value is None or (not isinstance(value, str) and pd.isna(value)) or (
        isinstance(value, str) and not value.strip())
    if missing:
        if optional or name == "note":
            return "" if name == "note" else None
        raise ValueError(f"{where}: {name} is empty.")
    if base == "str":
        return str(value).strip()
    if base == "bool":
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise ValueError(f"{where}: {name} must be true or false, not {value!r}.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {name} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise ValueError(f"{where}: {name} must be a finite number.")
    if base == "int":
        if number != int(number):
            raise ValueError(f"{where}: {name} must be a whole number, not {value!r}.")
        return int(number)
    return number


def _validate(record, where: str) -> None:
    """Range and vocabulary checks that hold for every record type (plain sentences for the UI)."""
    if record.platform not in BENCHMARK_PLATFORMS:
        raise ValueError(f"{where}: platform must be one of {', '.join(BENCHMARK_PLATFORMS)}.")
    if record.year is not None and not 1990 <= record.year <= 2100:
        raise ValueError(f"{where}: year {record.year} is not a plausible publication year.")
    if getattr(record, "verified", False) and not re.match(r"https?://", record.url):
        raise ValueError(f"{where}: a verified figure needs the web address it was read from.")
    if hasattr(record, "followers_low"):
        if record.followers_low < 0:
            raise ValueError(f"{where}: followers_low cannot be negative.")
        if record.followers_high is not None and record.followers_high < record.followers_low:
            raise ValueError(f"{where}: followers_high is below followers_low.")
    if isinstance(record, ErBenchmark):
        if not 0 < record.er < 1:
            raise ValueError(f"{where}: the engagement rate must be above 0% and below 100%.")
        for name, allowed in (("statistic", STATISTICS), ("denominator", DENOMINATORS),
                              ("numerator", NUMERATORS)):
            if getattr(record, name) not in allowed:
                raise ValueError(f"{where}: {name} must be one of {', '.join(allowed)}.")
    elif isinstance(record, PriceBenchmark):
        if record.price_low <= 0:
            raise ValueError(f"{where}: price_low must be positive.")
        if record.price_high is not None and record.price_high < record.price_low:
            raise ValueError(f"{where}: price_high is below price_low.")
        if record.unit not in PRICE_UNITS:
            raise ValueError(f"{where}: unit must be one of {', '.join(PRICE_UNITS)}.")
    elif isinstance(record, PriceShareClaim):
        if record.threshold <= 0:
            raise ValueError(f"{where}: threshold must be positive.")
        if not 0 < record.share <= 1:
            raise ValueError(f"{where}: the share must be above 0% and at most 100%.")
    elif isinstance(record, CpmBenchmark):
        if record.cpm_low <= 0:
            raise ValueError(f"{where}: cpm_low must be positive.")
        if record.cpm_high < record.cpm_low:
            raise ValueError(f"{where}: cpm_high is below cpm_low.")


def from_frame(df: pd.DataFrame, record_type: type | None = None) -> tuple:
    """An edited table back to records, validated; the type is read from the headers unless given.

    Raises ValueError with one plain sentence naming the first offending row (1-based, with its key).
    Extra columns (e.g. a citation shown next to the table) are ignored.
    """
    if record_type is None:
        found = [t for col, t in _SIGNATURE.items() if col in df.columns]
        if len(found) != 1:
            raise ValueError("The table's columns do not match one kind of benchmark "
                             "(engagement rate, price, price share or CPM).")
        record_type = found[0]
    spec = _field_spec(record_type)
    missing = [name for name, _, _ in spec if name not in df.columns]
    if missing:
        raise ValueError(f"The table is missing the column(s) {', '.join(missing)}.")
    records, seen = [], {}
    for position, (_, row) in enumerate(df.iterrows()):
        where = _row_label(position, row)
        record = record_type(**{name: _cell(row[name], base, optional, name, where)
                                for name, base, optional in spec})
        _validate(record, where)
        if record.key in seen:
            raise ValueError(f"{where}: the key is already used by row {seen[record.key] + 1}.")
        seen[record.key] = position
        records.append(record)
    return tuple(records)


def _platforms_in(platforms: Iterable[str]) -> set[str]:
    """The platforms named in `platforms` (a table's column, one per account): a column's distinct values first,
    as looping over 50,000 accounts' names one by one took a page 0.03 s."""
    values = platforms.dropna().unique() if isinstance(platforms, pd.Series) else platforms
    return {p for p in values if isinstance(p, str)}


def instagram_only_note(platforms: Iterable[str], holder: str, reading: str = "the verdict") -> str | None:
    """The caveat for comparing other platforms with the celebrity engagement benchmarks (all Instagram figures);
    None when `platforms` are Instagram alone. `holder`: what holds the posts ("the data", "the portfolio");
    `reading`: what to read as indicative where every account is on another platform."""
    present = _platforms_in(platforms)
    others = sorted({platform_name(p) for p in present if p != "instagram"})
    if not others:
        return None
    if "instagram" not in present:
        # filtering the platform cannot help: there is no Instagram post to compare like with like
        return (f"The celebrity engagement benchmarks are Instagram figures; {holder} has only {in_words(others)} "
                f"accounts, so this compares across platforms: read {reading} as indicative.")
    # accounts, not posts: an influencer list brings accounts without a single post
    return (f"The celebrity engagement benchmarks are Instagram figures; {holder} also has {in_words(others)} "
            "accounts, which this compares across platforms.")


# where the data mixes Instagram with other platforms, what a page can do about instagram_only_note (an export
# says the note alone: a client's deck has no sidebar)
PLATFORM_FILTER_HINT = "Filter the platform in the sidebar to set Instagram alone against the benchmarks."


def mixes_instagram(platforms: Iterable[str]) -> bool:
    """Instagram beside other platforms: filtering the platform gives a like-for-like comparison."""
    present = _platforms_in(platforms)
    return "instagram" in present and len(present) > 1
