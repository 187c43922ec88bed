"""Cost vs celebrity: what one engagement costs with micro-influencers, against the celebrity benchmark range."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import area_benchmarks
from . import benchmarks as bm
from . import charts_cost, columns, metrics, theme
from .bands import MICRO
from .context import Context
from .filters import DEFAULT_RATE_PER_1K
from .export import Section
from .text import counted, escape_markdown, in_words, platform_name


# A celebrity ER that counts only some parts of an engagement (a like rate; likes + comments) gives fewer engagements
# per post than the data's likes + comments + shares + saves, so its CPE is compared with the micro CPE counted on
# the same parts: the cost_by_influencer column of each such basis, and how the page names it.
SAME_BASIS_CPE = {"likes": ("cpe_likes", "likes only"),
                  "likes+comments": ("cpe_likes_comments", "likes + comments")}


@dataclass
class CostSummary:
    influencers: pd.DataFrame
    bands: pd.DataFrame              # one row per band: its CPE over all its posts (metric_cpe in SQL)
    micro_median_cpe: float          # median over micro influencers of their own CPE
    micro_band_cpe: float            # sum cost / sum engagements over the micro band
    micro_price: float               # median price per post of micro influencers, viral ones included
    celeb_low: float
    celeb_high: float
    price_low: float                 # one celebrity post, USD
    price_high: float
    finding: str
    source_note: str                 # with each source's address
    chart_note: str                  # without addresses, short enough to print on the chart
    n_micro: int
    same_basis: pd.DataFrame         # one row per chosen celebrity ER that counts fewer parts of an engagement
    rate_card_only: bool = False     # every micro cost is followers × the sidebar's rate card: no price is known
    # accounts of every band whose CPE rests on viral posts (went_viral); left out of the cards, the chart and the
    # bands' pooled CPE when viral_left_out: on a crawl of trending posts they set the answer ("82× cheaper" with
    # them, 14× without), from posts a brand's next post will not match
    viral: pd.DataFrame = field(default_factory=pd.DataFrame)
    viral_left_out: bool = False
    viral_micro: int = 0             # micro accounts left out as viral: the finding names how many
    # the micro CPE counted as the closest celebrity benchmark counts (likes only …), which the finding leads with
    like_for_like: charts_cost.LikeForLike | None = None


def went_viral(accounts: pd.DataFrame) -> pd.Series:
    """Accounts whose viral_er (the catalog's metric_viral_er) is over metrics.VIRAL_ER: the posts their CPE counts
    earned more engagements than they have followers. Judged on those posts, not all of the account's (the
    Influencers page's median_er): a paid post that did as well as any is a fair price, whatever the account's
    unpaid posts did. An account without a cost is judged on all its posts, as the Overview judges it: its unpriced
    celebrities' viral posts were left out there and not here, so the one checkbox read "Leave out 1,170 viral
    accounts" on one page and 1,165 on the other."""
    return accounts["viral_er"] > metrics.VIRAL_ER


def _priced_by_band(infl: pd.DataFrame, ctx: Context) -> dict[str, int]:
    """Influencers with a CPE per band, smallest band first."""
    counts = infl[infl["cpe"].notna()].groupby("band").size()
    return {b.name: int(counts[b.name]) for b in ctx.filters.band_scheme if b.name in counts.index}


def summary(ctx: Context) -> CostSummary:
    prices, ers, followers = ctx.celebrity()
    celeb_low, celeb_high = bm.celebrity_cpe_range(prices, followers, ers)
    rows = ctx.query("cost_by_influencer", leave_out_viral=ctx.cost_leave_out_viral, viral_er=metrics.VIRAL_ER,
                     celebrity_min=bm.CELEBRITY_FOLLOWERS)
    accounts = rows[rows["level"] == "influencer"].drop(columns="level")
    viral = went_viral(accounts)
    left_out = viral & ctx.cost_leave_out_viral
    infl = accounts[~left_out].reset_index(drop=True)
    bands = rows[rows["level"] == "band"][["band", "posts", "engagements", "cost", "cpe"]].reset_index(drop=True)
    micro = infl[(infl["band"] == MICRO) & infl["cpe"].notna()]
    # (with a CPE: a viral micro account without a cost was never in the median the finding says it is left out of)
    viral_micro = int((left_out & (accounts["band"] == MICRO) & accounts["cpe"].notna()).sum())
    # what a micro post costs, viral accounts included: going viral does not change an account's price, and
    # leaving them out (the smaller accounts, on a crawl) moved the "posts for one celebrity post" card from 58–290
    # to 33–164
    priced = accounts[(accounts["band"] == MICRO) & accounts["cpe"].notna()]
    median_cpe = float(micro["cpe"].median()) if not micro.empty else math.nan
    band_row = bands[bands["band"] == MICRO]
    spans = [bm.price_range_at(p, followers) for p in prices]
    rate_card_only = bool(len(micro)) and bool(micro["rate_card_only"].fillna(False).all())
    like_for_like = like_for_like_multiple(micro, prices, followers, ers)

    def note(cite) -> str:
        # dict.fromkeys: tiers of one source read the same once their addresses are left out
        return (f"Celebrity range for {followers:,.0f} followers: " + "; ".join(dict.fromkeys(map(cite, prices)))
                + " | " + "; ".join(dict.fromkeys(map(cite, ers))))
    return CostSummary(
        influencers=infl, bands=bands, micro_median_cpe=median_cpe,
        micro_band_cpe=float(band_row["cpe"].iloc[0]) if not band_row.empty else math.nan,
        micro_price=float(priced["price"].median()) if not priced.empty else math.nan,
        celeb_low=celeb_low, celeb_high=celeb_high,
        price_low=min(lo for lo, _ in spans), price_high=max(hi for _, hi in spans),
        finding=charts_cost.micro_vs_celebrity_finding(
            None if math.isnan(median_cpe) else median_cpe, celeb_low, celeb_high,
            priced_by_band=_priced_by_band(infl, ctx),
            estimated=(int(micro["cost_estimated"].fillna(False).astype(bool).sum()), len(micro)),
            # by where the cost came from: `price` holds the rate card's estimate too
            listed=int((micro["cost_estimated"].fillna(False).astype(bool)
                        & micro["listed_price_cost"].fillna(False).astype(bool)).sum()),
            rate_card_only=rate_card_only,
            middle_mean_er=(float(micro["costed_mean_er"].median()) if micro["costed_mean_er"].notna().any()
                            else None),
            like_for_like=like_for_like, viral_left_out=viral_micro),
        source_note=note(lambda r: r.citation), chart_note=note(lambda r: r.short_citation), n_micro=len(micro),
        same_basis=same_basis(micro, prices, followers, ers), rate_card_only=rate_card_only,
        viral=accounts[viral].reset_index(drop=True), viral_left_out=ctx.cost_leave_out_viral,
        viral_micro=viral_micro, like_for_like=like_for_like)


def like_for_like_multiple(micro: pd.DataFrame, prices, followers: float, ers) -> charts_cost.LikeForLike | None:
    """How many times cheaper the median micro CPE is than the celebrity at their best, each chosen celebrity ER
    set against the micro CPE counted its way (likes only, likes + comments, else every part): the least of those
    ratios, with the two CPEs it divides. None when every chosen ER counts what the data counts (the plain ratio is
    then the fair one)."""
    if not any(r.numerator in SAME_BASIS_CPE for r in ers):
        return None
    pairs = []
    for r in ers:
        column, basis = SAME_BASIS_CPE.get(r.numerator, ("cpe", ""))
        cpe = float(micro[column].median()) if micro[column].notna().any() else math.nan
        if cpe > 0:
            celebrity = bm.celebrity_cpe_range(prices, followers, [r])[0]
            pairs.append(charts_cost.LikeForLike(celebrity / cpe, cpe, celebrity, basis))
    return min(pairs, key=lambda p: p.multiple) if pairs else None


def rate_card_warning(ctx: Context, s: CostSummary) -> str | None:
    """When no loaded file prices a single micro account, every micro cost on the page is followers × the rate
    card: the cards then restate the rate card against engagement, and a client must not read them as prices."""
    if not s.rate_card_only:
        return None
    return (f"No loaded file prices these {s.n_micro:,} micro-influencers (no post fee, campaign contract or listed "
            f"price): every micro cost here is the sidebar's rate card, {theme.money(ctx.filters.rate_per_1k, 2)} per "
            "1,000 followers. The cards and the chart compare engagement per follower, not what these accounts "
            "charge. Load a campaigns file with fees, or an influencer list with prices, for a price comparison.")


def no_cost_sentence(ctx: Context, s: CostSummary, counted: bool = True) -> str | None:
    """Why no influencer in the filter has a CPE, and what to load; None when some has one (or there are none),
    viral ones left out included. counted=False: without the number of influencers, for a page that counts them
    by its own viral rule (the Overview's card said 982 beside "None of the 983 influencers")."""
    infl = pd.concat([s.influencers, s.viral]) if s.viral_left_out else s.influencers
    if infl.empty or infl["cpe"].notna().any():
        return None
    n = len(infl)
    # the viral ones named: the Overview's card beside this page counts the influencers without them (982 against
    # "None of the 983")
    viral = f" ({len(s.viral):,} of them viral)" if s.viral_left_out and len(s.viral) else ""
    subject = f"None of the {n:,} influencers{viral}" if counted else "No influencer"
    if not ctx.filters.use_estimates:
        return (f"{subject} in the current filter has a known cost (a post fee or a campaign contract), and 'Estimate "
                "unknown costs' is off in the sidebar.")
    costed = infl["cost"].notna()
    if costed.any() and not (infl.loc[costed, "engagements"] > 0).any():
        # a list of prices alone was told it had no listed price: the cost is there, nothing to divide it by
        estimated = infl.loc[costed, "rate_card_only"].fillna(False).astype(bool).all()
        basis = "the rate card's estimates from their followers" if estimated else "their prices"
        return (f"{subject} in the current filter has both a cost and engagements to divide it by: the accounts "
                f"with a cost ({basis}) have no likes, comments, engagement rate or average engagements in the files. "
                "Load their posts, or a list with their average likes or engagement rate, on the Data page.")
    big = int(((infl["followers"] >= metrics.RATE_CARD_MAX_FOLLOWERS) & infl["price"].isna()).sum())
    text = f"{subject} in the current filter has a cost: no post fee, campaign contract or listed price"
    if big:
        text += (f", and the rate card does not price accounts of a million followers or more "
                 f"({'all' if big == n else f'{big:,}'} of them)")
    return text + ". Load a campaigns file with fees, or an influencer list with prices per post, on the Data page."


# the page's headlines say "median ER over 20%"; this says of which posts
VIRAL_RULE = (f"median ER over {theme.percent(metrics.VIRAL_ER, 0)}, on the posts their cost covers or, for an "
              "account without a cost, on all its posts")


def all_viral_sentence(s: CostSummary) -> str | None:
    """When every account with a CPE in the filter is left out as viral: that nothing is left to compare, and how to
    see them anyway (the page's message, and the report's section in its place); None otherwise."""
    # (of the viral accounts those with a CPE: an unpriced viral celebrity was "the one influencer with a cost per
    # engagement", where nothing had a cost)
    priced = s.viral[s.viral["cpe"].notna()] if s.viral_left_out and not s.viral.empty else s.viral.iloc[:0]
    if priced.empty or s.influencers["cpe"].notna().any():
        return None
    n = len(priced)
    who = "The one influencer" if n == 1 else f"All {n:,} influencers"
    return (f"{who} with a cost per engagement in the current filter went viral ({VIRAL_RULE}; posts picked for "
            "going viral, which a brand's next post rarely matches), so nothing is left to compare with a celebrity. "
            f"Untick 'Leave out {counted(n, 'viral account')}' on the Cost vs celebrity page to compare "
            f"{'it' if n == 1 else 'them'} anyway.")


def _viral_by_band(ctx: Context, s: CostSummary) -> str:
    """'1,170 viral accounts (all 94 under 1K, all 456 nano, 476 of 545 micro, 139 of 509 mid and 5 of 534
    celebrity)', bands smallest first, of all their accounts (a viral account without a cost is left out too, of the
    loaded celebrities' ER among the benchmarks): a band that is mostly left out must look it. An account with a cost
    but no engagements is neither left out nor compared (without_engagements_note says so): counted here, a slide's
    source read "476 of 546 micro" under its headline's "476 of 545 micro-influencers left out as viral"."""
    by_band = s.viral["band"].value_counts()
    accounts = pd.concat([s.influencers, s.viral])
    in_band = accounts[accounts["cpe"].notna() | accounts["cost"].isna()]["band"].value_counts()
    def of(band: str) -> str:
        left, of_all = by_band[band], in_band[band]
        return (f"{left:,} of {of_all:,}" if left < of_all else f"all {left:,}" if left > 1 else "the one") + " " + band
    where = in_words([of(b.name) for b in ctx.filters.band_scheme if b.name in by_band.index])
    return f"{counted(len(s.viral), 'viral account')} ({where})"


def viral_caption(ctx: Context, s: CostSummary) -> str | None:
    """What the page left out as viral, by band, and why; None when nothing was."""
    if not s.viral_left_out or s.viral.empty:
        return None
    return (f"Left out: {_viral_by_band(ctx, s)}, with a {VIRAL_RULE}: posts picked for going viral, which a brand's "
            "next post rarely matches. They are out of every cost per engagement on this page (cards, chart, table "
            "and the bands' pooled CPE) and of its slides and exports; the price card keeps them, since going viral "
            "does not change what a post costs.")


def rate_card_platforms_note(ctx: Context, s: CostSummary) -> str | None:
    """That the default rate card, an Instagram rule of thumb, prices the other platforms' accounts too, where some
    account off Instagram is costed at it: a TikTok crawl's every micro cost was followers × $10 per 1K and nothing
    said whose figure that was. None where the rate card is the user's own, its record is gone from the benchmarks
    (as edited: the Benchmarks used appendix cites the same), or it prices no such account."""
    f = ctx.filters
    source = area_benchmarks.rule_of_thumb(ctx.price_records)
    if not f.use_estimates or f.rate_per_1k != DEFAULT_RATE_PER_1K or source is None:
        return None
    infl = s.influencers
    by_card = infl["cost_estimated"].fillna(False).astype(bool) & ~infl["listed_price_cost"].fillna(False).astype(bool)
    others = sorted({p for p in infl.loc[by_card, "platform"] if p != "instagram"})
    if not others:
        return None
    return (f"The rate card's {theme.money(f.rate_per_1k, 2)} per 1K followers is an "
            f"{platform_name(source.platform)} rule of thumb ({source.source}, {bm.year_text(source.year)}), applied "
            "here to "
            f"{in_words([platform_name(p) for p in others])} accounts too; the Prices page fits a rate card per "
            "platform on your own prices.")


def without_engagements_note(s: CostSummary) -> str | None:
    """Why a band's count here is one short of the Overview's: an account whose costed posts earned nothing has a
    cost but no CPE, so it is neither left out as viral nor compared. None when every costed account has a CPE."""
    accounts = pd.concat([s.influencers, s.viral])
    none = accounts[accounts["cpe"].isna() & accounts["cost"].notna()]
    if none.empty:
        return None
    names = in_words([f"'{escape_markdown(n)}'" for n in none["influencer"].head(3)]
                     + (["others"] if len(none) > 3 else []))
    return (f"{counted(len(none), 'account has', 'accounts have')} a cost but no engagements ({names}): no cost per "
            "engagement, so neither left out as viral nor compared.")


def without_cost_note(ctx: Context, s: CostSummary) -> str | None:
    """Micro accounts in the filters with no cost on any of their posts here, which no dot or count on the page
    shows: "14 of 22 micro costs" stood beside the Overview's 31 micro accounts, the other 9 paid only for posts
    outside the date range. None when every micro account has a cost."""
    micro = s.influencers[s.influencers["band"] == MICRO]
    none = micro[micro["cost"].isna()]
    if none.empty:
        return None
    one = len(none) == 1
    why = (f"{'it was' if one else 'they were'} paid only for posts outside the filters, and an account that was "
           "paid is costed on its paid posts, never at an estimate" if ctx.filters.use_estimates
           else f"{'it has' if one else 'none has'} a fee or contract in the filters, and 'Estimate unknown costs' "
                "is off")
    return (f"{counted(len(none), 'micro account')} in the filters {'has' if one else 'have'} no cost on "
            f"{'its' if one else 'their'} posts here, so {'it is' if one else 'they are'} not drawn or counted on "
            f"this page: {why}.")


def unpriced_celebrity_note(ctx: Context, bands: pd.DataFrame) -> str | None:
    """The Overview's answer when its celebrity band has accounts but no cost (a crawl with no fee or listed price:
    the rate card prices accounts under 1M followers only), so its chart compared micro with the mid band and left
    the pitch's question open: the published celebrity CPE range, and where the comparison is drawn. bands: the
    Overview's (band, cpe, optionally viral_only), scheme order. None when a celebrity band has a cost or no
    accounts, or is not in the filters."""
    celebrity = {b.name for b in ctx.filters.band_scheme if b.lower >= bm.CELEBRITY_FOLLOWERS}
    rows = bands[bands["band"].isin(celebrity)]
    viral_only = rows["viral_only"].fillna(False) if "viral_only" in rows else pd.Series(False, index=rows.index)
    if rows.empty or rows["cpe"].notna().any() or viral_only.all():
        return None
    prices, ers, followers = ctx.celebrity()
    low, high = bm.celebrity_cpe_range(prices, followers, ers)
    return (f"No account of {bm.CELEBRITY_FOLLOWERS:,} followers or more has a cost here: no fee or listed "
            "price is loaded for one, and the rate card prices smaller accounts only. Published celebrity "
            f"benchmarks put a celebrity post at {theme.money(low)}–{theme.money(high)} per engagement, each "
            "source counting engagements its own way (likes only, or likes + comments); Cost vs celebrity sets the "
            "micro-influencers against them counted the same way.")


def uncosted_bands_note(ctx: Context, s: CostSummary) -> str:
    """The chart's note of a band that has accounts but no cost on any, which the chart leaves out without a word: a
    crawl's 329 celebrities were in the data and nowhere on the chart ('' when every band with accounts has a
    cost)."""
    infl = s.influencers
    parts = []
    for band in ctx.filters.band_scheme:
        accounts = infl[infl["band"] == band.name]
        # (micro accounts without a cost have a note of their own: without_cost_note)
        if band.name != MICRO and len(accounts) and accounts["cost"].isna().all():
            unpriced = band.lower >= metrics.RATE_CARD_MAX_FOLLOWERS and ctx.filters.use_estimates
            why = (" (no fee or listed price; the rate card prices accounts under "
                   f"{metrics.RATE_CARD_MAX_FOLLOWERS:,} followers only)" if unpriced else "")
            parts.append(f"the {band.name} band's {counted(len(accounts), 'account')}, none with a cost{why}")
    return f"Not drawn: {in_words(parts)}." if parts else ""


def viral_footnote(ctx: Context, s: CostSummary) -> str:
    """The chart's and the exports' note of what was left out as viral ('' when nothing was)."""
    if not s.viral_left_out or s.viral.empty:
        return ""
    return f"Left out as viral ({VIRAL_RULE}): {_viral_by_band(ctx, s)}."


def same_basis_cpes(s: CostSummary) -> dict[str, float]:
    """The median micro CPE counted on fewer parts of an engagement, by the numerator that counts them (likes only;
    likes + comments), over the page's micro-influencers: what each celebrity ER source is set against."""
    micro = s.influencers[(s.influencers["band"] == MICRO) & s.influencers["cpe"].notna()]
    return {numerator: float(micro[column].median()) for numerator, (column, _) in SAME_BASIS_CPE.items()
            if micro[column].notna().any()}


def same_basis(micro: pd.DataFrame, prices, followers: float, ers) -> pd.DataFrame:
    """For each chosen celebrity ER that counts fewer parts of an engagement than the data (likes only, likes +
    comments): the median micro CPE counted on those parts, the celebrity CPE range of that ER, and the verdict."""
    rows = []
    for r in ers:
        if r.numerator not in SAME_BASIS_CPE:
            continue
        column, basis = SAME_BASIS_CPE[r.numerator]
        cpe = float(micro[column].median()) if micro[column].notna().any() else math.nan
        low, high = bm.celebrity_cpe_range(prices, followers, [r])
        rows.append({"source": f"{r.source} {bm.year_text(r.year)}", "basis": basis, "micro_cpe": cpe,
                     "celebrity_cpe_low": low, "celebrity_cpe_high": high,
                     "verdict": bm.verdict(cpe, low, high) if cpe > 0 else None})
    return pd.DataFrame(rows, columns=["source", "basis", "micro_cpe", "celebrity_cpe_low", "celebrity_cpe_high",
                                       "verdict"])


def same_basis_note(s: CostSummary) -> str | None:
    """One sentence for the page: the verdict with the micro CPE counted as each celebrity ER counts engagements."""
    rows = s.same_basis.dropna(subset=["verdict"])
    if rows.empty:
        return None
    results = " and ".join(f"{theme.money(r.micro_cpe)} ({r.basis}, as {r.source}: celebrity "
                           f"{theme.money(r.celebrity_cpe_low)}–{theme.money(r.celebrity_cpe_high)}, {r.verdict})"
                           for r in rows.itertuples())
    return (f"Like for like: your engagements count likes, comments, shares and saves; "
            f"{'these celebrity ERs count' if len(rows) > 1 else 'this celebrity ER counts'} fewer. Counted the "
            f"same way, the median micro CPE is {results}.")


def sensitivity(ctx: Context, s: CostSummary) -> pd.DataFrame:
    """The celebrity CPE range under every followers-based celebrity ER source (with the chosen prices) and under
    every celebrity price (with the chosen ERs), with the verdict of each: does the answer hang on one source?
    With a platform filter, only the sources about those platforms (or any): a TikTok mega price says nothing about
    an Instagram-only comparison."""
    prices, ers, followers = ctx.celebrity()
    platforms = set(ctx.filters.platforms)
    def about(record) -> bool:
        return not platforms or record.platform in platforms or record.platform == bm.ANY_PLATFORM
    celeb_ers = [r for r in bm.followers_based(ctx.er_records) if r.followers_low >= 1_000_000 and about(r)]
    celeb_prices = [r for r in ctx.price_records if r.followers_low >= 1_000_000 and about(r)]
    # the celebrities in the user's files (in the filter), viral ones left out as the page leaves them out
    accounts = s.influencers
    if ctx.cost_leave_out_viral:
        accounts = accounts[~(accounts["celebrity_median_er"] > metrics.VIRAL_ER)]
    if own := bm.own_celebrities_er(accounts):
        celeb_ers.append(own)
    basis = same_basis_cpes(s)
    micro = s.micro_median_cpe if s.micro_median_cpe > 0 else None      # None (no micro cost): the celebrity side
    by_er = bm.er_sensitivity(prices, followers, celeb_ers, micro, basis)
    by_price = bm.price_sensitivity(celeb_prices, followers, ers, micro, basis)
    def named(frame: pd.DataFrame, what: str, detail: pd.Series) -> pd.DataFrame:
        year = frame["year"].astype("string").fillna(bm.NO_YEAR)
        return frame.assign(varies=what, label=what + " · " + frame["source"] + " (" + year + ") · " + detail)
    stat = by_er["statistic"].where(by_er["statistic"] != "unstated", "mean or median not stated")
    # one source can price each platform's tier apart (one bar each, so the label names the platform)
    where = by_price["platform"].map(lambda p: "" if p == bm.ANY_PLATFORM else platform_name(p) + " ")
    by_er = named(by_er, "ER", stat)
    if own:
        by_er.loc[by_er["key"] == own.key, "label"] = (
            f"ER · your {own.accounts:,} accounts over 1M followers · median")
    both = pd.concat([by_er, named(by_price, "price", where + by_price["tier"])], ignore_index=True)
    return both.sort_values(["varies", "celebrity_cpe_low"], kind="stable").reset_index(drop=True)


# what a number of sources do, in the singular and the plural
_VERDICT_WORDS = {bm.MICRO_CHEAPER: ("puts micro-influencers cheaper", "put micro-influencers cheaper"),
                  bm.CELEBRITY_CHEAPER: ("puts the celebrity cheaper", "put the celebrity cheaper"),
                  # its celebrity range takes in the micro CPE
                  bm.OVERLAPS: ("leaves no clear winner", "leave no clear winner")}


# What the sensitivity chart's bars are, said under it on the page
SENSITIVITY_BARS = ("Each bar is the celebrity CPE range of one source: an engagement-rate source (ER) with the "
                    "chosen prices, or a celebrity price with the chosen engagement rates. Sources measure ER "
                    "differently (mean or median, likes only or all engagements); prices for a tier over 1M "
                    "followers are read as the price at the reference account's size. A bar named 'your … accounts "
                    "over 1M followers' takes the median ER of the celebrities in your own files (five at least).")


def sensitivity_finding(verdicts: pd.Series) -> str:
    """How many celebrity sources give each verdict, the commonest first: "the verdict flips with the source"
    overstated a chart where 12 of 14 sources agree."""
    counts = verdicts[verdicts != bm.NOT_COMPARABLE].value_counts()
    if len(counts) == 1:
        return f"Every celebrity ER and price source gives the same verdict: {counts.index[0]}"
    parts = [f"{n:,} {_VERDICT_WORDS[v][n != 1]}" for v, n in counts.items()]
    parts[0] = parts[0].replace(" ", f" of {int(counts.sum()):,} celebrity ER and price sources ", 1)
    return "; ".join(parts)


def sections(ctx: Context, labels_above: bool = False) -> list[Section]:
    """The page's sections; `labels_above`: the sensitivity chart's sources named above their bars, for a screen
    (charts_cost.build_benchmark_sensitivity)."""
    s = summary(ctx)
    if nothing_left := all_viral_sentence(s):
        # the report's headline question answered in words, rather than missing from the deck
        return [Section("cost_vs_celebrity", "Cost vs celebrity", nothing_left, None,
                        s.viral[["influencer", "platform", "band", "followers", "posts", "cpe", "viral_er"]],
                        viral_footnote(ctx, s), ctx.sql("cost_by_influencer"))]
    if s.influencers.empty:
        return []
    if no_cost_sentence(ctx, s):
        return [celebrity_side(ctx, s, labels_above)]
    # bands in the scheme's order, cheapest first within each: the query's band order is alphabetical, and a
    # report's table opened on celebrities without a cost. Ties in order of handle, as the query sorts them within a
    # band (lexsort is stable): a sort of 50,000 rows by band name, CPE and handle in pandas cost the page 50 ms.
    band_rank = pd.Categorical(s.influencers["band"], categories=[b.name for b in ctx.filters.band_scheme]).codes
    cpe = s.influencers["cpe"].to_numpy(dtype=float, na_value=np.nan)      # NaN sorts last
    table = (s.influencers.iloc[np.lexsort((cpe, np.where(band_rank < 0, len(ctx.filters.band_scheme), band_rank)))]
             [["influencer", "platform", "band", "followers", "posts", "engagements", "cost", "cpe", "cost_estimated"]]
             .reset_index(drop=True))
    table["posts"] = columns.posts_shown(table["posts"])
    left_out, uncosted = viral_footnote(ctx, s), uncosted_bands_note(ctx, s)
    fig = charts_cost.build_cpe_by_band(s.influencers, s.bands, [b.name for b in ctx.filters.band_scheme],
                                        s.celeb_low, s.celeb_high, s.finding,
                                        " ".join(filter(None, [left_out, uncosted, s.chart_note])),
                                        viral_left_out=bool(left_out),
                                        micro_median=s.micro_median_cpe if s.micro_median_cpe > 0 else None,
                                        micro_median_also=charts_cost.headline_micro_cpe(
                                            s.micro_median_cpe, s.celeb_low, s.like_for_like))
    out = [Section("cost_vs_celebrity", "Cost vs celebrity", s.finding, fig, table,
                   " ".join(filter(None, [left_out, uncosted, rate_card_platforms_note(ctx, s),
                                          unpaid_posts_note(table),
                                          bm.instagram_only_note(table["platform"], "the data"), s.source_note])),
                   ctx.sql("cost_by_influencer"))]
    if s.micro_median_cpe > 0:      # NaN: no micro CPE; 0: gifted posts, no ratio against any benchmark
        sens = sensitivity(ctx, s)
        title = sensitivity_finding(sens["verdict"])
        if s.rate_card_only:
            title += "; the micro CPE rests on the rate card's prices, not known ones"
        if s.n_micro < charts_cost.FEW_ACCOUNTS:       # "every source agrees" about 3 accounts is about 3 accounts
            title += f"; the micro CPE is the median of only {counted(s.n_micro, 'micro-influencer')}"
        # the micro CPE line comes from the page's query; the celebrity ranges from the benchmark tables
        out.append(Section("benchmark_sensitivity", "Benchmark sensitivity", title,
                           charts_cost.build_benchmark_sensitivity(sens, s.micro_median_cpe, title, labels_above),
                           sens.drop(columns=["label"]).astype({"year": "string"}),
                           sensitivity_source(sens, same_basis_note(s)),
                           ctx.sql("cost_by_influencer")))
    return out


def sensitivity_source(sens: pd.DataFrame, note: str | None) -> str:
    """The sensitivity chart's sources: each source's citation once, then `note` (what qualifies the comparison)."""
    return " ".join(filter(None, ["; ".join(dict.fromkeys(sens["citation"])) + ".", note]))


def celebrity_side_finding(s: CostSummary, sens: pd.DataFrame) -> str:
    """The celebrity CPE alone, where no influencer has a cost to set against it: the chosen sources' range, every
    source's, and the loaded celebrities' own where there are enough of them."""
    usable = sens.dropna(subset=["celebrity_cpe_low"])
    sentence = ("No influencer here has a cost to set against the celebrity benchmark: a celebrity post costs "
                f"{theme.money(s.celeb_low)}–{theme.money(s.celeb_high)} per engagement with the chosen sources")
    if len(usable) > 1:
        # "below", not "all": under a platform filter the chosen sources need not be among them
        sentence += (f"; {theme.money(usable['celebrity_cpe_low'].min())}–"
                     f"{theme.money(usable['celebrity_cpe_high'].max())} across the {len(usable):,} ER and price "
                     "sources below")
    own = usable[usable["key"] == bm.OWN_CELEBRITIES_KEY]
    if len(own):
        sentence += (f"; with your own accounts over 1M followers (their median ER), "
                     f"{theme.money(own['celebrity_cpe_low'].iloc[0])}–"
                     f"{theme.money(own['celebrity_cpe_high'].iloc[0])} at the chosen prices")
    return sentence


def celebrity_side(ctx: Context, s: CostSummary, labels_above: bool = False) -> Section:
    """Where no influencer in the filter has a cost: the celebrity CPE each source implies, so that files of
    celebrities alone (a list of top accounts) still show what one celebrity engagement costs, the loaded
    celebrities' own ER among the sources."""
    sens = sensitivity(ctx, s)
    title = celebrity_side_finding(s, sens)
    return Section("benchmark_sensitivity", "Celebrity benchmark", title,
                   charts_cost.build_benchmark_sensitivity(sens, None, title, labels_above),
                   sens.drop(columns=["label", "micro_cpe", "verdict"]).astype({"year": "string"}),
                   sensitivity_source(sens, bm.instagram_only_note(s.influencers["platform"], "the data",
                                                                   "these celebrity costs")),
                   ctx.sql("cost_by_influencer"))


def unpaid_posts_note(table: pd.DataFrame) -> str:
    """What the table's columns count, when some account's cost ÷ engagements is not its CPE (a client divided
    $25 by 31,000 engagements and read $0.0008 beside a CPE of $0.012): '' when every row's is."""
    divided = table["cost"] / table["engagements"].where(table["engagements"] > 0)
    if not ((divided - table["cpe"]).abs() > 1e-9 * table["cpe"].abs()).any():
        return ""
    return ("Posts and engagements count every post of an account; cost and CPE only its posts with a cost, so "
            "cost ÷ engagements is not the CPE of an account that also has unpaid posts.")


def celebrity_kpi(s: CostSummary, alone: bool = False) -> tuple[str, str, str]:
    """(label, value, help) of the celebrity benchmark's card; `alone`: where no influencer has a cost, with no micro
    CPE beside it to compare."""
    counts = ("Each source's ER counts engagements its own way (likes only, or likes + comments)"
              + (", as each source's row in the data below says." if alone else
                 ", where the micro CPE beside it counts likes, comments, shares and saves: the headline above "
                 "compares the two counted the same way."))
    return ("Celebrity benchmark CPE", f"{theme.money(s.celeb_low)}–{theme.money(s.celeb_high)}",
            "Price ÷ (followers × ER) over the chosen sources; low = lowest price with the highest ER. " + counts)


def kpis(s: CostSummary) -> list[tuple[str, str, str]]:
    """(label, value, help) of the page's KPI cards."""
    posts = (f"{s.price_low / s.micro_price:,.0f}–{s.price_high / s.micro_price:,.0f}"
             if s.micro_price and not math.isnan(s.micro_price) else theme.MISSING)
    guessed = " (rate card)" if s.rate_card_only else ""
    return [
        ("Median micro-influencer CPE" + guessed, theme.money(s.micro_median_cpe),
         f"Median over {counted(s.n_micro, 'micro influencer')} of their own CPE"
         + (f" ({counted(s.viral_micro, 'viral one')} left out)" if s.viral_micro else "") + ". Whole band: "
         f"{theme.money(s.micro_band_cpe)} (sum of cost ÷ sum of engagements)."),
        celebrity_kpi(s),
        ("Micro posts for one celebrity post" + guessed, posts,
         f"Celebrity price {theme.money(s.price_low)}–{theme.money(s.price_high)} ÷ median micro price per post "
         f"{theme.money(s.micro_price)}" + (", viral accounts included: going viral does not change what a post "
                                           "costs." if s.viral_micro else ".")
         # the Planner's count for the same money differs, and said why: "178–889" here beside "117 posts" there
         + " The Planner's count for a celebrity post's price differs: it buys the best-value accounts, one post "
           "each by default, and only those with a known price unless estimates are included."),
    ]
