"""Which kind of file is this, and which header means which canonical column.

Real exports name the same thing in many ways (`user_nfollower`, `Subscribers`, `Eng. (Avg.)`), repeat a
header, or put a newline inside a header cell. Headers are compared in a normalised form (`header_key`)
against synonym lists; the user can correct both the kind and the mapping afterwards.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import schema

# A campaign sheet's price per post: the contract's fee is that price times the posts contracted (see ingest)
PER_POST_FEES = ["rate_per_post", "fee_per_post", "price_per_post", "cost_per_post"]
# Synonyms per canonical column, as normalised keys (see header_key). Order matters: earlier wins.
_COMMON = {
    # 'Primary Handle' (CreatorIQ) before the names: a display name ('Ana López') never joins to the posts
    "influencer": ["influencer", "influencer_handle", "handle", "primary_handle", "instagram_username",
                   "tiktok_username", "owner_username", "author_meta_name", "username", "user_name", "user", "account",
                   "account_username", "account_name", "creator", "creator_handle", "channel_info",
                   "instagram_name", "tiktoker_name", "youtuber", "channel", "channel_name", "author", "author_name",
                   "profile", "ig_handle", "tiktok_handle", "instagram_handle", "influencer_name", "creator_name",
                   "name_handle", "page_name"],   # account_username, page_name: Meta Business Suite exports
    "platform": ["platform", "network", "social_network", "channel_type", "social_media", "source_platform"],
    "followers": ["followers", "follower_count", "followers_count", "user_nfollower", "nfollower", "subscribers",
                  "subscriber_count", "subs", "fans", "audience_size", "followers_at_post", "follower",
                  "instagram_followers", "tiktok_followers", "youtube_subscribers", "author_meta_fans"],
    "campaign": ["campaign", "campaign_name", "campaign_title", "project"],
    "coupon_code": ["coupon_code", "coupon", "discount_code", "promo_code", "code", "voucher", "voucher_code",
                    "discount", "promo", "order_discount_code", "discount_code_used"],
}
SYNONYMS: dict[str, dict[str, list[str]]] = {
    "posts": {
        "influencer": _COMMON["influencer"],
        "platform": _COMMON["platform"],
        "followers": _COMMON["followers"],
        # Meta Business Suite: "Publish time"; its "Date" column says "Lifetime"
        "posted_at": ["posted_at", "post_date", "publish_time", "date", "posted", "published_at", "publish_date",
                      "created_at", "create_time", "timestamp", "vid_posttime", "post_time", "time", "upload_date",
                      "date_posted",
                      # Hootsuite 'Date (GMT)', YouTube Studio 'Video publish time', Apify 'createTimeISO', 'takenAt'
                      "date_gmt", "video_publish_time", "create_time_iso", "taken_at"],
        # TikTok Studio writes 'Total likes' per video
        "likes": ["likes", "like_count", "likes_count", "vid_nlike", "nlike", "hearts", "digg_count", "reactions",
                  "total_likes"],
        "comments": ["comments", "comment_count", "comments_count", "vid_ncomment", "ncomment", "replies",
                     "comments_added", "total_comments"],
        "shares": ["shares", "share_count", "shares_count", "vid_nshare", "nshare", "reposts", "retweets",
                   "total_shares"],
        "saves": ["saves", "save_count", "saved", "vid_nsave", "nsave", "bookmarks", "collects", "collect_count"],
        "views": ["views", "view_count", "views_count", "vid_nview", "nview", "plays", "play_count",
                  "video_views", "video_views_count", "video_view_count", "video_play_count", "total_views",
                  "total_video_views"],
        "impressions": ["impressions", "impression_count", "impr"],
        "reach": ["reach", "accounts_reached", "unique_reach"],
        # not "post_type": in Meta exports it is the media ("IG reel"), and would reject every row
        "sponsored": ["sponsored", "is_sponsored", "paid", "is_paid", "ad", "is_ad", "branded", "paid_partnership"],
        "campaign": _COMMON["campaign"],
        "cost": ["cost", "cost_usd", "fee", "post_fee", "price", "paid_amount", "amount_paid", "spend",
                 "post_cost", "payment", "rate", "rate_per_post"],
        # YouTube Studio's 'Content' is the video's id
        "post_id": ["post_id", "vid_id", "video_id", "media_id", "id", "shortcode", "aweme_id", "post", "content"],
        "url": ["url", "post_url", "vid_url", "link", "permalink", "video_url", "post_link", "post_permalink",
                "web_video_url", "video_link", "media_permalink"],
        "caption": ["caption", "vid_caption", "text", "description", "desc", "title", "post_text", "post_message",
                    "video_title", "message"],
    },
    "influencers": {
        "influencer": _COMMON["influencer"],
        "name": ["name", "full_name", "display_name", "tiktok_name", "real_name", "nickname"],
        "platform": _COMMON["platform"],
        "followers": _COMMON["followers"],
        "avg_likes": ["avg_likes", "average_likes", "likes_avg", "avg_like", "mean_likes", "likes_per_post",
                      "new_post_avg_like"],
        "avg_comments": ["avg_comments", "average_comments", "comments_avg", "avg_comment", "comments_per_post"],
        "avg_shares": ["avg_shares", "average_shares", "shares_avg"],
        "avg_views": ["avg_views", "average_views", "views_avg", "avg_view", "views_per_post"],
        "avg_engagements": ["avg_engagements", "engagement_average", "eng_avg", "average_engagement",
                            "avg_engagement", "engagements_avg", "engagement_avg", "authentic_engagement"],
        "engagement_rate": ["engagement_rate", "er", "eng_rate", "60d_eng_rate", "avg_engagement_rate",
                            "engagement", "engagement_rate_%", "er_%"],
        "price_per_post": ["price_per_post", "price", "rate", "fee", "cost_per_post", "post_price", "rate_usd",
                           "price_usd", "cost", "rate_per_post"],
        "country": ["country", "location", "creator_country", "home_country"],
        "category": ["category", "category_1", "niche", "topic", "vertical", "category_2"],
        "audience_country": ["audience_country", "top_audience_country", "audience_top_country",
                             "audience_country_mostly"],
        "audience_country_share": ["audience_country_share", "audience_country_pct", "top_country_share"],
        "audience_female_share": ["audience_female_share", "female_share", "audience_female", "female_pct",
                                  "audience_female_pct"],
        "audience_age_18_34_share": ["audience_age_18_34_share", "audience_18_34", "age_18_34_share",
                                     "audience_age_18_34"],
        "profile_url": ["profile_url", "url", "profile_link", "link", "channel_url"],
        "snapshot_date": ["snapshot_date", "date", "as_of", "scraped_at", "updated_at"],
    },
    "campaigns": {
        "campaign": _COMMON["campaign"],
        "influencer": _COMMON["influencer"],
        "platform": _COMMON["platform"],
        # a price per post last: the contract's fee is that price times the posts contracted (see ingest)
        "fee": ["fee", "fee_usd", "contract_fee", "payment", "payout", "total_payout", "amount", "cost", "price",
                "rate", "budget"] + PER_POST_FEES,
        "product_cost": ["product_cost", "product_value", "gifted_value", "cogs", "product", "gift_cost",
                         "shipping_and_product"],
        "posts_contracted": ["posts_contracted", "contracted_posts", "posts", "deliverables", "n_posts",
                             "number_of_posts", "posts_agreed"],
        "coupon_code": _COMMON["coupon_code"],
        "start_date": ["start_date", "start", "starts", "from", "begin", "campaign_start", "live_date", "go_live",
                       "launch_date"],
        "end_date": ["end_date", "end", "ends", "to", "until", "campaign_end", "wrap_date"],
        "objective": ["objective", "goal", "kpi", "type", "basis"],
    },
    "conversions": {
        "coupon_code": _COMMON["coupon_code"],
        # not Shopify's 'Source' (web, pos: the sales channel), which credited every order without a code to 'web'
        "influencer": _COMMON["influencer"] + ["influencer_id"],
        "date": ["date", "order_date", "day", "created_at", "timestamp", "signup_date",
                 # an order's date in German, Spanish, French, Italian and Portuguese shop exports
                 "bestelldatum", "fecha_del_pedido", "date_de_commande", "data_dell_ordine", "data_do_pedido"],
        "orders": ["orders", "order_count", "purchases", "conversions", "sales", "uses", "code_uses",
                   "redemptions", "transactions"],
        "revenue": ["revenue", "sales_amount", "sale_amount", "order_value", "total", "amount", "gmv", "revenue_usd",
                    "total_revenue", "order_total", "net_sales", "total_sales", "gross_sales", "order_total_amount",
                    # after 'orders' took a count: 'Orders, Sales' (and 'Sales ($)', which no count takes)
                    "sales"],
        "signups": ["signups", "sign_ups", "leads", "registrations", "subscribers_gained", "email_signups"],
        # an order's status only ('Status' alone is a subscription's, an outreach list's)
        "status": ["financial_status", "payment_status", "order_status", "conversion_status", "transaction_status",
                   "commission_status"],
        # not Shopify's 'Name' (its '#1001'): in a sheet of codes a name is a customer's, and one customer's orders
        # would be one order; Shopify's export has its order 'Id' too
        "order_id": ["order_id", "order", "order_number", "order_no", "order_name", "order_ref", "order_reference",
                     "transaction_id", "conversion_id", "sale_id", "id"],
    },
    "comments": {
        "post_id": ["post_id", "vid_id", "video_id", "media_id", "parent_id", "aweme_id"],
        "url": ["url", "post_url", "vid_url", "permalink", "link", "video_url", "media_permalink", "post_permalink",
                "video_web_url"],
        # the account that posted, never 'username' or 'author': in a comments export those are who commented
        # (not 'ownerUsername' either: in Apify's comment exports it is the commenter)
        "influencer": ["influencer", "influencer_handle", "creator", "creator_handle", "post_owner",
                       "account", "account_username", "channel", "channel_name"],
        "platform": _COMMON["platform"],
        # YouTube Data API: textDisplay, textOriginal, publishedAt (its authorDisplayName is who commented: not read)
        "text": ["text", "comment", "comment_text", "body", "message", "content", "cmt_text", "comment_body",
                 "text_display", "text_original"],
        "date": ["date", "created_at", "timestamp", "comment_date", "time", "cmt_time", "create_time_iso",
                 "create_time", "published_at", "published"],
    },
}
# The same columns as French, German, Spanish, Italian and Portuguese exports and sheets name them (accents folded
# by header_key: 'Abonnés' is 'abonnes'), after every English name. Excel in those languages writes these headers.
_IN_OTHER_LANGUAGES = {
    "influencer": ["influenceur", "influenciador", "compte", "konto", "cuenta", "nutzername", "benutzername", "pseudo",
                   # Meta Business Suite's German "Konto-Benutzername"
                   "konto_benutzername",
                   # Meta Business Suite's "Account username" in its other languages
                   "nombre_de_usuario_de_la_cuenta", "nom_d_utilisateur_du_compte", "nome_utente_dell_account",
                   "nome_de_usuario_da_conta", "nombre_de_usuario", "nom_d_utilisateur", "nome_de_usuario"],
    "platform": ["plateforme", "plattform", "plataforma", "piattaforma", "reseau_social", "red_social"],
    "followers": ["abonnes", "abonnenten", "seguidores", "nombre_d_abonnes", "follower_anzahl"],
    # the publish time before a plain date: Business Suite's "Fecha" holds "Total", its "Hora de publicación" the time
    "posted_at": ["hora_de_publicacion", "heure_de_publication", "veroffentlichungszeit", "horario_de_publicacao",
                  "ora_di_pubblicazione", "date_de_publication", "datum", "fecha", "fecha_de_publicacion",
                  "veroffentlicht", "veroffentlichungsdatum", "data_di_pubblicazione", "data_de_publicacao"],
    "likes": ["j_aime", "mentions_j_aime", "gefallt_mir", "me_gusta", "curtidas", "mi_piace"],
    "comments": ["commentaires", "kommentare", "comentarios", "commenti"],
    "shares": ["partages", "geteilt", "compartidos", "condivisioni", "compartilhamentos", "veces_que_se_compartio"],
    "saves": ["enregistrements", "gespeichert", "guardados", "salvataggi", "salvamentos", "veces_que_se_guardo"],
    # (no names for reach: a German or Spanish list's 'Reichweite' or 'Alcance' is an account's audience)
    "impressions": ["impresiones", "impressionen", "impressoes", "impressioni"],
    "post_id": ["identificador_de_la_publicacion", "identifiant_de_la_publication", "beitrags_id",
                "id_da_publicacao", "id_del_post"],
    "views": ["vues", "aufrufe", "wiedergaben", "reproducciones", "visualizaciones", "visualizzazioni",
              "visualizacoes"],
    "sponsored": ["sponsorise", "gesponsert", "patrocinado", "sponsorizzato", "werbung", "anzeige"],
    "campaign": ["campagne", "kampagne", "campana", "campanha", "campagna"],
    "cost": ["cout", "kosten", "prix", "preis", "honorar", "costo", "coste", "tarif", "custo"],
    "url": ["lien", "enlace", "collegamento", "enlace_permanente", "lien_permanent", "link_permanente"],
    "caption": ["legende", "beschreibung", "descripcion", "didascalia", "legenda"],
    "name": ["nom", "nombre", "nome", "nombre_de_la_cuenta", "nom_du_compte", "nome_da_conta"],
    "engagement_rate": ["taux_d_engagement", "interaktionsrate", "engagement_rate_in_%", "tasa_de_interaccion",
                        "tasso_di_coinvolgimento", "taxa_de_engajamento"],
    "price_per_post": ["prix_par_post", "preis_pro_post", "precio_por_post", "prezzo_per_post", "preco_por_post",
                       "tarif"],
    "country": ["pays", "land", "pais", "paese"],
    "category": ["categorie", "kategorie", "categoria"],
    "fee": ["honoraires", "honorar", "cachet", "kosten", "cout", "costo", "coste"],
    "product_cost": ["produktkosten", "produktwert", "warenwert", "cout_du_produit", "valeur_du_produit",
                     "costo_del_producto", "coste_del_producto", "costo_del_prodotto", "custo_do_produto"],
    "posts_contracted": ["anzahl_posts", "anzahl_beitrage", "beitrage", "nombre_de_posts", "nombre_de_publications",
                         "numero_de_posts", "numero_de_publicaciones", "numero_di_post", "numero_de_publicacoes"],
    "date": ["datum", "fecha"],
    "avg_likes": ["durchschnittliche_likes", "likes_im_durchschnitt", "moyenne_j_aime", "promedio_de_me_gusta"],
    "avg_comments": ["avg_kommentare", "durchschnittliche_kommentare", "moyenne_commentaires",
                     "promedio_de_comentarios"],
    # (not 'Stand' alone: it is a status as often as an as-of date, and 'aktiv' is no date)
    "snapshot_date": ["stand_am", "stichtag", "abrufdatum", "date_de_releve", "fecha_de_consulta"],
    "start_date": ["debut", "date_de_debut", "startdatum", "beginn", "inicio", "fecha_de_inicio"],
    "end_date": ["fin", "date_de_fin", "enddatum", "ende", "fecha_de_fin"],
    "coupon_code": ["code_promo", "gutscheincode", "rabattcode", "codigo_de_descuento", "codice_sconto"],
    "orders": ["commandes", "bestellungen", "pedidos", "ordini"],
    "revenue": ["chiffre_d_affaires", "umsatz", "ingresos", "fatturato", "receita"],
    "text": ["commentaire", "kommentar", "comentario", "texte", "commento"],
}
for _kind_synonyms in SYNONYMS.values():
    for _column, _names in _IN_OTHER_LANGUAGES.items():
        # no new account names for comments (a 'pseudo' is who commented)
        if _column in _kind_synonyms and not (_column == "influencer" and _kind_synonyms is SYNONYMS["comments"]):
            _kind_synonyms[_column] = _kind_synonyms[_column] + [n for n in _names if n not in _kind_synonyms[_column]]
SYNONYMS["brand_posts"] = SYNONYMS["posts"]

# Headers that only one kind carries: they decide between kinds that share many columns.
_KIND_MARKERS = {
    "posts": {"posted_at", "post_date", "vid_posttime", "caption", "vid_caption", "likes", "like_count",
              "vid_nlike", "views", "vid_nview", "shares", "vid_nshare", "impressions", "reach", "saves"},
    "influencers": {"avg_likes", "avg_comments", "avg_views", "engagement_rate", "60d_eng_rate", "eng_avg",
                    "engagement_average", "likes_avg", "views_avg", "comments_avg", "price_per_post",
                    "audience_country", "influence_score", "authentic_engagement", "new_post_avg_like",
                    "category_1", "category_2", "total_likes"},
    "campaigns": {"posts_contracted", "contract_fee", "product_cost", "objective", "start_date", "end_date",
                  "deliverables"},
    "conversions": {"orders", "revenue", "signups", "order_id", "order_value", "redemptions", "gmv"},
    "comments": {"text", "comment", "comment_text", "cmt_text", "comment_id", "reply_to", "body", "message"},
}
_KIND_MARKERS["brand_posts"] = _KIND_MARKERS["posts"]   # same columns; the file name tells them apart


def header_key(header: str) -> str:
    """'Eng. (Avg.)' -> 'eng_avg'; 'Authentic engagement\\n' -> 'authentic_engagement'; 'Views avg.' -> 'views_avg';
    accents folded ('Abonnés' -> 'abonnes', 'Coût' -> 'cout'); the German average sign read ('Ø Likes' -> 'avg_likes':
    folded away, it was 'likes', a total)."""
    # the sign alone, not a letter of 'Følgere'
    header = re.sub(r"(?<![^\W\d_])[Øø⌀](?![^\W\d_])", " avg ", header)
    folded = unicodedata.normalize("NFKD", header.strip().lower()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9%]+", "_", folded).strip("_")


# Currencies other than dollars by their codes, in headers ('Fee (EUR)') and in cells ('350 eur', 'CHF 300')
CURRENCY_CODES = "EUR|GBP|CHF|AUD|CAD|JPY|INR|BRL|MXN|AED|SEK|NOK|DKK|PLN|ZAR|SGD|HKD|NZD"
# A currency in brackets at the end of a header: 'Fee (EUR)', 'Sales ($)', 'Kosten [€]', 'Revenue (US$)'
_CURRENCY_IN_BRACKETS = re.compile(rf"\s*[(\[]\s*(?:[$€£¥₹]|[A-Za-z]{{0,2}}\$|USD|{CURRENCY_CODES})\s*[)\]]\s*$",
                                   re.IGNORECASE)


def says_currency(header: str) -> bool:
    """The header names the currency of its amounts: the column holds money, whatever its word ('Sales ($)')."""
    return bool(_CURRENCY_IN_BRACKETS.search(header))


def header_keys(header: str) -> list[str]:
    """header_key, then the key of the header with its camelCase words apart, where that differs: scrapers write
    'likesCount', 'authorMeta/fans', 'webVideoUrl' ('likes_count', 'author_meta_fans', 'web_video_url'). Second,
    not instead: 'TikTok' would be 'tik_tok'. Last, the key without a currency in brackets: 'Fee (EUR)' is a fee
    ('Fee (€)' already was, its sign folded away), and the load's notes say its amounts are not converted."""
    keys = [header_key(header), header_key(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", header.strip()))]
    if says_currency(header):
        keys.append(header_key(_CURRENCY_IN_BRACKETS.sub("", header)))
    return list(dict.fromkeys(keys))


def duplicate_of(header: str, headers: list[str]) -> str | None:
    """The header that `header` repeats: a repeated 'Subscribers' is renamed 'Subscribers_1' (ingest_read's
    unique_headers; 'likes' after 'Likes' is 'likes_1', a repeat of 'Likes'), and the repeat is not mapped. A header
    of its own that ends in a number ('Followers_2023' beside 'Followers') is no repeat: a rename's number is below
    the number of headers."""
    m = re.fullmatch(r"(.*)_(\d+)", header)
    if not m or int(m.group(2)) >= len(headers):
        return None
    # without case, as unique_headers renames ('Likes' then 'likes' reads 'Likes', 'likes_1')
    return next((h for h in headers if h.lower() == m.group(1).lower()), None)


@dataclass
class Detection:
    kind: str
    mapping: dict[str, str]       # canonical column -> source header
    scores: dict[str, float]
    platform_hint: str | None     # from headers such as 'Tiktoker name' or 'vid_url'


def map_columns(kind: str, headers: list[str]) -> dict[str, str]:
    """Canonical column -> source header, first synonym wins; each source header is used once."""
    usable = [h for h in headers if not duplicate_of(h, headers)]
    by_key: dict[str, str] = {}
    for h in usable:
        for key in header_keys(h):
            by_key.setdefault(key, h)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    studio = bool(_STUDIO_HEADERS & set(by_key))
    # a header naming a currency holds money: 'Sales ($)' is revenue, never a count of orders
    money = {h for h in usable if says_currency(h)}
    for col in schema.columns(kind):
        for syn in SYNONYMS[kind].get(col.name, []):
            if studio and col.name == "followers" and syn == "subscribers":
                continue
            h = by_key.get(syn)
            if h is not None and h not in taken and (col.type == schema.MONEY or h not in money):
                mapping[col.name] = h
                taken.add(h)
                break
    if (kind == "influencers" and "influencer" not in mapping and "name" in mapping
            and not set(map_columns("posts", headers)) & (_PERFORMANCE | {"posted_at"})):
        # an agency's own sheet of names, followers and prices names its accounts by name ("This file has no column
        # for Influencer handle" sent the user to map it by hand); a file of posts with a 'nickname' stays posts,
        # for the user to pick its handle column (taken for a list, its likes and dates were dropped)
        mapping = {"influencer": mapping.pop("name"), **mapping}
    return mapping


def _has_required(kind: str, mapping: dict[str, str]) -> bool:
    required = [c.name for c in schema.columns(kind) if c.required]
    one_of = schema.REQUIRED_ONE_OF.get(kind)
    return all(c in mapping for c in required) and (not one_of or any(c in mapping for c in one_of))


def platform_hint(headers: list[str], file_name: str = "") -> str | None:
    text = " ".join(header_key(h) for h in headers) + " " + file_name.lower()
    # the YouTube Data API's comments: textDisplay, authorChannelId; its commentThreads ('comment_threads') name no
    # Threads, a file or header that starts with the word does ('threads_export.csv', 'Threads views')
    for platform, pattern in (("tiktok", r"tiktok|vid_|aweme"),
                              ("youtube", r"youtube|youtuber|textdisplay|authorchannel"),
                              ("instagram", r"instagram|insta|\big_"), ("facebook", r"facebook"),
                              ("x", r"twitter|tweet"), ("pinterest", r"pinterest"), ("twitch", r"twitch"),
                              ("linkedin", r"linkedin"), ("snapchat", r"snapchat"), ("threads", r"(^|\s)threads")):
        if re.search(pattern, text):
            return platform
    return None


HEADER_SEARCH_ROWS = 10   # how far down a title or notes above the header are looked past


def header_row(rows: list[list[str]]) -> int:
    """Index of the header among a file's first rows. Exports often open with a title, a date or a blank line
    above the header; the header is the first row that names the most known columns of some kind. The first row
    stays the header unless it names fewer than two and a later row names two or more, or it is a row of group
    names over the header (Creator | Engagement over Handle, Followers | Likes, Comments, Shares): the row below
    names two more known columns and more different texts. Read as the header, the group row mapped one column
    and the real header loaded as a data row."""
    def known(row: list[str]) -> int:
        cells = [str(c) for c in row if c is not None and str(c).strip()]
        return max(len(map_columns(kind, cells)) for kind in schema.KINDS) if cells else 0
    rows = rows[:HEADER_SEARCH_ROWS]
    if not rows:
        return 0
    first = known(rows[0])
    if first >= 2:
        # (the rows below are scored only for a group row over the header: mapping every row for every kind cost a
        # load 5 ms)
        second = known(rows[1]) if len(rows) > 1 else 0
        if second < first + 2 or _groups(rows[0]) >= _groups(rows[1]):
            return 0
        return 1 if all(known(r) <= second for r in rows[2:]) else 0
    scores = [first] + [known(r) for r in rows[1:]]
    return scores.index(max(scores)) if max(scores) >= 2 else 0


def _groups(row: list[str]) -> int:
    """How many different texts a row holds: a row of group names over the header ('Creator', '', 'Engagement', '',
    or merged in a workbook, 'Creator', 'Creator', 'Engagement', …) holds fewer than the header below it."""
    return len({str(c).strip() for c in row if c is not None and str(c).strip()})


# Headers only a comments export has
_COMMENT_ONLY = {"comment_id", "comment_text", "cmt_text", "comment_body", "commenter", "cid", "reply_comment_total"}
# A post export counts several engagements; one like count beside a text is a comment's (Apify's Instagram comments:
# text, ownerUsername, likesCount, postUrl loaded as posts of every commenter; 'post_url, username, comment, likes')
_ENGAGEMENT_COUNTS = {"likes", "comments", "shares", "saves", "views"}
_PERFORMANCE = _ENGAGEMENT_COUNTS | {"impressions", "reach", "engagements"}
_COMMENT_TEXT = {"text", "comment", "text_display"}
# YouTube Studio's export of videos: its 'Subscribers' are those each video gained, not the channel's
_STUDIO_HEADERS = {"watch_time_hours", "video_publish_time"}
# Columns only a post has: a file with none of them is no post export
# (not a cost or a sponsored mark: handle, platform, followers and price is a rate card, and loaded as posts each
# account was one post with no engagement)
_POST_EVIDENCE = {"likes", "comments", "shares", "saves", "views", "impressions", "reach", "posted_at", "url",
                  "caption", "post_id"}
# What a sale or sign-up row carries besides the account: a list of handles alone is no conversions file
_CONVERSION_EVIDENCE = {"coupon_code", "orders", "revenue", "signups", "date"}


def detect(headers: list[str], file_name: str = "", numeric: frozenset[str] = frozenset()) -> Detection:
    """Score each kind by how many of its columns map, plus markers only that kind has. `numeric`: the headers
    whose sampled cells are numbers (a posts export's 'Comment' count is no comment text)."""
    keys = {key for h in headers for key in header_keys(h)}
    text_keys = {key for h in headers if h not in numeric for key in header_keys(h)}
    scores: dict[str, float] = {}
    mappings: dict[str, dict[str, str]] = {}
    # "own" as a word ("OwnPosts" is two; browsers save web exports as download.csv), or before "posts"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", file_name).lower()
    brand_name = bool(re.search(r"brand|organic|company|(?<![a-z])own(ed)?(?=[^a-z]|$|posts?|content|channel)", words))
    closest: dict[str, float] = {}    # the same score, whether or not the kind's key columns map
    for kind in schema.KINDS:
        mapping = map_columns(kind, headers)
        mappings[kind] = mapping
        score = len(mapping) + 2 * len(keys & _KIND_MARKERS[kind])
        if kind in ("posts", "brand_posts") and not set(mapping) & _POST_EVIDENCE:
            score -= 1    # handles and followers alone are a list of accounts, not posts (each showed 0% ER)
        if kind in ("posts", "brand_posts") and "campaign" in mapping and not set(mapping) & _PERFORMANCE:
            # a campaign's rows without any post's result: a sheet of campaign, influencer, fee and date is a contract
            # list (it loaded as a $500 post of 0 engagements)
            score -= 1.5
        if kind in ("posts", "brand_posts") and keys & _COMMENT_ONLY:
            score -= 2    # a comment's id or its text column: the Graph API's comments have a like_count too
        if (kind in ("posts", "brand_posts") and text_keys & _COMMENT_TEXT
                and len(set(mapping) & _ENGAGEMENT_COUNTS) <= 1):
            score -= 2
        if kind == "conversions" and not set(mapping) & _CONVERSION_EVIDENCE:
            score = 0
        if kind == "brand_posts":
            score = score + 3 if brand_name else score - 0.5
        closest[kind] = float(score)
        scores[kind] = float(score) if _has_required(kind, mapping) else 0.0
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] == 0:
        # No kind has its key columns: offer the closest one (a post export without a handle column is still
        # posts), for the user to complete on the Data page.
        kind = max(closest, key=lambda k: closest[k])
        if closest[kind] <= 0:
            kind = "influencers"
    return Detection(kind, mappings[kind], scores, platform_hint(headers, file_name))
