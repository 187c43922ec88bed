"""User text on screen: shown through markdown it must stay text, and it should read as its author wrote it."""
from __future__ import annotations

import re

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")
# An address ends at a space, ')' or a character markdown or HTML reads (< > " ' * [ ]), so that
# "https://x.example/**bold**" or "https://x.example/<img…>" cannot carry markup past the escaping. '_' stays:
# sources' addresses have it (/blog/x_y/), and between letters markdown reads it as a letter.
_URL = re.compile(r"(https?://[^\s)<>\"'*\[\]]+)")


def escape_markdown(text: str) -> str:
    """Text safe for st.markdown: markdown and Streamlit's $…$ maths switched off (edited sources, handles,
    and every sentence with two dollar amounts, which would otherwise render as a formula). Web addresses
    are left whole so they still become links, each in <…>: a bare address took the backslash that escapes the
    character after it into the link."""
    return _escaped_with_links(text, lambda url: f"<{url}>")


def _escaped_with_links(text: str, link) -> str:
    """_escaped text, each web address in it as `link(address)`; punctuation after an address stays text."""
    parts = _URL.split(str(text))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(_escaped(part))
            continue
        url = part.rstrip(".,;:")
        out.append(link(url) + _escaped(part[len(url):]))
    return "".join(out)


def _escaped(part: str) -> str:
    """One line (a cell's line breaks made a heading of 'PWNED' over '==='), every markdown character escaped, and
    each ':' as its entity: Streamlit reads ':smile:', ':material/home:' and ':red[…]' as an emoji, an icon and a
    colour, through a backslash too."""
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", part)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line).replace(":", "&#58;")


def plotly_text(text):
    """User text (handles, campaign and band names, captions, edited sources) for a Plotly figure, shown as typed.
    Plotly reads a subset of HTML in titles, labels, legends and hover text (a handle "<a href=…>" became a live
    link) and decodes &amp; &lt; &gt;, so those three characters go in as entities. A missing value stays missing."""
    if not isinstance(text, str):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_lines(text: str) -> str:
    """plotly_text of each line of `text`, whose lines a builder joined with "<br>" (a chart's source note)."""
    return "<br>".join(map(plotly_text, text.split("<br>")))


_SITE = re.compile(r"https?://(?:www\.)?([^/?#]+)")


def site_of(url):
    """'https://www.marketingdive.com/news/…' -> 'marketingdive.com'; anything else as it is."""
    match = _SITE.match(str(url))
    return match.group(1) if match else url


def escape_markdown_with_sites(text: str) -> str:
    """escape_markdown, each web address a link named by its site ("[hypeauditor.com](https://…)"): a caption of
    fourteen sources ran to fifteen lines, most of them addresses."""
    return _escaped_with_links(text, lambda url: f"[{_escaped(site_of(url))}]({url})")


PLATFORM_NAMES = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "facebook": "Facebook",
                  "x": "X", "pinterest": "Pinterest", "twitch": "Twitch", "linkedin": "LinkedIn",
                  "snapchat": "Snapchat", "threads": "Threads", "other": "other platform"}


def platform_name(platform) -> str:
    """'tiktok' -> 'TikTok', as a marketer writes it; unknown names as they are, no name as ''."""
    if not isinstance(platform, str) or not platform.strip():
        return ""
    return PLATFORM_NAMES.get(platform.strip().lower(), platform.strip())


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """(1, 'account') -> '1 account'; (1165, 'account') -> '1,165 accounts'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def in_words(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


ESTIMATED_PRICES = "estimated prices (listed prices or the rate card; none paid)"
RATE_CARD_PRICES = "the rate card's prices (none listed or paid)"


def at_estimated_prices(sentence: str, rate_card_only: bool = False) -> str:
    """A finding that rests on estimates alone says so first: 'The micro band pays …' -> 'At estimated prices
    (listed prices or the rate card; none paid), the micro band pays …', or at the rate card's prices where every
    price is followers × the rate card. Not 'the rate card's' for both: the Overview named the rate card for the
    sample's listed prices, which the Cost page beside it called listed prices."""
    return f"At {RATE_CARD_PRICES if rate_card_only else ESTIMATED_PRICES}, " + sentence[:1].lower() + sentence[1:]


def header_labels(headers: list[str]) -> dict[str, str]:
    """{label: header} for choosing a file's column: each header with its spaces and line breaks collapsed (a grid
    cell shows " Name" or "Engagement average\\r\\n" as blank), numbered when two read alike."""
    labels: dict[str, str] = {}
    for header in headers:
        base = " ".join(header.split()) or "(blank header)"
        label, n = base, 1
        while label in labels:
            n += 1
            label = f"{base} ({n})"
        labels[label] = header
    return labels


_ADDRESS = re.compile(r" — https?://[^\s;]+")


def clipped(text: str, limit: int) -> tuple[str, bool]:
    """`text` cut after its last "; " or ". " within `limit` characters (whole sources, whole sentences), and
    whether anything was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    cut = max(head.rfind("; "), head.rfind(". "))
    return (head[:cut + 1] if cut > 0 else head).rstrip(" ;"), True


def headline_parts(finding: str, limit: int = 110) -> tuple[str, str]:
    """A finding longer than `limit` split at its first "; " outside parentheses: (the answer, what qualifies it,
    as a sentence). A slide shows the first as its headline and the rest in smaller type beneath, where a
    five-line headline left the chart a third of the screen. Nothing to split: (finding, "")."""
    if len(finding) <= limit:
        return finding, ""
    depth = 0
    for i, ch in enumerate(finding):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and finding.startswith("; ", i):
            rest = finding[i + 2:].strip()
            return finding[:i], rest[:1].upper() + rest[1:] + ("" if rest.endswith(".") else ".")
    return finding, ""


def without_addresses(source: str) -> str:
    """A sources line without its web addresses ("Markerly (2016), like rate … — https://…" → "Markerly (2016), like
    rate …"), for a slide, where fourteen addresses took a third of the screen; the page and exports keep them."""
    return _ADDRESS.sub("", source)


# Characters that UTF-8 text read as Latin-1 / cp1252 starts its sequences with ("Ã´" for "ô", "â€™" for "’"):
# only values containing one go through ftfy, which is slow next to a regex test on every value.
_MOJIBAKE_HINT = re.compile("[ÃÂâÅÐÑ]")


def fix_mojibake(values: pd.Series) -> pd.Series:
    """Text columns with mojibake repaired ("CÃ´te d'Ivoire" -> "Côte d'Ivoire"), other values untouched; each
    distinct value is repaired once."""
    import ftfy

    text = values.dropna()
    text = text[text.astype(str).str.contains(_MOJIBAKE_HINT)]
    if text.empty:
        return values
    fixed = {v: ftfy.fix_text(v, uncurl_quotes=False) for v in text.unique()}   # curly quotes are as written
    return values.map(lambda v: fixed.get(v, v) if isinstance(v, str) else v)


def file_stem(text: str) -> str:
    """A download's file name from a title or a section key, which may hold a handle ('takeover_<a href=…>_tiktok'):
    letters and digits only, joined by '_'."""
    return re.sub(r"[^A-Za-z0-9]+", "_", str(text)).strip("_").lower() or "microlens"
