"""The Data page's path field: the server opens the path, so only a browser on the server's machine is offered it."""
from __future__ import annotations

import pytest
from streamlit.runtime.context import ContextProxy, StreamlitHeaders

from microlens import ingest, schema

from tests.conftest import app_on, shown, take_out_of_box, upload_box

LOCAL_PAGE = [("Host", "localhost:8501"), ("Origin", "http://localhost:8501")]


def browser(monkeypatch, ip: str | None, headers: list[tuple[str, str]]) -> None:
    """st.context as Streamlit gives it to a browser at `ip` (None: a loopback connection) sending `headers`."""
    monkeypatch.setattr(ContextProxy, "ip_address", property(lambda self: ip))
    monkeypatch.setattr(ContextProxy, "headers", property(lambda self: StreamlitHeaders(headers)))


def path_field_offered(at) -> bool:
    return any(t.key == "path_input" for t in at.text_input) and any(b.key == "load_path" for b in at.button)


def map_columns(at, name: str, picks: dict[str, str]) -> None:
    """Pick `picks` ({posts column: the file's header}) in the mapping grid of file `name`, as a user edits its
    cells, and rerun."""
    rows = schema.column_names("posts")
    at.session_state[f"map_{name}"] = {"edited_rows": {rows.index(c): {"source header": h} for c, h in picks.items()},
                                       "added_rows": [], "deleted_rows": []}
    at.run()


@pytest.mark.parametrize("ip", [None, "127.0.0.1", "::1", "::ffff:127.0.0.1"])   # the last: what Streamlit 1.67 gives
def test_a_browser_on_this_machine_loads_a_file_from_a_path(monkeypatch, database, tmp_path, ip):
    browser(monkeypatch, ip, LOCAL_PAGE)
    (tmp_path / "big.csv").write_text("influencer,platform,followers,likes\nana,instagram,20000,900\n")
    at = app_on(database, "pages/data.py")
    assert path_field_offered(at)
    at.text_input(key="path_input").input(str(tmp_path / "big.csv"))
    at.button(key="load_path").click().run()
    assert not at.exception
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 1


@pytest.mark.parametrize("ip,headers", [
    ("192.168.1.20", [("Host", "192.168.1.5:8501"), ("Origin", "http://192.168.1.5:8501")]),   # across the LAN
    ("203.0.113.7", LOCAL_PAGE),                                    # a remote client claiming to be on localhost
    ("::ffff:192.168.1.20", LOCAL_PAGE),
    (None, [("Host", "localhost:8501"), ("Origin", "https://microlens.example")]),    # a proxy on this machine
    (None, [*LOCAL_PAGE, ("X-Forwarded-For", "203.0.113.7")]),                        # a proxy that says so
    (None, []),                                                                       # nothing known
])
def test_a_browser_elsewhere_is_told_why_there_is_no_path_field(monkeypatch, database, ip, headers):
    browser(monkeypatch, ip, headers)
    at = app_on(database, "pages/data.py")
    assert not at.exception
    assert not path_field_offered(at)
    assert any("only in a browser on the machine Microlens runs on" in c.value for c in at.caption)


def test_a_file_panel_opens_only_for_what_needs_reading(monkeypatch, database, tmp_path):
    # every CSV says what it was read as ("Read as UTF-8 text, delimiter ','"): that note opened every panel, and
    # five real files made the page 4,600 px tall; a row rejected still opens its file's panel
    browser(monkeypatch, None, LOCAL_PAGE)
    (tmp_path / "clean.csv").write_text("influencer,platform,followers,likes\nana,instagram,20000,900\n")
    (tmp_path / "messy.csv").write_text("influencer,platform,followers,likes\nbo,instagram,20000,900\n"
                                        "cy,instagram,-5,10\n")
    at = app_on(database, "pages/data.py")
    for name in ("clean.csv", "messy.csv"):
        at.text_input(key="path_input").input(str(tmp_path / name))
        at.button(key="load_path").click().run()
    assert not at.exception
    opened = {shown(e.label.split(" — ")[0].split()[-1]): e.proto.expanded
              for e in at.expander if " — " in e.label}
    assert opened == {"clean.csv": False, "messy.csv": True}, opened


def test_a_refused_mapping_leaves_the_file_loaded_and_says_why_in_its_panel(database):
    # one column picked for likes and comments: the refusal replaced the file's report while its data stayed, the
    # file was drawn twice and the page stopped on a duplicate key on every visit; its message, which quotes the
    # header, rendered the header's markdown as a live link
    header = "**BOLD** [link](https://evil.example)"
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("p.csv", f"influencer,followers,posted_at,{header}\nana,1000,2026-01-01,5\n".encode(),
                               "text/csv").run()
    map_columns(at, "p.csv", {"likes": header, "comments": header})
    at.button(key="apply_p.csv").click().run()
    assert not at.exception
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 1
    assert sum(" — 1 loaded" in e.label for e in at.expander) == 1
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and shown(errors[0]) == (
        f"Not applied: The column '{header}' is picked for Likes and Comments: a column can stand for one of them "
        "only; pick it for one and another column (or none) for the others. The file stays loaded as before.")
    assert "\\*\\*BOLD\\*\\* \\[link\\]" in errors[0]     # shown as typed, not as bold text and a link
    at.run()      # and on the next visit
    assert not at.exception


def test_a_new_file_under_a_loaded_ones_name_that_needs_mapping_is_mapped_not_refused(database):
    # the refusal of a re-apply caught a corrected file uploaded under the same name too: its panel kept mapping the
    # old file's headers, and the error sent the user to a mapping that could not reach the new one
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("p.csv", b"influencer,followers,likes\nana,1000,5\n", "text/csv").run()
    upload_box(at).upload("p.csv", b"who,fans,hearts\nbo,2000,7\ncy,3000,9\n", "text/csv").run()
    assert not at.exception
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("ana",)]    # until the new one loads
    panels = [e for e in at.expander if shown(e.label.split(" — ")[0]).endswith("p.csv")]
    assert len(panels) == 1 and panels[0].proto.expanded
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("This file has no column for Influencer handle")
    assert any(shown(c.value) == "The file loaded before as p.csv stays in use until this one loads."
               for c in at.caption)
    # mapped in its panel, the new file loads in place of the old one
    map_columns(at, "p.csv", {"influencer": "who", "likes": "hearts"})
    at.button(key="apply_p.csv").click().run()
    assert not at.exception
    assert database.execute("SELECT influencer, likes FROM posts ORDER BY 1").fetchall() == [("bo", 7), ("cy", 9)]


def test_a_corrected_file_after_a_refused_mapping_and_an_unreadable_one_keep_the_page_usable(database):
    # the grid kept the refused mapping's labels of the old headers: the corrected file's panel stopped on a KeyError;
    # and an unreadable new file under a loaded name left a panel with no way to remove the rows still counted
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("p.csv", b"influencer,followers,hearts\nana,1000,5\n", "text/csv").run()
    map_columns(at, "p.csv", {"likes": "hearts", "comments": "hearts"})
    at.button(key="apply_p.csv").click().run()
    assert not at.exception and len(at.error) == 1
    upload_box(at).upload("p.csv", b"influencer,followers,likes\nbo,2000,7\n", "text/csv").run()
    assert not at.exception and not at.error
    assert database.execute("SELECT influencer, likes FROM posts").fetchall() == [("bo", 7)]
    upload_box(at).upload("p.csv", b"", "text/csv").run()
    assert not at.exception
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("bo",)]
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("The new p.csv was not loaded: ") and errors[0].endswith(
        "The file loaded before stays in use.")
    at.button(key="remove_p.csv").click().run()         # the earlier file's panel, with its way out
    assert not at.exception and database.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_reasons_across_files_stand_apart_only_for_more_than_one_file(monkeypatch, database, tmp_path):
    # one file's rejects were listed twice: in its panel, and again under "Why rows were rejected"
    browser(monkeypatch, None, LOCAL_PAGE)
    at = app_on(database, "pages/data.py")
    for name, account in (("a.csv", "ana"), ("b.csv", "bo")):
        (tmp_path / name).write_text("influencer,platform,followers,likes\n"
                                     f"{account},instagram,20000,900\n,instagram,1000,5\n")
    at.text_input(key="path_input").input(str(tmp_path / "a.csv"))
    at.button(key="load_path").click().run()
    assert not at.exception
    assert "Why rows were rejected" not in [h.value for h in at.subheader]
    in_panel = [t.value for t in at.dataframe if list(t.value.columns) == ["reason", "rows"]]
    assert len(in_panel) == 1 and list(in_panel[0]["rows"]) == [1]        # the file's own, once
    at.text_input(key="path_input").input(str(tmp_path / "b.csv"))
    at.button(key="load_path").click().run()
    assert not at.exception
    assert "Why rows were rejected" in [h.value for h in at.subheader]
    table = next(t for t in at.dataframe if list(t.value.columns) == ["source_file", "reason", "rows"])
    assert sorted(table.value["source_file"]) == ["a.csv", "b.csv"] and list(table.value["rows"]) == [1, 1]


def test_a_kind_whose_key_column_was_not_recognised_is_mapped_before_it_is_applied(database):
    # a sheet of contracts read as posts: chosen as campaign contracts, Apply was refused for want of a campaign
    # column, and the grid to pick one came only after an Apply that succeeded, which it never did
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("activation.csv", b"Activation,Creator,Followers,Likes,Fee\n"
                                                 b"Spring,ana,20000,900,150\nSpring,bo,30000,700,200\n",
                               "text/csv").run()
    assert at.selectbox(key="kind_activation.csv").value == "posts"
    at.selectbox(key="kind_activation.csv").set_value("campaigns").run()
    grid = next(d for d in at.dataframe if d.key == "map_activation.csv_campaigns").value
    picked = dict(zip(grid["column"], grid["source header"]))
    assert (picked["influencer"], picked["fee"], picked["campaign"]) == ("Creator", "Fee", "")
    rows = schema.column_names("campaigns")
    at.session_state["map_activation.csv_campaigns"] = {
        "edited_rows": {rows.index("campaign"): {"source header": "Activation"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="apply_activation.csv").click().run()
    assert not at.exception and not at.error
    assert database.execute("SELECT campaign, influencer, fee FROM campaigns ORDER BY influencer").fetchall() == [
        ("Spring", "ana", 150.0), ("Spring", "bo", 200.0)]
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
    # applied, not uploaded again: no "Replaces what was loaded before" under it
    assert not any(shown(c.value).startswith(ingest.REPLACES) for c in at.caption)


def test_a_file_uploaded_again_shows_the_kind_it_was_read_as(database):
    # chosen as contracts, then uploaded again: the file was read as posts (a new upload is read afresh) while its
    # kind box still said 'Campaign contracts'
    content = b"campaign,influencer,fee,likes\nSpring,ana,150,900\n"
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("v3.csv", content, "text/csv").run()
    first = at.selectbox(key="kind_v3.csv").value
    other = "posts" if first != "posts" else "campaigns"
    at.selectbox(key="kind_v3.csv").set_value(other).run()
    at.button(key="apply_v3.csv").click().run()
    assert database.execute("SELECT kind FROM loads").fetchall() == [(other,)]
    upload_box(at).upload("v3.csv", content + b"Spring,bo,200,700\n", "text/csv").run()
    assert database.execute("SELECT kind FROM loads").fetchall() == [(first,)]
    assert at.selectbox(key="kind_v3.csv").value == first
    assert any(shown(c.value) == f"{ingest.REPLACES} v3.csv." for c in at.caption)


def test_a_file_that_cannot_be_read_can_be_removed_on_its_own(database):
    # its panel had no Remove button: only 'Remove all data' took it away, with every good file
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("good.csv", b"influencer,platform,followers\nana,instagram,20000\n", "text/csv").run()
    upload_box(at).upload("broken.csv", b"\x00\x01\x02binary\x00", "text/csv").run()
    assert len(at.error) == 1
    at.button(key="remove_broken.csv").click().run()
    assert not at.exception and not at.error
    assert database.execute("SELECT source_file FROM loads").fetchall() == [("good.csv",)]


def test_a_new_kind_applied_as_recognised_is_read_by_ingest_as_it_reads_that_kind(database):
    # the grid's recognised mapping named 'Sales' as orders and was handed to ingest as the user's: "$1,234.50" then
    # loaded as 1,235 orders, where ingest reads amounts of money named as orders as revenue
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("shop.csv", b'influencer,followers,likes,Code,Sales\nana,20000,900,ANA15,"$1,234.50"\n',
                               "text/csv").run()
    assert at.selectbox(key="kind_shop.csv").value == "posts"
    at.selectbox(key="kind_shop.csv").set_value("conversions").run()
    at.button(key="apply_shop.csv").click().run()
    assert not at.exception and not at.error
    assert database.execute("SELECT coupon_code, orders, revenue FROM conversions").fetchall() == [
        ("ANA15", None, 1234.5)]


def test_a_file_taken_out_of_the_upload_box_takes_its_data_along(database):
    # the box's ✕ took the file out of the box and left every one of its rows counted on every page
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("a.csv", b"influencer,followers,likes\nana,1000,5\n", "text/csv").run()
    upload_box(at).upload("b.csv", b"influencer,followers,likes\nbo,2000,7\n", "text/csv").run()
    assert database.execute("SELECT influencer FROM posts ORDER BY 1").fetchall() == [("ana",), ("bo",)]
    take_out_of_box(at, "a.csv")
    assert not at.exception
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("bo",)]
    assert database.execute("SELECT influencer FROM post_facts").fetchall() == [("bo",)]      # the facts rebuilt
    assert [shown(i.value) for i in at.info] == ["Removed the data of a.csv: taken out of the upload box."]
    assert not [e for e in at.expander if "a.csv" in e.label]
    # the box is empty whenever the page opens anew: that takes nothing out
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/data.py").run()
    assert not at.exception and not at.info
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("bo",)]


def test_a_chip_of_a_file_replaced_under_its_name_takes_nothing_out(database):
    # a corrected file uploaded under the same name sits in the box beside the first: the first one's ✕ must not take
    # the corrected file's rows, which now hold the name
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("p.csv", b"influencer,followers,likes\nana,1000,5\n", "text/csv").run()
    upload_box(at).upload("p.csv", b"influencer,followers,likes\nbo,2000,7\n", "text/csv").run()
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("bo",)]
    box = at.file_uploader[0]
    box._files = box._get_files_to_register()[1:]       # the first p.csv's ✕
    box.run()
    assert not at.exception and not at.info
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("bo",)]
    take_out_of_box(at, "p.csv")                        # the second's
    assert database.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_a_sheet_of_fees_in_euros_is_converted_at_the_rate_typed_for_it(database):
    # the warning said "convert them to dollars in the file": the page had no way to say what a euro is worth
    at = app_on(database, "pages/data.py")
    fees = "Campaign,Creator,Fee\nGlow,@ana,1 200 €\nGlow,@ben,300 €\n".encode()
    upload_box(at).upload("fees.csv", fees, "text/csv").run()
    assert database.execute("SELECT sum(fee) FROM campaigns").fetchone()[0] == 1500
    rate = at.text_input(key="usd_fees.csv")
    assert rate.label == "US$ per 1 €" and rate.value == "" and not rate.disabled
    assert any(shown(c.value) == "'Fee' has amounts in €: every amount is read as the number written and counted as "
               "US dollars, not converted. Give what 1 € is worth in US dollars ('US$ per 1 €' on the Data page, "
               "--usd-rate on the command line), or convert them in the file and upload it again." for c in at.caption)
    panel = lambda: next(e for e in at.expander if "fees.csv" in shown(e.label))       # noqa: E731
    assert panel().label.startswith(":material/warning:")      # not a green check while € count as $
    # as a German keyboard types it (a number box read '1,10' as 110): shown at once on 1,000 €, applied on Apply
    rate.input("1,10").run()
    assert any(shown(c.value) == "1,000 € = $1,100. Not applied yet: click Apply below." for c in at.caption)
    assert database.execute("SELECT sum(fee) FROM campaigns").fetchone()[0] == 1500
    at.button(key="apply_fees.csv").click().run()
    assert not at.exception
    # (1,200 + 300) € x 1.1 = $1,650
    assert round(database.execute("SELECT sum(fee) FROM campaigns").fetchone()[0], 6) == 1650
    assert any(shown(c.value) == "1,000 € = $1,100." for c in at.caption)     # applied
    assert any(shown(c.value).startswith("Amounts converted to US dollars at 1.1 dollars per unit") for c in at.caption)
    assert not any("not converted" in shown(c.value) for c in at.caption)
    assert panel().label.startswith(":material/check_circle:")
    # a corrected sheet uploaded again keeps its rate (it fell back to dollars under the rate still in the box)
    upload_box(at).upload("fees.csv", fees + "Glow,@cy,100 €\n".encode(), "text/csv").run()
    assert round(database.execute("SELECT sum(fee) FROM campaigns").fetchone()[0], 6) == 1760
    assert at.text_input(key="usd_fees.csv").value == "1.1"     # the panel shows the rate the file was read at
    # a rate that is no number is said so, and cannot be applied
    at.text_input(key="usd_fees.csv").input("1.1.0").run()
    assert [shown(e.value) for e in at.error] == ["Type the rate as a number, such as 1.10 or 1,10."]
    assert at.button(key="apply_fees.csv").disabled


@pytest.mark.parametrize("typed, rate", [("1.10", 1.1), ("1,10", 1.1), (" $1.08 ", 1.08), ("US$0.0067", 0.0067),
                                         ("", None), ("0", None), ("1,234.5", None), ("1.1.0", None), ("abc", None),
                                         ("20000", None), ("nan", None), ("inf", None)])
def test_a_typed_rate_reads_both_decimal_marks_and_refuses_what_is_no_rate(typed, rate):
    got, problem = ingest.typed_rate(typed)
    assert got == rate
    assert (problem is None) == (rate is not None or typed == "")


def test_every_page_says_while_a_files_euros_count_as_dollars(database):
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("fees.csv", "Campaign,Creator,Fee\nGlow,@ana,1 200 €\n".encode(), "text/csv").run()
    upload_box(at).upload("usd.csv", b"Campaign,Creator,Fee\nGlow,@bo,$300\n", "text/csv").run()
    warning = ("Amounts in another currency are counted as US dollars, one for one: fees.csv (€). Give each file's "
               "rate to US dollars in its panel on the Data page (under its kind), so that they stand beside the "
               "benchmarks, which are in dollars.")
    for page in ("pages/overview.py", "pages/campaigns.py", "pages/cost_vs_celebrity.py"):
        at.switch_page(page).run()
        assert [shown(w.value) for w in at.warning if "currency" in w.value] == [warning], page
    at.switch_page("pages/data.py").run()
    at.text_input(key="usd_fees.csv").input("1.1").run()
    at.button(key="apply_fees.csv").click().run()
    at.switch_page("pages/overview.py").run()
    assert not [w for w in at.warning if "currency" in w.value]


def test_a_chip_takes_out_what_its_upload_holds_and_no_more(monkeypatch, database, tmp_path):
    # a new p.csv waiting to be mapped held the name: its ✕ took out the earlier p.csv's rows, still counted
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("p.csv", b"influencer,followers,likes\nana,1000,5\n", "text/csv").run()
    upload_box(at).upload("p.csv", b"who,fans,hearts\nbo,2000,7\n", "text/csv").run()
    assert len(at.error) == 1                                    # the new one waits for its mapping
    box = at.file_uploader[0]
    box._files = box._get_files_to_register()[:1]                # the waiting upload's ✕
    box.run()
    assert not at.exception and not at.error and not at.info
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("ana",)]
    panel = next(e for e in at.expander if "p.csv" in shown(e.label))
    assert shown(panel.label).endswith("1 loaded, 0 rejected of 1 rows read")      # the loaded file's panel again
    # rows loaded later from a path under the name are no upload's: the upload's chip takes nothing
    browser(monkeypatch, None, LOCAL_PAGE)
    (tmp_path / "p.csv").write_text("influencer,followers,likes\ncy,3000,9\n")
    at.run()
    at.text_input(key="path_input").input(str(tmp_path / "p.csv"))
    at.button(key="load_path").click().run()
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("cy",)]
    take_out_of_box(at, "p.csv")
    assert database.execute("SELECT influencer FROM posts").fetchall() == [("cy",)]


def test_a_copy_standing_in_keeps_the_originals_rate_and_kind(database):
    at = app_on(database, "pages/data.py")
    fees = "Campaign,Creator,Fee\nGlow,@ana,1 200 €\nGlow,@ben,300 €\n".encode()
    upload_box(at).upload("fees.csv", fees, "text/csv").run()
    at.text_input(key="usd_fees.csv").input("1.0834567").run()
    at.button(key="apply_fees.csv").click().run()
    upload_box(at).upload("fees (1).csv", fees, "text/csv").run()
    assert len(at.error) == 1
    take_out_of_box(at, "fees.csv")
    assert not at.exception and not at.error
    # (1,200 + 300) € x 1.0834567, in the copy's name
    assert database.execute("SELECT source_file, kind FROM loads").fetchall() == [("fees (1).csv", "campaigns")]
    assert round(database.execute("SELECT sum(fee) FROM campaigns").fetchone()[0], 6) == round(1500 * 1.0834567, 6)
    # the rate shows as applied, every digit of it (six significant digits read as a rate not yet applied)
    assert at.text_input(key="usd_fees (1).csv").value == "1.0834567"
    assert not any("Not applied yet" in shown(c.value) for c in at.caption)


def test_a_wrong_rate_holds_no_apply_once_the_kind_has_no_amounts(database):
    at = app_on(database, "pages/data.py")
    upload_box(at).upload("fees.csv", "Campaign,Creator,Fee\nGlow,@ana,1 200 €\n".encode(), "text/csv").run()
    at.text_input(key="usd_fees.csv").input("abc").run()
    assert at.button(key="apply_fees.csv").disabled
    at.selectbox(key="kind_fees.csv").set_value("comments").run()
    assert at.text_input(key="usd_fees.csv").disabled and not at.button(key="apply_fees.csv").disabled
    assert not at.error
