"""The README documents what the code does: generated sections match, and the promises it makes hold."""
from __future__ import annotations

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
    text = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        name = line.split("#")[0].strip().split(">")[0].split("=")[0].split("<")[0].strip().lower()
        if name:
            assert name in text, f"README does not say why {name} is a dependency"
