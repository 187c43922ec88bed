"""The engagement-vs-followers chart's tier labels, built without Streamlit."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from microlens import benchmarks as bm
from microlens import theme
from microlens.charts_influencers import (TIER_LABEL_CHAR_SHARE, TIER_LABEL_PX, build_er_scatter, labelled_tiers,
                                         tier_spans)


def _scatter():
    """The chart over 300 Instagram accounts whose dots crowd their tiers' ERs, as on the sample."""
    tiers = tuple(r for r in bm.ER_BENCHMARKS if r.platform == "instagram"
                  and r.source == next(r for r in bm.ER_BENCHMARKS if r.platform == "instagram").source)
    rng = np.random.default_rng(0)
    followers = np.exp(rng.uniform(math.log(2_000), math.log(5_000_000), 300))
    # dots crowd each tier's ER, as on the sample
    tier_er = [next((r.er for r in tiers if r.followers_low <= f < (r.followers_high or math.inf)), 0.02)
               for f in followers]
    table = pd.DataFrame({"influencer": [f"a{i}" for i in range(300)], "platform": "instagram", "band": "micro",
                          "followers": followers, "median_er": np.array(tier_er) * rng.uniform(0.7, 1.4, 300),
                          "cpe": 0.1, "flagged": False})
    return build_er_scatter(table, "median_er", "ER by followers", tiers, "a source", "t", "note")


def test_tier_labels_cover_no_dot_on_the_shortest_plot():
    # "0.98%" and "1.0%" stood, boxed on white, on the dots around their tiers (a 1280×720 slide). Checked at presenter
    # type (Plotly sets a line 1.3 em high) on the shortest plot a slide draws, ~220 px: each label's box lies above
    # the y axis's domain, where every dot is drawn, on a taller plot all the more.
    plot_px, label_px = 220, theme.BASE_SIZE[True] * 1.3
    fig = _scatter()
    labels = [a for a in fig.layout.annotations if a.text.endswith("%")]
    assert len(labels) >= 2
    domain_top = (fig.layout.yaxis.domain or (0, 1))[1]
    for label in labels:
        assert label.yref == "paper", label.text          # in paper units, off the ER axis
        bottom = label.y - (label_px if label.yanchor == "top" else 0) / plot_px + (label.yshift or 0) / plot_px
        assert bottom >= domain_top and bottom + label_px / plot_px <= 1


def test_tier_label_band_narrows_to_the_labels_on_the_apps_taller_plot():
    # Sized on the shortest plot, the band left ~20 px empty under the labels on the app's 600-px chart; drawn at a
    # set height it is the labels' line and gap, and they still stand above every dot.
    built = _scatter()
    drawn = theme.fit_top_band(theme.apply(go.Figure(built)))
    plot_px = drawn.layout.height - drawn.layout.margin.t - drawn.layout.margin.b
    foot = drawn.layout.yaxis.domain[1]
    assert (1 - foot) * plot_px == pytest.approx(TIER_LABEL_PX) and foot > built.layout.yaxis.domain[1]
    label_px = theme.BASE_SIZE[True] * 1.3
    assert all(a.y == 1 and a.yanchor == "top" for a in drawn.layout.annotations if a.text.endswith("%"))
    assert 1 - label_px / plot_px >= foot


def _modash_instagram():
    return tuple(r for r in bm.ER_BENCHMARKS if r.platform == "instagram" and r.source.startswith("Modash"))


def test_a_tier_clipped_to_a_sliver_gives_its_label_up():
    # a list of accounts from 50K up: the 10K–50K tier's segment is a sliver at the left edge, and its "0.98%" stood on
    # the 50K–100K tier's "0.88%" ("0.98%0.88%"); its segment stays, its label goes
    spans = tier_spans(_modash_instagram(), pd.Series([50_000, 80_000, 3e6, 2e8]))
    assert [r.tier for r, _, _ in spans][:2] == ["10k–50k", "50k–100k"]
    labelled = labelled_tiers(spans)
    assert [r.tier for r, _ in labelled] == ["50k–100k", "100k–500k", "500k–1M", ">1M"]
    # no two labels printed nearer than their half widths (in shares of the plot, TIER_LABEL_CHAR_SHARE a character)
    left = math.log10(spans[0][1])
    width = math.log10(spans[-1][2]) - left
    centres = [((x - left) / width, len(theme.percent(r.er, 1)) * TIER_LABEL_CHAR_SHARE) for r, x in labelled]
    assert all(b[0] - a[0] >= (a[1] + b[1]) / 2 for a, b in zip(centres, centres[1:])), centres
    table = pd.DataFrame({"influencer": ["a", "b", "c", "d"], "platform": "instagram", "band": "mid",
                          "followers": [50_000, 80_000, 3e6, 2e8], "median_er": [0.01, 0.02, 0.01, 0.005],
                          "cpe": 0.1, "flagged": False})
    fig = build_er_scatter(table, "median_er", "ER by followers", _modash_instagram(), "Modash", "t", "note")
    assert [a.text for a in fig.layout.annotations if a.text.endswith("%")] == ["0.88%", "1.0%", "1.0%", "1.1%"]
    assert len([x for x in fig.data[0].x if x is not None]) == 2 * len(spans)      # every segment drawn


def test_tiers_with_room_are_all_labelled():
    # 2,000 to 5M followers: every Modash tier has room for its label
    spans = tier_spans(_modash_instagram(), pd.Series([2_000, 5e6]))
    assert len(labelled_tiers(spans)) == len(spans) == 7


def test_dots_far_below_the_lowest_tier_leave_the_labels_less_room():
    # followers from 1 to 5M: the tiers span 3.9 decades of an axis of 7.1, so their labels stand nearer than the
    # spans alone say; every label printed stands clear of the others on that axis
    followers = pd.Series([1, 5e6])
    spans = tier_spans(_modash_instagram(), followers)
    on_spans, on_axis = labelled_tiers(spans), labelled_tiers(spans, followers)
    assert len(on_axis) < len(on_spans) == 7
    left, width = 0.0, math.log10(5e6 * 1.6)
    centres = [((x - left) / width, len(theme.percent(r.er, 2 if r.er < 0.01 else 1)) * TIER_LABEL_CHAR_SHARE)
               for r, x in on_axis]
    assert all(b[0] - a[0] >= (a[1] + b[1]) / 2 for a, b in zip(centres, centres[1:])), centres


def test_a_follower_axis_of_one_to_two_decades_is_labelled_at_1_2_and_5():
    # a list of celebrities, 30M to 700M followers: Plotly labelled every digit and "80M90M" ran together
    def dtick(followers, er=0.01):
        table = pd.DataFrame({"influencer": [f"a{i}" for i in range(len(followers))], "platform": "instagram",
                              "band": "celebrity", "followers": followers, "median_er": er, "cpe": None,
                              "flagged": False})
        return build_er_scatter(table, "median_er", "ER by followers", (), "", "t", "").layout.xaxis.dtick
    assert dtick([30e6, 700e6]) == "D2"                 # 1.4 decades
    assert dtick([2e6, 600e6]) == "D2"                  # 2.5 decades: "40M50M60M70M" at 1280 px
    # the axis spans the dots drawn: an account with no ER (no dot) 1,000× smaller does not widen it
    assert dtick([30e3, 30e6, 700e6], er=[None, 0.01, 0.02]) == "D2"
    assert dtick([20e3, 60e3]) is None                  # within a decade: every digit has room
    assert dtick([1e3, 5e6]) is None                    # many decades: Plotly's own ticks fit the width
