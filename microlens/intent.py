"""Purchase intent in comments: a transparent phrase lexicon, compiled to one regular expression.

A comment shows purchase intent when the commenter asks how to buy something shown (price, where, link,
size, shipping, stock, a discount code), says they want it, or says they just bought it. Owning it for
years, praising it, or complaining about the price is not intent.

Every phrase is plain text, never regex syntax: `build_pattern` turns the lexicon into ONE pattern that
Python's `re` and DuckDB's RE2 (`regexp_matches(lower(text), $pattern)`) evaluate identically, so the
per-comment answer in the app and the SQL aggregate agree. Identical behaviour rules out lookarounds,
backreferences, `\\b`, `\\w` and `\\s` (RE2's are ASCII-only, Python's are Unicode), so word edges and
spaces are spelled out as explicit character classes.

How a phrase matches, so a user can predict it:
- case-insensitive: the text is lower-cased, and so is the phrase;
- accents: an accented letter in a phrase matches with or without its accent ("cuánto" finds "cuanto",
  "preço" finds "preco"), so built-in phrases are spelled with their accents; in a phrase a user adds,
  every vowel, "c" and "n" also matches its accented forms ("cuanto" finds "cuánto");
- the last letter may be stretched: "pls" finds "plsss", "price?" finds "pricee?" (not inner letters:
  "need" does not find "neeeed");
- whole words only ("precio" does not fire inside "precioso"); between words any run of spaces and
  , . ; : ! ? - is allowed ("link, please" finds "link please"); an apostrophe is optional
  ("dont", "don't", "don’t"); "?" and "!" may have spaces before them ("link ?" finds "link?");
- a phrase right after a negation word ("no", "not", "don't", "não", "nunca", ...) does not count, so
  "I don't need this" and "no lo necesito" are not intent; punctuation in between lifts that
  ("no, I need this" is intent).

Why not more tolerance (any letter stretched, accents matched on every vowel, any symbol between words):
each of those multiplies RE2's automaton and took DuckDB from ~0.1 s to 3-17 s per 100K comments.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd


@dataclass(frozen=True)
class Phrase:
    category: str
    language: str   # "en", "es", "pt", or "any" (emoji, words all three languages use, user phrases)
    text: str       # plain text, matched as described in the module docstring


@dataclass(frozen=True)
class IntentMatch:
    category: str
    language: str
    phrase: str     # the lexicon phrase that matched
    matched: str    # the part of the (lower-cased) comment it matched


CUSTOM = "custom"
# What each category says of the commenter, as a reader would put it
CATEGORY_LABELS = {"price": "asks the price", "where_to_buy": "asks where to buy", "link": "asks for the link",
                   "discount": "asks for a code", "shipping": "asks about shipping", "size": "asks about sizes",
                   "availability": "asks about stock", "want": "wants it", "add_to_cart": "put it in the cart",
                   "ordered": "bought it", CUSTOM: "your phrase"}


def _phrases(category: str, language: str, *texts: str) -> tuple[Phrase, ...]:
    return tuple(Phrase(category, language, t) for t in texts)


# Bare "how much" is left out on purpose: "how much I love this" is praise. "price" alone is left out in
# English for the same reason ("the price is insane lol"), while "precio"/"preço" alone stay in: in
# Spanish and Portuguese comment sections a bare "precio" / "preço" is the usual way to ask.
DEFAULT_LEXICON: tuple[Phrase, ...] = (
    *_phrases("price", "en",
              "how much is", "how much are", "how much does", "how much do", "how much was",
              "how much for", "how much?", "how much it cost", "how much they cost", "how much did",
              "price?", "price pls", "price please", "what's the price", "what is the price",
              "the price of", "price of this", "price range", "pricing", "cost?", "what does it cost",
              "what's the cost", "is it worth it?", "worth the money?", "is it expensive", "affordable?",
              "is it cheaper", "cheaper on"),
    *_phrases("price", "es",
              "precio", "cuánto cuesta", "cuánto cuestan", "cuánto sale", "cuánto salen", "cuánto vale",
              "cuánto valen", "cuánto es", "cuánto está", "cuánto te costó", "cuánto costó",
              "cuánto cobras", "a cuánto", "en cuánto", "qué precio", "costo?", "vale la pena?", "info?",
              "info por inbox", "info por dm", "info al privado", "info porfa", "info por favor",
              "informes"),
    *_phrases("price", "pt",
              "preço", "quanto custa", "quanto custam", "quanto custou", "quanto é", "quanto tá",
              "quanto sai", "quanto saiu", "quanto foi", "quanto fica", "quanto que", "qnt custa",
              "qto custa", "qual o valor", "qual valor", "qual é o valor", "valor?", "valor por favor",
              "valor pfv", "valor pf", "o valor dele", "vale a pena?"),
    *_phrases("where_to_buy", "en",
              "where can i buy", "where can i get", "where can i find", "where can i order",
              "where can i purchase", "where can you buy", "where can you get", "where can we buy",
              "where can we get", "where do i buy", "where do i get", "where do you buy",
              "where do you get", "where did you get", "where did you buy", "where did you find",
              "where'd you get", "where u get", "where did u get", "where you get", "where to buy",
              "where to get", "where to order", "where to find", "were did you get", "were did u get",
              "where is it from", "where's it from",
              "where is this from", "where's this from", "where are these from", "where is that from",
              "where's that from", "were can i buy", "wer can i buy", "who makes", "what brand",
              "which brand", "brand?", "brand name", "what's the brand", "product name",
              "what is it called", "what's it called", "what is this called", "what's this called",
              "do you sell", "can i buy", "can i order", "can i get one", "website?", "a website",
              "your website", "their website", "on amazon", "tiktok shop", "thinking about buying",
              "thinking of buying", "thinking of getting"),
    *_phrases("where_to_buy", "es",
              "dónde lo compro", "dónde la compro", "dónde los compro", "dónde lo compraste",
              "dónde la compraste", "dónde lo consigo", "dónde la consigo", "dónde lo consigues",
              "dónde se compra", "dónde se consigue", "dónde puedo comprar", "dónde puedo conseguir",
              "dónde comprar", "dónde lo venden", "dónde la venden", "dónde venden",
              "dónde lo encuentro", "dónde lo encontraste", "qué marca", "cuál es la marca",
              "la marca?", "cómo se llama el producto", "lo venden", "venden en", "puedo comprar",
              "comprarlo", "comprarla", "comprarlos", "comprarlas", "conseguirlo", "conseguirla",
              "en amazon", "mercado libre", "me vendes"),
    *_phrases("where_to_buy", "pt",
              "onde compro", "onde comprar", "onde eu compro", "onde posso comprar", "onde comprou",
              "onde você comprou", "onde vc comprou", "onde encontro", "onde acho", "onde vende",
              "onde vendem", "onde consigo", "onde eu acho", "onde encontrar", "qual a marca",
              "qual marca", "que marca", "a marca?", "vende onde", "vocês vendem", "vcs vendem",
              "posso comprar", "como compro", "como faço para comprar", "como faço pra comprar",
              "na amazon", "shopee", "no shopee", "mercado livre", "no mercado livre", "no site",
              "me vende", "vontade de comprar"),
    *_phrases("link", "any",
              "link?", "link pls", "link please", "link plz", "link por favor", "link pfv", "link pf",
              "link porfa"),
    *_phrases("link", "en",
              "send link", "send the link", "send me the link", "drop the link", "drop link",
              "need the link", "where's the link", "where is the link", "link to buy", "link to this",
              "link for this", "link for that", "got a link", "have a link", "link in bio?", "is the link",
              "link doesn't work", "link not working", "link isn't working", "dm me the link",
              "dm me the price", "orange cart"),
    *_phrases("link", "es",
              "enlace", "el link", "pasa el link", "pásame el link", "manda el link", "me pasas el link",
              "me mandas el link", "link en la bio?", "link en bio?"),
    *_phrases("link", "pt",
              "link na bio?", "cadê o link", "qual o link", "manda o link", "passa o link",
              "me manda o link", "tem link", "o link?", "link do produto"),
    *_phrases("size", "en",
              "what size", "which size", "size?", "sizes", "sizing", "your size", "size chart",
              "true to size", "tts?", "run small", "runs small", "run big", "runs big", "run large",
              "runs large", "fit true", "does it fit", "do they fit", "in a size", "in size",
              "does it come in", "do they come in", "come in other", "do you have it in",
              "do you have this in", "other colors", "other colours", "other sizes", "what shade",
              "which shade", "shade?"),
    *_phrases("size", "es",
              "talla", "tallas", "qué número", "viene en", "vienen en", "otros colores", "otro color"),
    *_phrases("size", "pt",
              "tamanho", "tamanhos", "numeração", "veste grande", "veste pequeno", "forma grande",
              "forma pequena", "vem em", "outras cores", "outra cor"),
    *_phrases("shipping", "en",
              "do you ship", "ship to", "ships to", "shipping to", "ship internationally",
              "international shipping", "shipping cost", "shipping?", "free shipping",
              "how long does shipping", "deliver to", "delivery to", "do you deliver", "deliver in"),
    *_phrases("shipping", "es",
              "envían a", "envías a", "hacen envíos", "hacen envío", "envíos a", "envío a", "envío?",
              "envío gratis", "envíos internacionales", "mandan a", "hay envío", "llega a méxico",
              "llega a argentina", "llega a colombia", "llega a chile", "llega a perú", "llega a españa"),
    *_phrases("shipping", "pt",
              "frete", "entrega em", "entrega pra", "entrega para", "entregam", "faz entrega",
              "fazem entrega", "envia pra", "envia para", "enviam pra", "enviam para", "manda pra",
              "mandam pra", "envio para", "envio pra", "chega em portugal", "chega no brasil"),
    *_phrases("availability", "en",
              "in stock", "back in stock", "restock", "restocked", "restocking", "still available",
              "available in",
              "is this available", "is it available", "available?", "sold out?", "is it sold out",
              "already sold out", "it's sold out", "sold out already", "sold out again",
              "sold out everywhere"),
    *_phrases("availability", "es",
              "hay stock", "tienen stock", "disponible", "sigue disponible", "todavía hay", "agotado",
              "se agotó", "lo tienen en"),
    *_phrases("availability", "pt",
              "tem estoque", "disponível", "ainda tem", "esgotado", "esgotou", "tem pra vender",
              "ainda vende"),
    *_phrases("discount", "en",
              "discount code", "promo code", "any code", "code?", "coupon", "is there a discount",
              "any discount", "do you have a code"),
    *_phrases("discount", "es", "cupón", "código de descuento", "hay descuento", "algún código",
              "código?"),
    *_phrases("discount", "pt", "cupom", "código de desconto", "tem desconto", "algum código",
              "código?"),
    *_phrases("ordered", "en",
              "just ordered", "ordered mine", "ordered one", "ordered it", "ordered two",
              "ordered these", "ordered this", "i ordered", "already ordered", "just bought",
              "bought mine", "bought one", "bought it", "just purchased", "i purchased", "just copped",
              "copped", "ordering now", "ordering one", "ordering mine", "buying this", "buying one",
              "buying it", "buying these", "gonna buy", "going to buy", "will buy", "i'll buy",
              "i'm buying", "need to buy", "have to buy", "want to buy", "wanna buy", "sold!",
              "you sold me", "take my money", "placed an order", "placed my order"),
    *_phrases("ordered", "es",
              "lo pedí", "ya lo pedí", "la pedí", "ya pedí", "pedí el mío", "pedí la mía", "pedí uno",
              "pedí una", "lo compré", "la compré", "ya lo compré", "ya compré", "acabo de comprar",
              "acabo de pedir", "lo voy a comprar", "la voy a comprar", "voy a comprar", "voy a pedir",
              "me lo compro", "me la compro", "me los compro", "me las compro", "me lo voy a comprar",
              "quiero comprar", "necesito comprar", "tengo que comprar", "comprado!"),
    *_phrases("ordered", "pt",
              "comprei", "acabei de comprar", "já comprei", "pedi o meu", "pedi a minha", "já pedi",
              "vou comprar", "vou pedir", "to comprando", "tô comprando", "encomendei",
              "quero comprar", "preciso comprar", "tenho que comprar", "comprado!", "fiz meu pedido",
              "fiz o pedido"),
    *_phrases("want", "en",
              "i need this", "i need these", "i need that", "i need it", "i need one", "i need them",
              "need this asap", "need this so bad", "need this in my life", "need these in my life",
              "need one asap", "i want this", "i want these", "i want that", "i want one", "i want it",
              "i want them", "want this so bad", "want one so bad", "want it so bad", "i really need",
              "i really want", "i so need", "must have!", "wishlist", "wish list", "adding to my list"),
    *_phrases("want", "es",
              "lo necesito", "la necesito", "los necesito", "las necesito", "necesito uno",
              "necesito una de", "necesito una para", "necesito esto", "necesito eso", "necesito ese",
              "necesito esa",
              "lo quiero", "la quiero", "quiero uno", "quiero una de", "quiero una para", "quiero esto",
              "quiero eso", "quiero ese", "quiero esa", "me encantaría tenerlo", "lo ocupo"),
    *_phrases("want", "pt",
              "quero muito", "quero mt", "qro mt", "qro muito", "quero um desse", "quero um desses",
              "quero uma dessa", "quero uma dessas", "quero esse", "quero essa", "quero esses",
              "quero essas", "preciso disso", "preciso desse", "preciso dessa", "preciso desses",
              "preciso dessas", "preciso de um desse", "preciso de um desses", "preciso de uma dessa",
              "preciso de uma dessas", "preciso ter", "necessito", "quero pra mim", "queria muito"),
    *_phrases("add_to_cart", "en",
              "add to cart", "added to cart", "adding to cart", "to my cart", "in my cart", "in cart",
              "into my cart", "add to bag", "added to bag", "adding to bag"),
    *_phrases("add_to_cart", "es",
              "al carrito", "en el carrito", "mi carrito", "a la cesta", "en la cesta"),
    *_phrases("add_to_cart", "pt",
              "carrinho", "no carrinho", "no meu carrinho", "na sacola", "pra sacola"),
    *_phrases("add_to_cart", "any", "🛒"),
)

# Words that cancel a phrase right after them ("don't need this", "no lo necesito", "não preciso").
# "no" is also Portuguese for "in the", so Portuguese phrases that follow it ("no carrinho") are listed
# with it.
NEGATION_WORDS: tuple[str, ...] = (
    "no", "not", "don't", "didn't", "doesn't", "won't", "wouldn't", "never", "isn't", "aren't",
    "nunca", "ni", "jamás", "tampoco", "não", "nem", "jamais", "n", "ñ",
)

# Character classes spelled out (see module docstring). Latin-1 lower-case letters cover EN/ES/PT.
_WORD = "a-zà-öø-ÿ0-9"                        # a word edge is a change between these and anything else
_APOSTROPHES = "'’"
_SPACES = " \\t\\n\\r\u00a0"                 # regex text: tab, newline, CR as escapes both engines read
_BETWEEN_WORDS = f"[{_SPACES},.;:!?\\-]+"
_ACCENT_VARIANTS = {
    "a": "aáàâãä", "e": "eéèêë", "i": "iíìîï", "o": "oóòôõö", "u": "uúùûü", "c": "cç", "n": "nñ",
}
_OPTIONAL_MARKS = "¿¡"       # Spanish opening marks: commenters mostly leave them out
_SPACED_MARKS = "?!"         # "link ?" counts as "link?"
_NEVER_MATCHES = "a^"        # an "a" followed by the start of the text: the pattern of an empty lexicon


def _base_letter(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def _is_word_char(ch: str) -> bool:
    return bool(ch) and (ch.isascii() and ch.isalnum() or "\u00e0" <= ch <= "\u00ff" and ch != "\u00f7")


def _escape(ch: str) -> str:
    """A character as a literal: ASCII punctuation backslashed (both engines accept that), the rest as is."""
    return "\\" + ch if ch.isascii() and not ch.isalnum() else ch


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _phrase_body(phrase: Phrase) -> str:
    """The regex of one phrase without its edges; every character of the phrase is taken literally."""
    text = _normalised(phrase.text)
    accents_anywhere = phrase.category == CUSTOM
    word_chars = [i for i, ch in enumerate(text) if _is_word_char(ch)]
    stretchable = word_chars[-1] if word_chars and not text[word_chars[-1]].isdigit() else -1
    out: list[str] = []
    for i, ch in enumerate(text):
        prev, nxt = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
        base = _base_letter(ch)
        if ch == " ":
            # Between two words the separator run; next to punctuation ("link ?") optional spaces.
            out.append(_BETWEEN_WORDS if _is_word_char(prev) and _is_word_char(nxt) else f"[{_SPACES}]*")
        elif ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]?")
        elif base in _ACCENT_VARIANTS and (base != ch or accents_anywhere):
            out.append(f"[{_ACCENT_VARIANTS[base]}]")
        elif ch in _OPTIONAL_MARKS:
            out.append(ch + "?")
        elif ch in _SPACED_MARKS and _is_word_char(prev):
            out.append(f"[{_SPACES}]*{_escape(ch)}")
        else:
            out.append(_escape(ch))
        if i == stretchable:
            out[-1] += "+"
    return "".join(out)


def _word_class(chars: set[str]) -> str:
    """A character class holding `chars` (letters, digits, apostrophes), written as compact ranges."""
    points = sorted(ord(c) for c in chars)
    parts, start = [], points[0]
    for a, b in zip(points, points[1:] + [None]):
        if b != a + 1:
            parts.append(chr(start) if start == a else f"{chr(start)}-{chr(a)}")
            start = b
    return "[" + "".join(parts) + "]"


# The characters of _WORD plus apostrophes, as a set: the alphabet words are spelled in.
_WORD_ALPHABET = ({chr(c) for c in range(ord("a"), ord("z") + 1)} | set("0123456789") | set(_APOSTROPHES)
                  | {chr(c) for c in range(0xE0, 0x100) if c != 0xF7})


def _any_word_except(words: tuple[str, ...]) -> str:
    """Regex matching exactly the words (over letters, digits, apostrophes) that are not in `words`.

    Built from a trie of `words`: at each node, a word may end here unless the node is one of `words`,
    continue with a character no listed word continues with (then anything may follow), or follow a branch.
    """
    variants = {w.replace("’", "'") for w in words}
    variants |= {"".join(_base_letter(ch) for ch in w) for w in variants}    # "jamas", "nao"
    variants |= {w.replace("'", "’") for w in variants} | {w.replace("'", "") for w in variants}
    trie: dict = {}
    for w in variants:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    any_word = _word_class(_WORD_ALPHABET)

    def node_regex(node: dict, is_root: bool) -> str:
        children = sorted(k for k in node if k)
        others = _WORD_ALPHABET - set(children)
        alternatives = [f"{_word_class(others)}{any_word}*"]
        alternatives += [f"{_escape(ch)}{node_regex(node[ch], False)}" for ch in children]
        group = "(?:" + "|".join(alternatives) + ")"
        may_end_here = not is_root and "" not in node
        return group + "?" if may_end_here else group

    return node_regex(trie, True)


# Left edge of a phrase that starts with a letter or digit: the start of the text, a non-word,
# non-space character (punctuation, emoji) plus optional spaces, or a word that is not a negation plus spaces.
_LEFT_EDGE = (f"(?:^|[^{_WORD}{_APOSTROPHES}{_SPACES}][{_SPACES}]*"
              f"|(?:^|[^{_WORD}{_APOSTROPHES}]){_any_word_except(NEGATION_WORDS)}[{_SPACES}]+)")
_RIGHT_EDGE = f"(?:$|[^{_WORD}])"


def _core(text: str) -> str:
    return _normalised(text).lstrip(_OPTIONAL_MARKS)


# (needs a left edge, needs a right edge): a phrase needs an edge where it starts/ends with a word character.
_EDGE_KEYS = ((True, True), (True, False), (False, True), (False, False))


def _grouped_bodies(phrases: tuple[Phrase, ...]) -> dict[tuple[bool, bool], dict[str, Phrase]]:
    """Phrase regexes by edge key, in lexicon order; the first phrase wins a duplicate regex."""
    groups: dict[tuple[bool, bool], dict[str, Phrase]] = {key: {} for key in _EDGE_KEYS}
    for p in phrases:
        core = _core(p.text)
        if core:
            groups[(_is_word_char(core[0]), _is_word_char(core[-1]))].setdefault(_phrase_body(p), p)
    return groups


def _assemble(groups, capture: bool) -> str:
    """LEFT(?:(?:A)RIGHT|B) | (?:C)RIGHT | D, where A..D are the phrases needing both, left, right, no edges.

    The left edge is written once: two copies of it (one per edge group) made RE2 ~20x slower.
    """
    def alternation(bodies) -> str:
        return "|".join(f"({b})" if capture else b for b in bodies)

    both, left, right, neither = (groups[k] for k in _EDGE_KEYS)
    after_left = [f"(?:{alternation(both)}){_RIGHT_EDGE}"] if both else []
    after_left += [alternation(left)] if left else []
    parts = [f"{_LEFT_EDGE}(?:{'|'.join(after_left)})"] if after_left else []
    parts += [f"(?:{alternation(right)}){_RIGHT_EDGE}"] if right else []
    parts += [alternation(neither)] if neither else []
    return "|".join(parts) if parts else _NEVER_MATCHES


@lru_cache(maxsize=32)
def _build_pattern(phrases: tuple[Phrase, ...]) -> str:
    return _assemble(_grouped_bodies(phrases), capture=False)


def build_pattern(phrases) -> str:
    """One regex, for `re.search(pattern, text.lower())` and DuckDB `regexp_matches(lower(text), pattern)`."""
    return _build_pattern(tuple(phrases))


@lru_cache(maxsize=32)
def _capturing(phrases: tuple[Phrase, ...]) -> tuple[re.Pattern, list[Phrase]]:
    """The same pattern with one capture group per phrase regex, so a match names its phrase.

    Capture groups change what is reported, never whether the pattern matches.
    """
    groups = _grouped_bodies(phrases)
    owners = [p for key in _EDGE_KEYS for p in groups[key].values()]
    return re.compile(_assemble(groups, capture=True)), owners


def classify(text, lexicon=DEFAULT_LEXICON) -> IntentMatch | None:
    """The phrase that makes `text` a purchase-intent comment (leftmost in the text), else None."""
    if not isinstance(text, str):
        return None
    pattern, owners = _capturing(tuple(lexicon))
    m = pattern.search(text.lower())
    if m is None:
        return None
    phrase = owners[m.lastindex - 1]
    return IntentMatch(phrase.category, phrase.language, phrase.text, m.group(m.lastindex))


def lexicon_frame(lexicon=DEFAULT_LEXICON) -> pd.DataFrame:
    """The lexicon as a table for display: one row per phrase, in lexicon order, its category in words."""
    return pd.DataFrame([(CATEGORY_LABELS[p.category], p.language, p.text) for p in lexicon],
                        columns=["category", "language", "phrase"])


def extend(lexicon, user_text: str) -> tuple[Phrase, ...]:
    """`lexicon` plus one "custom" phrase per non-blank line of `user_text`, each taken literally."""
    added = tuple(Phrase(CUSTOM, "any", line.strip()) for line in user_text.splitlines() if line.strip())
    return tuple(lexicon) + added
