"""The README documents what the code does: generated sections match, and the promises it makes hold."""
from __future__ import annotations

import re

from microlens import docs, schema
from tests.conftest import ROOT


def test_generated_sections_are_current():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.render(text) == text, "README is stale: run `python -m microlens.docs`"


def test_readme_shows_the_two_commands_then_the_test_command():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    install, run, test = (text.index("pip install -r requirements.txt"), text.index("streamlit run dashboard.py"),
                          text.index("python -m pytest"))
    assert install < run < test


def test_ci_runs_the_readme_test_command():
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_every_kind_and_column_is_documented():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, cols in schema.KINDS.items():
        assert f"**{kind}**" in text
        if kind != "brand_posts":
            for c in cols:
                assert f"| `{c.name}`" in text, f"{kind}.{c.name} missing from README"


def test_every_dependency_is_explained():
    # a row of the README's table "Dependencies and why" per package of requirements.txt, with its reason (a name
    # anywhere in the README passed: "pytest" stood in the test command)
    table = (ROOT / "README.md").read_text(encoding="utf-8").split("## Dependencies and why", 1)[1].split("\n## ")[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()
            if line.startswith("| ") and not line.startswith("| package")]
    explained = {name.strip().lower(): why for names, why in rows for name in names.split(",")}
    required = {re.split(r"[<>=~!\[ ]", line.split("#")[0].strip(), maxsplit=1)[0].lower()
                for line in (ROOT / "requirements.txt").read_text().splitlines() if line.split("#")[0].strip()}
    assert set(explained) == required and len(required) >= 13
    assert all(len(why) > 10 for why in explained.values())


def test_every_query_purpose_reads_to_its_end():
    # the README listed each query's first line of purpose: 'planner_candidates' ended "… exp_likes and"
    from microlens import db as mdb
    from microlens.docs import query_purpose

    purposes = {name: query_purpose(mdb.query_text(name)) for name in mdb.query_names()}
    assert all(p.endswith((".", ")")) for p in purposes.values()), purposes
    assert query_purpose("-- purpose: one\n--          two: three.\n-- params: none\nSELECT 1") == "one two: three."
