"""The Cost vs celebrity figure and finding, built without Streamlit."""
from __future__ import annotations

import numpy as np
import pandas as pd

from microlens import charts_cost


def influencers(n_micro: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "influencer": [f"m{i}" for i in range(n_micro)] + ["star"],
        "platform": "instagram", "band": ["micro"] * n_micro + ["celebrity"],
        "cpe": list(rng.uniform(0.01, 0.2, n_micro)) + [0.9],
        "cost_estimated": [i % 2 == 0 for i in range(n_micro)] + [False]})


BANDS = pd.DataFrame({"band": ["micro", "celebrity"], "cpe": [0.08, 0.9]})


def test_band_diamonds_come_from_the_band_rows_not_from_the_dots():
    fig = charts_cost.build_cpe_by_band(influencers(10), BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    diamonds = next(t for t in fig.data if t.name == "band CPE")
    assert list(diamonds.y) == [0.08, 0.9]
    assert [t.name for t in fig.data][:2] == ["influencer (known cost)", "influencer (estimated cost)"]
    assert fig.layout.yaxis.type == "log" and fig.layout.title.text == "t"


def test_many_influencers_are_sampled_stably_and_said_so():
    data = influencers(1500)
    one = charts_cost.build_cpe_by_band(data, BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    two = charts_cost.build_cpe_by_band(data.sample(frac=1, random_state=1), BANDS, ["micro", "celebrity"],
                                        0.24, 6.06, "t", "src")
    dots = sum(len(t.y) for t in one.data if t.name.startswith("influencer"))
    assert dots == charts_cost.MAX_DOTS_PER_BAND + 1          # 600 micro + the one celebrity
    def names(fig):
        return sorted(n for t in fig.data if t.name.startswith("influencer") for n in t.customdata[:, 0])
    assert names(one) == names(two)                            # the same sample whatever the row order
    assert any("fixed sample of 600" in a.text for a in one.layout.annotations)


def test_findings():
    assert "2.8× cheaper" in charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06)
    assert "inside the celebrity benchmark range" in charts_cost.micro_vs_celebrity_finding(0.5, 0.24, 6.06)
    assert "more than the celebrity" in charts_cost.micro_vs_celebrity_finding(7.0, 0.24, 6.06)
    assert charts_cost.micro_vs_celebrity_finding(None, 0.24, 6.06).startswith("No micro")
