"""Authenticity flags: numbers that look wrong for an account's size and platform, each explained in words.

Inputs are small aggregated frames (one row per influencer on a platform);
the aggregation itself happens in SQL. Every check returns one row per input row with the figures it
used and an `explanation` sentence, so the vetting view can say why an account was flagged, why it was
not, or why it could not be checked. `all_flags` keeps only the flagged rows in one uniform table.

Outliers are judged with the modified z-score of Iglewicz & Hoaglin (1993):
    robust z = 0.6745 × (x − median) / MAD,   MAD = median(|x − median|),
flagged when |robust z| > 3.5, their recommended cut-off. Median and MAD are not dragged along by the
very outliers being looked for, unlike a mean and standard deviation on a few dozen accounts.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from microlens.text import platform_name
from microlens.theme import percent

Z_THRESHOLD = 3.5        # Iglewicz & Hoaglin's cut-off for the modified z-score
MAD_SCALE = 0.6745       # makes MAD comparable to a standard deviation for normal data
MIN_GROUP_SIZE = 5       # fewer peers than this and "unusual" has no meaning

# Comment/like checks only on accounts with this many likes in total: below it, a handful of comments
# moves the ratio by a factor of several and the robust z would flag noise.
MIN_LIKES_FOR_RATIO = 1_000
# Zero comments on this many likes is flagged whatever the peers do. No published comments-per-like
# benchmark was found, so the bar is deliberately loose: even an audience as quiet as 1 comment per 1,000
# likes leaves about 10 on 10,000 likes. None at all means the likes did not come from people who talk
# (bought likes) or the export has no comment counts; the explanation names both.
ZERO_COMMENT_LIKES = 10_000

# A follower jump: more than 20% AND more than 5,000 followers between two observations at most a month
# apart. Both conditions: +20% of 12,000 is 2,400 people, which one well-shared post can bring; +5,000 on
# 90,000 is under 6%. Neither alone says much; together, in a month or less, they are worth a look.
JUMP_RELATIVE = 0.20
JUMP_ABSOLUTE = 5_000
JUMP_MAX_GAP_DAYS = 31   # a rise spread over several months is growth, not a jump
# the rule as queries/follower_checks.sql takes it
JUMP_RULE = {"min_relative": JUMP_RELATIVE, "min_absolute": JUMP_ABSOLUTE, "max_gap_days": JUMP_MAX_GAP_DAYS}

WARNING, INFO = "warning", "info"
FLAG_COLUMNS = ["influencer", "platform", "flag", "severity", "explanation"]
# how a check that could not run begins its explanation: the page marks it "–", not the ✓ of a check passed
NOT_CHECKED = "Not checked: "
SEVERITY = {
    "er_high": WARNING,        # bought likes/comments are the usual cause
    "er_low": INFO,            # inactive or bought followers, but also a niche or ageing audience
    "comments_high": WARNING,  # comment pods, bots
    "comments_low": WARNING,   # likes without conversation: bought likes
    "follower_jump": WARNING,  # bought followers (or a viral post: the explanation says to check)
}
SHORT_LABEL = {
    "er_high": "ER far above peers",
    "er_low": "ER far below peers",
    "comments_high": "too many comments per like",
    "comments_low": "too few comments per like",
    "follower_jump": "follower jump",
}


def er_outliers(df: pd.DataFrame, z: float = Z_THRESHOLD, min_group: int = MIN_GROUP_SIZE,
                explain: bool = True) -> pd.DataFrame:
    """Engagement rates far outside an account's follower band on its platform.

    `df` has one row per influencer on a platform: influencer, platform, band, median_er (a fraction).
    Peers are the accounts of the same band and platform; when that group has fewer than `min_group`
    accounts with an ER, peers are all accounts on the platform (said in the explanation); when that is
    still too few, the account is not checked. Returns the input key columns plus compared_with
    ("band and platform" / "platform" / ""), group_size, group_median, robust_z, band_size and platform_size
    (accounts with an ER in the band on the platform, and on the platform), flag (er_high / er_low / None)
    and explanation (None for every row when not `explain`: er_sentences words any rows later).
    """
    _require(df, ("influencer", "platform", "band", "median_er"), "er_outliers")
    out = df[["influencer", "platform", "band"]].copy()
    er = pd.to_numeric(df["median_er"], errors="coerce").astype(float)
    out["median_er"] = er

    band_med, band_mad, band_n = _group_stats(er, [df["band"], df["platform"]])
    plat_med, plat_mad, plat_n = _group_stats(er, [df["platform"]])
    use_band = band_n >= min_group
    use_platform = ~use_band & (plat_n >= min_group)
    median = band_med.where(use_band, plat_med)
    mad = band_mad.where(use_band, plat_mad)

    out["compared_with"] = np.select([use_band, use_platform], ["band and platform", "platform"], "")
    out["group_size"] = band_n.where(use_band, plat_n).astype(int)
    out["group_median"] = median.where(use_band | use_platform)
    # MAD is 0 when at least half the peers share one value: there is no spread to measure a distance
    # in, and any stand-in scale would call a 2.1% ER among five 2.0% ones extreme. Not scored.
    scored = (use_band | use_platform) & er.notna() & (mad > 0)
    out["robust_z"] = (MAD_SCALE * (er - median) / mad).where(scored)
    out["band_size"], out["platform_size"] = band_n.astype(int), plat_n.astype(int)
    out["flag"] = np.select([out["robust_z"] > z, out["robust_z"] < -z], ["er_high", "er_low"], None)
    out["explanation"] = er_sentences(out, min_group, z) if explain else None
    return out


def er_sentences(checked: pd.DataFrame, min_group: int = MIN_GROUP_SIZE, z: float = Z_THRESHOLD) -> list[str]:
    """The explanation of each row of er_outliers' result (run with the same `min_group` and `z`)."""
    return [_er_sentence(row, min_group, z) for row in checked.itertuples(index=False)]


def _er_sentence(row, min_group: int, z: float) -> str:
    band_n, platform_n = row.band_size, row.platform_size
    platform = platform_name(row.platform)
    if math.isnan(row.median_er):
        return f"{NOT_CHECKED}no engagement rate."
    if row.compared_with == "":
        return (f"{NOT_CHECKED}only {_accounts(None, platform, platform_n)} with an ER in the data; "
                f"at least {min_group} are needed to say what is unusual.")
    if math.isnan(row.robust_z):
        return (f"{NOT_CHECKED}most of the {row.group_size} {_accounts(_band_of(row), platform)} have the "
                f"same ER ({_pct(row.group_median)}), so there is no spread to compare against.")
    if row.compared_with == "band and platform":
        peers = _accounts(_band_of(row), platform)
        caveat = ""
    else:
        peers = _accounts(None, platform) + " of all sizes"
        caveat = f"; only {_accounts(_band_of(row), platform, band_n)}, too few to compare within the band"
    figures = f"(median {_pct(row.group_median)}; {_how_far(row.robust_z, z)}{caveat})"
    er = _pct(row.median_er)
    if row.flag == "er_high":
        return f"ER {er} is far above other {peers} {figures} — check for bought engagement."
    if row.flag == "er_low":
        return (f"ER {er} is far below other {peers} {figures} — many followers may be inactive or "
                f"bought, or the audience has moved on.")
    return f"ER {er} is within the usual range of {peers} {figures}."


def comment_like_outliers(df: pd.DataFrame, z: float = Z_THRESHOLD, min_group: int = MIN_GROUP_SIZE,
                          min_likes: int = MIN_LIKES_FOR_RATIO,
                          zero_comment_likes: int = ZERO_COMMENT_LIKES, explain: bool = True) -> pd.DataFrame:
    """Comments per like far from the platform's usual, or beyond plain-sense bounds.

    `df` has one row per influencer on a platform: influencer, platform, likes, comments (sums over
    posts). The robust z is taken on log10(comments / likes) within the platform: ratios differ by
    factors (1 per 3 against 1 per 40), and on the log scale a ratio ten times too low is as far out as
    one ten times too high, so the low side can be flagged too. Two rules flag without peers:
    more comments than likes (every commenter could also have liked; outside comment-to-win giveaways
    real audiences never get there), and 0 comments on `zero_comment_likes` likes or more.
    Returns the key columns plus likes, comments, comment_ratio, platform_ratio (the platform's median),
    robust_z, platform_has_comments, peers (accounts on the platform with a ratio), flag (comments_high /
    comments_low / None) and explanation (None for every row when not `explain`: comment_sentences words any
    rows later).
    """
    _require(df, ("influencer", "platform", "likes", "comments"), "comment_like_outliers")
    out = df[["influencer", "platform"]].copy()
    likes = pd.to_numeric(df["likes"], errors="coerce").astype(float)
    comments = pd.to_numeric(df["comments"], errors="coerce").astype(float)
    out["likes"], out["comments"] = likes, comments
    countable = likes.notna() & comments.notna() & (likes >= min_likes)
    out["comment_ratio"] = (comments / likes).where(countable)

    # A platform where nobody has a single comment has no comment counts, not silent audiences.
    platform_has_comments = (comments > 0).groupby(df["platform"].to_numpy(), dropna=False).transform("any")
    log_ratio = np.log10(out["comment_ratio"].where(comments > 0))
    median, mad, n = _group_stats(log_ratio, [df["platform"]])
    scored = countable & (comments > 0) & (n >= min_group) & (mad > 0)
    out["platform_ratio"] = (10 ** median).where(n >= min_group)
    out["robust_z"] = (MAD_SCALE * (log_ratio - median) / mad).where(scored)

    too_many = countable & ((comments > likes) | (out["robust_z"] > z))
    too_few = (countable & platform_has_comments
               & (((comments == 0) & (likes >= zero_comment_likes)) | (out["robust_z"] < -z)))
    out["platform_has_comments"], out["peers"] = platform_has_comments.astype(bool), n.astype(int)
    out["flag"] = np.select([too_many, too_few], ["comments_high", "comments_low"], None)
    out["explanation"] = comment_sentences(out, min_group, min_likes, z) if explain else None
    return out


def comment_sentences(checked: pd.DataFrame, min_group: int = MIN_GROUP_SIZE,
                      min_likes: int = MIN_LIKES_FOR_RATIO, z: float = Z_THRESHOLD) -> list[str]:
    """The explanation of each row of comment_like_outliers' result (run with the same settings)."""
    return [_comment_sentence(row, min_group, min_likes, z) for row in checked.itertuples(index=False)]


def _comment_sentence(row, min_group: int, min_likes: int, z: float) -> str:
    platform_has_comments, peers = row.platform_has_comments, row.peers
    platform = platform_name(row.platform)
    on_platform = f" on {platform}" if platform else ""
    if math.isnan(row.likes) or math.isnan(row.comments):    # (the list of top accounts has likes, no comments)
        return f"{NOT_CHECKED}no {'like' if math.isnan(row.likes) else 'comment'} count."
    if row.likes < min_likes:
        return f"{NOT_CHECKED}{row.likes:,.0f} likes, too few for a stable comments-per-like ratio."
    if not platform_has_comments:
        return (f"{NOT_CHECKED}no comments recorded for any account{on_platform} — "
                f"the file probably has no comment counts.")
    usual = "" if math.isnan(row.platform_ratio) else f"1 per {1 / row.platform_ratio:,.0f}"
    z_note = "" if math.isnan(row.robust_z) else f" ({_how_far(row.robust_z, z)})"
    if row.comments == 0:
        context = f"; the usual{on_platform} is {usual}" if usual else ""
        if row.flag == "comments_low":
            return (f"0 comments on {row.likes:,.0f} likes{context} — bought likes, or are comments "
                    f"missing from the export?")
        return f"0 comments on {row.likes:,.0f} likes{context}."
    ratio = _per_likes(row.comment_ratio)
    if row.flag == "comments_high" and row.comments > row.likes:
        context = f"; the usual{on_platform} is {usual}" if usual else ""
        return (f"{ratio}: more comments than likes{context} — comment pods, bots or a comment-to-win "
                f"giveaway?")
    if row.flag == "comments_high":
        return f"{ratio}, far above the usual {usual}{on_platform}{z_note} — comment pods or bots?"
    if row.flag == "comments_low":
        return f"{ratio}, far below the usual {usual}{on_platform}{z_note} — bought likes?"
    if math.isnan(row.robust_z):
        reason = (f"only {_accounts(None, '', peers)}{on_platform} with enough likes ({min_group} needed)"
                  if peers < min_group else f"most accounts{on_platform} have the same ratio")
        return f"{ratio}; not compared with peers: {reason}."
    return f"{ratio}, in the usual range{on_platform} ({usual}){z_note}."


def follower_jumps(checks: pd.DataFrame) -> pd.DataFrame:
    """The sudden follower gains the follower_checks query found (queries/follower_checks.sql, run with JUMP_RULE:
    between two consecutive dated counts of one account, more than JUMP_RELATIVE of the earlier count and more than
    JUMP_ABSOLUTE followers, at most JUMP_MAX_GAP_DAYS apart), one row per jump, in words: influencer, platform,
    date_before, date_after, followers_before, followers_after, change, relative_change, explanation.

    `checks`: the query's rows, one per account (influencer, platform, jumps: a list of {date_before, date_after,
    followers_before, followers_after}). Found in SQL, not here from every count: a million posts' counts read into
    the page took a second of the Influencers page and the Planner."""
    _require(checks, ("influencer", "platform", "jumps"), "follower_jumps")
    found = checks.loc[checks["jumps"].map(len) > 0, ["influencer", "platform", "jumps"]].explode("jumps")
    columns = ["date_before", "date_after", "followers_before", "followers_after"]
    jumps = pd.DataFrame({"influencer": found["influencer"].array, "platform": found["platform"].array,
                          **{c: [jump[c] for jump in found["jumps"]] for c in columns}})
    for c in ("date_before", "date_after"):
        jumps[c] = pd.to_datetime(jumps[c])
    for c in ("followers_before", "followers_after"):
        jumps[c] = jumps[c].astype(float)
    # by influencer, platform and date, whatever order the query's accounts came in
    jumps = jumps.sort_values(["influencer", "platform", "date_after"], kind="stable", ignore_index=True)
    jumps["change"] = jumps["followers_after"] - jumps["followers_before"]
    jumps["relative_change"] = jumps["change"] / jumps["followers_before"]
    jumps["explanation"] = [
        f"Followers jumped from {r.followers_before:,.0f} to {r.followers_after:,.0f} "
        f"(+{r.relative_change * 100:.0f}%) {_between(r.date_before, r.date_after)} "
        f"— bought followers or a post that went viral? Check the posts around then."
        for r in jumps.itertuples(index=False)
    ]
    return jumps


def _between(before: pd.Timestamp, after: pd.Timestamp) -> str:
    if before.normalize() == after.normalize():
        return f"on {after:%Y-%m-%d}"
    return f"between {before:%Y-%m-%d} and {after:%Y-%m-%d}"


def all_flags(influencer_er: pd.DataFrame | None = None, comment_totals: pd.DataFrame | None = None,
              follower_checks: pd.DataFrame | None = None, z: float = Z_THRESHOLD) -> pd.DataFrame:
    """Every raised flag in one table: influencer, platform, flag, severity, explanation.

    Each input is optional (a user may have no follower history, say); a check whose input is None is
    not run. Warnings come first, then by influencer.
    """
    parts = []
    if influencer_er is not None:
        parts.append(word_raised(er_outliers(influencer_er, z=z, explain=False), er_sentences))
    if comment_totals is not None:
        parts.append(word_raised(comment_like_outliers(comment_totals, z=z, explain=False), comment_sentences))
    if follower_checks is not None:
        parts.append(follower_jumps(follower_checks).assign(flag="follower_jump"))
    return raised(parts)


def word_raised(checked: pd.DataFrame, sentences) -> pd.DataFrame:
    """`checked` (a check run with explain=False) with the explanation of its raised flags filled in by
    `sentences` (er_sentences / comment_sentences): wording every account takes seconds at 50,000 of them,
    and only the flags are read."""
    raised = checked["flag"].notna()
    checked.loc[raised, "explanation"] = sentences(checked[raised])
    return checked


def raised(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The raised flags among checks already run (frames with influencer, platform, flag, explanation; flag
    None where the check raised nothing), as all_flags returns them: warnings first, then by influencer."""
    found = [p.loc[p["flag"].notna(), ["influencer", "platform", "flag", "explanation"]] for p in parts]
    found = [p for p in found if not p.empty]
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FLAG_COLUMNS})
    flags = pd.concat(found, ignore_index=True)
    flags["severity"] = flags["flag"].map(SEVERITY)
    flags = flags.sort_values(["severity", "influencer", "flag"], key=_warnings_first, kind="stable")
    return flags[FLAG_COLUMNS].reset_index(drop=True)


def flags_summary(flags: pd.DataFrame) -> pd.DataFrame:
    """One short line per flagged account for a table cell: influencer, platform, flags_summary, severity.

    "ER far above peers; follower jump ×2". Severity is the worst of the account's flags. Accounts
    without flags are absent: left-join onto the influencer table and show an empty cell.
    """
    if flags.empty:
        return pd.DataFrame({c: pd.Series(dtype=object)
                             for c in ("influencer", "platform", "flags_summary", "severity")})
    # Grouped operations only, no loop over accounts: a million posts can flag thousands of them.
    account = ["influencer", "platform"]
    per_flag = (flags.assign(warning=flags["severity"].eq(WARNING))
                .groupby([*account, "flag"], dropna=False, sort=False)
                .agg(times=("flag", "size"), warning=("warning", "any")).reset_index())
    per_flag["label"] = [SHORT_LABEL[f] if k == 1 else f"{SHORT_LABEL[f]} ×{k}"
                         for f, k in zip(per_flag["flag"], per_flag["times"])]
    summary = (per_flag.groupby(account, dropna=False, sort=False)
               .agg(flags_summary=("label", "; ".join), warning=("warning", "any")).reset_index())
    summary["severity"] = np.where(summary["warning"], WARNING, INFO)
    summary = summary[[*account, "flags_summary", "severity"]]
    return summary.sort_values(["severity", "influencer"], key=_warnings_first, kind="stable",
                               ).reset_index(drop=True)


def _group_stats(values: pd.Series, keys: list[pd.Series]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per row: median, MAD and count of non-missing `values` in the row's group (missing keys form a group).

    Keys go in as arrays so grouping is by position, whatever the frame's index.
    """
    keys = [k.to_numpy() for k in keys]
    median = values.groupby(keys, dropna=False).transform("median")
    mad = (values - median).abs().groupby(keys, dropna=False).transform("median")
    n = values.groupby(keys, dropna=False).transform("count")
    return median, mad, n


def _warnings_first(column: pd.Series) -> pd.Series:
    return column.map({WARNING: 0, INFO: 1}) if column.name == "severity" else column


def _require(df: pd.DataFrame, names: tuple[str, ...], check: str) -> None:
    missing = [n for n in names if n not in df.columns]
    if missing:
        raise ValueError(f"{check} needs the column(s) {', '.join(missing)}.")


def _band_of(row) -> str:
    return row.band if isinstance(row.band, str) else ""


def _accounts(band: str | None, platform: str, n: int | None = None) -> str:
    """"micro Instagram accounts", or with a count "1 micro Instagram account" / "3 TikTok accounts"."""
    noun = "account" if n == 1 else "accounts"
    return " ".join(w for w in (None if n is None else str(n), band, platform, noun) if w)


def _pct(ratio: float) -> str:
    """ER with one decimal (24.1%), two below 1% so TikTok-by-followers or YouTube ERs do not read 0.0%."""
    return percent(ratio, 1 if abs(ratio) >= 0.01 else 2)


def _how_far(robust_z: float, z: float) -> str:
    """A robust z in words a client reads ("robust z 47.7" was statistics on a slide): the distance from the median
    in typical distances (the MAD, where the z counts 1.4826 MADs), the sentence saying which way, and from how far
    `z` flags one (without it, "4.0× as far as is typical" beside "within the usual range" read as a contradiction)."""
    return f"{abs(robust_z) / MAD_SCALE:.1f}× as far from it as is typical; beyond {z / MAD_SCALE:.1f}× stands out"


def _per_likes(ratio: float) -> str:
    if ratio >= 1:
        return f"{ratio:.1f} comments per like"
    likes_per_comment = round(1 / ratio)
    return "about 1 comment per like" if likes_per_comment <= 1 else f"1 comment per {likes_per_comment:,} likes"
