#!/usr/bin/env python3
"""Write Microlens's sample data: invented influencers, posts, campaigns, coupon orders, comments, brand posts.

The app opens on these files so a first-time user sees every page working before uploading anything.
Nothing here describes real people or real accounts. Figures are drawn around the benchmarks in the
product research (price per post by band, engagement rate by band and platform, brand-account baselines)
so the charts tell a plausible story, and a few planted oddities give the vetting flags something to find.

Run from the repository root:  python sample_data/generate.py [--out DIR] [--seed 7]
The same seed writes the same bytes: one numpy PCG64 Generator, a fixed order of draws, explicit formats.
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import NormalDist

import numpy as np

# Run as a file, the repository root is not on sys.path; headers and bands must come from the package
# itself (the canonical contract), never from a copy kept here.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from microlens import bands, schema  # noqa: E402

DEFAULT_SEED = 7
DEFAULT_OUT = Path(__file__).resolve().parent

BRAND = "lumenskin"
PERIOD_START = datetime(2026, 5, 1)
PERIOD_END = datetime(2026, 10, 31, 23, 59, 59)
SNAPSHOT_DATE = PERIOD_END.date()
PERIOD_DAYS = (SNAPSHOT_DATE - PERIOD_START.date()).days + 1

# ---------------------------------------------------------------------------------------------------------
# Influencer mix. Follower ranges sit inside the default bands with room for six months of growth, so an
# account never changes band between its first post and the snapshot (band counts stay unambiguous).
# ---------------------------------------------------------------------------------------------------------
UNDER_1K, NANO, MICRO, MID, CELEBRITY = (b.name for b in bands.scheme(bands.DEFAULT_SCHEME))
BAND_PLAN = {  # band: (lowest snapshot followers, highest snapshot followers)
    UNDER_1K: (350, 950),
    NANO: (1_400, 9_400),
    MICRO: (13_000, 92_000),
    MID: (125_000, 900_000),
    CELEBRITY: (1_250_000, 8_000_000),
}
MONTHLY_GROWTH = (-0.005, 0.03)  # keeps the six-month start inside the band (13,000 x e^-0.18 > 10,000)

# Rows per platform within each band. Every band-and-platform group that exists has at least five
# accounts, so a peer comparison within the group (the authenticity flags) has peers to compare with.
PLATFORM_PLAN = {
    UNDER_1K: {"instagram": 5},
    NANO: {"instagram": 15, "tiktok": 7, "youtube": 5},
    MICRO: {"instagram": 68, "tiktok": 36, "youtube": 22},
    MID: {"instagram": 15, "tiktok": 11, "youtube": 5},
    CELEBRITY: {"instagram": 6, "tiktok": 5},
}

# Engagement rate by followers, engagements = likes + comments + shares + saves. Instagram follows
# HypeAuditor 2018 / Mavrck (micro ~2.3-3.1 %, >1M ~1.5 %); TikTok by followers runs higher (IMH 2021:
# micro far above mega); YouTube by subscribers is lower because only a fraction of subscribers watch.
BASE_ER = {
    "instagram": {UNDER_1K: 0.080, NANO: 0.045, MICRO: 0.028, MID: 0.018, CELEBRITY: 0.013},
    "tiktok": {UNDER_1K: 0.120, NANO: 0.100, MICRO: 0.075, MID: 0.055, CELEBRITY: 0.045},
    "youtube": {UNDER_1K: 0.050, NANO: 0.035, MICRO: 0.022, MID: 0.012, CELEBRITY: 0.007},
}
# Mavrck's branded-content penalty: sponsored posts engage less than the same account's organic posts.
SPONSORED_FACTOR = {UNDER_1K: 0.88, NANO: 0.87, MICRO: 0.82, MID: 0.72, CELEBRITY: 0.66}
SHARE_PER_LIKE = {"instagram": 0.03, "tiktok": 0.08, "youtube": 0.03}
SAVE_PER_LIKE = {"instagram": 0.05, "tiktok": 0.04, "youtube": None}  # YouTube exports have no saves
# Engagements per view (for views) and per reach (Instagram reach), medians.
ENGAGEMENT_PER_VIEW = {"instagram": 0.06, "tiktok": 0.09, "youtube": 0.045}
INSTAGRAM_ENGAGEMENT_PER_REACH = 0.12
REEL_SHARE = 0.4  # share of Instagram posts that are reels (and so have views)

# Price per post. Micro follows the brief's claim (84 % under $250, 97 % under $500) as a lognormal fitted
# to those two quantiles; the others follow the tier grid in the research file.
MICRO_SHARE_UNDER_250, MICRO_SHARE_UNDER_500 = 0.84, 0.97

# ---------------------------------------------------------------------------------------------------------
# Campaigns (the brand sells skincare; one launch of a $349 device is measured in waitlist sign-ups).
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Campaign:
    name: str
    start: date
    end: date
    objective: str
    product: str
    band_mix: dict[str, int]
    max_posts: int


CAMPAIGNS = (
    # Trial round: one low-commitment post each; those who do well are favoured later (the roster).
    Campaign("Spring Glow 2026", date(2026, 5, 4), date(2026, 5, 31), "sales", "Glow Serum",
             {NANO: 6, MICRO: 24}, 1),
    Campaign("Summer Takeover", date(2026, 7, 6), date(2026, 7, 26), "sales", "Dew Drops SPF 30",
             {MICRO: 12, MID: 3, CELEBRITY: 2}, 3),
    Campaign("Back to School", date(2026, 8, 17), date(2026, 9, 13), "sales", "Clear Skin Kit",
             {NANO: 5, MICRO: 24, MID: 5, CELEBRITY: 1}, 3),
    Campaign("LED Mask Launch", date(2026, 9, 14), date(2026, 10, 11), "signups", "LED Mask",
             {MICRO: 6, MID: 4, CELEBRITY: 2}, 2),
    Campaign("Holiday Gift Guide", date(2026, 10, 12), date(2026, 10, 31), "sales", "Glow Gift Set",
             {NANO: 6, MICRO: 28, MID: 4, CELEBRITY: 2}, 4),
)
TAKEOVER_CAMPAIGN = "Summer Takeover"
LED_PRICE = 349.0
BASKET = 52.0  # average skincare order before the coupon discount
# Return on ad spend (revenue / (fee + product cost)) and cost per lead, medians by band.
ROAS_MEDIAN = {NANO: 2.6, MICRO: 2.3, MID: 1.2, CELEBRITY: 0.45}
COST_PER_LEAD_MEDIAN = {MICRO: 6.0, MID: 11.0, CELEBRITY: 30.0}
SIGNUP_TO_ORDER = 0.04
CONVERSION_TAIL_DAYS = 21  # codes keep being used for three weeks after a campaign ends
# Codes that no influencer was given: the site's welcome offer, staff discount, a free-shipping promo.
UNATTRIBUTED_CODES = (("WELCOME10", 3.5, 41.0), ("STAFF50", 0.2, 30.0), ("FREESHIP", 1.0, 48.0))

# Planted oddities (all Instagram micro accounts) for the authenticity flags.
BOUGHT_ENGAGEMENT = "bought_engagement"   # 25 % ER with almost no comments: bought likes
COMMENT_POD = "comment_pod"               # comments ~30 % of likes, mostly generic: an engagement pod
FOLLOWER_JUMP = "follower_jump"           # +60 % followers overnight that never engage: bought followers
HIGH_INTENT = "high_intent"               # real fans who ask where to buy; their codes sell better
JUMP_AT = datetime(2026, 8, 10)
JUMP_FACTOR = 1.6

# ---------------------------------------------------------------------------------------------------------
# Words. Short on purpose: comments.csv is the largest file.
# ---------------------------------------------------------------------------------------------------------
FIRST_NAMES = {
    "en": ("Maya", "Leah", "Chloe", "Ava", "Zoe", "Harper", "Nora", "Ellie", "Jade", "Tessa", "Kayla",
           "Brooke", "Paige", "Sienna", "Ivy", "Hannah", "Megan", "Jess", "Amber", "Lily", "Grace", "Ruby",
           "Ella", "Naomi", "Priya", "Aisha", "Mia", "Jenna", "Kendra", "Tara", "Nina", "Olivia", "Sam",
           "Jordan", "Ryan", "Noah", "Leo", "Max", "Ethan", "Owen", "Jules", "Quinn", "Remy", "Skye"),
    "es": ("Sofia", "Camila", "Valentina", "Lucia", "Daniela", "Mariana", "Paula", "Carla", "Elena",
           "Ximena", "Renata", "Andrea", "Diego", "Mateo", "Pablo", "Alba", "Noelia", "Marta", "Julieta",
           "Abril"),
    "pt": ("Bruna", "Larissa", "Beatriz", "Ana", "Carol", "Gabi", "Rafa", "Leticia", "Julia", "Isabela",
           "Manu", "Tati", "Duda", "Lucas", "Thiago", "Ines", "Joana", "Rita", "Catarina", "Bia"),
}
COUNTRIES = ("US", "UK", "CA", "AU", "MX", "ES", "AR", "CO", "BR", "PT")
COUNTRY_WEIGHTS = (0.45, 0.10, 0.06, 0.04, 0.08, 0.05, 0.03, 0.03, 0.12, 0.04)
LANGUAGE_OF = {"US": "en", "UK": "en", "CA": "en", "AU": "en", "MX": "es", "ES": "es", "AR": "es",
               "CO": "es", "BR": "pt", "PT": "pt"}
# Comment language mix by the influencer's own language (audiences are mixed).
COMMENT_LANGUAGES = ("en", "es", "pt")
COMMENT_LANGUAGE_WEIGHTS = {"en": (0.92, 0.05, 0.03), "es": (0.20, 0.75, 0.05), "pt": (0.15, 0.05, 0.80)}

CATEGORIES = {  # category: (weight, audience female share range, handle patterns)
    "beauty": (0.22, (0.78, 0.93), ("glowwith{n}", "beautyby{n}", "{n}.makeup", "{n}glams")),
    "skincare": (0.20, (0.75, 0.92), ("{n}.skin", "skinby{n}", "{n}skincare", "dewy{n}")),
    "lifestyle": (0.14, (0.55, 0.80), ("{n}.everyday", "lifewith{n}", "{n}daily", "just.{n}")),
    "fashion": (0.12, (0.70, 0.88), ("{n}.styled", "{n}wears", "styleby{n}", "{n}.outfits")),
    "wellness": (0.10, (0.65, 0.85), ("{n}.wellness", "mindful{n}", "{n}slowliving")),
    "fitness": (0.08, (0.45, 0.70), ("fitwith{n}", "{n}.moves", "{n}lifts", "strong{n}")),
    "parenting": (0.05, (0.75, 0.92), ("mama.{n}", "{n}andthekids", "momlife.{n}")),
    "food": (0.04, (0.50, 0.70), ("{n}cooks", "eatwith{n}", "{n}.kitchen")),
    "travel": (0.03, (0.50, 0.70), ("{n}wanders", "{n}.abroad", "passport{n}")),
    "gaming": (0.02, (0.15, 0.35), ("{n}plays", "{n}.gg", "{n}onstream")),
}
AGE_18_34_RANGE = {"instagram": (0.50, 0.72), "tiktok": (0.60, 0.82), "youtube": (0.40, 0.62)}

ORGANIC_CAPTIONS = {
    "en": ("Sunday reset ☕", "Morning routine, no filter", "Current favourites", "Get ready with me",
           "Weekend vibes", "Q&A in the comments!", "Little life update", "Day in my life",
           "New video is up", "Trying this trend", "Honest review time", "Golden hour"),
    "es": ("Rutina de mañana", "Mis favoritos del mes", "Un día conmigo", "Fin de semana ☀️",
           "Preparate conmigo", "Nuevo video"),
    "pt": ("Rotina da manhã", "Meus favoritos do mês", "Um dia comigo", "Fim de semana ☀️",
           "Arrume-se comigo", "Vídeo novo"),
}
SPONSORED_CAPTIONS = {
    "sales": {
        "en": ("My {product} routine ✨ code {code} #ad", "Obsessed with @lumenskin {product}! Use {code} #ad",
               "{product} by @lumenskin, {discount}% off with {code} #sponsored"),
        "es": ("Mi rutina con {product} de @lumenskin ✨ código {code} #publi",
               "{product} de @lumenskin, {discount}% con {code} #publi"),
        "pt": ("Minha rotina com {product} @lumenskin ✨ cupom {code} #publi",
               "{product} da @lumenskin, {discount}% off com {code} #publi"),
    },
    "signups": {
        "en": ("The @lumenskin {product} is coming: join the waitlist with {code} #ad",),
        "es": ("Llega la {product} de @lumenskin: lista de espera con {code} #publi",),
        "pt": ("Vem aí a {product} da @lumenskin: lista de espera com {code} #publi",),
    },
}
BRAND_CAPTIONS = ("New: Glow Serum 30 ml ✨", "How to layer SPF", "Sunday skin reset", "Behind the scenes",
                  "Your questions, answered", "Barrier Cream restock", "Ingredient spotlight: niacinamide",
                  "Team favourites", "Shelfie of the week", "Dew Drops in the wild")
TAKEOVER_CAPTION = "Takeover day! @{handle} runs our account today"

INTENT_COMMENTS = {
    "en": ("where can I buy this?", "link?", "how much?", "how much is it?", "just ordered!", "need this",
           "need this asap", "does it ship to canada?", "is the code still working?", "where did you get it?",
           "what's the price?", "adding to cart 🛒"),
    "es": ("¿cuánto cuesta?", "¿dónde lo compro?", "link porfa", "lo necesito", "¿precio?", "ya lo pedí!",
           "¿envían a México?"),
    "pt": ("quanto custa?", "onde compro?", "tem link?", "preciso disso", "já comprei!", "qual o preço?"),
}
PRAISE_COMMENTS = {
    "en": ("love this 😍", "so pretty", "obsessed", "your skin is glowing ✨", "gorgeous", "yesss",
           "this is so cute", "omg 😍😍", "great tips", "queen 👑", "you look amazing", "the lighting!",
           "haha love it", "living for this"),
    "es": ("qué linda 😍", "me encanta", "hermosa", "increíble", "qué bonito", "divina"),
    "pt": ("amei 😍", "que linda", "maravilhosa", "perfeita", "que lindo", "arrasou"),
}
EMOJI_COMMENTS = ("😍", "🔥🔥", "❤️", "✨✨", "👏👏👏", "😍😍😍", "🙌", "💕")
TAG_COMMENTS = {"en": ("@{f} look", "@{f} 👀", "@{f} we should try"), "es": ("@{f} mira", "@{f} 👀"),
                "pt": ("@{f} olha", "@{f} 👀")}
GENERIC_COMMENTS = ("nice pic", "great post!", "awesome 🔥", "cool", "wow", "nice", "love it", "👏👏",
                    "amazing content", "super")
URL_ONLY_COMMENT_SHARE = 0.15  # rows that identify their post by url only (exercises the url join)

ALPHANUMERIC = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"))
INITIALS = np.array(list("ABCDEFGHJKLMNPRSTVW"))


# ---------------------------------------------------------------------------------------------------------
# Model objects
# ---------------------------------------------------------------------------------------------------------
@dataclass(eq=False)  # identity: two rows can share a handle (one per platform)
class Influencer:
    handle: str
    name: str
    first: str
    language: str
    platform: str
    band: str
    followers: int          # at the snapshot (end of the period)
    monthly_growth: float
    er: float               # this account's typical organic ER by followers
    comment_per_like: float
    price: float
    country: str
    category: str
    audience_country: str
    audience_country_share: float
    audience_female_share: float
    audience_age_18_34_share: float
    quirk: str = ""


@dataclass(eq=False)
class Contract:
    campaign: Campaign
    influencer: Influencer
    fee: float
    product_cost: float
    posts_contracted: int
    posts_delivered: int
    coupon_code: str
    discount: int
    cost_on_posts: bool     # False: the post export has no cost, it comes from this contract
    post_times: list[datetime] = field(default_factory=list)


@dataclass
class Post:
    influencer: Influencer
    posted_at: datetime
    contract: Contract | None
    metrics: dict
    caption: str
    url: str
    post_id: str = ""


# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------
def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _weighted(rng: np.random.Generator, options, weights):
    p = np.asarray(weights, dtype=float)
    return options[int(rng.choice(len(options), p=p / p.sum()))]


def _log_uniform(rng: np.random.Generator, low: float, high: float) -> float:
    return float(math.exp(rng.uniform(math.log(low), math.log(high))))


def _code(rng: np.random.Generator, length: int) -> str:
    return "".join(rng.choice(ALPHANUMERIC, size=length))


def _moment(rng: np.random.Generator, day: date) -> datetime:
    """A posting time on a day, weighted to waking hours."""
    hour = int(rng.choice(np.arange(7, 24)))
    return datetime.combine(day, time(hour, int(rng.integers(60)), int(rng.integers(60))))


def _profile_url(handle: str, platform: str) -> str:
    return {"instagram": f"https://www.instagram.com/{handle}/",
            "tiktok": f"https://www.tiktok.com/@{handle}",
            "youtube": f"https://www.youtube.com/@{handle}"}[platform]


def _post_url(rng: np.random.Generator, handle: str, platform: str, is_reel: bool) -> str:
    if platform == "instagram":
        return f"https://www.instagram.com/{'reel' if is_reel else 'p'}/{_code(rng, 11)}/"
    if platform == "tiktok":
        video_id = int(rng.integers(7_300_000_000_000_000_000, 7_450_000_000_000_000_000))  # 19 digits
        return f"https://www.tiktok.com/@{handle}/video/{video_id}"
    return f"https://www.youtube.com/watch?v={_code(rng, 11)}"


def followers_at(inf: Influencer, moment: datetime) -> int:
    """Follower count at a moment: smooth growth back from the snapshot, plus the bought-follower jump."""
    days_before_end = (PERIOD_END - moment).total_seconds() / 86_400
    count = inf.followers * math.exp(-inf.monthly_growth * days_before_end / 30.4)
    if inf.quirk == FOLLOWER_JUMP and moment < JUMP_AT:
        count /= JUMP_FACTOR
    return int(round(count))


def _engaged_audience(inf: Influencer, moment: datetime) -> float:
    """Followers who can engage: bought followers never do, so the jump adds none."""
    count = followers_at(inf, moment)
    if inf.quirk == FOLLOWER_JUMP and moment >= JUMP_AT:
        return count / JUMP_FACTOR
    return float(count)


# ---------------------------------------------------------------------------------------------------------
# Influencers
# ---------------------------------------------------------------------------------------------------------
def _micro_prices(rng: np.random.Generator, n: int) -> np.ndarray:
    """n micro prices whose shares under $250 / $500 match the brief, by stratified lognormal quantiles.

    Stratifying (one draw per 1/n slice of probability) keeps the shares at the target for any seed
    instead of wandering by the +-3 points a plain sample of ~125 would.
    """
    normal = NormalDist()
    z250, z500 = normal.inv_cdf(MICRO_SHARE_UNDER_250), normal.inv_cdf(MICRO_SHARE_UNDER_500)
    sigma = math.log(500 / 250) / (z500 - z250)
    mu = math.log(250) - z250 * sigma
    quantiles = (np.arange(n) + rng.uniform(size=n)) / n
    prices = np.exp(mu + sigma * np.array([normal.inv_cdf(float(q)) for q in quantiles]))
    # Floor to $5 steps: keeps "< $250" exactly as drawn (flooring never crosses a multiple of 5).
    return np.maximum(25.0, np.floor(prices / 5) * 5)


def _price(rng: np.random.Generator, band: str, followers: int) -> float:
    if band == UNDER_1K:
        return float(np.clip(round(rng.lognormal(math.log(30), 0.4)), 10, 60))
    if band == NANO:
        return float(np.clip(math.floor(rng.lognormal(math.log(60), 0.5) / 5) * 5, 20, 150))
    if band == MID:
        return float(np.clip(round(rng.lognormal(math.log(1_500), 0.6) / 50) * 50, 500, 5_000))
    # Celebrities: $20K-$100K (brief), higher for bigger accounts.
    position = math.log(followers / 1_250_000) / math.log(8_000_000 / 1_250_000)
    raw = 20_000 * (100_000 / 20_000) ** float(np.clip(position + rng.normal(0, 0.2), 0, 1))
    return float(round(raw / 500) * 500)


def _handle(rng: np.random.Generator, first: str, category: str, taken: set[str]) -> str:
    handle = _pick(rng, CATEGORIES[category][2]).format(n=first.lower())
    while handle in taken:
        handle = f"{handle.rstrip('0123456789')}{int(rng.integers(2, 99))}"
    taken.add(handle)
    return handle


def make_influencers(rng: np.random.Generator) -> list[Influencer]:
    taken: set[str] = set()
    category_names = tuple(CATEGORIES)
    category_weights = tuple(v[0] for v in CATEGORIES.values())
    people: list[Influencer] = []
    for band, (low, high) in BAND_PLAN.items():
        count = sum(PLATFORM_PLAN[band].values())
        micro_prices = _micro_prices(rng, count) if band == MICRO else None
        platforms = rng.permutation([p for p, k in PLATFORM_PLAN[band].items() for _ in range(k)])
        members: list[Influencer] = []
        for platform in (str(p) for p in platforms):
            country = _weighted(rng, COUNTRIES, COUNTRY_WEIGHTS)
            language = LANGUAGE_OF[country]
            first = _pick(rng, FIRST_NAMES[language])
            category = _weighted(rng, category_names, category_weights)
            followers = int(round(_log_uniform(rng, low, high)))
            # Smaller accounts within a band engage more (Mavrck: 3.07 % at 10K-50K, 2.33 % at 50K-100K).
            size_effect = (followers / math.sqrt(low * high)) ** -0.12
            # Spread between accounts, clipped so that only the planted oddities stand far out of their band.
            er = BASE_ER[platform][band] * size_effect * float(np.clip(rng.lognormal(0, 0.25), 0.65, 1.5))
            own_audience = rng.random() < 0.8
            audience_country = country if own_audience else "US" if country != "US" else "CA"
            share_range = (0.35, 0.80) if own_audience else (0.25, 0.50)
            members.append(Influencer(
                handle=_handle(rng, first, category, taken),
                name=f"{first} {_pick(rng, INITIALS)}.",
                first=first, language=language, platform=platform, band=band, followers=followers,
                monthly_growth=float(rng.uniform(*MONTHLY_GROWTH)), er=er,
                comment_per_like=float(rng.uniform(0.02, 0.05)),
                price=_price(rng, band, followers) if micro_prices is None else 0.0,
                country=country, category=category, audience_country=audience_country,
                audience_country_share=float(rng.uniform(*share_range)),
                audience_female_share=float(rng.uniform(*CATEGORIES[category][1])),
                audience_age_18_34_share=float(rng.uniform(*AGE_18_34_RANGE[platform])),
            ))
        if micro_prices is not None:
            # Bigger accounts tend to charge more: hand out the price set by a noisy follower rank.
            score = np.array([math.log(m.followers) for m in members]) + rng.normal(0, 0.8, size=count)
            for idx, price in zip(np.argsort(score), np.sort(micro_prices)):
                members[int(idx)].price = float(price)
        people.extend(members)
    _plant_quirks(rng, people)
    _share_handles_across_platforms(rng, people)
    return sorted(people, key=lambda p: (p.handle, p.platform))


def _plant_quirks(rng: np.random.Generator, people: list[Influencer]) -> None:
    instagram_micro = [p for p in people if p.band == MICRO and p.platform == "instagram"
                       and 25_000 <= p.followers <= 55_000]
    chosen = rng.choice(len(instagram_micro), size=3, replace=False)
    bought, pod, jump = (instagram_micro[int(i)] for i in chosen)
    bought.quirk, bought.er, bought.comment_per_like = BOUGHT_ENGAGEMENT, 0.25, 0.004
    pod.quirk, pod.er, pod.comment_per_like = COMMENT_POD, 0.045, 0.30
    jump.quirk, jump.monthly_growth = FOLLOWER_JUMP, 0.01
    candidates = [p for p in people if p.band in (NANO, MICRO) and not p.quirk]
    for i in rng.choice(len(candidates), size=4, replace=False):
        candidates[int(i)].quirk = HIGH_INTENT


def _share_handles_across_platforms(rng: np.random.Generator, people: list[Influencer]) -> None:
    """A few creators run a TikTok under their Instagram handle: rows are (handle, platform), not handle."""
    instagram = [p for p in people if p.band == MICRO and p.platform == "instagram" and not p.quirk]
    tiktok = [p for p in people if p.band == MICRO and p.platform == "tiktok" and not p.quirk]
    sources = rng.choice(len(instagram), size=4, replace=False)
    targets = rng.choice(len(tiktok), size=4, replace=False)
    for s, t in zip(sources, targets):
        source, target = instagram[int(s)], tiktok[int(t)]
        target.handle, target.name, target.first, target.language = (
            source.handle, source.name, source.first, source.language)
        target.country, target.category = source.country, source.category


def _round_half_up(x: float) -> int:
    """Whole-number average as SQL's round() gives it (Python's round() sends 10752.5 to 10752)."""
    return int(math.floor(x + 0.5))


def influencer_rows(people: list[Influencer], posts: list[Post]) -> list[dict]:
    """influencers.csv: profile facts plus averages computed from the same account's posts."""
    by_account: dict[tuple[str, str], list[Post]] = {}
    for post in posts:
        by_account.setdefault((post.influencer.handle, post.influencer.platform), []).append(post)
    rows = []
    for p in people:
        own = by_account[(p.handle, p.platform)]
        m = [post.metrics for post in own]
        rates = [_engagements(x) / x["followers"] for x in m]
        views = [x["views"] for x in m if x["views"] is not None]
        rows.append({
            "influencer": p.handle, "name": p.name, "platform": p.platform, "followers": p.followers,
            "avg_likes": _round_half_up(np.mean([x["likes"] for x in m])),
            "avg_comments": _round_half_up(np.mean([x["comments"] for x in m])),
            "avg_shares": _round_half_up(np.mean([x["shares"] for x in m])),
            "avg_views": _round_half_up(np.mean(views)) if views else None,
            "avg_engagements": _round_half_up(np.mean([_engagements(x) for x in m])),
            "engagement_rate": float(np.median(rates)),
            "price_per_post": p.price, "country": p.country, "category": p.category,
            "audience_country": p.audience_country, "audience_country_share": p.audience_country_share,
            "audience_female_share": p.audience_female_share,
            "audience_age_18_34_share": p.audience_age_18_34_share,
            "profile_url": _profile_url(p.handle, p.platform), "snapshot_date": SNAPSHOT_DATE,
        })
    return rows


# ---------------------------------------------------------------------------------------------------------
# Campaign contracts
# ---------------------------------------------------------------------------------------------------------
def _coupon(inf: Influencer, discount: int, taken: set[str]) -> str:
    """A code like MAYA15; a second Maya (or Maya's next campaign at the same discount) gets MAYAR15."""
    base, initial = inf.first.upper(), inf.name.split()[-1].rstrip(".").upper()
    candidates = [f"{base}{discount}", f"{base}{initial}{discount}",
                  *(f"{base}{initial}{discount}{k}" for k in range(2, 100))]
    code = next(c for c in candidates if c not in taken)
    taken.add(code)
    return code


def _fee_step(band: str) -> int:
    return {MID: 50, CELEBRITY: 500}.get(band, 5)


def make_contracts(rng: np.random.Generator, people: list[Influencer]) -> list[Contract]:
    codes: set[str] = set()
    contracts: list[Contract] = []
    hired: set[Influencer] = set()  # influencers with an earlier contract (the roster)
    forced = {"Spring Glow 2026": HIGH_INTENT, "Back to School": BOUGHT_ENGAGEMENT,
              "Holiday Gift Guide": COMMENT_POD}
    for campaign in CAMPAIGNS:
        forced_quirk = forced.get(campaign.name)
        chosen: list[Influencer] = [p for p in people if forced_quirk and p.quirk == forced_quirk]
        for band, count in campaign.band_mix.items():
            pool = [p for p in people if p.band == band and p not in chosen]
            band_median = float(np.median([p.er for p in pool]))
            # Roster effect: earlier hires who engaged well get rebooked; weak ones rarely.
            weights = np.array([(4.0 if p.er >= band_median else 0.5) if p in hired else 1.0
                                for p in pool])
            need = count - sum(1 for p in chosen if p.band == band)
            picks = rng.choice(len(pool), size=need, replace=False, p=weights / weights.sum())
            chosen.extend(pool[int(i)] for i in picks)
        window = (campaign.end - campaign.start).days + 1
        for inf in sorted(chosen, key=lambda p: (p.handle, p.platform)):
            hired.add(inf)
            contracted = 1 if campaign.max_posts == 1 else int(rng.integers(
                1, (2 if inf.band == CELEBRITY else campaign.max_posts) + 1))
            delivered = contracted
            if contracted > 1 and rng.random() < 0.25:
                delivered = int(rng.integers(1, contracted))
            fee_raw = inf.price * contracted * rng.uniform(0.85, 1.1)
            step = _fee_step(inf.band)
            if campaign.objective == "signups":
                product_cost = 240.0 if inf.band == CELEBRITY else 120.0  # the device at cost
            else:
                product_cost = {NANO: 28.0, MICRO: 42.0, MID: 110.0, CELEBRITY: 320.0}[inf.band]
            discount = int(_pick(rng, (10, 15, 15, 20)))
            days = np.sort(rng.choice(window, size=delivered, replace=False))
            contracts.append(Contract(
                campaign=campaign, influencer=inf, fee=float(max(step, round(fee_raw / step) * step)),
                product_cost=product_cost, posts_contracted=contracted, posts_delivered=delivered,
                coupon_code=_coupon(inf, discount, codes), discount=discount,
                cost_on_posts=bool(rng.random() < 0.6),
                post_times=[_moment(rng, campaign.start + timedelta(days=int(d))) for d in days],
            ))
    return contracts


def campaign_rows(contracts: list[Contract]) -> list[dict]:
    return [{"campaign": c.campaign.name, "influencer": c.influencer.handle, "platform": c.influencer.platform,
             "fee": c.fee, "product_cost": c.product_cost, "posts_contracted": c.posts_contracted,
             "coupon_code": c.coupon_code, "start_date": c.campaign.start, "end_date": c.campaign.end,
             "objective": c.campaign.objective} for c in contracts]


# ---------------------------------------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------------------------------------
def _engagements(m: dict) -> int:
    return m["likes"] + m["comments"] + m["shares"] + (m["saves"] or 0)


def _post_metrics(rng: np.random.Generator, inf: Influencer, moment: datetime, sponsored: bool,
                  is_reel: bool) -> dict:
    audience = _engaged_audience(inf, moment)
    factor = SPONSORED_FACTOR[inf.band] if sponsored else 1.0
    total = audience * inf.er * factor * rng.lognormal(0, 0.45)
    comment_ratio = inf.comment_per_like * rng.lognormal(0, 0.25)
    share_ratio = SHARE_PER_LIKE[inf.platform] * rng.lognormal(0, 0.35)
    save_base = SAVE_PER_LIKE[inf.platform]
    save_ratio = None if save_base is None else save_base * rng.lognormal(0, 0.35)
    likes = int(round(total / (1 + comment_ratio + share_ratio + (save_ratio or 0))))
    # Bought likes do not come with reach or views: size those from what a genuine account would get.
    genuine = total if inf.quirk != BOUGHT_ENGAGEMENT else total * BASE_ER[inf.platform][MICRO] / inf.er
    views = reach = impressions = None
    if inf.platform == "instagram":
        reach = int(round(genuine / (INSTAGRAM_ENGAGEMENT_PER_REACH * rng.lognormal(0, 0.25))))
        impressions = int(round(reach * rng.uniform(1.15, 1.6)))
        if is_reel:
            views = int(round(reach * rng.uniform(1.2, 2.0)))
    else:
        views = int(round(genuine / (ENGAGEMENT_PER_VIEW[inf.platform] * rng.lognormal(0, 0.3))))
    return {"followers": followers_at(inf, moment), "likes": likes,
            "comments": int(round(likes * comment_ratio)), "shares": int(round(likes * share_ratio)),
            "saves": None if save_ratio is None else int(round(likes * save_ratio)),
            "views": views, "impressions": impressions, "reach": reach}


def _caption(rng: np.random.Generator, inf: Influencer, contract: Contract | None) -> str:
    if contract is None:
        return _pick(rng, ORGANIC_CAPTIONS[inf.language])
    template = _pick(rng, SPONSORED_CAPTIONS[contract.campaign.objective][inf.language])
    return template.format(product=contract.campaign.product, code=contract.coupon_code,
                           discount=contract.discount)


def make_posts(rng: np.random.Generator, people: list[Influencer], contracts: list[Contract]) -> list[Post]:
    by_account: dict[Influencer, list[Contract]] = {}
    for c in contracts:
        by_account.setdefault(c.influencer, []).append(c)
    posts: list[Post] = []
    for inf in people:
        planned = [(t, c) for c in by_account.get(inf, []) for t in c.post_times]
        organic_count = max(10, int(rng.integers(15, 31)) - len(planned))
        days = rng.choice(PERIOD_DAYS, size=organic_count, replace=False)
        if inf.quirk == FOLLOWER_JUMP:
            # Posts a few days either side of the jump, so the follower series shows it as one step
            # rather than hiding it in a long gap between posts.
            jump_day = (JUMP_AT - PERIOD_START).days
            days[:2] = (jump_day - 2, jump_day + 3)
        planned += [(_moment(rng, PERIOD_START.date() + timedelta(days=int(d))), None) for d in days]
        for moment, contract in sorted(planned, key=lambda tc: tc[0]):
            is_reel = inf.platform == "instagram" and rng.random() < REEL_SHARE
            posts.append(Post(
                influencer=inf, posted_at=moment, contract=contract,
                metrics=_post_metrics(rng, inf, moment, contract is not None, is_reel),
                caption=_caption(rng, inf, contract), url=_post_url(rng, inf.handle, inf.platform, is_reel)))
    posts.sort(key=lambda p: (p.posted_at, p.influencer.handle, p.influencer.platform))
    for number, post in enumerate(posts, start=1):
        post.post_id = f"p{number:06d}"
    return posts


def _post_cost(post: Post) -> float | None:
    c = post.contract
    if c is None or not c.cost_on_posts:
        return None
    return round(c.fee / c.posts_delivered, 2)


def post_rows(posts: list[Post]) -> list[dict]:
    return [{"influencer": p.influencer.handle, "platform": p.influencer.platform, **p.metrics,
             "posted_at": p.posted_at, "sponsored": p.contract is not None,
             "campaign": p.contract.campaign.name if p.contract else None, "cost": _post_cost(p),
             "post_id": p.post_id, "url": p.url, "caption": p.caption} for p in posts]


# ---------------------------------------------------------------------------------------------------------
# Conversions
# ---------------------------------------------------------------------------------------------------------
def _daily_shape(post_days: list[date], first: date, last: date) -> tuple[list[date], np.ndarray]:
    """Relative daily demand for a code: a spike on each post day decaying over a few days."""
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    weights = np.array([0.03 + sum(math.exp(-(d - p).days / 2.5) for p in post_days if d >= p)
                        for d in days])
    return days, weights / weights.sum()


def make_conversions(rng: np.random.Generator, contracts: list[Contract]) -> list[dict]:
    # One Spring Glow nano code sold nothing at all: the app must show it, not drop it.
    silent = next(c for c in contracts if c.campaign.name == "Spring Glow 2026" and c.influencer.band == NANO
                  and not c.influencer.quirk)
    rows: list[dict] = []
    for c in contracts:
        if c is silent:
            continue
        inf, cost = c.influencer, c.fee + c.product_cost
        intent_boost = 1.5 if inf.quirk == HIGH_INTENT else 1.0
        net_basket = (LED_PRICE if c.campaign.objective == "signups" else BASKET) * (1 - c.discount / 100)
        if c.campaign.objective == "signups":
            cost_per_lead = COST_PER_LEAD_MEDIAN[inf.band] * rng.lognormal(0, 0.35) / intent_boost
            expected_signups = cost / cost_per_lead
            expected_orders = expected_signups * SIGNUP_TO_ORDER
        else:
            roas = ROAS_MEDIAN[inf.band] * rng.lognormal(0, 0.35) * intent_boost
            if inf.quirk == BOUGHT_ENGAGEMENT:
                roas = 0.15  # bought likes buy nothing
            expected_signups, expected_orders = 0.0, roas * cost / net_basket
        post_days = [t.date() for t in c.post_times]
        last = min(c.campaign.end + timedelta(days=CONVERSION_TAIL_DAYS), SNAPSHOT_DATE)
        days, shape = _daily_shape(post_days, post_days[0], last)
        orders = rng.poisson(expected_orders * shape)
        signups = rng.poisson(expected_signups * shape)
        if not (orders.any() or signups.any()):
            # Only `silent` should read as a code that sold nothing; a small account's expected one or two
            # orders can draw zero, so give it its one order on its busiest day.
            (orders if c.campaign.objective == "sales" else signups)[int(np.argmax(shape))] = 1
        for day, n_orders, n_signups in zip(days, orders, signups):
            if n_orders or n_signups:
                revenue = rng.gamma(8 * n_orders, net_basket / 8) if n_orders else 0.0
                rows.append({"coupon_code": c.coupon_code, "date": day, "orders": int(n_orders),
                             "revenue": round(float(revenue), 2), "signups": int(n_signups)})
    for code, daily_orders, basket in UNATTRIBUTED_CODES:
        for k in range(PERIOD_DAYS):
            n_orders = int(rng.poisson(daily_orders))
            if n_orders:
                rows.append({"coupon_code": code, "date": PERIOD_START.date() + timedelta(days=k),
                             "orders": n_orders, "revenue": round(float(rng.gamma(8 * n_orders, basket / 8)), 2),
                             "signups": 0})
    return sorted(rows, key=lambda r: (r["date"], r["coupon_code"]))


# ---------------------------------------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------------------------------------
def _friend_handles(rng: np.random.Generator) -> list[str]:
    names = [n.lower() for group in FIRST_NAMES.values() for n in group]
    return [f"{_pick(rng, names)}{_pick(rng, ('', '.', '_'))}{int(rng.integers(1, 99)):02d}" for _ in range(300)]


def _comment_text(rng: np.random.Generator, inf: Influencer, sponsored: bool, friends: list[str]) -> str:
    intent = (0.10 if sponsored else 0.03) * (3 if inf.quirk == HIGH_INTENT else 1)
    generic = {COMMENT_POD: 0.85, BOUGHT_ENGAGEMENT: 0.6}.get(inf.quirk, 0.04)
    if inf.quirk in (COMMENT_POD, BOUGHT_ENGAGEMENT):
        intent = 0.01
    language = _weighted(rng, COMMENT_LANGUAGES, COMMENT_LANGUAGE_WEIGHTS[inf.language])
    draw = rng.random()
    if draw < intent:
        return _pick(rng, INTENT_COMMENTS[language])
    if draw < intent + generic:
        return _pick(rng, GENERIC_COMMENTS)
    kind = rng.random()
    if kind < 0.55:
        return _pick(rng, PRAISE_COMMENTS[language])
    if kind < 0.75:
        return _pick(rng, EMOJI_COMMENTS)
    return _pick(rng, TAG_COMMENTS[language]).format(f=_pick(rng, friends))


def make_comments(rng: np.random.Generator, posts: list[Post]) -> list[dict]:
    """A sample of each sponsored post's comments (an export caps them) and of some organic posts'."""
    friends = _friend_handles(rng)
    rows = []
    for post in posts:
        sponsored = post.contract is not None
        if not sponsored and rng.random() >= 0.10:
            continue
        cap = 40 if sponsored else 12
        count = min(post.metrics["comments"], cap)
        delays = np.sort(rng.exponential(8 * 3600, size=count))
        for delay in delays:
            moment = min(post.posted_at + timedelta(seconds=int(delay)), PERIOD_END)
            by_url = rng.random() < URL_ONLY_COMMENT_SHARE
            rows.append({"post_id": None if by_url else post.post_id, "url": post.url if by_url else None,
                         "influencer": post.influencer.handle, "platform": post.influencer.platform,
                         "text": _comment_text(rng, post.influencer, sponsored, friends), "date": moment})
    return rows


# ---------------------------------------------------------------------------------------------------------
# Brand account
# ---------------------------------------------------------------------------------------------------------
BRAND_ACCOUNTS = {  # platform: (followers at start, at end, posts a week, median ER by followers)
    # Rival IQ brand medians: Instagram 0.47 % (2022), TikTok 2.6 % (2024).
    "instagram": (84_000, 95_000, 3, 0.005),
    "tiktok": (38_000, 52_000, 2, 0.026),
}
TAKEOVER_POSTS = {"instagram": 6, "tiktok": 2}
TAKEOVER_ENGAGEMENT_LIFT, TAKEOVER_IMPRESSION_LIFT = 1.4, 1.5


def _brand_followers(platform: str, moment: datetime) -> int:
    start, end, _, _ = BRAND_ACCOUNTS[platform]
    progress = (moment - PERIOD_START).total_seconds() / (PERIOD_END - PERIOD_START).total_seconds()
    return int(round(start * (end / start) ** progress))


def _brand_metrics(rng: np.random.Generator, platform: str, moment: datetime, takeover: bool) -> dict:
    followers = _brand_followers(platform, moment)
    er = BRAND_ACCOUNTS[platform][3]
    lift = TAKEOVER_ENGAGEMENT_LIFT if takeover else 1.0
    reach_lift = TAKEOVER_IMPRESSION_LIFT if takeover else 1.0
    # Takeover posts vary less than everyday posts: a planned event with the host promoting it.
    total = followers * er * lift * rng.lognormal(0, 0.12 if takeover else 0.25)
    comment_ratio = 0.03 * rng.lognormal(0, 0.25)
    share_ratio = SHARE_PER_LIKE[platform] * rng.lognormal(0, 0.3)
    save_ratio = SAVE_PER_LIKE[platform] * rng.lognormal(0, 0.3)
    likes = int(round(total / (1 + comment_ratio + share_ratio + save_ratio)))
    views = reach = impressions = None
    if platform == "instagram":
        reach = int(round(followers * 0.22 * reach_lift * rng.lognormal(0, 0.12 if takeover else 0.2)))
        impressions = int(round(reach * rng.uniform(1.2, 1.5)))
        if rng.random() < 0.5:
            views = int(round(reach * rng.uniform(1.2, 2.0)))
    else:
        views = int(round(followers * er / ENGAGEMENT_PER_VIEW["tiktok"] * reach_lift * rng.lognormal(0, 0.3)))
    return {"followers": followers, "likes": likes, "comments": int(round(likes * comment_ratio)),
            "shares": int(round(likes * share_ratio)), "saves": int(round(likes * save_ratio)),
            "views": views, "impressions": impressions, "reach": reach}


def make_brand_posts(rng: np.random.Generator, contracts: list[Contract]) -> list[dict]:
    takeover = next(c for c in CAMPAIGNS if c.name == TAKEOVER_CAMPAIGN)
    micro_handles = sorted({c.influencer.handle for c in contracts
                            if c.campaign.name == TAKEOVER_CAMPAIGN and c.influencer.band == MICRO})
    hosts = [micro_handles[int(i)] for i in rng.choice(len(micro_handles), size=2, replace=False)]
    planned: list[tuple[datetime, str, str | None]] = []  # (moment, platform, takeover host)
    weeks = math.ceil(PERIOD_DAYS / 7)
    for platform, (_, _, per_week, _) in BRAND_ACCOUNTS.items():
        for week in range(weeks):
            for weekday in np.sort(rng.choice(7, size=per_week, replace=False)):
                day = PERIOD_START.date() + timedelta(days=7 * week + int(weekday))
                if day <= SNAPSHOT_DATE:
                    planned.append((_moment(rng, day), platform, None))
        # Two hosts: the first half of the campaign window is one creator's, the second half the other's.
        window = (takeover.end - takeover.start).days + 1
        for d in np.sort(rng.choice(window, size=TAKEOVER_POSTS[platform], replace=False)):
            host = hosts[0] if d < window // 2 else hosts[1]
            planned.append((_moment(rng, takeover.start + timedelta(days=int(d))), platform, host))
    rows = []
    for number, (moment, platform, host) in enumerate(sorted(planned, key=lambda x: (x[0], x[1])), start=1):
        is_takeover = host is not None
        metrics = _brand_metrics(rng, platform, moment, is_takeover)
        is_reel = platform == "instagram" and metrics["views"] is not None
        rows.append({"influencer": BRAND, "platform": platform, **metrics, "posted_at": moment,
                     "sponsored": is_takeover, "campaign": TAKEOVER_CAMPAIGN if is_takeover else None,
                     "cost": None, "post_id": f"b{number:06d}", "url": _post_url(rng, BRAND, platform, is_reel),
                     "caption": TAKEOVER_CAPTION.format(handle=host) if is_takeover else _pick(rng, BRAND_CAPTIONS)})
    return rows


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------
def _format(value, column_type: str) -> str:
    """One explicit text form per canonical type, so output bytes never depend on float repr quirks."""
    if value is None:
        return ""
    if column_type == schema.BOOL:
        return "true" if value else "false"
    if column_type == schema.MONEY:
        return f"{value:.2f}"
    if column_type == schema.RATIO:
        return f"{value:.4f}"
    if column_type in (schema.COUNT, schema.INT):
        return str(int(value))
    if column_type == schema.DATE:
        return value.isoformat()
    if column_type == schema.TIMESTAMP:
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)


def build_tables(seed: int = DEFAULT_SEED) -> dict[str, list[dict]]:
    """Every sample table as rows keyed by canonical column name (a missing key writes an empty cell)."""
    rng = np.random.default_rng(seed)
    people = make_influencers(rng)
    contracts = make_contracts(rng, people)
    posts = make_posts(rng, people, contracts)
    return {
        "influencers": influencer_rows(people, posts),
        "posts": post_rows(posts),
        "campaigns": campaign_rows(contracts),
        "conversions": make_conversions(rng, contracts),
        "comments": make_comments(rng, posts),
        "brand_posts": make_brand_posts(rng, contracts),
    }


def write_tables(tables: dict[str, list[dict]], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, rows in tables.items():
        columns = schema.columns(kind)
        unknown = sorted({key for row in rows for key in row} - {c.name for c in columns})
        if unknown:  # a renamed canonical column must fail here, not vanish from the file
            raise KeyError(f"{kind}: not canonical columns: {', '.join(unknown)}")
        path = out_dir / f"{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.name for c in columns])
            for row in rows:
                writer.writerow([_format(row.get(c.name), c.type) for c in columns])
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write Microlens's invented sample data as CSV files.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: sample_data/)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: 7)")
    args = parser.parse_args(argv)
    for path in write_tables(build_tables(args.seed), args.out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
