"""Every chart of the report prints its words in type large enough to read."""
from __future__ import annotations

from microlens import report
from microlens.context import Context

LEAST_READABLE_PX = 12     # the sources and notes printed at 11 px went unread in the app and the PNG export


def test_no_chart_prints_words_in_type_smaller_than_is_read(sample_db):
    charts = [sec for sec in report.collect(Context(db=sample_db)) if sec.figure is not None]
    assert len(charts) >= 8
    for sec in charts:
        sizes = [(a.text[:40], a.font.size) for a in sec.figure.layout.annotations]
        sizes += [(t.name, t.textfont.size) for t in sec.figure.data if getattr(t, "textfont", None) is not None]
        small = [(what, size) for what, size in sizes if size is not None and size < LEAST_READABLE_PX]
        assert not small, (sec.key, small)


def test_the_weekly_charts_estimate_note_is_readable_and_keeps_clear_of_the_legend():
    import pandas as pd

    from microlens import charts_campaigns

    weeks = pd.date_range("2026-05-04", periods=4, freq="7D")
    weekly = pd.DataFrame({"campaign": "Spring", "week": weeks, "posts": 2, "engagements": [10, 20, 30, 40],
                           "spend": 100.0, "spend_estimated": [True, False, False, False]})
    noted = charts_campaigns.build_weekly(weekly, "t")
    plain = charts_campaigns.build_weekly(weekly.assign(spend_estimated=False), "t")
    (note,) = noted.layout.annotations
    assert note.font.size >= LEAST_READABLE_PX
    # its lines take room of their own under the plot (a line at Plotly's 1.3 em each past the first), so the plot
    # keeps its height and the legend, pinned to the figure's foot, stays under the note
    grown = (note.text.count("<br>")) * note.font.size * 1.3
    assert noted.layout.margin.b - plain.layout.margin.b >= grown
    assert noted.layout.height - noted.layout.margin.b == plain.layout.height - plain.layout.margin.b
