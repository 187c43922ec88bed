"""Benchmark catalog: the research file's worked example, the ER-source sensitivity, provenance of every
record, and the editable-table round trip with its validation."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from microlens import benchmarks as b

ALL_CATALOGS = (b.ER_BENCHMARKS, b.PRICE_BENCHMARKS, b.PRICE_SHARE_CLAIMS, b.CPM_BENCHMARKS)
ALL_RECORDS = tuple(r for catalog in ALL_CATALOGS for r in catalog)


def er(key: str) -> b.ErBenchmark:
    return b.pick(b.ER_BENCHMARKS, [key])[0]


def price(key: str) -> b.PriceBenchmark:
    return b.pick(b.PRICE_BENCHMARKS, [key])[0]


BRIEF_PRICE = price("brief-celebrity-branded-post")
MARKERLY_CELEB = er("markerly-2016-instagram-1m-10m")
HYPEAUDITOR_2026_MEGA = er("hypeauditor-2026-instagram-mega")


# --- the research file's worked example (§2.4) ---------------------------------------------------------

def test_worked_example_markerly():
    # 5,000,000 × 0.0166 = 83,000 likes; $20,000 / 83,000 = 0.24096; $100,000 / 83,000 = 1.20482
    low, high = b.celebrity_cpe_range([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB])
    assert low == pytest.approx(20_000 / 83_000) and round(low, 2) == 0.24
    assert high == pytest.approx(100_000 / 83_000) and round(high, 2) == 1.20


def test_worked_example_hypeauditor_2026():
    # 5,000,000 × 0.0033 = 16,500 engagements; $20,000 / 16,500 = 1.2121; $100,000 / 16,500 = 6.0606
    low, high = b.celebrity_cpe_range([BRIEF_PRICE], 5_000_000, [HYPEAUDITOR_2026_MEGA])
    assert low == pytest.approx(20_000 / 16_500) and round(low, 1) == 1.2
    assert high == pytest.approx(100_000 / 16_500) and round(high, 1) == 6.1


def test_range_pairs_low_price_with_high_er_and_high_price_with_low_er():
    # Both ERs chosen: low = 20,000 / (5M × 0.0166) = 0.24096, high = 100,000 / (5M × 0.0033) = 6.0606
    low, high = b.celebrity_cpe_range(
        [BRIEF_PRICE], 5_000_000, b.pick(b.ER_BENCHMARKS, b.DEFAULT_CELEBRITY_ER_KEYS))
    assert (low, high) == pytest.approx((20_000 / 83_000, 100_000 / 16_500))


def test_range_spans_several_price_records():
    # Brief $20,000–100,000 and Mashable-attributed $6,104–24,406 → prices $6,104–100,000.
    # At 5M × 1.66 % = 83,000: 6,104 / 83,000 = 0.07354, 100,000 / 83,000 = 1.20482
    low, high = b.celebrity_cpe_range([BRIEF_PRICE, price("brief-mashable-over-1m")], 5_000_000,
                                      [MARKERLY_CELEB])
    assert (low, high) == pytest.approx((6_104 / 83_000, 100_000 / 83_000))


def test_defaults_are_the_brief_price_and_the_two_disagreeing_ers():
    assert b.pick(b.PRICE_BENCHMARKS, b.DEFAULT_CELEBRITY_PRICE_KEYS) == (BRIEF_PRICE,)
    assert b.pick(b.ER_BENCHMARKS, b.DEFAULT_CELEBRITY_ER_KEYS) == (MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA)
    assert (BRIEF_PRICE.price_low, BRIEF_PRICE.price_high) == (20_000, 100_000)
    assert (MARKERLY_CELEB.er, HYPEAUDITOR_2026_MEGA.er) == (0.0166, 0.0033)
    assert b.DEFAULT_CELEBRITY_FOLLOWERS == b.CELEBRITY_REFERENCE.followers == 5_000_000
    assert "Markerly" in b.CELEBRITY_REFERENCE.rationale and b.CELEBRITY_REFERENCE.urls   # why 5M, with sources


def test_per_1k_follower_price_makes_cpe_independent_of_followers():
    # WebFX $20 per 1K followers: at 5M that is $100,000 a post; CPE = 20 / 1,000 / 0.0166 = 1.20482
    # at any follower count, because followers cancel out.
    webfx = price("webfx-2022-instagram-per-1k")
    assert b.price_range_at(webfx, 5_000_000) == (100_000, 100_000)
    at_5m = b.celebrity_cpe_range([webfx], 5_000_000, [MARKERLY_CELEB])
    at_2m = b.celebrity_cpe_range([webfx], 2_000_000, [MARKERLY_CELEB])
    assert at_5m == pytest.approx((0.02 / 0.0166, 0.02 / 0.0166))
    assert at_2m == pytest.approx(at_5m)


def test_open_ended_price_uses_its_floor_for_both_ends():
    mega = price("imh-grid-2021-instagram-mega")   # "$10,000+"
    assert mega.price_high is None
    assert b.price_range_at(mega, 5_000_000) == (10_000, 10_000)
    assert mega.citation.startswith("Influencer Marketing Hub (as reproduced) (2021), price per post, "
                                    "instagram, mega: $10,000+ — https://")


def test_views_based_er_is_refused_with_the_reason():
    tiktok = er("modash-2025-tiktok-over-1m")
    assert tiktok.denominator == "views" and not b.is_followers_based(tiktok)
    with pytest.raises(ValueError, match=r"modash-2025-tiktok-over-1m \(ER by views\).*per follower"):
        b.celebrity_cpe_range([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, tiktok])


@pytest.mark.parametrize("prices, followers, ers, message", [
    ([], 5_000_000, [MARKERLY_CELEB], "price benchmark"),
    ([BRIEF_PRICE], 5_000_000, [], "engagement-rate benchmark"),
    ([BRIEF_PRICE], 0, [MARKERLY_CELEB], "positive"),
])
def test_celebrity_cpe_range_rejects_missing_inputs(prices, followers, ers, message):
    with pytest.raises(ValueError, match=message):
        b.celebrity_cpe_range(prices, followers, ers)


# --- sensitivity to the ER source ----------------------------------------------------------------------

def test_sensitivity_verdict_flips_between_er_sources_at_micro_cpe_050():
    # Markerly: $0.241–1.205 contains $0.50 → overlaps. HypeAuditor 2026: $1.212–6.061 lies above $0.50.
    tiktok = er("modash-2025-tiktok-over-1m")
    table = b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA, tiktok], 0.50)
    by_key = table.set_index("key")
    assert by_key.loc[MARKERLY_CELEB.key, "verdict"] == b.OVERLAPS
    assert by_key.loc[HYPEAUDITOR_2026_MEGA.key, "verdict"] == b.MICRO_CHEAPER
    assert by_key.loc[MARKERLY_CELEB.key, ["celebrity_cpe_low", "celebrity_cpe_high"]].tolist() == \
        pytest.approx([20_000 / 83_000, 100_000 / 83_000])
    assert by_key.loc[HYPEAUDITOR_2026_MEGA.key, ["celebrity_cpe_low", "celebrity_cpe_high"]].tolist() == \
        pytest.approx([20_000 / 16_500, 100_000 / 16_500])
    # The views-based record is listed, labelled and left out of the arithmetic.
    assert by_key.loc[tiktok.key, "verdict"] == b.NOT_COMPARABLE
    assert math.isnan(by_key.loc[tiktok.key, "celebrity_cpe_low"])
    assert by_key.loc[tiktok.key, "denominator"] == "views"
    required = {"source", "year", "statistic", "denominator", "celebrity_er", "celebrity_cpe_low",
                "celebrity_cpe_high", "verdict"}
    assert required <= set(table.columns)
    assert table["year"].tolist()[:2] == [2016, 2026]


@pytest.mark.parametrize("micro_cpe, expected", [
    (0.10, b.MICRO_CHEAPER),       # below 0.241
    (0.241, b.OVERLAPS),           # inside 0.24096–1.20482
    (20_000 / 83_000, b.OVERLAPS),  # exactly on the low edge counts as overlap
    (1.30, b.CELEBRITY_CHEAPER),   # above 1.20482
])
def test_verdict_branches_against_markerly(micro_cpe, expected):
    table = b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB], micro_cpe)
    assert table["verdict"].iloc[0] == expected


def test_sensitivity_rejects_a_non_positive_micro_cpe():
    with pytest.raises(ValueError, match="micro-influencer CPE"):
        b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB], 0.0)


def test_sensitivity_without_a_micro_cpe_is_the_celebrity_side_alone():
    # no influencer has a cost (a list of top accounts): each source's celebrity range, no verdict to give
    tiktok = er("modash-2025-tiktok-over-1m")
    by_er = b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, tiktok], None).set_index("key")
    assert by_er.loc[MARKERLY_CELEB.key, ["celebrity_cpe_low", "celebrity_cpe_high"]].tolist() == \
        pytest.approx([20_000 / 83_000, 100_000 / 83_000])
    assert by_er["verdict"].tolist() == [b.NO_MICRO_CPE, b.NOT_COMPARABLE] and by_er["micro_cpe"].isna().all()
    by_price = b.price_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA], None)
    assert by_price[["celebrity_cpe_low", "celebrity_cpe_high"]].iloc[0].tolist() == \
        pytest.approx([20_000 / 83_000, 100_000 / 16_500])
    assert by_price["verdict"].tolist() == [b.NO_MICRO_CPE] and by_price["micro_cpe"].isna().all()


def test_sensitivity_to_the_celebrity_price_with_the_chosen_ers():
    # 5,000,000 followers × the ERs 1.66 % (Markerly) and 0.33 % (HypeAuditor 2026) = 83,000 and 16,500
    # engagements. The brief's celebrity post $20,000–100,000: $0.241–6.061. The brief's ">1M" claim
    # $6,104–24,406: $0.0735–1.479, which holds a micro CPE of $0.086; an open-ended "$10,000+" counts its floor
    # at both ends: $0.120–0.606.
    mashable, open_ended = price("brief-mashable-over-1m"), price("imh-grid-2021-instagram-mega")
    table = b.price_sensitivity([BRIEF_PRICE, mashable, open_ended], 5_000_000,
                                [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA], 0.086).set_index("key")
    cpe = table[["celebrity_cpe_low", "celebrity_cpe_high"]]
    assert cpe.loc[BRIEF_PRICE.key].tolist() == pytest.approx([20_000 / 83_000, 100_000 / 16_500])
    assert cpe.loc[mashable.key].tolist() == pytest.approx([6_104 / 83_000, 24_406 / 16_500])
    assert cpe.loc[open_ended.key].tolist() == pytest.approx([10_000 / 83_000, 10_000 / 16_500])
    assert table["verdict"].to_dict() == {BRIEF_PRICE.key: b.MICRO_CHEAPER, mashable.key: b.OVERLAPS,
                                          open_ended.key: b.MICRO_CHEAPER}
    assert table.loc[mashable.key, ["price_low", "price_high"]].tolist() == [6_104, 24_406]


def test_each_source_judges_the_micro_cpe_counted_its_way():
    # Markerly counts likes only: $0.241–1.205 per like. A micro CPE of $0.22 over every part of an engagement is
    # under it, but counted per like ($0.26: fewer engagements, each dearer) it is inside it: overlaps, not cheaper.
    # HypeAuditor 2026 counts likes + comments ($1.212–6.061): $0.23 per like + comment is still under it.
    basis = {"likes": 0.26, "likes+comments": 0.23}
    table = b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA], 0.22, basis)
    by_key = table.set_index("key")
    assert by_key["micro_cpe"].to_dict() == {MARKERLY_CELEB.key: 0.26, HYPEAUDITOR_2026_MEGA.key: 0.23}
    assert by_key["verdict"].to_dict() == {MARKERLY_CELEB.key: b.OVERLAPS, HYPEAUDITOR_2026_MEGA.key: b.MICRO_CHEAPER}
    # without the like-for-like CPEs, every part: both cheaper
    assert set(b.er_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA], 0.22)["verdict"]
               ) == {b.MICRO_CHEAPER}
    # a price judged with both ERs: Markerly's own range for the brief's post ($0.241–1.205) takes in $0.26 per like,
    # HypeAuditor's ($1.212–6.061) lies above $0.23: the two disagree, so the price's verdict is an overlap, and its
    # row names no single micro CPE
    prices = b.price_sensitivity([BRIEF_PRICE], 5_000_000, [MARKERLY_CELEB, HYPEAUDITOR_2026_MEGA], 0.22, basis)
    assert prices["verdict"].tolist() == [b.OVERLAPS] and math.isnan(prices["micro_cpe"].iloc[0])
    alone = b.price_sensitivity([BRIEF_PRICE], 5_000_000, [HYPEAUDITOR_2026_MEGA], 0.22, basis)
    assert alone["verdict"].tolist() == [b.MICRO_CHEAPER] and alone["micro_cpe"].tolist() == [0.23]


# --- choosing benchmarks -----------------------------------------------------------------------------------

def test_followers_based_filter():
    usable = b.followers_based(b.ER_BENCHMARKS)
    assert usable and all(r.denominator == "followers" for r in usable)
    assert er("modash-youtube-over-1m") not in usable and er("imh-2021-tiktok-mega") not in usable
    assert MARKERLY_CELEB in usable


def test_pick_names_a_missing_key():
    with pytest.raises(ValueError, match="no-such-key"):
        b.pick(b.ER_BENCHMARKS, ["no-such-key"])


# --- the catalog's content and provenance --------------------------------------------------------------

@pytest.mark.parametrize("key, value", [
    ("markerly-2016-instagram-10k-100k", 0.0237),
    ("markerly-2016-instagram-1m-10m", 0.0166),
    ("hypeauditor-2018-instagram-mean-celebrity-over-1m", 0.0154),
    ("hypeauditor-2018-instagram-median-user-0-1k", 0.1699),
    ("mavrck-instagram-10k-50k", 0.0307),
    ("mavrck-instagram-50k-100k", 0.0233),
    ("imh-2021-instagram-micro", 0.0386),
    ("imh-2021-instagram-mega", 0.0121),
    ("imh-2021-tiktok-micro", 0.18),
    ("imh-2021-tiktok-mega", 0.05),
    ("imh-2021-youtube-micro", 0.0164),
    ("imh-2021-youtube-mega", 0.0037),
    ("hypeauditor-2026-instagram-nano", 0.0178),
    ("hypeauditor-2026-instagram-micro", 0.0054),
    ("hypeauditor-2026-instagram-mega", 0.0033),
    ("trendhero-instagram-celebrity", 0.015),
    ("creatoriq-2023-instagram-mega-sponsored", 0.0023),
    # Modash "Average" band midpoints: (1.02 + 1.27) / 2 = 1.145 %, (8.38 + 9.37) / 2 = 8.875 %,
    # (0.13 + 0.18) / 2 = 0.155 %
    ("modash-instagram-over-1m", 0.01145),
    ("modash-2025-tiktok-10k-50k", 0.08875),
    ("modash-youtube-over-1m", 0.00155),
])
def test_published_er_values(key, value):
    assert er(key).er == pytest.approx(value)


def test_hypeauditor_2018_has_mean_and_median_for_six_tiers():
    ha = [r for r in b.ER_BENCHMARKS if r.source == "HypeAuditor" and r.year == 2018]
    assert sorted(r.statistic for r in ha) == ["mean"] * 6 + ["median"] * 6
    assert len({r.tier for r in ha}) == 6


def test_denominators_follow_the_sources():
    assert {r.denominator for r in b.ER_BENCHMARKS if r.source == "Modash" and r.platform != "instagram"} == {"views"}
    assert {r.statistic for r in b.ER_BENCHMARKS if r.source == "Modash"} == {"median"}
    assert {r.statistic for r in b.ER_BENCHMARKS if r.source == "Markerly"} == {"like rate"}
    assert {r.numerator for r in b.ER_BENCHMARKS if r.source == "Markerly"} == {"likes"}


def test_the_brief_claims_are_present_and_labelled_unverified():
    mashable = price("brief-mashable-over-1m")
    assert (mashable.price_low, mashable.price_high, mashable.followers_low) == (6_104, 24_406, 1_000_000)
    assert "Mashable" in mashable.source
    shares = {c.key: c for c in b.PRICE_SHARE_CLAIMS}
    assert (shares["brief-micro-under-250"].threshold, shares["brief-micro-under-250"].share) == (250, 0.84)
    assert (shares["brief-micro-under-500"].threshold, shares["brief-micro-under-500"].share) == (500, 0.97)
    for claim in (BRIEF_PRICE, mashable, shares["brief-micro-under-250"], shares["brief-micro-under-500"]):
        assert claim.url == b.BRIEF_UNVERIFIED and claim.verified is False
        assert "source: brief (unverified)" in claim.citation
    # The nearest sourced statement sits beside them.
    assert shares["ignite-2019-businesses-under-250"].share == 0.66


def test_price_and_cpm_figures():
    assert (price("imh-grid-2021-instagram-micro").price_low, price("imh-grid-2021-instagram-micro").price_high) \
        == (100, 500)
    assert price("usatoday-2019-rule-of-thumb").price_low == 10   # $100 per 10,000 followers = $10 per 1K
    assert price("usatoday-2019-rule-of-thumb").unit == b.PER_1K_FOLLOWERS
    assert price("klear-2019-instagram-celebrity").price_low == 3_138
    cpm = {c.key: c for c in b.CPM_BENCHMARKS}
    assert (cpm["inzpire-cpm-instagram"].cpm_low, cpm["inzpire-cpm-instagram"].cpm_high) == (32, 42)
    assert cpm["lefty-emv-default"].cpm_low == cpm["lefty-emv-default"].cpm_high == 15
    assert {c.source for c in b.CPM_BENCHMARKS} >= {"Inzpire.me", "Word on the Block", "Influencer Hero", "Lefty"}


def test_every_record_has_source_year_address_and_definition():
    for r in ALL_RECORDS:
        assert r.source.strip() and r.report.strip() and r.definition.strip(), r.key
        if r.url == b.BRIEF_UNVERIFIED:
            assert not getattr(r, "verified", False), r.key
        else:
            assert re.match(r"https?://\S+$", r.url), r.key
        # A year is either printed, or the record is the unverified brief or says in its note that the
        # source is undated — never a silent gap.
        assert r.year is not None or r.url == b.BRIEF_UNVERIFIED or "ndated" in r.note, r.key
        expected_year = "undated" if r.year is None else str(r.year)
        assert r.citation.startswith(f"{r.source} ({expected_year}), {r.definition} — "), r.key


def test_keys_are_unique_across_the_catalog():
    keys = [r.key for r in ALL_RECORDS]
    assert len(keys) == len(set(keys))


def test_citation_format():
    median = er("hypeauditor-2018-instagram-median-celebrity-over-1m")
    assert median.citation == ("HypeAuditor (2018), median ER by followers, (likes+comments)/followers — "
                               "https://hypeauditor.com/blog/what-is-instagram-engagement-rate-and-how-to-calculate-it/")
    assert MARKERLY_CELEB.citation.startswith("Markerly (2016), like rate by followers, likes/followers — https://")
    assert er("imh-2021-tiktok-mega").definition == "mean ER, denominator not stated"
    assert BRIEF_PRICE.citation == ("Product brief (undated), price per post, any, celebrity (>1M): "
                                    "$20,000–$100,000 — source: brief (unverified)")


# --- editable tables -----------------------------------------------------------------------------------

@pytest.mark.parametrize("catalog", ALL_CATALOGS, ids=["er", "price", "share", "cpm"])
def test_round_trip(catalog):
    frame = b.to_frame(catalog)
    assert list(frame.columns) == [f for f in type(catalog[0]).__dataclass_fields__]
    assert b.from_frame(frame) == catalog


def test_round_trip_ignores_display_columns_and_survives_csv():
    frame = b.to_frame(b.PRICE_BENCHMARKS)
    frame["citation"] = [r.citation for r in b.PRICE_BENCHMARKS]
    assert b.from_frame(frame) == b.PRICE_BENCHMARKS
    # Through text, as a user's saved copy would come back: empty cells become None again.
    import io
    text = io.StringIO(b.to_frame(b.ER_BENCHMARKS).to_csv(index=False))
    assert b.from_frame(pd.read_csv(text)) == b.ER_BENCHMARKS


def test_edited_value_comes_back_as_a_record():
    frame = b.to_frame(b.ER_BENCHMARKS)
    row = frame.index[frame["key"] == MARKERLY_CELEB.key][0]
    frame.loc[row, "er"] = 0.02
    edited = b.pick(b.from_frame(frame), [MARKERLY_CELEB.key])[0]
    assert edited.er == 0.02 and edited.source == "Markerly"


def _er_frame_with(column: str, value) -> pd.DataFrame:
    frame = b.to_frame(b.ER_BENCHMARKS[:3]).astype(object)
    frame.loc[1, column] = value
    return frame


@pytest.mark.parametrize("column, value, message", [
    ("er", 1.66, r"Row 2 \(Markerly 2016, Instagram, 1K–10K\): the engagement rate must be above 0% and below 100%"),
    ("er", 0.0, r"Row 2 .*the engagement rate must be above 0%"),
    ("er", -0.01, r"Row 2 .*the engagement rate must be above 0%"),
    ("followers_low", -5, r"Row 2 .*followers_low cannot be negative"),
    ("followers_high", 500, r"Row 2 .*followers_high is below followers_low"),
    ("denominator", "reach", r"Row 2 .*denominator must be one of"),
    ("statistic", "mode", r"Row 2 .*statistic must be one of"),
    ("platform", "myspace", r"Row 2 .*platform must be one of"),
    ("source", "  ", r"Row 2 .*source is empty"),
    ("er", "high", r"Row 2 .*er must be a number"),
    ("followers_low", 1000.5, r"Row 2 .*followers_low must be a whole number"),
    ("year", 1850, r"Row 2 .*not a plausible publication year"),
    ("key", "markerly-2016-instagram-under-1k", r"Row 2 .*already used by row 1"),
])
def test_from_frame_er_validation(column, value, message):
    with pytest.raises(ValueError, match=message):
        b.from_frame(_er_frame_with(column, value))


@pytest.mark.parametrize("column, value, message", [
    ("price_low", 0, r"Row 1 \(Product brief, celebrity \(>1M\)\): price_low must be positive"),
    ("price_high", 10_000, r"Row 1 .*price_high is below price_low"),
    ("unit", "EUR per post", r"Row 1 .*unit must be one of"),
    ("verified", True, r"Row 1 .*verified figure needs the web address"),
    ("verified", "maybe", r"Row 1 .*verified must be true or false"),
])
def test_from_frame_price_validation(column, value, message):
    frame = b.to_frame(b.PRICE_BENCHMARKS[:2]).astype(object)
    frame.loc[0, column] = value
    with pytest.raises(ValueError, match=message):
        b.from_frame(frame)


def test_from_frame_share_and_cpm_validation():
    shares = b.to_frame(b.PRICE_SHARE_CLAIMS).astype(object)
    shares.loc[0, "share"] = 84
    with pytest.raises(ValueError, match=r"Row 1 .*the share must be above 0% and at most 100%"):
        b.from_frame(shares)
    cpms = b.to_frame(b.CPM_BENCHMARKS).astype(object)
    cpms.loc[2, "cpm_high"] = 1
    with pytest.raises(ValueError, match=r"Row 3 \(Inzpire.me, YouTube, all sizes\): cpm_high is below cpm_low"):
        b.from_frame(cpms)


def test_from_frame_rejects_unknown_or_incomplete_tables():
    with pytest.raises(ValueError, match="do not match one kind of benchmark"):
        b.from_frame(pd.DataFrame({"name": ["x"]}))
    with pytest.raises(ValueError, match="missing the column.*numerator"):
        b.from_frame(b.to_frame(b.ER_BENCHMARKS).drop(columns="numerator"))
    with pytest.raises(ValueError, match="needs its record type"):
        b.to_frame([])
    assert list(b.to_frame([], b.CpmBenchmark).columns)[:3] == ["key", "source", "report"]


def test_a_new_blank_row_is_reported_not_loaded():
    # st.data_editor's "add row" yields a row of empty cells.
    frame = b.to_frame(b.CPM_BENCHMARKS)
    frame = pd.concat([frame, pd.DataFrame([{c: None for c in frame.columns}])], ignore_index=True)
    with pytest.raises(ValueError, match=rf"Row {len(b.CPM_BENCHMARKS) + 1}: key is empty"):
        b.from_frame(frame)


def test_instagram_only_note_names_the_other_platforms_as_marketers_write_them():
    assert b.instagram_only_note(["instagram", "instagram"], "the data") is None
    assert b.instagram_only_note([], "the data") is None
    note = b.instagram_only_note(["youtube", "instagram", "tiktok", None, "tiktok"], "the portfolio")
    assert note == ("The celebrity engagement benchmarks are Instagram figures; the portfolio also has TikTok and "
                    "YouTube accounts, which this compares across platforms.")
    # what to do about it is the page's (a deck has no sidebar): only where filtering leaves Instagram to compare
    assert b.mixes_instagram(["youtube", "instagram", None]) and not b.mixes_instagram(["tiktok", "youtube"])
    assert not b.mixes_instagram(["instagram", None])
    assert "also has X accounts" in b.instagram_only_note(["x", "instagram"], "the data")
    assert "also has Facebook, TikTok and YouTube accounts" in b.instagram_only_note(
        ["facebook", "tiktok", "youtube", "instagram"], "the data")
    # no Instagram at all (a TikTok-only upload, or the platform filter set to TikTok): no advice to filter
    only = b.instagram_only_note(["tiktok", "tiktok", None], "the data")
    assert only == ("The celebrity engagement benchmarks are Instagram figures; the data has only TikTok accounts, so "
                    "this compares across platforms: read the verdict as indicative.")


def test_client_facing_catalog_text_does_not_cite_our_internal_files():
    # a client read "not traced to a primary source (research file §0)" in a report's claims table
    records = [*b.ER_BENCHMARKS, *b.PRICE_BENCHMARKS, *b.PRICE_SHARE_CLAIMS, *b.CPM_BENCHMARKS]
    texts = [str(value) for r in records for value in vars(r).values() if isinstance(value, str)]
    texts.append(b.CELEBRITY_REFERENCE.rationale)
    assert len(texts) > 100
    assert not [t for t in texts if "research file" in t or "§" in t]
