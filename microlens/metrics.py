"""The metric catalog: every number the app shows is defined here once, with its label, format and meaning.

Each metric becomes a DuckDB macro (`metric_<name>`) when a session database is created, and the queries in
`queries/` call those macros, so a chart, a KPI card, an export and the CLI cannot disagree on a formula.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import theme


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    args: tuple[str, ...]
    sql: str                 # body of the macro over `args`
    format: str              # money | percent | count | multiple
    description: str


# A post's cost when no fee or contract says what any of its account's posts cost (only with 'Estimate unknown
# costs' on, always marked): what the influencer asks per post, else what the rate card gives their audience.
# Whom it applies to: an account that was paid is costed on what was paid; its unpaid posts get no cost, since
# their list price would mix a guess into what was paid (and flatter it: unpaid posts earn more engagement).
# The rate card stops at a million followers: above it no source prices a post per follower (the tier grids say
# "$10,000+" for mega accounts, Viral Nation $100K-250K for any account over 1M, Sprout a static multiplier for
# celebrities), and $10 per 1K would price a 475M-follower account at $4.8M a post.
RATE_CARD_MAX_FOLLOWERS = 1_000_000
ESTIMATED_COST_RULE = ("the influencer's listed price per post, else followers ÷ 1,000 × the rate card (the "
                       "account's latest count, as its band), for accounts under 1M followers only")
ESTIMATED_COST_SCOPE = ("only for accounts with no fee or contract on any post: an account that was paid is costed "
                        "on its paid posts")

# An ER by followers above 100%: a post earned more engagements than the account has followers. Real crawls of
# trending posts do this (the TikTok file in the test data: a middle account at 452%); not an error, but such posts
# went viral, and a brand's next post rarely matches them, so findings say so and a shortlist leaves them out.
VIRAL_ER = 1.0
# Half of that: the middle post reached half the followers in engagements, ten times and more what published
# averages give any tier. A shortlist whose accounts sit there is a crawl's near-viral posts (a "cheapest 15" at
# 88-99.6% ER, just under VIRAL_ER), and it says so.
NEAR_VIRAL_ER = 0.5

CATALOG: tuple[Metric, ...] = (
    Metric("engagements", "Engagements", ("likes", "comments", "shares", "saves"),
           "coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)", "count",
           "Likes + comments + shares + saves of a post; a missing component counts 0 (the number of posts "
           "with a missing component is reported). Views are not engagements."),
    Metric("er", "Engagement rate (by followers)", ("engagements", "followers"),
           "CASE WHEN followers > 0 THEN engagements / followers END", "percent",
           "Engagements of a post ÷ followers at post time."),
    Metric("median_er", "Median ER by followers", ("engagements", "followers"),
           "median(metric_er(engagements, followers))", "percent",
           "An influencer's ER: the median of their posts' ER in the current filter."),
    Metric("viral_er", "ER for the viral test", ("cost", "engagements", "followers"),
           "coalesce(median(metric_er(engagements, followers)) FILTER (WHERE cost IS NOT NULL), "
           "median(metric_er(engagements, followers)))", "percent",
           "An account's median ER over its posts with a cost (as Cost vs celebrity judges it), else over all its "
           "posts: above " + f"{VIRAL_ER:.0%}" + " its posts went viral, and 'Leave out viral accounts' leaves it "
           "out."),
    Metric("median_influencer_er", "Median influencer ER", ("influencer_er",), "median(influencer_er)", "percent",
           "The middle influencer's engagement rate, each influencer's being the median ER (engagements ÷ "
           "followers) of their posts in the current filter: an account with many posts weighs as much as one with "
           "few."),
    Metric("mean_er", "Mean engagement rate", ("engagements", "followers"),
           "avg(metric_er(engagements, followers))", "percent",
           "Mean of the posts' ER; shown beside the median, which resists one viral post."),
    Metric("median_er_views", "Median ER by views", ("engagements", "views"),
           "median(CASE WHEN views > 0 THEN engagements / views END)", "percent",
           "Engagements ÷ views, median over posts with views (TikTok, YouTube, Reels)."),
    Metric("median_er_reach", "Median ER by reach", ("engagements", "reach"),
           "median(CASE WHEN reach > 0 THEN engagements / reach END)", "percent",
           "Engagements ÷ reach, median over posts that report reach."),
    Metric("median_er_impressions", "Median ER by impressions", ("engagements", "impressions"),
           "median(CASE WHEN impressions > 0 THEN engagements / impressions END)", "percent",
           "Engagements ÷ impressions, median over posts that report impressions."),
    Metric("estimated_cost", "Estimated cost of a post", ("listed_price", "followers", "rate_per_1k"),
           "coalesce(listed_price, CASE WHEN followers > 0 AND followers < " + str(RATE_CARD_MAX_FOLLOWERS)
           + " THEN followers / 1000.0 * rate_per_1k END)", "money",
           "For an account with no known cost on any post, when 'Estimate unknown costs' is on: "
           + ESTIMATED_COST_RULE + ". No followers (a failed crawl) or a million and more: no estimate."),
    Metric("cpe", "Cost per engagement", ("cost", "engagements"),
           "sum(CASE WHEN engagements IS NOT NULL THEN cost END) "
           "/ nullif(sum(CASE WHEN cost IS NOT NULL THEN engagements END), 0)", "money",
           "Sum of cost ÷ sum of engagements, over posts whose cost is known (or estimated, when shown) and whose "
           "engagements are known: a listed account's average post with a price but no engagement figures adds "
           "nothing."),
    Metric("cpm", "Cost per 1,000 impressions", ("cost", "impressions"),
           "sum(CASE WHEN impressions IS NOT NULL THEN cost END) * 1000.0 "
           "/ nullif(sum(CASE WHEN cost IS NOT NULL THEN impressions END), 0)", "money",
           "Cost ÷ impressions × 1,000, over posts with both cost and impressions."),
    Metric("cpa", "Cost per order", ("cost", "orders"), "cost / nullif(orders, 0)", "money",
           "Campaign cost ÷ orders attributed through its coupon codes."),
    Metric("roas", "Return on ad spend", ("revenue", "cost"), "revenue / nullif(cost, 0)", "multiple",
           "Revenue ÷ cost."),
    Metric("roi", "Return on investment", ("revenue", "cost"), "(revenue - cost) / nullif(cost, 0)", "percent",
           "(Revenue − cost) ÷ cost."),
    Metric("net_revenue", "Revenue minus cost", ("revenue", "cost"), "revenue - cost", "money",
           "Revenue − cost, in dollars: how much more (or less) a contract brought in than it cost, before the cost "
           "of the goods sold. Where ROAS ranks a $100 code and a $90,000 contract alike, this shows which lost "
           "the most money."),
    Metric("cost_per_lead", "Cost per sign-up", ("cost", "signups"), "cost / nullif(signups, 0)", "money",
           "Cost ÷ sign-ups, for high-price goods measured in leads."),
)
BY_NAME = {m.name: m for m in CATALOG}


def macros_sql() -> str:
    """CREATE MACRO statements for the whole catalog (names and bodies come from this module only)."""
    return "\n".join(f"CREATE OR REPLACE MACRO metric_{m.name}({', '.join(m.args)}) AS {m.sql};" for m in CATALOG)


def post_cpe(price: float, followers: float, er: float) -> float:
    """What one engagement of a post costs from its price and a published engagement rate by followers: price ÷
    (followers × ER), the celebrity side of every comparison (the data's side is the catalog's cpe)."""
    return price / (followers * er)


def fmt(name: str, value) -> str:
    """Format a value the way the catalog says this metric is shown."""
    kind = BY_NAME[name].format
    if kind == "money":
        return theme.money(value)
    if kind == "percent":
        return theme.percent(value, 1)      # one decimal, as the tables show it (3.3%, not the card's 3.28%)
    if kind == "multiple":
        return theme.MISSING if value is None or value != value else f"{value:.2f}×"
    return theme.count(value)


def label(name: str) -> str:
    return BY_NAME[name].label


def glossary() -> list[dict]:
    return [{"metric": m.label, "definition": m.description, "formula": m.sql, "shown as": m.format}
            for m in CATALOG]
