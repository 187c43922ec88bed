"""The Campaigns page's figures, built without Streamlit: the ranking of codes against break-even."""
from __future__ import annotations

import pandas as pd

from microlens import charts_campaigns as charts


def contracts(n: int = 40) -> pd.DataFrame:
    """n sales contracts of $100 each, contract k bringing in $10·k: ROAS 0.0 … 3.9, the first ten under cost."""
    return pd.DataFrame({
        "campaign": "C", "influencer": [f"i{k:02d}" for k in range(n)], "codes": [[f"C{k:02d}"] for k in range(n)],
        "cost": 100.0, "lead_objective": False, "revenue": [10.0 * k for k in range(n)],
        "orders": list(range(n)), "signups": 0, "posts_delivered": 1,
        "roas": [0.1 * k for k in range(n)], "roi": [0.1 * k - 1 for k in range(n)]})


def break_even(fig):
    (label,) = [a for a in fig.layout.annotations if a.text == "break-even"]
    (line,) = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    return label, line


def test_the_break_even_line_is_named_at_its_top_in_a_row_of_its_own():
    # "break-even" at the line's foot stood beside the bottom bar, "ALBA15 · albaglams 0.00×", and read as that code
    # breaking even: it names the line in an empty row above the first bar, inside the plot
    for metric, at in (("roas", 1), ("roi", 0)):
        fig = charts.build_ranking(contracts(), metric, "t")
        label, line = break_even(fig)
        assert line.x0 == line.x1 == at and label.x == at and label.xanchor == "left"
        categories = list(fig.layout.yaxis.categoryarray)
        bottom, top = fig.layout.yaxis.range              # reversed: the first bar's row (0) at the top
        assert label.yref in (None, "y") and top < label.y < -0.5 and bottom == len(categories) - 0.5
        assert fig.layout.yaxis.autorange is False
        # a row more, so the bars keep their 26 px each
        assert fig.layout.height == 26 * (len(categories) + 1) + 230
    # a cost ranking has no break-even line and no row for it
    cost = charts.build_ranking(contracts().assign(cpe=0.1), "cpe", "t")
    assert cost.layout.yaxis.range[1] == -0.5 and not [a for a in cost.layout.annotations if a.text == "break-even"]


def test_the_break_even_line_runs_under_the_values_it_crosses():
    # its dots struck through the losers' value labels, "0.68×", "0.57×", "0.48×", which end near it
    fig = charts.build_ranking(contracts(), "roas", "t")
    _, line = break_even(fig)
    assert line.layer == "below"
    # a ROAS under 1 ends short of the line and its value stands across it: written on a white box (under the text
    # alone the line still showed between the digits), where plotly puts an outside label
    lost = next(t for t in fig.data if t.name == "revenue below cost")
    assert lost.textposition == "none" and list(lost.text) == [f"{0.1 * k:.2f}×" for k in range(9, -1, -1)]
    boxed = {a.y: a for a in fig.layout.annotations if a.text.endswith("×")}
    assert set(boxed) == set(lost.y)
    for y, x, text in zip(lost.y, lost.x, lost.text):
        assert (boxed[y].x, boxed[y].text, boxed[y].xanchor, boxed[y].bgcolor) == (x, text, "left", "#ffffff")
    # the ones over the line keep plotly's own labels, past their bars' ends beyond it
    above = next(t for t in fig.data if t.name == "revenue above cost")
    assert above.textposition == "outside" and min(above.x) >= 1
    # ROI's line is at 0, where every bar starts: no value crosses it
    roi = charts.build_ranking(contracts(), "roi", "t")
    assert not [a for a in roi.layout.annotations if a.text != "break-even"]
    # ...and a loss's value goes inside its bar where it fits: outside, a -100% was printed into the code's name left
    # of the axis ("ALBA15 · albaglams-100%")
    assert {t.textposition for t in roi.data if t.type == "bar"} == {"auto"}
