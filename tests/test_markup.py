"""User text that looks like markup (a handle that is an HTML link, a campaign name in markdown) is shown as text:
in every Plotly figure (which reads HTML in labels, legends, hover text and titles) and in every heading, caption
and tab label (which read markdown)."""
from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from microlens import db as mdb
from microlens import ingest
from microlens.text import escape_markdown, plotly_text
from tests import test_campaigns, test_takeover
from tests.conftest import app_on, write_csv

HANDLE = '<a href="https://evil.example">clickme</a>'
CAMPAIGN = '**Bold** ![t](https://evil.example/t.png) <a href="https://evil.example">x</a>'
# markup that took effect: not preceded by the backslash escape_markdown puts before it
LIVE_MARKDOWN = re.compile(r"(?<!\\)\*\*Bold|(?<!\\)!(?<!\\)\[t|(?<!\\)<a ")


def renamed(csv: str, names: dict[str, str]) -> str:
    """`csv` with the values in `names` replaced whole (every column), written back as CSV."""
    frame = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    return frame.replace(names).to_csv(index=False)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    database = mdb.new_database()
    names = {"ana": HANDLE, "Spring": CAMPAIGN}
    for kind, csv in (("posts", test_campaigns.POSTS_CSV), ("campaigns", test_campaigns.CAMPAIGNS_CSV),
                      ("conversions", test_campaigns.CONVERSIONS_CSV)):
        ingest.ingest_path(database, write_csv(folder, f"{kind}.csv", renamed(csv, names)), kind=kind)
    yield database
    database.close()


def figure_strings(at) -> list[str]:
    """Every string in every figure the page drew, as Plotly reads it."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
    return [s for chart in at.get("plotly_chart") for s in strings(json.loads(chart.proto.spec))]


def markdown_texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "subheader", "caption", "info", "warning", "success", "error")
            for e in getattr(at, kind)] + [t.label for t in at.tabs]


def assert_shown_as_text(at) -> None:
    assert not at.exception
    figures = figure_strings(at)
    assert figures, "the page drew no figure"
    assert not [s for s in figures if "<a" in s or "<img" in s]
    assert not [t for t in markdown_texts(at) if LIVE_MARKDOWN.search(t)]
    # a chart's finding as text (shown on narrow screens): escaped HTML
    headlines = [e.proto.body for e in at.get("html") if "chart-headline" in e.proto.body]
    assert headlines and not [h for h in headlines if "<a" in h or "<img" in h]


def test_plotly_text_is_read_back_as_typed():
    assert plotly_text(HANDLE) == '&lt;a href="https://evil.example"&gt;clickme&lt;/a&gt;'
    assert plotly_text("Fish & Chips &lt;") == "Fish &amp; Chips &amp;lt;"   # an entity typed stays as typed
    assert plotly_text(None) is None


def test_escape_markdown_ends_a_web_address_before_markup():
    # each address in <…>: bare, it took the backslash that escapes the next character into the link (…example%5C)
    assert escape_markdown("see https://x.example/a**b** and https://x.example/<img>") == (
        "see <https://x.example/a>\\*\\*b\\*\\* and <https://x.example/>\\<img\\>")
    assert escape_markdown('https://x.example/"*x*"') == '<https://x.example/>"\\*x\\*"'
    assert escape_markdown("(https://x.example/p)") == "\\(<https://x.example/p>\\)"
    assert escape_markdown("[fl](https://evil.example).") == "\\[fl\\]\\(<https://evil.example>\\)\\."


def test_escape_markdown_leaves_no_emoji_icon_colour_or_heading():
    # Streamlit reads ':smile:', ':material/home:' and ':red[x]' (a backslash before the colon stopped the emoji and
    # the colour, not the icon), and a cell's line breaks made 'PWNED' over '===' a heading
    assert escape_markdown("x :material/home: :smile: :red[c]") == (
        "x &#58;material/home&#58; &#58;smile&#58; &#58;red\\[c\\]")
    assert escape_markdown("PWNED\n===\n  next\r\nline") == "PWNED === next line"
    assert escape_markdown("Fish & Chips &#58;") == "Fish \\& Chips \\&\\#58;"     # an entity typed stays as typed


def test_a_hostile_brand_account_is_text_in_the_takeover_summary():
    from microlens import charts_takeover

    rows = pd.DataFrame({"label": [f"{HANDLE} · engagements", "ours · engagements"], "lift": [0.2, 0.1],
                         "ci_low": [0.1, 0.0], "ci_high": [0.3, 0.2], "interval": ["", ""], "verdict": ["lift"] * 2})
    labels = list(charts_takeover.build_lift_summary(rows, "Lift").data[0].y)
    assert labels == ["ours · engagements", f"{plotly_text(HANDLE)} · engagements"]


@pytest.mark.parametrize("page", ["pages/cost_vs_celebrity.py", "pages/influencers.py", "pages/overview.py"])
def test_a_hostile_handle_is_text_in_every_figure(hostile_db, page):
    assert_shown_as_text(app_on(hostile_db, page))


def test_a_hostile_campaign_is_text_on_the_campaigns_page(hostile_db):
    at = app_on(hostile_db, "pages/campaigns.py")
    assert_shown_as_text(at)
    table = at.dataframe(key="campaign_table").value
    row = int(list(table["campaign"]).index(CAMPAIGN))
    at.session_state["campaign_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert_shown_as_text(at)
    assert f"Week by week: {escape_markdown(CAMPAIGN)}" in [s.value for s in at.subheader]
    weekly = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert {t["name"] for t in weekly["data"] if t.get("name")} == {plotly_text(CAMPAIGN)}


def test_a_hostile_handle_is_text_in_the_details_tabs_and_a_chart_pick_finds_it(hostile_db):
    at = app_on(hostile_db, "pages/influencers.py")
    dots = next(t for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
                if any(c[0] == plotly_text(HANDLE) for c in t.get("customdata") or []))
    picked = next(c for c in dots["customdata"] if c[0] == plotly_text(HANDLE))
    at.session_state["infl_scatter"] = {"selection": {"points": [{"customdata": picked[:2]}], "point_indices": [0],
                                                      "box": [], "lasso": []}}
    at.run()
    assert_shown_as_text(at)
    assert [t.label for t in at.tabs] == [escape_markdown(f"{HANDLE} · Instagram")]
    assert not any("no longer in the filtered table" in c.value for c in at.caption)


def test_a_hostile_takeover_campaign_is_text_in_its_heading_and_figures(tmp_path):
    database = mdb.new_database()
    names = {"Spring Takeover": CAMPAIGN}
    ingest.ingest_path(database, write_csv(tmp_path, "brand_posts.csv", renamed(test_takeover.BRAND_CSV, names)),
                       kind="brand_posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", renamed(test_takeover.CAMPAIGNS_CSV, names)),
                       kind="campaigns")
    at = app_on(database, "pages/takeover.py")
    assert_shown_as_text(at)
    assert any(s.value.startswith(escape_markdown(CAMPAIGN)) for s in at.subheader)


def test_a_long_chart_title_is_split_at_a_clause_not_inside_an_escaped_character():
    import plotly.graph_objects as go

    from microlens import theme

    # "&lt; " holds "; ": a title naming "< $250" was split there, its answer ending "&lt" on the chart
    title = plotly_text("84% of micro posts cost < $250 and 97% cost < $500 in your data, as the brief claims for "
                        "its market; the claims are unverified")
    figure = theme.apply(go.Figure(layout=dict(title=title)))
    assert figure.layout.title.text.startswith("84% of micro posts cost &lt; $250")
    assert theme.title_parts(title) == (plotly_text("84% of micro posts cost < $250 and 97% cost < $500 in your data, "
                                                    "as the brief claims for its market"),
                                        "The claims are unverified.")
