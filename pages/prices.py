"""Prices: what influencers charge per post against the brief's 84% / 97% claims, the fitted rate card, outliers."""
from __future__ import annotations

import streamlit as st

from microlens import area_prices, theme
from microlens import benchmarks as bm
from microlens.bands import MICRO
from microlens.text import escape_markdown
from pages import ui

ui.through_entry_script(__file__)


def table_section(sec, column_config: dict | None = None, sentences=(), above=None, reading=None,
                  legend: str = "") -> None:
    """A Section without a figure: its finding, sentences in words, the table in readable formats, sources
    and SQL, unless the section `above` it showed the same (the claims table repeated the price chart's twelve-line
    sources paragraph and its SQL). `reading`: the columns of a short table to show whole and wrapped (a grid cut
    the claims' populations at 1280 px), what they mean in `legend` (a grid's header tooltips)."""
    st.markdown(f"**{escape_markdown(sec.finding)}**")
    for sentence in sentences:
        st.markdown("- " + escape_markdown(sentence))
    if reading:
        ui.reading_table(sec.table[reading])
        st.caption(escape_markdown(legend))
    else:
        ui.dataframe(sec.table, hide_index=True, column_config=column_config)
    if not ui.present_mode():
        ui.csv_download("Download table (CSV)", sec.table, sec.key)
        if sec.source and not (above and above.source == sec.source):
            st.caption("Sources: " + ui.escape_markdown_with_sites(sec.source))
        if not (above and above.sql == sec.sql):
            with st.expander("Show SQL"):
                st.code(sec.sql, language="sql")


st.title("Prices")
ui.data_banner()
ctx = ui.context()
prices = ctx.query("price_per_post")
if prices.empty:
    ui.empty_state("influencers")
    st.stop()
if not prices["known_price"].notna().any():
    # (viral accounts too, which the Overview's count of 770 on a crawl leaves out: going viral changes no price)
    st.info(f"None of the {len(prices):,} influencers in the current data and filters, viral accounts included, has "
            "a known price per post: no listed price, no post fee and no contract fee. This page only shows prices "
            "someone actually charged or listed, so there is nothing to draw. Load an influencer list with a price "
            "column, posts with a cost, or a campaigns file with fees on the Data page.", icon=":material/sell:")
    st.stop()

band_order = [b.name for b in ctx.filters.band_scheme]
priced = area_prices.priced(prices)
bands_with_prices = [b for b in band_order if b in set(priced["band"])]
band = MICRO if MICRO in bands_with_prices else bands_with_prices[0]
if not ctx.present and len(bands_with_prices) > 1:
    band = st.selectbox("Follower band to analyse", bands_with_prices, index=bands_with_prices.index(band),
                        key="prices_band",
                        help="The brief's claims are about micro-influencers; other bands are here to compare.")
if band != MICRO and MICRO not in bands_with_prices:
    st.info(escape_markdown(f"No micro-influencer has a known price in the current filter; showing the {band} band."))

s = area_prices.summary(ctx, band)
n_band, n_priced = len(s.band_rows), len(s.band_priced)
brief_at = area_prices.brief_claims_by_threshold(s)
cards = [(f"Priced {band} influencers", f"{n_priced:,} of {n_band:,}",
          "Known = listed price per post, else the median fee paid per post (post fee, or contract fee + "
          "product cost ÷ posts delivered).")]
# the platforms the shares count: beside "90% of your Instagram influencers … (brief: 84%)", a card's 84% of three
# platforms' read as the brief's figure borne out
platforms = s.band_priced["platform"].nunique()
for t in s.thresholds[:2]:
    cards.append((f"Charge under {theme.money(t)}" + (f" ({platforms} platforms)" if platforms > 1 else ""),
                  theme.percent(s.shares[t], 0),
                  f"Share of the {n_priced} priced {band} influencers"
                  + (f" on {platforms} platforms" if platforms > 1 else "") + " in the chart below."
                  + (f" {brief_at[t]}" if t in brief_at else "")))
cards.append(("Median price per post", theme.money(float(s.band_priced["known_price"].median()), 0),
              f"Median known price of {band} influencers in the current filter."))
for col, (label, value, help_text) in zip(ui.kpi_columns(len(cards)), cards):
    col.metric(label, value, help=help_text)

if not ctx.present:
    unpriced = n_band - n_priced
    st.caption(escape_markdown(
        "Known prices only. An estimated price is followers ÷ 1,000 × the rate card, so it would only draw "
        "the rate card back onto the chart; estimates are left out here whatever the sidebar says."
        + (f" {unpriced} of the {n_band} {band} influencers have no known price and are not counted." if unpriced
           else "")))
    if price := ctx.filters.price_range():
        st.warning(escape_markdown(f"The sidebar's price range ({price}) keeps only influencers priced within it, "
                                   "so the shares under $250 and $500 below are shares of that range, not of every "
                                   "price: clear the price range to compare your prices with the claims."),
                   icon=":material/filter_alt:")

above = None
for sec in area_prices.sections(ctx, band, s):
    if sec.key == "price_distribution":
        st.subheader("How much do they charge per post?")
        ui.section(sec)
        st.caption(escape_markdown(("The dashed lines are the claims' price points. " if s.thresholds else
                                    "The claims' price points are micro prices, so they are not drawn over the "
                                    f"{band} band. ")
                                   + "Each claim speaks about its own population (the brief's: Instagram influencers "
                                   "with 10K–100K followers), so the table below compares each claim with that same "
                                   "population in your data, whatever band is chosen above"
                                   # the sidebar's mid band left the brief's 10K-100K population empty, unsaid
                                   + (f", within the sidebar's band filter ({', '.join(ctx.filters.bands)}), which "
                                      "can leave a claim's population out: clear it to compare every claim."
                                      if ctx.filters.bands else ".")))
    elif sec.key == "price_claims":
        table_section(sec, reading=["claim", "threshold", "claimed_share", "your_share", "difference_pts",
                                    "influencers", "population", "note"],
                      legend="Your data − claim: your share minus the claimed share, in percentage points. "
                             "Influencers: priced influencers in the claim's population. A claim marked unverified "
                             "could not be checked in the source it cites (the brief's claims cite none).", above=above)
    elif sec.key == "rate_card":
        st.subheader("Rate card: dollars per 1,000 followers")
        ui.section(sec)
        st.caption(escape_markdown("Fit: the median of log(price ÷ followers × 1,000) per platform, a line of "
                                   "slope 1 through the origin. The median keeps a few unusually priced influencers "
                                   "from moving the card. Compare with the sourced per-1K figures in the table."))
        if note := area_prices.sidebar_rate_note(s):
            st.caption(escape_markdown(note))
            data_rate = area_prices.data_rate_card(s)
            # within a price range, the fit is of the prices the range keeps: said, as the shares above say it
            within = f" within {price}" if (price := ctx.filters.price_range()) else ""
            # (escaped: a label reads Markdown, and two '$' would set what stands between them as a formula)
            st.button(escape_markdown(f"Use {theme.money(data_rate, 2)} per 1K followers (fitted on {band} "
                                      f"prices{within}) as the sidebar's rate card"),
                      key="use_data_rate", icon=":material/sync_alt:", on_click=ui.use_rate_card, args=(data_rate,))
        # the figure before its source: after a 'large' source column it was cut to "$" on a 1024-px screen
        ui.dataframe(sec.table, hide_index=True,
                     column_order=["platform", "usd_per_1k", "from", "influencers", "url"],
                     column_config={**ui.table_config(sec.table, helps={"influencers": "Priced influencers."},
                                                      widths={"from": "large"}),
                                    # the site's name, the whole address a click away
                                    "url": st.column_config.LinkColumn(
                                        "Link", display_text=r"https?://(?:www\.)?([^/]+)", width="medium")})
    elif sec.key == "price_outliers":
        st.subheader("Who is priced far from the rate card?")
        # a sentence for each who stands out; the table lists everyone the headline counts
        table_section(sec, sentences=sec.table.loc[sec.table["outlier"], "description"], column_config=ui.table_config(
            sec.table, hidden=("description",),
            helps={"expected_price": "What the platform's rate card fitted on your data's prices (the table above) "
                                     "gives for the account's followers; not the sidebar's rate card, which only "
                                     "estimates unknown costs.",
                   "robust_z": "How far the price is from the rate card, in units of the spread of the platform's "
                               "prices (a robust z: the distance ÷ (1.4826 × their median absolute deviation), read "
                               "as a standard score); minus is below the card; beyond 3 either way stands out.",
                   "outlier": "Also far from the spread of the platform's prices ('How unusual' beyond 3 either "
                              "way)."}), above=above)
    above = sec
