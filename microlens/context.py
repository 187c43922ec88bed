"""What a page area needs to build its sections, whether the caller is a Streamlit page, an export or the CLI.

Each area module (`microlens/area_*.py`) exposes `sections(ctx) -> list[Section]`: the finding, figure,
table, sources and SQL of every chart it shows. Pages draw those sections; the report exporter and
`python -m microlens report` collect them from every area, so the app and its exports never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import pandas as pd

from . import benchmarks as bm
from . import db as mdb
from .filters import Filters


@dataclass
class Context:
    db: mdb.Database
    filters: Filters = field(default_factory=Filters)
    er_records: tuple = bm.ER_BENCHMARKS
    price_records: tuple = bm.PRICE_BENCHMARKS
    share_claims: tuple = bm.PRICE_SHARE_CLAIMS
    cpm_records: tuple = bm.CPM_BENCHMARKS
    celeb_price_keys: tuple[str, ...] = bm.DEFAULT_CELEBRITY_PRICE_KEYS
    celeb_er_keys: tuple[str, ...] = bm.DEFAULT_CELEBRITY_ER_KEYS
    celeb_followers: float = bm.DEFAULT_CELEBRITY_FOLLOWERS
    present: bool = False
    intent_extra: str = ""                       # the user's extra purchase-intent phrases, one per line
    influencer_er_measure: str | None = None     # ER measure chosen on the Influencers page (None: default)
    influencer_er_source: str | None = None      # benchmark source label chosen on the Influencers page
    influencer_leave_out_viral: bool = True      # the Influencers page's 'Leave out viral accounts'
    cost_leave_out_viral: bool = True            # the Cost vs celebrity page's 'Leave out viral accounts'
    # Streamlit passes its cached runner here; the CLI and tests run queries directly.
    runner: Callable[[str, dict], pd.DataFrame] | None = None

    def query(self, name: str, **extra) -> pd.DataFrame:
        """queries/<name>.sql with the global filters plus `extra` parameters, bound by name."""
        params = mdb.bind(name, {**self.filters.params(), **extra})
        if self.runner is not None:
            return self.runner(name, params)
        return mdb.run(self.db, name, params)

    def key(self) -> str:
        """What sections built from this context depend on, as text for cache keys: the data version and every
        setting (the runner only says how queries run, not what they return)."""
        return f"{self.db.version}|{replace(self, db=None, runner=None)!r}"

    def sql(self, *names: str) -> str:
        """The SQL text of the queries behind a section, for 'Show SQL' and exports."""
        return "\n\n".join(f"-- queries/{n}.sql\n{mdb.query_text(n)}" for n in names)

    def celebrity(self) -> tuple[tuple, tuple, float]:
        """(price records, ER records, followers) of the chosen celebrity benchmark."""
        prices = bm.pick(self.price_records, [k for k in self.celeb_price_keys
                                              if k in {p.key for p in self.price_records}])
        usable = {r.key for r in bm.followers_based(self.er_records)}
        ers = bm.pick(self.er_records, [k for k in self.celeb_er_keys if k in usable])
        return prices or self.price_records[:1], ers or bm.followers_based(self.er_records)[:1], \
            float(self.celeb_followers)
