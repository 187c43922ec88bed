"""How a column of a section's table reads: its label and the kind of number it holds, decided once for the app's
tables (pages/ui.table_config) and every export's (export_model.table_text), so a slide, a PDF and the page show
"$5,626" and "5.5%" alike instead of the exports' raw 5625.9 and 0.0550155."""
from __future__ import annotations

import re

import pandas as pd

from . import metrics, theme

TEXT, POINTS, MULTIPLE, CPE, DOLLARS, SIGNED_DOLLARS, MONEY, PERCENT, COUNT, YEAR, SCORE, NUMBER = (
    "text", "points", "multiple", "cpe", "dollars", "signed_dollars", "money", "percent", "count", "year", "score",
    "number")

_MONEY = re.compile(r"(^|_)(cpm|cpa|cost|price|fee|revenue|spend|usd|threshold)(_|$)|cost_per_lead")
_PERCENT = re.compile(r"(^|_)(er|roi|rate|share|lift|ci)(_|$)|median_er|mean_er")
_COUNT_NOUNS = ("followers|engagements|posts|orders|signups|impressions|reach|views|likes|comments|shares|saves|"
                "rows")
_COUNT = re.compile(rf"(^|_)({_COUNT_NOUNS})(_|$)")
# a count of something, whatever follows ("posts_with_spend" is a number of posts, not dollars)
_COUNT_FIRST = re.compile(rf"^({_COUNT_NOUNS})_")
_CPE = re.compile(r"(^|_)cpe(_|$)")
# a standard score (the price outliers' robust z): two decimals on every row, "-3.31" beside "1.50", not "1.5"
_SCORE = re.compile(r"(^|_)z(score)?$")
# short labels for a table's narrow columns ("Return on ad spend" is the catalog's), and where the column name in
# words would not read as a word ("Url")
_LABELS = {"url": "Link", "roas": "ROAS", "median_contract_roas": "Median contract ROAS",
           "below_break_even": "Under cost", "contracts_measured": "Sales contracts measured",
           "unpriced_contracts": "Contracts without a cost", "unpriced_revenue": "Their revenue",
           "comment_texts": "Comments read", "robust_z": "How unusual", "price_source": "Price from",
           # the ER the Engagement vs followers chart draws where its benchmark counts fewer parts (likes only), of
           # the parts the data has: "ER counted" beside "Median ER by followers" did not say which the chart shows
           "er_counted": "ER as the chart draws it",
           "outlier": "Stands out", "sql": "SQL", "sd_engagements": "Post-to-post swing (±)",
           # a gain or a loss, signed, the unit in the label: "+3,507", "-125,373" (SIGNED_DOLLARS)
           "net_revenue": "Revenue − cost ($)",
           "known_price": "Price per post", "expected_price": "Rate card price", "ratio": "Price ÷ rate card",
           "price": "Price per post", "price_basis": "Price from", "usd_per_1k": "$ per 1K followers",
           "threshold": "Under", "claimed_share": "Claimed", "your_share": "Your data",
           "difference_pts": "Your data − claim", "part": "Conversions",
           # a benchmark's catalog key, named as the Benchmarks page's editor names it ("Key" read as a map legend)
           "key": "ID"}


# words of a column name as a client writes them ("Ci low", "Exp engagements", "Usd per 1k" were on a report)
_WORDS = {"er": "ER", "cpe": "CPE", "cpm": "CPM", "cpa": "CPA", "roi": "ROI", "roas": "ROAS", "usd": "USD",
          "sd": "SD", "1k": "1K", "ci": "interval", "exp": "expected", "url": "link", "signups": "sign-ups"}


def posts_shown(posts: pd.Series) -> pd.Series:
    """A post count as a table shows it: none ("–") for an account known only from an influencer list, whose
    engagements are the list's averages ("0 posts" stood beside 4,777,190 engagements)."""
    return posts.where(posts > 0)


def label(column) -> str:
    """The short label above, else a catalog metric's own label, else the column name in words."""
    name = str(column).lower()
    metric = metrics.BY_NAME.get(name)
    if name in _LABELS or metric:
        return _LABELS.get(name) or metric.label
    words = " ".join(_WORDS.get(w, w) for w in name.split("_"))
    return words[:1].upper() + words[1:]


def kind(column, values: pd.Series) -> str:
    """What the column holds, from its name and its values (TEXT for text, booleans and dates)."""
    name = str(column).lower()
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return TEXT
    if name == "year":
        return YEAR
    if name.endswith("_pts"):         # a difference in percentage points, as the pages write it
        return POINTS
    if name.endswith("roas") or name == "ratio":   # revenue per dollar; a price against its rate card (0.12×)
        return MULTIPLE
    if name == "net_revenue":
        return SIGNED_DOLLARS
    if _CPE.search(name):
        return CPE
    if _SCORE.search(name):
        return SCORE
    if _COUNT_FIRST.search(name):
        return COUNT
    if _MONEY.search(name):
        # whole dollars when every amount is $100 or more ("$5,626", not "$5,626.00" on a campaign's cost);
        # cents where the column holds small amounts (a $0.30 rate-card estimate would read "$0", as if free)
        # (a net revenue of -$125,373 is whole dollars too)
        return DOLLARS if values.dropna().abs().ge(100).all() else MONEY
    if _PERCENT.search(name):
        return PERCENT
    if _COUNT.search(name):
        return COUNT
    return NUMBER


def formatted(value: float, column_kind: str) -> str:
    """A number of a column of `column_kind` as the app shows it; NaN as the missing mark."""
    if value != value:
        return theme.MISSING
    if column_kind == POINTS:
        return f"{value:+.0f} pts"
    if column_kind == MULTIPLE:
        return f"{value:,.2f}×"
    if column_kind == CPE:
        return theme.money(value)
    if column_kind == DOLLARS:
        return theme.money(value, 0)
    if column_kind == SIGNED_DOLLARS:
        return f"{value:+,.0f}"
    if column_kind == MONEY:
        return theme.money(value, 2)
    if column_kind == PERCENT:
        return theme.percent(value, 1)
    if column_kind == COUNT:
        return f"{round(value):,}"
    if column_kind == YEAR:
        return f"{value:.0f}"
    if column_kind == SCORE:
        return f"{value:.2f}"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    # three significant figures, as a reader quotes a statistic
    return f"{value:.3g}"
