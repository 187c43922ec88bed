"""README sections generated from the code, so the documentation cannot drift from what the app does.

    python -m microlens.docs          # rewrite the generated sections of README.md
A test fails when README.md differs from what this module generates (datasette's docs-are-tested idea).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import db as mdb
from . import kinds, metrics, schema

README = Path(__file__).resolve().parent.parent / "README.md"


def kinds_markdown() -> str:
    out = []
    for kind, cols in schema.KINDS.items():
        if kind == "brand_posts":
            out.append("\n**brand_posts** — the brand's own posts: the same columns and headers as posts; "
                       "the influencer column holds the brand's account.")
            continue
        one_of = schema.REQUIRED_ONE_OF.get(kind)
        need = f" One of {' / '.join(f'`{c}`' for c in one_of)} is required." if one_of else ""
        out += [f"\n**{kind}** — {schema.KIND_LABELS[kind]}.{need}\n",
                "| column | meaning (type) | headers recognised (after lower-casing, punctuation → `_`) |",
                "|---|---|---|"]
        for c in cols:
            syn = ", ".join(f"`{s}`" for s in kinds.SYNONYMS[kind].get(c.name, []))
            req = " **required**" if c.required else ""
            out.append(f"| `{c.name}`{req} | {c.label} ({c.type}) | {syn} |")
    return "\n".join(out).strip()


def metrics_markdown() -> str:
    rows = ["| metric | definition | formula (DuckDB macro body) |", "|---|---|---|"]
    for m in metrics.CATALOG:
        rows.append(f"| {m.label} (`metric_{m.name}`) | {m.description} | `{m.sql.replace('|', '¦')}` |")
    return "\n".join(rows)


def query_purpose(text: str) -> str:
    """The header's `purpose:`, with the comment lines that carry it on (the README cut every longer one at its first
    line's end, mid-sentence), up to the next field (`params:`) or the end of the header."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "purpose:" in line), None)
    if start is None:
        return ""
    words = [lines[start].split("purpose:", 1)[1].strip()]
    for line in lines[start + 1:]:
        body = line.removeprefix("--").strip()
        # a field starts right after the comment mark ('-- params:'); a carried-on line is indented under the text
        if not line.startswith("--") or not body or re.match(r"--\s?\w+:", line):
            break
        words.append(body)
    return " ".join(words)


def queries_markdown() -> str:
    return "\n".join(f"- `queries/{name}.sql` — {query_purpose(mdb.query_text(name))}" for name in mdb.query_names())


SECTIONS = {"kinds": kinds_markdown, "metrics": metrics_markdown, "queries": queries_markdown}


def render(text: str) -> str:
    for name, build in SECTIONS.items():
        text = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)",
                      lambda m, b=build: m.group(1) + b() + "\n" + m.group(2), text, flags=re.S)
    return text


def main() -> int:
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
