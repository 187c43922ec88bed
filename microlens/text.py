"""User text shown through markdown must stay text."""
from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_URL = re.compile(r"(https?://[^\s)]+)")


def escape_markdown(text: str) -> str:
    """Text safe for st.markdown: markdown and Streamlit's $…$ maths switched off (edited sources, handles,
    and every sentence with two dollar amounts, which would otherwise render as a formula). Web addresses
    are left whole so they still become links."""
    parts = _URL.split(str(text))
    return "".join(part if i % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts))


PLATFORM_NAMES = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "facebook": "Facebook",
                  "x": "X", "other": "other platform"}


def platform_name(platform) -> str:
    """'tiktok' -> 'TikTok', as a marketer writes it; unknown names as they are, no name as ''."""
    if not isinstance(platform, str) or not platform.strip():
        return ""
    return PLATFORM_NAMES.get(platform.strip().lower(), platform.strip())


def in_words(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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


def without_addresses(source: str) -> str:
    """A sources line without its web addresses ("Markerly (2016), like rate … — https://…" → "Markerly (2016), like
    rate …"), for a slide, where fourteen addresses took a third of the screen; the page and exports keep them."""
    return _ADDRESS.sub("", source)
