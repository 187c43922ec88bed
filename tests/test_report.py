"""The client report built from every page's sections: CLI and library, each format read back."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from pptx import Presentation

from microlens import report
from microlens.context import Context
from microlens.filters import Filters
from microlens.export_model import CONTINUED, SLIDE_ROWS
from microlens.text import headline_parts
from tests.conftest import ROOT

SAMPLE = [str(p) for p in sorted((ROOT / "sample_data").glob("*.csv"))]


def cli_report(tmp_path, fmt: str):
    out = tmp_path / f"report.{fmt}"
    done = subprocess.run([sys.executable, "-m", "microlens", "report", "--data", *SAMPLE, "--out", str(out),
                           "--format", fmt], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def sections(sample_db):
    return report.collect(Context(db=sample_db))


def test_every_page_area_contributes(sections):
    keys = {s.key for s in sections}
    for expected in ("cost_vs_celebrity", "influencers_shortlist", "price_distribution", "campaign_summary",
                     "planner_comparison", "benchmarks_used"):
        assert expected in keys
    assert all(s.finding and s.title for s in sections)


def test_the_report_opens_on_the_answer_each_question_beside_the_finding_that_answers_it(sections):
    # the deck opened on a scatter of 200 dots: the pitch's question came only in pieces over 20 slides
    first, rest = sections[0], {s.key: s.finding for s in sections[1:]}
    assert (first.key, first.finding, first.figure) == ("answer", report.ANSWER_HEADLINE, None)
    assert list(first.table.itertuples(index=False, name=None)) == [
        ("Cheaper per engagement than a celebrity?", rest["cost_vs_celebrity"]),
        ("Whichever benchmark is right?", rest["benchmark_sensitivity"]),
        ("What does the budget buy?", rest["planner_portfolio"]),
        ("And in sales?", rest["campaign_bands"]),
        ("Whom to book first?", rest["influencers_shortlist"])]
    # a question no section answers is left out; without a cost comparison there is no answer to lead with
    without_sales = [s for s in sections[1:] if s.key != "campaign_bands"]
    assert "And in sales?" not in set(report.answer_section(without_sales).table["question"])
    assert report.answer_section([s for s in sections[1:] if s.key != "cost_vs_celebrity"]) is None


def test_a_report_runs_each_query_once(sample_db, sections, monkeypatch):
    # the areas share queries (campaign_results: the Cost page's sales evidence and the Campaigns page); without the
    # app's cache the CLI ran them once per area
    from microlens import db as mdb

    ran = []
    run = mdb.run
    monkeypatch.setattr(mdb, "run", lambda db, name, params=None: ran.append(name) or run(db, name, params))
    again = report.collect(Context(db=sample_db))
    assert [s.finding for s in again] == [s.finding for s in sections]
    assert "campaign_results" in ran and len(ran) == len(set(ran))


def test_json_report_from_the_cli(tmp_path, sections):
    data = json.loads(cli_report(tmp_path, "json").read_text())
    assert [d["key"] for d in data] == [s.key for s in sections]
    cost = next(d for d in data if d["key"] == "cost_vs_celebrity")
    assert "per engagement" in cost["finding"] and cost["table"]
    assert {"influencer", "band", "cpe"} <= set(cost["table"][0])


def test_html_report_is_offline(tmp_path):
    html = cli_report(tmp_path, "html").read_text()
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', html)
    assert html.count("Plotly.newPlot") >= 5


def test_long_findings_print_as_answer_and_qualification(sections):
    from html import escape

    from microlens import export_html, export_pdf
    from microlens.export import Brand

    long = next(s for s in sections if headline_parts(s.finding)[1])
    answer, qualified = headline_parts(long.finding)
    printed = export_pdf.report_html(sections, "t", "s", Brand(), [None] * len(sections))
    assert re.search(r'<h1 class="finding( long)?">' + re.escape(f'{escape(answer)}</h1><p class="qualify">'
                                                                 f'{escape(qualified)}</p>'), printed)
    page = export_html.to_html(sections, "t", "s", Brand())
    assert f'<h2>{escape(answer)}</h2><p class="qualify">{escape(qualified)}</p>' in page


def test_pptx_has_a_title_slide_and_one_per_section(tmp_path, sections):
    deck = Presentation(io.BytesIO(cli_report(tmp_path, "pptx").read_bytes()))
    # the appendix of benchmarks, last, goes on over slides of its own headed "(continued)"
    assert sections[-1].key == "benchmarks_used" and sections[-1].every_row
    carried = list(deck.slides)[1 + len(sections):]
    assert all(s.shapes.title.text.endswith(CONTINUED) for s in carried)
    titles = [s.shapes.title.text for s in list(deck.slides)[1:] if s.shapes.title is not None]
    # a long finding (the first after the answer's): its answer as the title, what qualifies it a paragraph beneath
    # in smaller type
    assert titles[0] == report.ANSWER_HEADLINE
    answer, qualified = headline_parts(sections[1].finding)
    assert qualified and titles[1] == answer + "\n" + qualified
    first = list(deck.slides)[2].shapes.title.text_frame.paragraphs
    assert first[1].runs[0].font.size.pt == 14 and first[0].runs[0].font.size.pt > 14
    # everything on the slide: tables whose text wraps show fewer rows (the benchmarks table ran ~1.2 in past
    # the foot), footnotes about two lines (fourteen sources ran 3 in past it), the whole sources in the notes
    from microlens.export_pptx import FOOTNOTE_TOP, INSET_X, INSET_Y, SLIDE_HEIGHT, line_count, line_height

    for slide, section in zip(list(deck.slides)[1:], sections + [sections[-1]] * len(carried)):
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + sum(r.height for r in shape.table.rows) <= FOOTNOTE_TOP, section.key
            elif shape.has_text_frame and shape.top >= FOOTNOTE_TOP:
                # the footnote's lines, measured in Calibri at its size, fit its box, which ends on the slide
                size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
                lines = line_count(shape.text_frame.text, size, shape.width - 2 * INSET_X)
                assert lines * line_height(size) + 2 * INSET_Y <= shape.height, section.key
                assert shape.top + shape.height <= SLIDE_HEIGHT, section.key
    # every row of the appendix, each slide as many as fit up to SLIDE_ROWS, and a note on each but the last that
    # the list goes on (cut at the first slide's foot, it left six of the Influencers chart's seven ER tiers out)
    used = sections[-1]
    appendix = list(deck.slides)[len(sections):]
    rows = [len(next(s.table for s in slide.shapes if s.has_table).rows) - 1 for slide in appendix]
    assert sum(rows) == len(used.table) and all(1 <= n <= SLIDE_ROWS for n in rows)
    said = [any("Continued on the next slide." in s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in appendix]
    assert said == [True] * (len(appendix) - 1) + [False]
    firsts = [next(s.table for s in slide.shapes if s.has_table).cell(1, 0).text for slide in appendix]
    assert firsts == [used.table["used for"].iloc[sum(rows[:i])] for i in range(len(appendix))]
    sensitivity = list(deck.slides)[1 + [s.key for s in sections].index("benchmark_sensitivity")]
    assert "https://" in sensitivity.notes_slide.notes_text_frame.text


def test_the_appendix_lists_every_benchmark_the_influencer_and_takeover_slides_cite(sections):
    # the ER tiers of Engagement vs followers and the brand medians beside each takeover were cited on their slides
    # and missing from "Benchmarks used", so a client reading the appendix missed them
    from microlens import benchmarks as bm

    used = next(s for s in sections if s.key == "benchmarks_used").table
    catalog = {r.url for r in bm.ER_BENCHMARKS} | {b.url for b in bm.RIVAL_IQ.values()}
    slides = [s for s in sections if s.key == "influencers_er_vs_followers" or s.key.startswith("takeover_")]
    cited = {u for s in slides for u in re.findall(r"https?://[^\s;]+", s.source) if u in catalog}
    assert {"https://www.modash.io/engagement-rate-calculator", bm.RIVAL_IQ["instagram"].url} <= cited
    assert cited <= set(used["url"])
    assert used["key"].str.startswith("modash-instagram-").sum() == 7
    assert "rivaliq-2022-instagram-brand-median" in set(used["key"])


def test_empty_data_is_a_sentence_not_a_crash(database):
    with pytest.raises(report.ReportError, match="nothing to report"):
        report.build(database, "html")


def test_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"\x00\x00")
    done = subprocess.run([sys.executable, "-m", "microlens", "report", "--data", str(bad), "--out",
                           str(tmp_path / "r.html")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.parametrize("where", ["no_such_folder/r.html", "a_folder.html"])
def test_an_out_path_that_cannot_be_written_is_one_sentence(tmp_path, where):
    (tmp_path / "a_folder.html").mkdir()
    done = subprocess.run([sys.executable, "-m", "microlens", "report", "--data", SAMPLE[0], "--out",
                           str(tmp_path / where)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1


def test_legends_and_notes_under_a_chart_are_placed_in_pixels_not_by_the_plots_height(sample_db):
    # A slide draws charts shorter than the app does; a legend or note placed at a negative share of the plot's
    # height then lands on the x-axis title. Under the plot they are pinned to the figure's bottom instead.
    figures = [s.figure for s in report.collect(Context(db=sample_db)) if s.figure is not None]
    assert len(figures) >= 8
    for fig in figures:
        legend = fig.layout.legend
        if legend.y is not None and legend.y <= 0:
            assert legend.yref == "container", fig.layout.title.text
        for note in fig.layout.annotations:
            if note.yref == "paper" and note.y is not None and note.y < 0:
                raise AssertionError(f"{fig.layout.title.text}: note {note.text[:40]!r} at y={note.y} of the plot")


def test_the_engagement_table_lists_the_accounts_its_chart_draws(database):
    # beside a chart of TikTok ER by views, the HTML table listed 500 Instagram celebrities with every value "–"
    import numpy as np

    from microlens import ingest
    from microlens.export_html import to_html
    from tests.conftest import REALDATA

    for name in ("tiktok_vn_posts_recrawled.csv", "top_insta_influencers_data.csv"):
        ingest.ingest_path(database, REALDATA / name)
    section = next(s for s in report.collect(Context(db=database)) if s.key == "influencers_er_vs_followers")
    dots = np.concatenate([t.customdata[:, 1] for t in section.figure.data
                           if t.mode == "markers" and t.name != "authenticity flag"])
    assert sorted(section.table["platform"]) == sorted(dots)
    assert section.table.select_dtypes("number").iloc[:, 1].notna().all()     # the chart's ER, never "–"
    page = to_html([section], "t")
    table = page[page.index("<table>"):page.index("</table>")]
    assert "TikTok" in table and "Instagram" not in table


# what a report must not say: it travels to a client, who has no sidebar, checkbox or page of the app to act on
APP_CONTROLS = re.compile(r"sidebar|\b(un)?tick\b|\b(choose|pick|click)\b|\b(on|see) the [A-Z][\w ]* page\b|show sql",
                          re.IGNORECASE)


def test_a_report_speaks_of_the_data_not_of_the_apps_controls(sections, database, sample_db):
    from microlens import ingest
    from tests.conftest import REALDATA

    for name in ("tiktok_vn_posts_recrawled.csv", "top_insta_influencers_data.csv"):
        ingest.ingest_path(database, REALDATA / name)
    real = report.collect(Context(db=database))
    # the crawl's ER-by-views chart leaves out the list's accounts without views, and says so
    assert "not drawn (ER by followers draws them)" in next(s.source for s in real
                                                           if s.key == "influencers_er_vs_followers")
    # the sample's conversions include codes no campaign gave out, and the planner counts every post
    assert "(codes WELCOME10" in next(s.source for s in sections if s.key == "campaign_summary")
    assert "this plan counts every post" in next(s.source for s in sections if s.key == "planner_comparison")
    # (and the tables' words: the rate card's row said "(sidebar)"; a deck's notes too), under filters as well: the
    # takeover's note said "The sidebar's price per post filter does not apply"
    cells = lambda s: [str(v) for v in s.table.to_numpy().ravel() if isinstance(v, str)]
    filtered = report.collect(Context(db=sample_db, filters=Filters(price_min=50.0, bands=("micro",),
                                                                   rate_per_1k=4.0)))
    told = [(s.key, m.group(0)) for s in [*sections, *real, *filtered] for text in (s.finding, s.source, *cells(s))
            for m in APP_CONTROLS.finditer(text)]
    assert told == []
    from microlens.export_pptx import query_pointer

    assert not APP_CONTROLS.search(query_pointer("-- queries/cost_by_influencer.sql\nSELECT 1"))
    # the cross-platform caveat travels with the comparisons: the crawl's TikTok micro-influencers were set
    # against Instagram's celebrity rates in every export without it
    assert "the portfolio has only TikTok accounts, so this compares across platforms" in next(
        s.source for s in real if s.key == "planner_comparison")
    # the answer's "what does the budget buy?" keeps the plan's caveats (it read as the one solid row)
    budget_row = real[0].table.set_index("question").loc["What does the budget buy?", "finding"]
    assert re.match(r"On thin evidence: at the rate card's prices \(none listed or paid\), [\d,]+ micro posts",
                    budget_row), budget_row
    assert "the data also has TikTok and YouTube accounts, which this compares across platforms" in next(
        s.source for s in sections if s.key == "cost_vs_celebrity")
