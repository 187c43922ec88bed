"""The canonical tables every upload is loaded into: one table per data kind.

Ingest maps whatever headers a file has onto these columns and types. Every query in `queries/`
reads only these names, so this module is the contract between ingest and everything above it.
"""
from __future__ import annotations

from dataclasses import dataclass

# Column types the value parsers know how to produce.
TEXT, COUNT, MONEY, RATIO, DATE, TIMESTAMP, BOOL, INT = (
    "text", "count", "money", "ratio", "date", "timestamp", "bool", "int")

SQL_TYPE = {TEXT: "VARCHAR", COUNT: "BIGINT", MONEY: "DOUBLE", RATIO: "DOUBLE", DATE: "DATE",
            TIMESTAMP: "TIMESTAMP", BOOL: "BOOLEAN", INT: "BIGINT"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str
    required: bool = False
    # Text that a load never looks at (no reason to reject, no key of the derived tables): stored as read and
    # tidied (ml_text) by the kind's view, so only the queries that show it pay, never the load of a million rows.
    tidy_on_read: bool = False


_POST_COLUMNS = (
    Column("influencer", TEXT, "Influencer handle", required=True),
    Column("platform", TEXT, "Platform"),
    Column("followers", COUNT, "Followers at post time"),
    Column("posted_at", TIMESTAMP, "Posted at"),
    Column("likes", COUNT, "Likes"),
    Column("comments", COUNT, "Comments"),
    Column("shares", COUNT, "Shares"),
    Column("saves", COUNT, "Saves"),
    Column("views", COUNT, "Views"),
    Column("impressions", COUNT, "Impressions"),
    Column("reach", COUNT, "Reach"),
    Column("sponsored", BOOL, "Sponsored"),
    Column("campaign", TEXT, "Campaign"),
    Column("cost", MONEY, "Cost of this post"),
    Column("post_id", TEXT, "Post id", tidy_on_read=True),
    Column("url", TEXT, "Post URL", tidy_on_read=True),
    Column("caption", TEXT, "Caption", tidy_on_read=True),
)

KINDS: dict[str, tuple[Column, ...]] = {
    "posts": _POST_COLUMNS,
    "influencers": (
        Column("influencer", TEXT, "Influencer handle", required=True),
        Column("name", TEXT, "Display name", tidy_on_read=True),
        Column("platform", TEXT, "Platform"),
        Column("followers", COUNT, "Followers", required=True),
        Column("avg_likes", COUNT, "Average likes"),
        Column("avg_comments", COUNT, "Average comments"),
        Column("avg_shares", COUNT, "Average shares"),
        Column("avg_views", COUNT, "Average views"),
        Column("avg_engagements", COUNT, "Average engagements per post"),
        Column("engagement_rate", RATIO, "Engagement rate"),
        Column("price_per_post", MONEY, "Price per post"),
        Column("country", TEXT, "Country"),
        Column("category", TEXT, "Category"),
        Column("audience_country", TEXT, "Audience top country"),
        Column("audience_country_share", RATIO, "Audience share in top country"),
        Column("audience_female_share", RATIO, "Audience share female"),
        Column("audience_age_18_34_share", RATIO, "Audience share aged 18-34"),
        Column("profile_url", TEXT, "Profile URL", tidy_on_read=True),
        Column("snapshot_date", DATE, "Snapshot date"),
    ),
    "campaigns": (
        Column("campaign", TEXT, "Campaign", required=True),
        Column("influencer", TEXT, "Influencer handle", required=True),
        Column("platform", TEXT, "Platform"),
        Column("fee", MONEY, "Fee"),
        Column("product_cost", MONEY, "Product cost"),
        Column("posts_contracted", INT, "Posts contracted"),
        Column("coupon_code", TEXT, "Coupon code"),
        Column("start_date", DATE, "Start"),
        Column("end_date", DATE, "End"),
        Column("objective", TEXT, "Objective"),
    ),
    "conversions": (
        Column("coupon_code", TEXT, "Coupon code"),
        Column("influencer", TEXT, "Influencer handle"),
        Column("date", DATE, "Date"),
        Column("orders", COUNT, "Orders"),
        Column("revenue", MONEY, "Revenue"),
        Column("signups", COUNT, "Sign-ups"),
        Column("status", TEXT, "Order status"),
        # what tells two exports' copies of one order apart from two orders (microlens.repeats), and makes a row
        # one order where no column counts them (a shop's export of orders)
        Column("order_id", TEXT, "Order id"),
    ),
    "comments": (
        Column("post_id", TEXT, "Post id"),
        Column("url", TEXT, "Post URL"),
        Column("influencer", TEXT, "Influencer handle"),
        Column("platform", TEXT, "Platform"),
        Column("text", TEXT, "Comment text", required=True),
        Column("date", TIMESTAMP, "Date"),
    ),
    "brand_posts": tuple(c if c.name != "influencer" else Column("influencer", TEXT, "Brand account", required=True)
                         for c in _POST_COLUMNS),
}

# An order's status that says it brought in nothing: Shopify's financial status of a refunded or voided order (its
# row keeps the order's total), an affiliate network's declined or reversed conversion. Counted, its revenue was
# money the shop gave back. (A partly refunded order still brought in something, and loads.)
VOID_ORDER_STATUSES = ("refunded", "voided", "void", "cancelled", "canceled", "declined", "reversed", "rejected",
                       "chargeback", "charged_back", "failed")
VOID_ORDER_REASON = "a refunded, cancelled or declined order (its status says so): it brought in no revenue"

# Kinds where one of several columns must be present (and non-empty on a row) instead of one fixed column, and the
# reason a row without any of them is rejected: a shop's orders export has many orders no code brought in
REQUIRED_ONE_OF: dict[str, tuple[str, ...]] = {
    "conversions": ("coupon_code", "influencer"),
    "comments": ("post_id", "url"),
}
REQUIRED_ONE_OF_REASON = {
    "conversions": "no coupon code and no influencer: not an order or sign-up from a code",
    "comments": "no post id and no post URL: the post it comments on is unknown",
}

KIND_LABELS = {
    "posts": "Influencer posts",
    "influencers": "Influencer list",
    "campaigns": "Campaign contracts",
    "conversions": "Coupon-code orders / sign-ups",
    "comments": "Comments",
    "brand_posts": "Brand's own posts",
}

# Each platform an account can be on (ml_platform); anything else is "other", which one handle's accounts on two
# unnamed platforms share.
PLATFORMS = ("instagram", "tiktok", "youtube", "facebook", "x", "pinterest", "twitch", "linkedin", "snapchat",
             "threads", "other")

def columns(kind: str) -> tuple[Column, ...]:
    return KINDS[kind]


def column_names(kind: str) -> list[str]:
    return [c.name for c in KINDS[kind]]


def data_table_name(name: str) -> str:
    """A loaded file's table is named `<kind>__<n>` by ingest; anything else never reaches SQL text."""
    kind, _, number = name.rpartition("__")
    if kind not in KINDS or not number.isdigit():
        raise ValueError(f"not a data table name: {name!r}")
    return name


def view_sql(kind: str, tables: list[str], repeated: set[str] = frozenset(), dated: set[str] = frozenset()) -> str:
    """The kind's table as every query sees it: the union of its loaded files' tables (each file is parsed
    straight into a table of its own, so a load never copies rows a second time). `source_row` is the data
    row of the file: tables keep file order, and rejected rows leave gaps, not shifts. `source_file` comes from
    the file's row in `loads`, not from every row of its table (a tenth of a table's memory). Text columns marked
    `tidy_on_read` are tidied here, as they are read. Tables in `repeated` hold copies of posts counted from
    another row (microlens.repeats): their rows listed in `repeated_posts` are left out. Tables in `dated` hold
    posts without a campaign that a contract's dates claim (microlens.contract_windows): their campaign is read
    from `dated_campaigns`."""
    if not tables:
        typed = ", ".join(f'CAST(NULL AS {SQL_TYPE[c.type]}) AS "{c.name}"' for c in KINDS[kind])
        body = f"SELECT {typed}, CAST(NULL AS VARCHAR) AS source_file, CAST(NULL AS BIGINT) AS source_row WHERE false"
    else:
        body = " UNION ALL ".join(f'SELECT {_columns(kind, t in dated)}, l.source_file, t.rowid + 1 AS source_row '
                                  f'FROM "{data_table_name(t)}" t{_without_copies(t) if t in repeated else ""}'
                                  f'{_with_dated_campaigns(t) if t in dated else ""}, '
                                  f"(SELECT source_file FROM loads WHERE data_table = '{data_table_name(t)}') l"
                                  for t in tables)
    return f'CREATE OR REPLACE VIEW "{kind}" AS {body}'


def _columns(kind: str, dated: bool) -> str:
    def read(c: Column) -> str:
        if dated and c.name == "campaign":
            return 'coalesce(t."campaign", d.dated_campaign) AS "campaign"'
        return f'ml_text(t."{c.name}") AS "{c.name}"' if c.tidy_on_read else f't."{c.name}"'
    return ", ".join(read(c) for c in KINDS[kind])


def _with_dated_campaigns(table: str) -> str:
    return (" LEFT JOIN (SELECT row_id, campaign AS dated_campaign FROM dated_campaigns "
            f"WHERE data_table = '{data_table_name(table)}') d ON t.rowid = d.row_id")


def _without_copies(table: str) -> str:
    return (f" ANTI JOIN (SELECT row_id FROM repeated_posts WHERE data_table = '{data_table_name(table)}') r "
            "ON t.rowid = r.row_id")
