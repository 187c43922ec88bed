"""Posts that name no campaign, counted for a contract by date (microlens/contract_windows.py)."""
from __future__ import annotations

from microlens import db as mdb
from microlens import ingest
from microlens.filters import Filters
from tests.conftest import app_on, cost_rows, database_of, shown

# An Instagram export: no campaign column. anna posts on 3 and 10 May (in Spring's window) and 20 June (after it);
# ben's contract has no end date; cleo's May post is marked unpaid.
POSTS = ("username,date,likes,comments,followers,sponsored\n"
         "anna,2026-05-03,100,10,20000,\n"
         "anna,2026-05-10,200,20,20000,\n"
         "anna,2026-06-20,300,30,20000,\n"
         "ben,2026-05-05,50,5,15000,\n"
         "cleo,2026-05-06,70,7,30000,false\n"
         "cleo,2026-05-07,80,8,30000,true\n")
CONTRACTS = ("campaign,influencer,fee,product_cost,start,end\n"
             "Spring,anna,300,30,2026-05-01,2026-05-31\n"
             "Spring,ben,100,,2026-05-01,\n"
             "Spring,cleo,90,,2026-05-01,2026-05-31\n")


def _post_costs(database) -> dict[tuple[str, str], tuple[str | None, float | None]]:
    rows = database.execute("SELECT influencer, strftime(posted_at, '%m-%d'), campaign, cost_known FROM post_facts "
                            "WHERE NOT is_profile").fetchall()
    return {(i, day): (c, k) for i, day, c, k in rows}


def test_a_contract_pays_for_its_influencers_posts_between_its_dates(tmp_path):
    costs = _post_costs(database_of(tmp_path, {"posts.csv": POSTS, "contracts.csv": CONTRACTS}))
    # anna: $300 fee + $30 product over her 2 posts in May = $165 each; her June post is after the contract
    assert costs[("anna", "05-03")] == costs[("anna", "05-10")] == ("Spring", 165.0)
    assert costs[("anna", "06-20")] == (None, None)
    # ben's contract has no end date: an open window would take every later post, so it claims none
    assert costs[("ben", "05-05")] == (None, None)
    # cleo: the post marked unpaid stays unpaid; the sponsored one carries the whole $90
    assert costs[("cleo", "05-06")] == (None, None)
    assert costs[("cleo", "05-07")] == ("Spring", 90.0)


def test_the_order_of_loading_does_not_matter_and_a_removed_sheet_takes_its_claims(tmp_path):
    database = database_of(tmp_path, {"contracts.csv": CONTRACTS, "posts.csv": POSTS})
    assert _post_costs(database)[("anna", "05-03")] == ("Spring", 165.0)
    ingest.forget_file(database, "contracts.csv")
    from microlens.facts import rebuild_facts
    rebuild_facts(database)
    assert set(_post_costs(database).values()) == {(None, None)}
    assert database.execute("SELECT count(*) FROM dated_campaigns").fetchone()[0] == 0
    # the view is a plain union again: no join left behind for a table without claimed posts
    assert "dated_campaigns" not in database.execute(
        "SELECT sql FROM duckdb_views() WHERE view_name = 'posts'").fetchone()[0]


def test_a_named_campaign_platforms_and_overlapping_campaigns(tmp_path):
    posts = ("influencer,platform,posted_at,likes,followers,campaign\n"
             "dia,instagram,2026-03-10,100,20000,Other\n"      # names its campaign: kept
             "dia,instagram,2026-03-12,100,20000,\n"           # Glow (Instagram) holds the day
             "dia,tiktok,2026-03-12,100,20000,\n"              # Glow's contract is Instagram's: not this one
             "eve,instagram,2026-04-02,100,20000,\n"           # Glow and Fall both hold the day: which paid is a guess
             "eve,instagram,2026-04-20,100,20000,\n")          # Fall alone, through two contract rows of one campaign
    contracts = ("campaign,influencer,platform,fee,start_date,end_date\n"
                 "Glow,dia,instagram,200,2026-03-01,2026-03-31\n"
                 "Other,dia,instagram,50,2026-01-01,2026-01-31\n"
                 "Glow,eve,,100,2026-04-01,2026-04-05\n"
                 "Fall,eve,,60,2026-04-01,2026-04-30\n"
                 "fall,eve,instagram,40,2026-04-15,2026-04-30\n")
    database = database_of(tmp_path, {"posts.csv": posts, "contracts.csv": contracts})
    rows = database.execute("SELECT influencer, platform, strftime(posted_at, '%m-%d'), campaign, cost_known "
                            "FROM post_facts").fetchall()
    got = {(i, p, d): (c, k) for i, p, d, c, k in rows}
    # Other's fee over the one post naming it, whatever the dates say
    assert got[("dia", "instagram", "03-10")] == ("Other", 50.0)
    assert got[("dia", "instagram", "03-12")] == ("Glow", 200.0)
    assert got[("dia", "tiktok", "03-12")] == (None, None)
    assert got[("eve", "instagram", "04-02")] == (None, None)
    # 20 April: Fall's Instagram contract ($40, its platform's own) pays for it
    assert got[("eve", "instagram", "04-20")] == ("Fall", 40.0)


def test_cost_vs_celebrity_counts_the_dated_posts_fee(tmp_path):
    database = database_of(tmp_path, {"posts.csv": POSTS, "contracts.csv": CONTRACTS})
    rows = cost_rows(database, Filters(use_estimates=False))
    anna = rows[(rows["level"] == "influencer") & (rows["influencer"] == "anna")].iloc[0]
    # $330 over the May posts' engagements (110 + 220): $1.00 per engagement; June's post has no cost and is left
    # out of the CPE
    assert anna["cost"] == 330.0 and anna["cpe"] == 330.0 / 330


def test_a_repeated_post_is_claimed_and_counted_once(tmp_path):
    # the same post in two exports (same id): one copy counts, and the Overview's count of dated posts with it
    posts = "influencer,platform,post_id,posted_at,likes,followers\nfay,instagram,p1,2026-05-03,100,20000\n"
    database = database_of(tmp_path, {"jan.csv": posts, "q1.csv": posts,
                                      "contracts.csv": "campaign,influencer,fee,start,end\n"
                                                       "Spring,fay,120,2026-05-01,2026-05-31\n"})
    assert database.execute("SELECT count(*) FROM dated_campaigns").fetchone()[0] == 2
    assert database.execute("SELECT list(cost_known) FROM post_facts").fetchone()[0] == [120.0]
    assert int(mdb.run(database, "contracts_named_by_posts").iloc[0]["dated_posts"]) == 1


def test_overview_says_how_many_posts_a_contracts_dates_claim(tmp_path):
    from microlens import contract_windows

    at = app_on(database_of(tmp_path, {"posts.csv": POSTS, "contracts.csv": CONTRACTS}), "pages/overview.py")
    assert not at.exception
    # anna's two May posts and cleo's sponsored one: $330 + $90 spent
    assert next(m for m in at.metric if m.label == "Spend").value == "$420"
    assert any(shown(c.value) == ":material/info: Spend: 3 posts without a campaign count for a contract by date. "
               + contract_windows.RULE for c in at.caption)


def test_campaigns_page_counts_the_dated_posts_as_delivered(tmp_path):
    database = database_of(tmp_path, {"posts.csv": POSTS, "contracts.csv": CONTRACTS})
    results = mdb.run(database, "campaign_results", Filters().params())
    contracts = results[results["level"] == "contract"].set_index("influencer")
    # anna's two May posts, cleo's sponsored one; ben's undated contract none
    assert contracts["posts_delivered"].to_dict() == {"anna": 2, "ben": 0, "cleo": 1}
    # anna: $330 over 110 + 220 engagements
    assert contracts.loc["anna", "cpe"] == 1.0
