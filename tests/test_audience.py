"""Audience fit: component scores and their weighted mean, worked by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from microlens.audience import TargetProfile, fit_explanation, fit_score

TARGET = TargetProfile(country="US", min_country_share=0.3, female_share=0.7, age_18_34_share=0.6)


def _audiences():
    return pd.DataFrame({
        "influencer": ["full", "partial", "elsewhere", "unknown", "bad_share"],
        "audience_country": ["US", "us ", "DE", None, "US"],
        "audience_country_share": [0.45, 0.20, 0.60, np.nan, np.nan],
        "audience_female_share": [0.62, np.nan, 0.70, np.nan, 62.0],   # 62.0 is a percent, not a share
        "audience_age_18_34_share": [0.50, 0.60, np.nan, np.nan, np.nan],
    }).set_index("influencer")


def test_component_scores_and_weighted_mean_by_hand():
    out = fit_score(_audiences(), TARGET)
    # full: country US with 45% >= 30% -> 100
    #       female 0.62 vs 0.70: 100 * (1 - 0.08 / max(0.7, 0.3)) = 100 * (1 - 0.114286) = 88.571
    #       age 0.50 vs 0.60:    100 * (1 - 0.10 / max(0.6, 0.4)) = 100 * (1 - 0.166667) = 83.333
    #       fit = (100 + 88.571 + 83.333) / 3 = 90.635
    assert out.loc["full", "country_score"] == pytest.approx(100)
    assert out.loc["full", "female_score"] == pytest.approx(88.571, abs=1e-3)
    assert out.loc["full", "age_18_34_score"] == pytest.approx(83.333, abs=1e-3)
    assert out.loc["full", "fit_score"] == pytest.approx(90.635, abs=1e-3)
    assert out.loc["full", "coverage"] == pytest.approx(1.0)
    assert out.loc["full", "components_used"] == "country, gender, age 18–34"
    # partial: "us " matches US after trimming and case-folding; 20% of a wanted 30% -> 100 * 0.2 / 0.3 = 66.667
    #          age exactly on target -> 100; gender unknown drops out: fit = (66.667 + 100) / 2 = 83.333
    assert out.loc["partial", "country_score"] == pytest.approx(66.667, abs=1e-3)
    assert out.loc["partial", "fit_score"] == pytest.approx(83.333, abs=1e-3)
    assert out.loc["partial", "coverage"] == pytest.approx(2 / 3)
    assert out.loc["partial", "components_used"] == "country, age 18–34"
    # elsewhere: top country DE is not US -> 0 whatever its share; female on target -> 100; fit = 50
    assert out.loc["elsewhere", "country_score"] == 0
    assert out.loc["elsewhere", "fit_score"] == pytest.approx(50)


def test_missing_audience_is_not_scored():
    out = fit_score(_audiences(), TARGET)
    assert math.isnan(out.loc["unknown", "fit_score"])
    assert out.loc["unknown", "coverage"] == 0
    assert out.loc["unknown", "components_used"] == ""
    # bad_share: 62.0 is not a share, so gender is unknown; US top country with no share -> 100 on country alone
    assert math.isnan(out.loc["bad_share", "female_score"])
    assert out.loc["bad_share", "fit_score"] == pytest.approx(100)
    assert out.loc["bad_share", "components_used"] == "country"


def test_weights_change_the_mean_and_zero_weight_drops_a_component():
    target = TargetProfile(country="US", female_share=0.7, age_18_34_share=0.6,
                           country_weight=2, female_weight=1, age_18_34_weight=0)
    out = fit_score(_audiences(), target)
    # full: (2 * 100 + 1 * 88.571) / (2 + 1) = 96.190; age has weight 0 and is not used.
    assert out.loc["full", "fit_score"] == pytest.approx(96.190, abs=1e-3)
    assert out.loc["full", "components_used"] == "country, gender"


def test_closeness_is_scaled_to_the_furthest_possible_share():
    frame = pd.DataFrame({"audience_female_share": [0.2, 0.25, 0.5]})
    # target 50%: the furthest share is 0% or 100%, 0.5 away: 0.2 -> 100 * (1 - 0.3 / 0.5) = 40
    balanced = fit_score(frame, TargetProfile(female_share=0.5))
    assert balanced["fit_score"].tolist() == pytest.approx([40, 50, 100])
    # target 0% (an all-male audience): the furthest share is 100%: 0.25 -> 100 * (1 - 0.25 / 1) = 75
    male = fit_score(frame, TargetProfile(female_share=0.0))
    assert male["fit_score"].tolist() == pytest.approx([80, 75, 50])


def test_only_existing_columns_are_used():
    frame = pd.DataFrame({"influencer": ["a"], "audience_age_18_34_share": [0.3]})
    out = fit_score(frame, TARGET)
    # age 0.3 vs 0.6: 100 * (1 - 0.3 / 0.6) = 50; country and gender columns are absent.
    assert out.loc[0, "fit_score"] == pytest.approx(50)
    assert out.loc[0, "components_used"] == "age 18–34"
    assert out.loc[0, "coverage"] == pytest.approx(1 / 3)


def test_no_target_scores_nothing():
    out = fit_score(_audiences(), TargetProfile())
    assert out["fit_score"].isna().all()
    assert fit_explanation(_audiences().loc["full"], TargetProfile()).startswith("No target set")


def test_target_profile_validation():
    assert TargetProfile(country="  ").country is None
    with pytest.raises(ValueError):
        TargetProfile(female_share=1.2)
    with pytest.raises(ValueError):
        TargetProfile(min_country_share=0)
    with pytest.raises(ValueError):
        TargetProfile(country_weight=-1)


def test_explanations_in_words():
    audiences = _audiences()
    assert fit_explanation(audiences.loc["full"], TARGET) == (
        "Fit 91/100 on country, gender, age 18–34. "
        "Country: 45% of the audience is in US (target: at least 30%) — 100/100. "
        "Gender: 62% female (target 70%) — 89/100. "
        "Age: 50% aged 18–34 (target 60%) — 83/100.")
    partial = fit_explanation(audiences.loc["partial"], TARGET)
    assert partial.startswith("Fit 83/100 on country, age 18–34 (gender not given).")
    assert "Country: 20% of the audience is in US (target: at least 30%) — 67/100." in partial
    elsewhere = fit_explanation(audiences.loc["elsewhere"], TARGET)
    assert "the top audience country is DE, not US" in elsewhere and "— 0/100." in elsewhere
    assert fit_explanation(audiences.loc["unknown"], TARGET) == (
        "Not scored: the file has no audience data for the chosen targets.")
    # A plain dict works as well as a row.
    assert fit_explanation({"audience_female_share": 0.7}, TargetProfile(female_share=0.7)) == (
        "Fit 100/100 on gender. Gender: 70% female (target 70%) — 100/100.")
