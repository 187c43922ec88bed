"""Audience fit: how well an influencer's audience matches the profile a brand is after.

Files that carry audience shares (top country and its share, female share, share aged 18-34) get a
0-100 fit score against a `TargetProfile` the user sets. Any audience column may be missing or empty:
a row is scored on the components that exist for it, and says which those were.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from microlens.theme import percent

COMPONENTS = ("country", "female", "age_18_34")
COMPONENT_LABELS = {"country": "country", "female": "gender", "age_18_34": "age 18–34"}
AUDIENCE_COLUMNS = ("audience_country", "audience_country_share", "audience_female_share",
                    "audience_age_18_34_share")


@dataclass(frozen=True)
class TargetProfile:
    """The audience a brand wants. Leave a target as None to not score that component.

    country: the audience country wanted, matched case-insensitively against `audience_country`
        (offer the values present in the data so spellings agree: "US" does not match "United States").
    min_country_share: the share of the audience that should be in `country` for full marks.
    female_share, age_18_34_share: the wanted share of the audience (0.7 = 70% female).
    *_weight: relative importance of each component in the overall score (0 = ignore it).
    """
    country: str | None = None
    min_country_share: float = 0.3
    female_share: float | None = None
    age_18_34_share: float | None = None
    country_weight: float = 1.0
    female_weight: float = 1.0
    age_18_34_weight: float = 1.0

    def __post_init__(self) -> None:
        if isinstance(self.country, str) and not self.country.strip():
            object.__setattr__(self, "country", None)
        if not 0 < self.min_country_share <= 1:
            raise ValueError("The minimum country share must be above 0% and at most 100%.")
        for name in ("female_share", "age_18_34_share"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                raise ValueError(f"The target {name.replace('_', ' ')} must be between 0% and 100%.")
        if min(self.country_weight, self.female_weight, self.age_18_34_weight) < 0:
            raise ValueError("Weights cannot be negative.")

    def targeted(self) -> list[str]:
        """Components with a target set and a weight above 0, in COMPONENTS order."""
        wanted = {"country": self.country is not None, "female": self.female_share is not None,
                  "age_18_34": self.age_18_34_share is not None}
        return [c for c in COMPONENTS if wanted[c] and self.weight(c) > 0]

    def weight(self, component: str) -> float:
        return {"country": self.country_weight, "female": self.female_weight,
                "age_18_34": self.age_18_34_weight}[component]


def fit_score(df: pd.DataFrame, target: TargetProfile) -> pd.DataFrame:
    """Audience fit 0-100 per row of `df`, with the component scores behind it.

    Component scores (each 0-100):
    - country: 0 when the audience's top country is not the target country (the file gives no share
      for other countries, so nothing says the target country is well represented); when it is, 100 ×
      min(1, share in that country / min_country_share), or 100 if the share is not given.
    - female, age_18_34: 100 at the target share, falling linearly to 0 at the furthest possible share
      (0% or 100%): 100 × (1 − |actual − target| / max(target, 1 − target)). Both directions count as a
      miss: a target of 70% female also says 30% male.
    fit_score = Σ weight × component / Σ weight over the components that are targeted AND known for the
    row; NaN when there are none. Because unknown components drop out instead of scoring 0, `coverage`
    (share of the targeted weight actually scored, 0-1) and `components_used` say how much a score rests on.
    Shares outside 0-1 are not shares and count as unknown.
    """
    col = {c: df[c] if c in df.columns else pd.Series(np.nan, index=df.index) for c in AUDIENCE_COLUMNS}
    scores = pd.DataFrame(index=df.index)
    scores["country_score"] = _country_score(col["audience_country"], _share(col["audience_country_share"]),
                                             target)
    scores["female_score"] = _closeness(_share(col["audience_female_share"]), target.female_share)
    scores["age_18_34_score"] = _closeness(_share(col["audience_age_18_34_share"]), target.age_18_34_share)

    targeted = target.targeted()
    weighted_sum = pd.Series(0.0, index=df.index)
    weight_used = pd.Series(0.0, index=df.index)
    for component in targeted:
        score = scores[f"{component}_score"]
        weight = target.weight(component) * score.notna()
        weighted_sum += weight * score.fillna(0)
        weight_used += weight
    total_weight = sum(target.weight(c) for c in targeted)
    out = pd.DataFrame(index=df.index)
    out["fit_score"] = (weighted_sum / weight_used).where(weight_used > 0)
    for name in scores.columns:
        out[name] = scores[name]
    out["coverage"] = weight_used / total_weight if total_weight else np.nan
    out["components_used"] = [
        ", ".join(COMPONENT_LABELS[c] for c in targeted if not math.isnan(row[f"{c}_score"]))
        for _, row in scores.iterrows()
    ]
    return out


def fit_explanation(row: pd.Series | dict, target: TargetProfile) -> str:
    """The fit score of one influencer in words, component by component, with what was not scored."""
    if not target.targeted():
        return "No target set: choose a country, gender or age share to score audience fit."
    frame = pd.DataFrame([{c: dict(row).get(c, np.nan) for c in AUDIENCE_COLUMNS}])
    result = fit_score(frame, target).iloc[0]
    if math.isnan(result["fit_score"]):
        return "Not scored: the file has no audience data for the chosen targets."

    parts, missing = [], []
    for component in target.targeted():
        score = result[f"{component}_score"]
        if math.isnan(score):
            missing.append(COMPONENT_LABELS[component])
        else:
            parts.append(f"{_component_sentence(component, frame.iloc[0], target)} — {score:.0f}/100.")
    headline = f"Fit {result['fit_score']:.0f}/100 on {result['components_used']}"
    if missing:
        headline += f" ({' and '.join(missing)} not given)"
    return " ".join([headline + ".", *parts])


def _component_sentence(component: str, audience: pd.Series, target: TargetProfile) -> str:
    if component == "country":
        top = str(audience["audience_country"]).strip()
        share = _share(pd.Series([audience["audience_country_share"]])).iloc[0]
        if top.casefold() != target.country.strip().casefold():
            return (f"Country: the top audience country is {top}, not {target.country}; the file does not "
                    f"say how much of the audience is in {target.country}")
        if math.isnan(share):
            return f"Country: the top audience country is {target.country} (share not given)"
        return (f"Country: {_pct(share)} of the audience is in {target.country} "
                f"(target: at least {_pct(target.min_country_share)})")
    if component == "female":
        return (f"Gender: {_pct(audience['audience_female_share'])} female "
                f"(target {_pct(target.female_share)})")
    return (f"Age: {_pct(audience['audience_age_18_34_share'])} aged 18–34 "
            f"(target {_pct(target.age_18_34_share)})")


def _country_score(country: pd.Series, share: pd.Series, target: TargetProfile) -> pd.Series:
    if target.country is None:
        return pd.Series(np.nan, index=country.index)
    known = country.notna() & (country.astype(object).map(lambda v: str(v).strip()) != "")
    matches = country.astype(object).map(lambda v: str(v).strip().casefold()) == target.country.strip().casefold()
    # A matching top country with no share given gets full marks: it is the audience's largest country.
    on_target = (share / target.min_country_share).clip(upper=1).fillna(1.0)
    return (100 * on_target.where(matches, 0.0)).where(known)


def _closeness(actual: pd.Series, wanted: float | None) -> pd.Series:
    if wanted is None:
        return pd.Series(np.nan, index=actual.index)
    furthest = max(wanted, 1 - wanted)
    return 100 * (1 - (actual - wanted).abs() / furthest)


def _share(values: pd.Series) -> pd.Series:
    shares = pd.to_numeric(values, errors="coerce").astype(float)
    return shares.where(shares.between(0, 1))


def _pct(share: float) -> str:
    return percent(share, 0)
