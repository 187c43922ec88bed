"""Takeover lift: did an influencer takeover of the brand's account beat the brand's day-to-day posts?

The brand's own posts (brand_posts) are both sides of the comparison. A takeover window comes from a campaign
(its contract dates, widened to the brand posts marked with it) or from dates the user picks. Per brand
account and platform, the takeover posts are compared with the brand's day-to-day posts of the same platform
in the pre-period (the 30, 60 or 90 days before the window): lift = median takeover post ÷ median usual post
− 1, with a bootstrap interval and a verdict from microlens.lift. Which window posts count as the
takeover, and which pre-period posts are left out, is decided in queries/takeover_posts.sql and said on
the page.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from . import charts_takeover
from . import lift as lift_mod
from .benchmarks import BRAND_ER_DEFINITION, RIVAL_IQ, BrandBenchmark
from .context import Context
from .export import Section
from .text import in_words, platform_name

STATUS_QUERY, WINDOWS_QUERY, POSTS_QUERY = "takeover_status", "takeover_windows", "takeover_posts"
PRE_DAYS_CHOICES = (30, 60, 90)
DEFAULT_PRE_DAYS = 60
N_BOOT, SEED, LEVEL = 2000, 0, 0.95
METRICS = ("engagements", "impressions", "likes")
NOUNS = {"engagements": "engagements", "impressions": "impressions", "likes": "likes", "views": "views"}

NO_BRAND_POSTS_MESSAGE = (
    "No posts from the brand's own account are loaded, so there is nothing to measure a takeover against. "
    "This page needs a **brand posts** file: the brand account's own posts, with the same columns as an "
    "influencer post export (platform, date posted, likes, comments, shares, saves, impressions). Mark the "
    "takeover posts with `sponsored` = true or a `campaign` name, or pick the takeover dates here. A "
    "**campaigns** file with start and end dates lets you pick a campaign instead of typing dates. To see this page "
    "at work, open the app in a new browser tab: it starts on the sample data, which has one (brand_posts.csv).")
NO_DATES_MESSAGE = ("The brand posts loaded have no posting dates, so no post can be placed before or inside a "
                    "takeover window. Map a date column (posted_at) on the Data page.")


@dataclass(frozen=True)
class Status:
    brand_posts: int
    dated_posts: int
    first_post: dt.date | None
    last_post: dt.date | None
    platforms: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date              # inclusive
    campaign: str | None      # None: custom dates, or sponsored brand posts without a campaign
    label: str
    marked_posts: int         # brand posts marked with the campaign (or sponsored, for campaign None)


@dataclass(frozen=True)
class MetricLift:
    metric: str               # asked for: engagements, impressions or likes
    column: str               # measured: the metric, or views where the platform reports no impressions
    label: str                # for cards and axes: "Engagements", "Views"
    result: lift_mod.Lift
    note: str                 # why another column was measured, or why nothing could be; '' otherwise
    measurable: bool          # False: no post in these dates reports the metric at all
    unmarked: bool = False    # a campaign's dates in which the brand marked no post (see unmarked_campaign)

    @property
    def noun(self) -> str:
        return NOUNS[self.column]

    def sentence(self) -> str:
        if not self.measurable:
            return self.note
        return self.result.sentence(self.noun, "Posts in the campaign's dates" if self.unmarked else "Takeover posts")


def unmarked_campaign(posts: pd.DataFrame) -> bool:
    """True for one account and platform when the window is a campaign's dates and the brand marked none of its
    posts in them (with the campaign, as sponsored or with another campaign): every post in the dates is compared,
    which measures the brand's posts while the campaign ran (a halo, if anything), not a takeover. The words say
    so: a campaign run on influencers' own accounts was shown as a takeover with a lift."""
    return not posts.empty and bool((posts["takeover_rule"] == "unmarked campaign").all())


def status(ctx: Context) -> Status:
    row = ctx.query(STATUS_QUERY).iloc[0]
    return Status(int(row["brand_posts"]), int(row["dated_posts"]), _date(row["first_post"]),
                  _date(row["last_post"]), tuple(row["platforms"]))


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def window_label(campaign: str | None, start: dt.date, end: dt.date, marked_posts: int) -> str:
    """'Spring Glow (01 Mar – 31 Mar 2026)'; a campaign no brand post is marked with says so in its name."""
    span = f"{start:%d %b} – {end:%d %b %Y}" if start.year == end.year else f"{start:%d %b %Y} – {end:%d %b %Y}"
    if not campaign:
        return f"Sponsored brand posts without a campaign ({span})"
    return f"{campaign} ({span})" + ("" if marked_posts else " · no brand post marked with it")


def windows(ctx: Context) -> list[Window]:
    """Campaign windows whose dates are known, those with the most marked brand posts first."""
    frame = ctx.query(WINDOWS_QUERY)
    out = []
    for row in frame.itertuples(index=False):
        campaign = None if pd.isna(row.campaign) else str(row.campaign)
        start, end = _date(row.start_date), _date(row.end_date)
        marked = int(row.brand_takeover_posts)
        out.append(Window(start, end, campaign, window_label(campaign, start, end, marked), marked))
    return out


def custom_window(start: dt.date, end: dt.date) -> Window:
    if end < start:
        raise ValueError("The takeover window must end on or after its first day.")
    return Window(start, end, None, f"{start:%d %b %Y} – {end:%d %b %Y}", 0)


def default_window(options: list[Window], campaigns_filter: tuple[str, ...] = ()) -> Window | None:
    """The campaign picked in the global filter when it is exactly one, else the one with most marked posts."""
    if len(campaigns_filter) == 1:
        for w in options:
            if w.campaign is not None and w.campaign.casefold() == campaigns_filter[0].casefold():
                return w
    return options[0] if options else None


def pre_start(window: Window, pre_days: int) -> dt.date:
    return window.start - dt.timedelta(days=int(pre_days))


def load_posts(ctx: Context, window: Window, pre_days: int = DEFAULT_PRE_DAYS) -> pd.DataFrame:
    """The brand's posts of the window and its pre-period, each with its role (see takeover_posts.sql)."""
    if int(pre_days) <= 0:
        raise ValueError("The pre-period must be at least one day.")
    return ctx.query(POSTS_QUERY, takeover_from=window.start, takeover_to=window.end, pre_days=int(pre_days),
                     campaign=window.campaign)


def accounts(posts: pd.DataFrame) -> list[tuple[str, str]]:
    """(brand account, platform) pairs in the posts, those with the most takeover posts first."""
    if posts.empty:
        return []
    counts = (posts.assign(takeover=posts["role"] == "takeover")
              .groupby(["account", "platform"], sort=True)["takeover"].sum()
              .sort_values(ascending=False, kind="stable"))
    return [(str(a), str(p)) for a, p in counts.index]


def account_label(pair: tuple[str, str], several_accounts: bool) -> str:
    account, platform = pair
    return f"{account} on {platform_name(platform)}" if several_accounts else platform_name(platform)


def posts_of(posts: pd.DataFrame, pair: tuple[str, str]) -> pd.DataFrame:
    account, platform = pair
    return posts[(posts["account"] == account) & (posts["platform"] == platform)].reset_index(drop=True)


def _reported(posts: pd.DataFrame, column: str) -> bool:
    compared = posts[posts["role"].isin(["baseline", "takeover"])]
    return bool(compared[column].notna().any())


def measure(posts: pd.DataFrame, metric: str, n_boot: int = N_BOOT, seed: int = SEED) -> MetricLift:
    """The lift of one metric for one account and platform (posts of that pair only)."""
    if metric not in METRICS:
        raise ValueError(f"Unknown takeover metric {metric!r}; choose one of {', '.join(METRICS)}.")
    platform = platform_name(str(posts["platform"].iloc[0])) if not posts.empty else "this platform"
    column, note = metric, ""
    # TikTok and YouTube report views, not impressions: views are the nearest measure of how often a post
    # was seen, and the label says which one was measured.
    if metric == "impressions" and not _reported(posts, "impressions") and _reported(posts, "views"):
        column = "views"
        note = f"The {platform} posts report views, not impressions: this card measures views."
    base = posts.loc[posts["role"] == "baseline", column].astype(float)
    take = posts.loc[posts["role"] == "takeover", column].astype(float)
    result = lift_mod.takeover_lift(base, take, n_boot=n_boot, seed=seed, level=LEVEL)
    measurable = _reported(posts, column)
    if not measurable:
        note = f"No {platform} post in these dates reports {NOUNS[metric]}."
    return MetricLift(metric, column, column.capitalize(), result, note, measurable, unmarked_campaign(posts))


def measure_all(posts: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> list[MetricLift]:
    return [measure(posts, m, n_boot, seed) for m in METRICS]


def interval_text(result: lift_mod.Lift) -> str:
    return "no interval: not enough data" if math.isnan(result.ci_low) else result.interval()


def title_for(m: MetricLift, platform: str) -> tuple[str, str]:
    """The finding in two parts: the headline (the chart title) and its interval (the subtitle)."""
    where = platform_name(platform)
    r = m.result
    if not m.measurable:
        return f"{where}: no post in these dates reports {m.noun}", ""
    if r.verdict == lift_mod.NOT_ENOUGH:
        return f"{where}: not enough data for a takeover lift", r.sentence(m.noun)
    change = f"{lift_mod.signed_percent(r.lift)} {m.noun} per post"
    few = f"; {r.few_posts_caveat()}" if r.few_posts_caveat() else ""
    subject = f"{where} posts in the campaign's dates (none marked)" if m.unmarked else f"{where} takeover posts"
    if m.unmarked:
        few += "; the brand marked none of its posts as the takeover, so every post in the dates counts"
    if r.verdict == lift_mod.NO_LIFT:
        return f"{subject}: {change}, but no detectable lift", interval_text(r) + " includes no change" + few
    return f"{subject}: {change} vs the brand's usual post", interval_text(r) + few


def finding_for(m: MetricLift, platform: str) -> str:
    """The finding as one line, for exports: "Instagram takeover posts: +35% ... (95% interval +18% to +50%)"."""
    headline, detail = title_for(m, platform)
    return f"{headline} ({detail})" if detail else headline


def rule_sentence(posts: pd.DataFrame, window: Window, pre_days: int) -> str:
    """Which posts were compared, in words, for the caption under the cards (posts of one account/platform)."""
    if posts.empty:
        return ""
    platform = platform_name(str(posts["platform"].iloc[0]))
    rule = str(posts["takeover_rule"].iloc[0])
    n_take = int((posts["role"] == "takeover").sum())
    n_base = int((posts["role"] == "baseline").sum())
    left_out = posts["role"] == "excluded"
    n_pre_marked = int((left_out & ~posts["in_window"]).sum())
    n_window_other = int((left_out & posts["in_window"]).sum())
    span = f"{window.start:%d %b} – {window.end:%d %b %Y}"
    which = {"campaign": f"marked '{window.campaign}'",
             "marked": "marked sponsored or with a campaign",
             "whole window": "(no post in the window is marked, so every post in it counts)",
             "unmarked campaign": f"in the dates of '{window.campaign}' (the brand marked none of its posts with "
                                  "it or as sponsored, so every post in the dates counts: this measures the brand's "
                                  "posts while the campaign ran, not a takeover)"}[rule]
    first = pre_start(window, pre_days)
    lead = "Compared" if rule == "unmarked campaign" else "Takeover"
    text = (f"{lead}: the {n_take} {platform} post{'s' if n_take != 1 else ''} {which}, {span}. "
            f"Usual post: the median of the brand's {n_base} day-to-day {platform} "
            f"post{'s' if n_base != 1 else ''} in the {pre_days} days before ({first:%d %b} – "
            f"{window.start - dt.timedelta(days=1):%d %b %Y}).")
    if n_window_other:
        text += (f" The brand's {n_window_other} other post{'s' if n_window_other != 1 else ''} in the window "
                 "are in neither group.")
    if n_pre_marked:
        text += (f" {n_pre_marked} sponsored or campaign post{'s' if n_pre_marked != 1 else ''} before the "
                 "window are left out of the usual post.")
    return text


def brand_context(posts: pd.DataFrame) -> str:
    """The brand's usual engagement rate next to Rival IQ's brand median for the platform, with its source, or that
    there is none for the platform (YouTube, Pinterest, Twitch …), rather than nothing a reader could tell apart from
    a median left out."""
    if posts.empty:
        return ""
    platform = str(posts["platform"].iloc[0])
    usual = posts.loc[posts["role"] == "baseline", "er"].dropna()
    own = (f"The brand's usual {platform_name(platform)} post earns {usual.median():.2%} of its followers "
           f"(median ER by followers of {len(usual)} pre-period post{'s' if len(usual) != 1 else ''})."
           if len(usual) else "")
    bench = RIVAL_IQ.get(platform)
    if bench is None:
        # ('other' is no platform's name: "on other platform" read as a typo)
        where = "this platform" if platform == "other" else platform_name(platform)
        return f"{own} No published median of brand accounts on {where} is in the benchmarks.".strip()
    ref = (f"Median for brand accounts on {platform_name(platform)}: {bench.er:.2%} ({bench.source}, "
           f"{bench.data_year} data; {BRAND_ER_DEFINITION}) — {bench.url}")
    return f"{own} {ref}".strip()


def timeline(posts: pd.DataFrame, m: MetricLift, window: Window, pre_days: int):
    """The timeline figure of one account/platform and metric (see charts_takeover.build_timeline)."""
    platform = str(posts["platform"].iloc[0]) if not posts.empty else "other"
    headline, detail = title_for(m, platform)
    return charts_takeover.build_timeline(
        posts, m.column, m.label, window.start, window.end, pre_start(window, pre_days),
        m.result.baseline_median, m.result.takeover_value, headline, detail, unmarked=m.unmarked)


TABLE_COLUMNS = ["account", "platform", "posted_at", "role", "note", "engagements", "impressions", "views",
                 "likes", "comments", "shares", "saves", "reach", "followers", "er", "sponsored", "campaign",
                 "post_id", "url", "caption", "source_file", "source_row"]


def table(posts: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: one row per post with its role, for download and the exports."""
    return posts[TABLE_COLUMNS]


def summary_rows(posts: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """One row per account/platform and metric: lift, interval, verdict, sentence, counts."""
    pairs = accounts(posts)
    several = len({a for a, _ in pairs}) > 1
    rows = []
    for pair in pairs:
        own = posts_of(posts, pair)
        for m in measure_all(own, n_boot, seed):
            r = m.result
            rows.append({"account": pair[0], "platform": pair[1],
                         "label": f"{account_label(pair, several)} · {m.noun}",
                         "metric": m.metric, "measured": m.column, "lift": r.lift, "ci_low": r.ci_low,
                         "ci_high": r.ci_high, "interval": interval_text(r), "verdict": r.verdict,
                         "usual_post": r.baseline_median, "takeover_median": r.takeover_value,
                         "baseline_posts": r.n_baseline, "takeover_posts": r.n_takeover,
                         "finding": m.sentence(), "unmarked": m.unmarked})
    return pd.DataFrame(rows, columns=["account", "platform", "label", "metric", "measured", "lift", "ci_low",
                                       "ci_high", "interval", "verdict", "usual_post", "takeover_median",
                                       "baseline_posts", "takeover_posts", "finding", "unmarked"])


def summary_title(rows: pd.DataFrame, window: Window) -> str:
    """The takeover's engagement result on every platform in one line."""
    name = window.campaign or "The takeover"
    if window.campaign and not rows.empty and rows["unmarked"].all():
        name = f"The brand's posts in the dates of {window.campaign} (none marked)"
    eng = rows[rows["metric"] == "engagements"]
    lifted = [f"{platform_name(p)} ({lift_mod.signed_percent(x)})"
              for p, x, v in zip(eng["platform"], eng["lift"], eng["verdict"]) if v == lift_mod.LIFT]
    dropped = [f"{platform_name(p)} ({lift_mod.signed_percent(x)})"
               for p, x, v in zip(eng["platform"], eng["lift"], eng["verdict"]) if v == lift_mod.DROP]
    flat = [platform_name(p) for p, v in zip(eng["platform"], eng["verdict"]) if v == lift_mod.NO_LIFT]
    unknown = [platform_name(p) for p, v in zip(eng["platform"], eng["verdict"]) if v == lift_mod.NOT_ENOUGH]
    parts = []
    if lifted:
        parts.append(f"lifted engagements per post on {', '.join(lifted)}")
    if dropped:
        parts.append(f"lowered engagements per post on {', '.join(dropped)}")
    if flat:
        parts.append(f"no detectable lift on {', '.join(flat)}")
    if unknown:
        parts.append(f"not enough data on {', '.join(unknown)}")
    return f"{name}: {'; '.join(parts)}" if parts else f"{name}: no platform to compare"


METHOD_NOTE = (f"Lift = median takeover post ÷ median of the brand's day-to-day posts of the same platform "
               f"in the pre-period − 1; {LEVEL:.0%} percentile bootstrap interval ({N_BOOT:,} resamples of both "
               f"groups). 'Lift' / 'drop': the interval excludes no change; otherwise no detectable lift.")


def filters_not_applied(filters) -> str | None:
    """Which of the filters in use do not reach the brand's own posts, in a sentence (None when none is):
    a price range that emptied every other page left this one as it was, without a word."""
    unused = [what for what, on in (("follower band", bool(filters.bands)),
                                    ("price per post", filters.price_min is not None or filters.price_max is not None),
                                    ("date range", bool(filters.date_from or filters.date_to))) if on]
    if not unused:
        return None
    dates = (": the takeover window and the days before it set the dates compared" if "date range" in unused
             else "")
    # (said of the filters, not of the sidebar: the sentence goes into a client's report too)
    return (f"The {in_words(unused)} {'filter does' if len(unused) == 1 else 'filters do'} not apply to "
            f"the brand's own posts{dates}; the platform filter does.")


def reported(ctx: Context, pre_days: int = DEFAULT_PRE_DAYS) -> tuple[Window, pd.DataFrame] | None:
    """The takeover the report and the CLI show (the campaign in the global filter when it is one, else the
    campaign with most marked brand posts) and its posts; None when there is none to show."""
    if status(ctx).dated_posts == 0:
        return None
    window = default_window(windows(ctx), ctx.filters.campaigns)
    if window is None:
        return None
    posts = load_posts(ctx, window, pre_days)
    return None if posts.empty else (window, posts)


def reported_pairs(posts: pd.DataFrame) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """(account and platform, its posts) of each pair with a takeover post: one report section each."""
    pairs = [(pair, posts_of(posts, pair)) for pair in accounts(posts)]
    return [(pair, own) for pair, own in pairs if (own["role"] == "takeover").any()]


def brand_benchmarks_cited(ctx: Context, pre_days: int = DEFAULT_PRE_DAYS) -> list[BrandBenchmark]:
    """The brand-account medians the report's takeover sections set beside the brand's own posts (brand_context),
    once per platform: for the report's list of the benchmarks it used."""
    shown = reported(ctx, pre_days)
    if shown is None:
        return []
    platforms = dict.fromkeys(platform for (_, platform), _ in reported_pairs(shown[1]))
    return [RIVAL_IQ[p] for p in platforms if p in RIVAL_IQ]


def sections(ctx: Context, pre_days: int = DEFAULT_PRE_DAYS) -> list[Section]:
    """For the report and the CLI: the reported takeover, one timeline per platform and the summary."""
    shown = reported(ctx, pre_days)
    if shown is None:
        return []
    window, posts = shown
    sql = ctx.sql(POSTS_QUERY)
    out = []
    several = len({a for a, _ in accounts(posts)}) > 1
    for pair, own in reported_pairs(posts):
        m = measure(own, "engagements")
        out.append(Section(f"takeover_{pair[0]}_{pair[1]}",
                           f"Takeover lift: {window.label}, {account_label(pair, several)}",
                           finding_for(m, pair[1]), timeline(own, m, window, pre_days), table(own),
                           " ".join(filter(None, [rule_sentence(own, window, pre_days), METHOD_NOTE,
                                                  brand_context(own), filters_not_applied(ctx.filters)])), sql))
    rows = summary_rows(posts)
    shown = rows[rows["lift"].notna() & rows["ci_low"].notna()]
    if not shown.empty:
        title = summary_title(rows, window)
        out.append(Section("takeover_summary", f"Takeover lift at a glance: {window.label}", title,
                           charts_takeover.build_lift_summary(shown, title), rows, METHOD_NOTE, sql))
    return out
