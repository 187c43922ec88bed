"""Influencers: discover and vet accounts — engagement, price, cost per engagement, purchase intent in
comments, authenticity checks and audience fit, one row per influencer on a platform.

Everything is aggregated in SQL (queries/influencer_table.sql, follower_checks.sql, intent_by_influencer.sql,
influencer_posts.sql); the checks of microlens.flags, the lexicon of microlens.intent and the fit score of
microlens.audience then work on those small frames. The page-level filters (minimum ER, country, category,
search) are applied after the checks, on purpose: an account is judged against all its peers under the
global filters, not against whatever is left after a search.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import audience, flags, intent, metrics, theme
from . import benchmarks as bm
from .bands import MICRO
from .charts_influencers import build_er_scatter, on_the_chart, tier_spans
from .context import Context
from .export import Section
from .roster import Roster
from .text import counted, fix_mojibake, in_words, platform_name

TABLE_QUERIES = ("influencer_table", "follower_checks", "intent_by_influencer")
SHORTLIST_SIZE = 15
ER_MAX_DIGITS = 6        # as many decimals as a CPE column gets (theme.cpe_printf): 4 likes on 40M is 0.00001%
BEST_POSTS = 5

# ER denominators the page can plot, with the benchmark denominator each is compared with.
ER_MEASURES = {
    "median_er": ("ER by followers", "followers"),
    "median_er_views": ("ER by views", "views"),
    "median_er_reach": ("ER by reach", None),
    "median_er_impressions": ("ER by impressions", "impressions"),
}
# Numerators of benchmark ERs that count fewer parts of an engagement than ours -> (count comments, count shares);
# likes always count.
COUNTED_PARTS = {n: ("comments" in n, "shares" in n) for n in bm.COUNTS_FEWER_PARTS}
COUNTED_ER = "er_counted"   # queries/influencer_er_counted.sql's column
CHECK_NAMES = {"er": "Engagement rate vs peers", "comments": "Comments per like", "followers": "Follower growth"}
_STATISTIC_TEXT = {"like rate": "like rate", "unstated": "ER, mean or median not stated"}


@dataclass
class InfluencerData:
    table: pd.DataFrame      # one row per influencer and platform: influencer_table + intent + flags columns
    checks: pd.DataFrame     # every check of every account: influencer, platform, check, flag, severity, explanation
    check_figures: dict[str, pd.DataFrame]   # check name -> its figures per account, to word it (checks_of)
    has_comments: bool       # a comments file is loaded and linked to posts
    has_audience: bool       # the influencer list carries audience shares
    phrases: tuple[intent.Phrase, ...]   # the purchase-intent lexicon used (the default and the user's)

    @property
    def lexicon_size(self) -> int:
        return len(self.phrases)


def lexicon(extra_phrases: str = "") -> tuple[intent.Phrase, ...]:
    """The default purchase-intent lexicon plus the user's phrases (one per line) for this session."""
    return intent.extend(intent.DEFAULT_LEXICON, extra_phrases or "")


def intent_examples(examples, phrases: tuple[intent.Phrase, ...]) -> pd.DataFrame:
    """An account's example purchase-intent comments, each beside the phrase that made it count: the lexicon is
    the explanation, so a marketer sees why a comment is intent (and which phrase to doubt)."""
    texts = [str(e) for e in examples]
    matches = [intent.classify(t, phrases) for t in texts]
    return pd.DataFrame({"comment": texts, "why": [
        f"{intent.CATEGORY_LABELS[m.category]}: “{m.phrase}”" if m else "" for m in matches]})


def load(ctx: Context, extra_phrases: str = "") -> InfluencerData:
    """The influencer table under the global filters, with intent rate, flag summary and every check."""
    table = ctx.query("influencer_table")
    follower_checks = ctx.query("follower_checks", influencers=[], **flags.JUMP_RULE)
    phrases = lexicon(extra_phrases)
    intent_rows = ctx.query("intent_by_influencer", pattern=intent.build_pattern(phrases))
    intent_rows = intent_rows[intent_rows["influencer"].notna()].copy()
    # post_facts calls a post without platform 'other'; the intent query keeps it NULL.
    intent_rows["platform"] = intent_rows["platform"].fillna("other")
    intent_rows = intent_rows.rename(columns={"examples": "intent_examples"})

    checks, figures = account_checks(table, follower_checks)
    summary = flags.flags_summary(flags.raised([checks])).rename(columns={"severity": "flag_severity"})

    out = table.merge(intent_rows[["influencer", "platform", "comments", "intent_comments", "intent_rate",
                                   "intent_examples"]].rename(columns={"comments": "comment_texts"}),
                      on=["influencer", "platform"], how="left")
    out = out.merge(summary, on=["influencer", "platform"], how="left")
    # a list saved as UTF-8 and read back as Latin-1 somewhere on its way ("CÃ´te d'Ivoire" in top_insta)
    for column in ("name", "country", "category", "audience_country"):
        out[column] = fix_mojibake(out[column])
    out["flags_summary"] = out["flags_summary"].fillna("")
    out["flagged"] = out["flags_summary"] != ""
    present = [c for c in audience.AUDIENCE_COLUMNS if c in out.columns]
    return InfluencerData(table=out, checks=checks, check_figures=figures, has_comments=not intent_rows.empty,
                          has_audience=bool(present) and bool(out[present].notna().any().any()),
                          phrases=phrases)


# The checks whose unflagged results are worded only when an account's details are opened, with their wording.
_WORDED_LATER = {CHECK_NAMES["er"]: flags.er_sentences, CHECK_NAMES["comments"]: flags.comment_sentences}


def account_checks(table: pd.DataFrame, follower_checks: pd.DataFrame
                   ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(every authenticity check of every account, flagged or not, so the details panel can say why an account
    was flagged, why it was not, or why it could not be checked; the figures of the checks in _WORDED_LATER).
    Raised flags are worded here; the ER and comment checks of the other accounts are worded by checks_of, one
    account at a time: 100,000 sentences that nobody opens took over a second at 50,000 accounts."""
    er = flags.er_outliers(table[["influencer", "platform", "band", "median_er"]], explain=False)
    ratio = flags.comment_like_outliers(table[["influencer", "platform", "likes", "comments"]], explain=False)
    for check, figures in ((CHECK_NAMES["er"], er), (CHECK_NAMES["comments"], ratio)):
        flags.word_raised(figures, _WORDED_LATER[check])
        figures["check"] = check
    jumps = flags.follower_jumps(follower_checks).assign(flag="follower_jump", check=CHECK_NAMES["followers"])
    calm = _no_jump_sentences(table[["influencer", "platform"]], follower_checks, jumps)
    cols = ["influencer", "platform", "check", "flag", "explanation"]
    out = pd.concat([er[cols], ratio[cols], jumps[cols], calm[cols]], ignore_index=True)
    out["severity"] = out["flag"].map(flags.SEVERITY)
    return out, {CHECK_NAMES["er"]: er, CHECK_NAMES["comments"]: ratio}


def _no_jump_sentences(accounts: pd.DataFrame, follower_checks: pd.DataFrame, jumps: pd.DataFrame) -> pd.DataFrame:
    counts = follower_checks[["influencer", "platform", "observations", "first_date", "last_date"]]
    rows = accounts.merge(counts, on=["influencer", "platform"], how="left")
    jumped = rows.merge(jumps[["influencer", "platform"]].drop_duplicates(), on=["influencer", "platform"],
                        how="left", indicator=True)["_merge"].eq("both").to_numpy()
    rows = rows[~jumped].copy()
    rule = (f"a rise of more than {flags.JUMP_RELATIVE:.0%} and {flags.JUMP_ABSOLUTE:,} followers within "
            f"{flags.JUMP_MAX_GAP_DAYS} days")
    # Whole columns at once, not a sentence per row in Python: a million posts have 50,000 accounts.
    day = {end: pd.to_datetime(rows[end]).dt.strftime("%Y-%m-%d") for end in ("first_date", "last_date")}
    checked = rows["observations"].fillna(0) >= 2
    rows["explanation"] = ("No follower jump: " + rows["observations"].fillna(0).astype(int).astype(str)
                           + " dated follower counts from " + day["first_date"] + " to " + day["last_date"]
                           + f", none with {rule}.").where(
        checked,
        f"{flags.NOT_CHECKED}fewer than two dated follower counts (posts with a follower count at post time).")
    rows["check"] = CHECK_NAMES["followers"]
    rows["flag"] = None
    return rows


def add_fit(table: pd.DataFrame, target: audience.TargetProfile) -> pd.DataFrame:
    """`table` with fit_score (0-100), coverage and components_used for the target audience."""
    scored = audience.fit_score(table, target)
    return table.assign(fit_score=scored["fit_score"], fit_coverage=scored["coverage"],
                        fit_components=scored["components_used"])


def viral(table: pd.DataFrame) -> pd.Series:
    """Accounts whose median post earned more engagements than they have followers (metrics.VIRAL_ER): a crawl of
    trending posts, whose CPE (a 225-follower account at $0.0000037) no brief will buy."""
    return table["median_er"] > metrics.VIRAL_ER


def accounts_shown_help(view: pd.DataFrame, table: pd.DataFrame, viral_left_out: bool) -> str:
    """The 'Accounts shown' card's help: the accounts under the sidebar filters, and how many this page's own
    choices leave out (a crawl's 770 of 1,940 shown, the 1,170 viral ones not named); `viral_left_out`: the page
    leaves out viral accounts (else a search that hides them does not blame them on that)."""
    text = f"{len(table):,} under the sidebar filters"
    if hidden := len(table) - len(view):
        shown = set(zip(view["influencer"], view["platform"]))
        viral_out = viral_left_out and sum(key not in shown for key in zip(table.loc[viral(table), "influencer"],
                                                                           table.loc[viral(table), "platform"]))
        text += (f"; {hidden:,} left out by this page's choices above"
                 + (f" ({viral_out:,} of them as viral)" if viral_out else ""))
    return text + "."


def median_cpe_card(view: pd.DataFrame) -> tuple[str, str]:
    """The median CPE card's label and help: how many shown accounts have a cost, and how many of those costs are
    estimated (a crawl's card was all rate card, over 440 of 770 accounts, and said neither)."""
    costed = view["cpe"].notna()
    estimated = int((costed & view["cost_estimated"].fillna(False).astype(bool)).sum())
    label = "Median CPE (accounts shown" + (", estimated)" if estimated and estimated == costed.sum() else ")")
    if not costed.any():
        return label, (f"No shown account has a cost (a fee paid, a listed price, or the rate card under 1M "
                       "followers), so there is no cost per engagement to take the median of.")
    help_text = (f"Median over the {counted(int(costed.sum()), 'shown account')} with a cost (of {len(view):,}), of "
                 "every band, of each account's cost per engagement"
                 + (f"; {estimated:,} of those costs {'is' if estimated == 1 else 'are'} estimated "
                    f"({metrics.ESTIMATED_COST_RULE})" if estimated else "")
                 + ". Cost vs celebrity's card takes the micro band only; Overview's pools every post.")
    return label, help_text


def filter_rows(table: pd.DataFrame, min_er: float | None = None, countries=(), categories=(),
                search: str = "", leave_out_viral: bool = False) -> pd.DataFrame:
    """The page's own filters on the aggregated rows: minimum median ER by followers (a fraction; accounts
    without an ER drop out once a minimum is set), countries and categories (empty = all), a plain-text
    search in handle and display name (case-insensitive, no pattern syntax), and viral accounts left out."""
    keep = pd.Series(True, index=table.index)
    if min_er:
        keep &= table["median_er"].fillna(-math.inf) >= min_er
    if leave_out_viral:
        keep &= ~viral(table)
    if countries:
        keep &= table["country"].isin(list(countries))
    if categories:
        keep &= table["category"].isin(list(categories))
    needle = search.strip().lower().lstrip("@")
    if needle:
        names = table["influencer"].fillna("") + " " + table["name"].fillna("")
        keep &= names.str.lower().str.contains(needle, regex=False)
    return table[keep]


def er_digits(values) -> int:
    """Decimals to print engagement rates in percent with: one, or two significant digits of the smallest non-zero
    rate when one decimal would print it as 0.0% (a YouTube list's 0.02%), at most ER_MAX_DIGITS. (A table prints each
    row to three significant digits instead: pages/influencers.ER_FORMAT.)"""
    rates = [abs(float(v)) * 100 for v in values if v is not None and not pd.isna(v)]
    smallest = min((v for v in rates if 0 < v < math.inf), default=None)
    if smallest is None or smallest >= 0.05:
        return 1
    return min(ER_MAX_DIGITS, 1 - math.floor(math.log10(smallest)))


def er_text(value: float | None) -> str:
    """One engagement rate as a percent, never 0.0% when it is not zero."""
    return theme.percent(value, er_digits([value]))


def choices(table: pd.DataFrame, column: str) -> list[str]:
    """Distinct non-empty values of a text column, sorted, for a filter's options."""
    return sorted({str(v) for v in table[column].dropna() if str(v).strip()})


def er_measures(table: pd.DataFrame) -> dict[str, str]:
    """ER columns with at least one value in the data -> label; by followers always comes first."""
    return {col: label for col, (label, _) in ER_MEASURES.items()
            if col == "median_er" or (col in table.columns and table[col].notna().any())}


def source_label(record: bm.ErBenchmark) -> str:
    statistic = _STATISTIC_TEXT.get(record.statistic, f"{record.statistic} ER")
    return f"{record.source} {bm.year_text(record.year)} · {platform_name(record.platform)} · {statistic}"


def benchmark_sources(er_records, er_column: str = "median_er") -> dict[str, tuple[bm.ErBenchmark, ...]]:
    """ER benchmark records grouped into sources whose tiers can be drawn against `er_column`: only records
    measured with the same denominator (an ER per view says nothing about an ER per follower). One source =
    one publisher, report, year, platform and statistic, i.e. one table of tiers."""
    denominator = ER_MEASURES[er_column][1]
    groups: dict[str, list[bm.ErBenchmark]] = {}
    for r in er_records:
        if denominator is not None and r.denominator == denominator:
            groups.setdefault(source_label(r), []).append(r)
    return {label: tuple(records) for label, records in groups.items()}


def covered(table: pd.DataFrame, er_column: str, records: tuple[bm.ErBenchmark, ...]) -> int:
    """Accounts with a value of `er_column` on a platform the source measures (its tiers' follower ranges aside:
    a source with an extra under-1K tier should not outrank a newer one for a few small accounts)."""
    return int((table[er_column].notna() & on_platforms(table, records)).sum())


def on_platforms(table: pd.DataFrame, records: tuple[bm.ErBenchmark, ...]) -> pd.Series:
    """Per row, whether the account is on a platform the source measures."""
    platforms = {r.platform for r in records}
    return table["platform"].isin(platforms) | (bm.ANY_PLATFORM in platforms)


def default_source(sources: dict[str, tuple], table: pd.DataFrame, er_column: str) -> str | None:
    """The source to show first: the one that speaks to most accounts with a value of `er_column`, preferring a
    median statistic (ours is a median), then the most tiers, then the newest year."""
    if not sources:
        return None

    def rank(label: str):
        records = sources[label]
        r = records[0]
        return (-covered(table, er_column, records), r.statistic != "median", -len(records), -(r.year or 0),
                label)

    return min(sources, key=rank)


def benchmark_er(table: pd.DataFrame, records: tuple[bm.ErBenchmark, ...]) -> pd.Series:
    """Per row, the ER of the benchmark tier the account falls in (same platform, followers within the tier's
    [low, high) range), NaN where the source has no such tier."""
    out = pd.Series(float("nan"), index=table.index)
    for r in records:
        high = math.inf if r.followers_high is None else r.followers_high
        inside = ((table["platform"] == r.platform) | (r.platform == bm.ANY_PLATFORM)) \
            & (table["followers"] >= r.followers_low) & (table["followers"] < high)
        out = out.where(~(inside & out.isna()), r.er)
    return out


def scatter_finding(table: pd.DataFrame, er_column: str, records: tuple[bm.ErBenchmark, ...], er_label: str,
                    counted_against: tuple[str, str] | None = None, another_covers: bool = False) -> str:
    """The scatter's headline: how many accounts beat the benchmark of their own tier (`er_column`, named
    `er_label`, is the ER the dots show). counted_against: (what the dots count, the benchmark's numerator) when
    the data cannot count as the benchmark does: all of an engagement where it gives only a total (the comparison
    flatters the accounts), or likes only where it has no comments (it does them an injustice); said in the
    headline. another_covers: whether another source of this measure has tiers of the accounts' platforms."""
    if not records:
        return f"Median {er_label} against followers (no benchmark source for this measure)"
    r = records[0]
    name = f"{r.source} ({bm.year_text(r.year)})"
    bench = benchmark_er(table, records)
    # the accounts the chart draws: one of 0 followers (a failed crawl) against a views benchmark of any size made
    # the headline's "1,533 accounts" one more than the chart and its table
    in_tiers = bench.notna() & on_the_chart(table)
    compared = in_tiers & table[er_column].notna()
    n = int(compared.sum())
    if n == 0 and in_tiers.any():
        count = int(in_tiers.sum())
        if count == 1:
            return f"The one {platform_name(r.platform)} account in {name}'s tiers has no {er_label} in the data"
        return (f"None of the {count:,} {platform_name(r.platform)} accounts in {name}'s tiers has an {er_label} "
                "in the data")
    if n == 0 and r.platform != bm.ANY_PLATFORM and not (table["platform"] == r.platform).any():
        # a YouTube list under Instagram tiers: said as "no account in a range it covers", it hid that the source
        # speaks of another platform
        # "choose another source" where every source is of Instagram sent a YouTube list's user looking for none
        platforms = in_words([platform_name(p) for p in sorted(table["platform"].dropna().unique())])
        return (f"{name} gives {platform_name(r.platform)} tiers only, and none of the "
                f"{counted(len(table), 'account')} here is on {platform_name(r.platform)}: " + (
                    "choose another source" if another_covers else
                    f"no benchmark gives {platforms} tiers of {er_label.split(' (')[0]} (add one on the Benchmarks "
                    "page)"))
    if n == 0:
        return f"No account is on {platform_name(r.platform)} in a follower range that {name} covers"
    above = int((table.loc[compared, er_column] > bench[compared]).sum())
    # the source's platform's accounts on the chart that no tier of it covers (under 1K followers, for Modash): the
    # chart draws 109 Instagram accounts where the headline counted 104
    own_platform = table["platform"] == r.platform if r.platform != bm.ANY_PLATFORM else True
    outside = int((on_the_chart(table, er_column) & own_platform & bench.isna()).sum())
    caveat = (f" ({outside:,} more outside its tiers)" if outside else "") + (
        f", counting {counted_against[0]} against its {counted_against[1]}" if counted_against else "")
    if n == 1:     # one account chosen, or searched for: "1 of 1 … accounts have" read as a slip
        where = "above" if above else "at or below"
        return (f"The one {platform_name(r.platform)} account's {er_label} is {where} what {name} gives for its "
                f"follower tier{caveat}")
    if 2 * above >= n:
        return (f"{above:,} of {n:,} {platform_name(r.platform)} accounts have a higher {er_label} than "
                f"{name} gives for their follower tier{caveat}")
    # most accounts are not above: the headline says so ("608 of 1,608 … higher" hid that 1,000 are not)
    return (f"{n - above:,} of {n:,} {platform_name(r.platform)} accounts have an {er_label} at or below what "
            f"{name} gives for their follower tier{caveat}")


def counted_as(records: tuple[bm.ErBenchmark, ...]) -> str | None:
    """The numerator a source's tiers count, when it names fewer parts of an engagement than ours (likes only,
    likes + comments, likes + comments + shares); None when it counts all four or does not say."""
    numerators = {r.numerator for r in records}
    return next(iter(numerators)) if len(numerators) == 1 and numerators <= set(COUNTED_PARTS) else None


def with_counted_er(ctx: Context, table: pd.DataFrame, er_column: str, numerator: str) -> pd.DataFrame:
    """`table` with COUNTED_ER: each account's median ER by `er_column`'s denominator, its engagements counted
    as `numerator` counts them (queries/influencer_er_counted.sql)."""
    comments, shares = COUNTED_PARTS[numerator]
    counted = ctx.query("influencer_er_counted", denominator=ER_MEASURES[er_column][1], count_comments=comments,
                        count_shares=shares)
    return table.merge(counted, on=["influencer", "platform"], how="left")


def _parts_counted(table: pd.DataFrame, rows: pd.Series, numerator: str) -> str:
    """The parts of `numerator` that some of `rows` has (likes always count)."""
    return "+".join(p for p in numerator.split("+") if p == "likes" or not table.loc[rows, f"no_{p}"].all())


def _dots_definition(er_label: str, numerator: str | None = None, left_out: int = 0,
                     total_against: str | None = None, from_list: int = 0, drawn: int = 0,
                     lacking: dict[str, int] | None = None) -> str:
    """numerator: the parts the dots count, when fewer than all four; left_out: accounts without those parts;
    total_against: the benchmark's numerator when the data gives engagements only as a total; from_list: of the
    `drawn` accounts, those known only from an influencer list (its averages per post, not posts); lacking: the
    benchmark's parts the data has not, by how many drawn accounts lack them (their dots count without them)."""
    per = er_label.removeprefix("ER by ")
    if drawn and from_list == drawn:
        where = "average per post in the influencer list"
    else:
        where = "median over its posts" + (f" (for the {from_list:,} known only from an influencer list, its "
                                           "average per post)" if from_list else "")
    if numerator is None:
        text = f"Dots: each account's {where} of engagements (likes+comments+shares+saves) ÷ {per}."
        if total_against:
            text += (f" The benchmark counts {total_against} only, which the data does not split out: the dots "
                     "read higher than a like-for-like comparison would.")
        return text
    lacking = lacking or {}
    absent = [part for part, n in lacking.items() if n == drawn]
    # a list's row in the table is its own engagement figure (average engagements, else its ER): top_insta's 60-day
    # rate beside its lifetime average likes put the dot above the table's ER for 178 of 200 accounts
    table = ("the table's ER counts likes+comments+shares+saves" if not from_list else
             "the table's ER counts likes+comments+shares+saves, or for an account from an influencer list the "
             "list's own average engagements or engagement rate (often of other posts than its average likes), so "
             "a dot and its row can differ")
    if absent:
        counts = "+".join(p for p in numerator.split("+") if p not in absent)
        text = (f"Dots: each account's {where} of ({counts}) ÷ {per}; the data has no {' or '.join(absent)}, which "
                f"the benchmark's {numerator} counts, so the dots read lower than like for like; {table}.")
    else:
        text = (f"Dots: each account's {where} of ({numerator}) ÷ {per}, engagements counted as the benchmark "
                f"counts them; {table}.")
    for part, n in lacking.items():
        if 0 < n < drawn:
            text += (f" {counted(n, 'account has', 'accounts have')} no {part} in the data: "
                     f"{'its dot counts' if n == 1 else 'their dots count'} without them, lower than like for like.")
    if left_out:
        text += (f" {left_out:,} account{'s' if left_out != 1 else ''} whose data gives engagements only as a "
                 f"total {'is' if left_out == 1 else 'are'} left out.")
    return text


def scatter_note(records: tuple[bm.ErBenchmark, ...], dots: str) -> str:
    """Chart footnote: the benchmark's source and definition next to the dots' (`dots`)."""
    if not records:
        return dots
    return f"{dots}<br>Benchmark: {records[0].citation}"


def measure_to_show(table: pd.DataFrame, er_records, chosen: str | None = None) -> str:
    """The user's ER measure when the data has it; else the one whose best benchmark source speaks to most
    accounts with a value of it (by followers first on a tie), so that TikTok data, benchmarked per view, is
    compared per view, and a measure no account has (YouTube lists without views) is not chosen."""
    measures = er_measures(table)
    if chosen in measures:
        return chosen
    best, best_count = "median_er", 0
    for column in measures:
        count = max((covered(table, column, records) for records in benchmark_sources(er_records, column).values()),
                    default=0)
        if count > best_count:
            best, best_count = column, count
    return best


def chosen_source(er_records, table: pd.DataFrame, er_column: str,
                  source: str | None = None) -> tuple[str | None, tuple[bm.ErBenchmark, ...]]:
    """The benchmark source the chart of `table`'s rows draws against `er_column`, and its tiers: `source` (a
    benchmark_sources label) where it is offered for this measure, else the default source; (None, ()) when no
    source measures ER this way."""
    sources = benchmark_sources(er_records, er_column)
    source = source if source in sources else default_source(sources, table, er_column)
    return source, sources.get(source, ()) if source else ()


def reported_view(ctx: Context, table: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The ER measure and the rows of the report's chart (sections), from a load() or influencer_table table: as the
    page draws it by default, viral accounts left out unless the page was told otherwise (the deck said "1,486 of
    2,595 accounts" where the page said "1,100 of 1,532")."""
    # the measure picked on the rows drawn, as the page picks it: picked before the viral accounts went, a crawl's
    # report drew TikTok by views where the page drew Instagram by followers
    shown = filter_rows(table, leave_out_viral=ctx.influencer_leave_out_viral)
    return measure_to_show(shown, ctx.er_records, ctx.influencer_er_measure), shown


def reported_tiers(ctx: Context) -> tuple[bm.ErBenchmark, ...]:
    """The benchmark tiers the report's ER-against-followers chart draws (the source chosen on the Influencers page,
    else its default), for the report's list of the benchmarks it used. The measure and the source are worked out
    from influencer_table alone, as load() would (its other columns do not move them), and a tier counts as drawn
    when it reaches the accounts with a value of that measure: where the chart counts engagements as the source does,
    it may drop accounts whose data gives only a total, so this can name a tier at the edge it leaves out, never
    leave out one it draws."""
    table = ctx.query("influencer_table")
    if table.empty:
        return ()
    measure, shown = reported_view(ctx, table)
    _, records = chosen_source(ctx.er_records, shown, measure, ctx.influencer_er_source)
    return tuple(r for r, _, _ in tier_spans(records, shown.loc[shown[measure].notna(), "followers"]))


def scatter_section(ctx: Context, table: pd.DataFrame, er_column: str = "median_er",
                    source: str | None = None, viral_left_out: int = 0) -> Section:
    """ER against followers for the rows of `table` (a load() table, possibly filtered), with the tiers of
    `source` (a benchmark_sources label; the default source when None or not offered for this measure). When
    the source counts fewer parts of an engagement than ours, the dots count the same parts: a likes + comments
    benchmark set against likes + comments + shares + saves would flatter every account. viral_left_out: the viral
    accounts `table` no longer holds, said in the chart's note (a report has no checkbox to say it)."""
    source, records = chosen_source(ctx.er_records, table, er_column, source)
    er_label = ER_MEASURES[er_column][0]
    numerator = counted_as(records)
    queries = ["influencer_table"]
    column, label, left_out, total_against, counted_against = er_column, er_label, 0, None, None
    drawn, lacking, axis_label = table[er_column].notna(), {}, er_label
    if numerator is not None:
        table = with_counted_er(ctx, table, er_column, numerator)
        drawn = table[er_column].notna()     # on the merged frame's index, which the merge renumbered
        queries.append("influencer_er_counted")
        # The finding speaks of the accounts on the source's platforms (all, when none is): what they count is
        # decided on them alone. Decided on every dot, TikTok posts with comments made 29 Instagram accounts without
        # any read "(likes+comments)" in the deck, while the page filtered to Instagram said "(likes)".
        judged = on_platforms(table, records) & drawn
        judged = judged if judged.any() else drawn
        if table.loc[judged, COUNTED_ER].notna().any():
            drawn = table[COUNTED_ER].notna()
            left_out = int((table[er_column].notna() & ~drawn).sum())
            lacking = {part: int(table.loc[drawn, f"no_{part}"].sum()) for part in ("comments", "shares")
                       if part in numerator}
            # what the dots count where no drawn account has a part the benchmark counts (top_insta: no comments)
            axis_label = f"{er_label} ({_parts_counted(table, drawn, numerator)})"
            counts = _parts_counted(table, drawn & judged, numerator)
            column, label = COUNTED_ER, f"{er_label} ({counts})"
            counted_against = (f"{counts} only", numerator) if counts != numerator else None
        else:   # an export that gives only total engagements (an influencer list's "Engagement average"); also
            # when only accounts the source does not measure have the parts: cristiano's 1.3% is no "no ER"
            numerator, total_against = None, numerator
            counted_against = ("all engagements", total_against)
    from_list = int((drawn & (table["posts"] == 0)).sum())   # no post: the list's averages are its one row
    dots = _dots_definition(er_label, numerator, left_out, total_against, from_list, int(drawn.sum()), lacking)
    if er_column != "median_er" and (unmeasured := int((table["median_er"].notna() & table[er_column].isna()).sum())):
        # a crawl of TikTok posts beside Instagram lists: the lists have no views, and their accounts would vanish
        dots += (f" {unmeasured:,} account{'s' if unmeasured != 1 else ''} without {er_label.removeprefix('ER by ')} "
                 f"{'is' if unmeasured == 1 else 'are'} not drawn (ER by followers draws "
                 f"{'it' if unmeasured == 1 else 'them'}).")
    if no_followers := int((table[column].notna() & ~on_the_chart(table, column)).sum()):
        # an ER by views without a follower count has no place on the followers axis: the crawl's 614 drawn and 155
        # without views came to 769 of the table's 770
        dots += (f" {counted(no_followers, 'account')} without a follower count "
                 f"{'is' if no_followers == 1 else 'are'} not drawn (the axis is followers).")
    if viral_left_out:
        # the TikTok crawl's report drew 614 of 1,940 accounts under a headline that read as all of them
        dots += (f" {counted(viral_left_out, 'viral account')} (median ER by followers over "
                 f"{theme.percent(metrics.VIRAL_ER, 0)}: posts that travelled far beyond their followers) "
                 f"{'is' if viral_left_out == 1 else 'are'} left out.")
    another_covers = any(on_platforms(table, tiers).any() for tiers in benchmark_sources(ctx.er_records,
                                                                                        er_column).values())
    finding = scatter_finding(table, column, records, label, counted_against, another_covers)
    plotted = on_the_chart(table, column)
    if left_out > plotted.sum():
        # the headline of 29 dots read as the whole list of 1,011, the 982 others named only in the source line
        which = (f"{left_out:,} of the {left_out + int(plotted.sum()):,} accounts give" if plotted.any()
                 else "its one account gives" if left_out == 1 else f"all {left_out:,} accounts give")
        finding += (f"; {which} engagements only as a total and {'is' if which.endswith('gives') else 'are'} not "
                    "drawn")
    # a source of another platform's tiers only (Instagram's beside a YouTube list) is named in the finding, not
    # drawn: its band over dots it does not measure read as their benchmark
    drawn_tiers = records if on_platforms(table, records).any() else ()
    fig = build_er_scatter(table, column, axis_label, drawn_tiers, source or "", finding,
                           scatter_note(drawn_tiers, dots))
    # the rows the chart draws, no others: beside a chart of TikTok ER by views, the table listed every Instagram
    # celebrity (no views, so every value "–") first
    shown = table.loc[plotted, ["influencer", "platform", "band", "followers", *dict.fromkeys([er_column, column]),
                                "cpe", "flags_summary"]].copy()
    shown["benchmark_er"] = benchmark_er(shown, records)
    # named only where it gave a benchmark: an Instagram row beside a TikTok source read as benchmarked by it
    shown["benchmark_source"] = shown["benchmark_er"].notna().map({True: source or "", False: ""})
    # the definition of the dots as well: exports print this under the chart instead of the chart's footnote
    cited = "; ".join(dict.fromkeys(r.citation for r in records))
    return Section("influencers_er_vs_followers", "Engagement vs followers", finding, fig, shown,
                   dots + (f" Benchmark: {cited}" if cited else ""),
                   ctx.sql(*queries))


VIRAL_LINE_WORDS = (f"the {theme.percent(metrics.VIRAL_ER, 0)} at which an account counts as viral: posts that "
                    "travelled far beyond their followers, which a new post rarely matches")


def cheapest_near_viral_note(view: pd.DataFrame, n: int = SHORTLIST_SIZE) -> str | None:
    """Under the table sorted by CPE: that its cheapest rows owe their CPE to near-viral posts, or viral ones where
    the page keeps them (the `n` cheapest with a CPE at a median ER over metrics.NEAR_VIRAL_ER), as the shortlist's
    finding says on a slide; a crawl's table opened on one-post accounts at 92-99.6% ER with nothing on the page to
    say so. None otherwise."""
    cheapest = view[view["cpe"].notna() & (view["cpe"] > 0)].sort_values(["cpe", "influencer"]).head(n)
    middle = cheapest["median_er"].median()
    if len(cheapest) < 2 or not middle > metrics.NEAR_VIRAL_ER:
        return None
    # (over the line where the page keeps the viral accounts: a crawl's cheapest at 526-2,715%)
    where = "near" if middle <= metrics.VIRAL_ER else "over"
    return (f"The {len(cheapest)} cheapest accounts here have a median ER of {theme.percent(middle, 1)}, {where} "
            f"{VIRAL_LINE_WORDS}: their low cost per engagement rests on those posts.")


def shortlist(table: pd.DataFrame, n: int = SHORTLIST_SIZE) -> tuple[pd.DataFrame, str, int, int]:
    """The `n` micro accounts with the lowest CPE (all bands if there is no micro account with a CPE), the band
    label used, and how many accounts of that pool were left out: for an authenticity warning (the cheapest
    engagement is where bought engagement hides, so a shortlist for a client skips them, as the Planner does),
    and, of the others, for a median ER by followers above metrics.VIRAL_ER (viral posts: the cheapest CPE of a
    crawl of trending posts, which no new post would buy)."""
    costed = table[table["cpe"].notna() & (table["cpe"] > 0)]
    micro = costed[costed["band"] == MICRO]
    pool, label = (micro, "micro-influencers") if not micro.empty else (costed, "influencers")
    warned = pool["flag_severity"] == flags.WARNING
    gone_viral = ~warned & viral(pool)
    top = pool[~warned & ~gone_viral].sort_values(["cpe", "influencer"]).head(n)
    return top, label, int(warned.sum()), int(gone_viral.sum())


# What the cost of an account paid no fee is taken from, by its price basis, in a shortlist's "Cost from" column and
# (COST_FROM_WORDS) its finding; an account paid any fee is costed on its fees (metrics.ESTIMATED_COST_SCOPE)
COST_FROM = {"listed": "listed price (no fee paid)", "estimated": "rate card × followers (no fee, no price)"}
COST_FROM_WORDS = {COST_FROM["listed"]: "price they list",
                   COST_FROM["estimated"]: "rate card's estimate from followers"}
FEES_PAID = "fees paid"


def cost_from(table: pd.DataFrame) -> pd.Series:
    """What each account's CPE rests on: the fees paid, or for an account paid no fee, where its price comes from. A
    row never says "listed" and "estimated" at once."""
    unpaid = table["cost_estimated"].fillna(False).astype(bool)
    return table["price_basis"].map(COST_FROM).where(unpaid, FEES_PAID)


def shortlist_section(data: InfluencerData, sql: str = "", size: int = SHORTLIST_SIZE) -> Section | None:
    top, label, warned, viral = shortlist(data.table, size)
    if top.empty:
        return None
    flagged = int(top["flagged"].sum())
    low, high = theme.money(top["cpe"].min()), theme.money(top["cpe"].max())
    er = theme.percent(top["median_er"].median(), 1)
    # near the viral line, said in the answer itself: in its qualification, under a slide's headline, it read as
    # small print beside "the 15 cheapest micro-influencers"
    near_viral = top["median_er"].median() > metrics.NEAR_VIRAL_ER
    er_text = f"on near-viral posts (median ER {er})" if near_viral else f"median ER {er}"
    span = low if low == high else f"{low}–{high}"
    if len(top) == size:
        finding = (f"The cheapest {label[:-1]} costs {low} per engagement, {er_text}" if size == 1 else
                   f"The {len(top)} cheapest {label} cost {span} per engagement, {er_text}")
    else:       # "the 3 cheapest" of 3 read as a choice among more
        every = "The one" if len(top) == 1 else "The" if warned or viral else "All"
        what = label[:-1] if len(top) == 1 else f"{len(top)} {label}"
        # the others left out, said after the answer, have a cost too
        finding = f"{every} {what} {'left' if warned or viral else 'with a cost'}: {span} per engagement, {er_text}"
    left_out = [f"{warned:,} with an authenticity warning"] if warned else []
    if viral:
        # "of the others": the viral count leaves out the warned accounts, so it reads as less than Cost vs
        # celebrity's (35 of 38 left out there as viral, "5 … and 30 viral" here)
        left_out.append(f"{'and, of the others, ' if warned else ''}{viral:,} whose posts earn more engagements than "
                        "they have followers (viral posts)")
    if left_out:
        # after the answer, not in it: a crawl's slide headline ran to three lines with them
        finding += "; left out: " + " ".join(left_out)
    top = top.assign(cost_from=cost_from(top))
    unpaid = top.loc[top["cost_estimated"].fillna(False).astype(bool), "cost_from"]
    if len(unpaid) == len(top) and (top["price_basis"] == "estimated").all():
        # followers × a rate over engagements: the cheapest are just the highest engagement rates
        finding += "; every cost is a rate-card estimate from followers, so this ranks engagement rate, not price"
    elif len(unpaid):
        counts = unpaid.value_counts()
        finding += (f"; {'all' if len(unpaid) == len(top) else f'{len(unpaid)} of'} {len(top)} were paid no fee, so "
                    "their cost is " + " or ".join(f"the {COST_FROM_WORDS[c]}" + (f" ({n})" if len(counts) > 1 else "")
                                                  for c, n in counts.items()))
    if near_viral:
        finding += f"; a median ER of {er} is near {VIRAL_LINE_WORDS}"    # (the viral accounts are left out)
    if flagged:
        finding += f"; {flagged} of them {'carries' if flagged == 1 else 'carry'} a minor authenticity note"
    # what a slide shows first (8 columns): who, how engaging, how cheap and what the cost rests on, in one column
    # ("Price basis: listed" beside "Cost estimated: yes" read as a contradiction)
    # (authenticity flags before intent: a client's slide keeps its first eight columns, and a warned account must
    # say so there)
    columns = ["influencer", "platform", "band", "followers", "median_er", "cpe", "price", "cost_from",
               "flags_summary", "intent_rate", "profile_url"]
    if label == "micro-influencers":
        # one band, named in the finding: its column would push "cost from" off a slide's eight, and the finding's
        # "11 of 15 were paid no fee" then had nothing beside it to say which
        columns.remove("band")
    if not top["flags_summary"].astype(bool).any():
        # no account on the list carries a note: an empty column took a slide's and a PDF page's room
        columns.remove("flags_summary")
    note = ("CPE = sum of cost ÷ sum of engagements over the filtered posts. Cost from, what that cost rests on: "
            "fees paid; else the price per post the influencer list gives, or followers × the rate card (a price "
            f"stands in {metrics.ESTIMATED_COST_SCOPE}; "
            f"the estimate: {metrics.ESTIMATED_COST_RULE}). Intent rate = share of comments with a purchase-intent "
            "phrase. Accounts with an authenticity warning (ER far above peers, too many or too few comments per "
            "like, a follower jump) are left out, and so are accounts whose median ER by followers is over 100% "
            "(viral posts, which a new post rarely matches).")
    return Section("influencers_shortlist", "Influencer shortlist", finding, None,
                   top[columns].reset_index(drop=True), note, sql,
                   refit=lambda fewer: shortlist_section(data, sql, fewer))


def sections(ctx: Context) -> list[Section]:
    data = load(ctx, ctx.intent_extra)
    if data.table.empty:
        return []
    sql = ctx.sql(*TABLE_QUERIES)
    measure, shown = reported_view(ctx, data.table)
    out = [shortlist_section(data, sql),
           scatter_section(ctx, shown, measure, ctx.influencer_er_source, len(data.table) - len(shown))]
    return [s for s in out if s is not None]


# ---------------------------------------------------------------------------------------------- details


def checks_of(data: InfluencerData, influencer: str, platform: str) -> pd.DataFrame:
    """One account's checks, flagged ones first: check, flag, severity, explanation."""
    own = data.checks[(data.checks["influencer"] == influencer) & (data.checks["platform"] == platform)].copy()
    for i in own.index[own["explanation"].isna()]:
        figures = data.check_figures[own.at[i, "check"]]
        row = figures[(figures["influencer"] == influencer) & (figures["platform"] == platform)]
        own.at[i, "explanation"] = _WORDED_LATER[own.at[i, "check"]](row)[0]
    order = own["flag"].isna().astype(int)
    return own.assign(_order=order).sort_values(["_order", "check"], kind="stable").drop(columns="_order")


def best_posts(posts: pd.DataFrame, n: int = BEST_POSTS) -> pd.DataFrame:
    """The `n` posts with most engagements (ties: newest first): posted_at, engagements, er, sponsored, url,
    caption."""
    cols = ["posted_at", "engagements", "er", "sponsored", "url", "caption"]
    return (posts.sort_values(["engagements", "posted_at"], ascending=[False, False], na_position="last")
            .head(n)[cols].reset_index(drop=True))


def posts_title(posts: pd.DataFrame, influencer: str, platform: str) -> str:
    """Headline of one account's posts chart: its median ER, and sponsored vs organic where both exist."""
    head = f"{influencer} on {platform_name(platform)}"
    er = posts["er"].dropna()
    if er.empty:
        return f"{head}: no post with both engagements and followers"
    sponsored = posts["sponsored"].fillna(False).astype(bool)
    text = f"{head}: median ER {theme.percent(er.median(), 1)} over {len(er)} posts"
    # organic: marked not sponsored (a post the data does not mark is neither)
    organic_posts = posts["sponsored"].notna() & ~sponsored
    spons, organic = posts.loc[sponsored, "er"].dropna(), posts.loc[organic_posts, "er"].dropna()
    if not spons.empty and not organic.empty:
        text += (f"; sponsored {theme.percent(spons.median(), 1)} vs organic "
                 f"{theme.percent(organic.median(), 1)}")
    return text


def roster_note(row: pd.Series) -> str:
    """The note saved with a roster entry: the figures the account was chosen on, and when they applied."""
    price = theme.money(row.get("price"))
    if isinstance(row.get("price_basis"), str):
        price += f" ({row['price_basis']})"
    parts = [f"{theme.count(row.get('followers'))} followers", f"median ER {er_text(row.get('median_er'))}",
             f"CPE {theme.money(row.get('cpe'))}" + (" (estimated cost)" if row.get("cost_estimated") else ""),
             f"price per post {price}"]
    if pd.notna(row.get("intent_rate")):
        parts.append(f"purchase intent {theme.percent(row['intent_rate'], 1)} of comments")
    if row.get("flags_summary"):
        parts.append(f"flags: {row['flags_summary']}")
    return "Added from Influencers: " + ", ".join(parts) + "."


def add_to_roster(roster: Roster, row: pd.Series) -> tuple[int, bool]:
    """Put the account on the roster as a prospect with its figures as a note; (entry id, was already there).
    An account already on the roster keeps its stage; the note is added to its history."""
    already = roster.find(row["influencer"], row["platform"]) is not None
    entry = roster.add(row["influencer"], row["platform"], stage="prospect", note=roster_note(row))
    return entry, already
