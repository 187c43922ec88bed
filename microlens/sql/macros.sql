-- Value parsers for real exports, as DuckDB macros, so ingest parses in SQL at DuckDB speed.
-- Every parser returns NULL both for a missing marker and for garbage; ml_is_missing tells the two apart,
-- which is what lets ingest reject garbage with a reason instead of silently loading NULL.

-- Markers that mean "no value" in spreadsheets and scraped exports, in any case, with or without surrounding
-- spaces: in lower case ('' · '-' · … · Ctrl-Z, an old end-of-file mark alone on a file's last line), each between
-- two '|' in one text. (A text, not a list: DuckDB binds a list's every element anew in each copy of a test, and
-- ingest's statement holds some twenty copies; the list cost its planning 15 ms a file.)
CREATE OR REPLACE MACRO ml_missing_words() AS
    '||-|?|na|--|nan|n/a|nil|—|–|nan%|n/a''|null|none|#n/a|#ref!|#num!|#name?|#valor!|#value!|#div/0!|unknown|'
    || chr(26) || '|';

-- Whether `words` (a text of words each between two '|', as above) holds the cell `s`, trimmed and in lower case.
CREATE OR REPLACE MACRO ml_is_one_of(s, words) AS
    CASE WHEN contains(s, '|') THEN false ELSE contains(words, '|' || lower(trim(s)) || '|') END;

-- True for a missing marker. Written as CASE, not AND/OR: in a SELECT list DuckDB evaluates both sides of AND/OR for
-- every row, while CASE evaluates a branch only for the rows that reach it, so long texts such as captions skip the
-- work, and so does every cell whose first character (a code point, read without copying) cannot begin a marker.
CREATE OR REPLACE MACRO ml_is_missing(s) AS
    CASE WHEN s IS NULL THEN true
         WHEN strlen(s) > 12 THEN false
         -- '' · Ctrl-Z · ' ' · '#' · '-' · '?' · 'N' · 'U' · 'n' · 'u' · no-break space · '–' · '—'
         WHEN ascii(s) NOT IN (0, 26, 32, 35, 45, 63, 78, 85, 110, 117, 160, 8211, 8212) THEN false
         ELSE ml_is_one_of(s, ml_missing_words())
    END;

-- A number, date or yes/no cell also means "no value" when it holds a spreadsheet's other errors, in the languages
-- Excel writes them in (German, French, Spanish, Italian, Portuguese, Dutch), or a placeholder ('#SPILL!', 'TBD',
-- '(blank)', 'Loading...', 'k.A.', 's/d'), which rejected the row; a text column keeps those as written, so
-- they are not in ml_is_missing (which the text parsers use, with ml_is_plain's quick test in front).
CREATE OR REPLACE MACRO ml_is_missing_number(s) AS
    CASE WHEN s IS NULL THEN true
         WHEN strlen(s) > 12 THEN false
         ELSE ml_is_one_of(s, ml_missing_words()
                              || '#error!|#null!|#spill!|#wert!|#nv|#bezug!|#zahl!|#name!|#valeur!|#nom?|#nombre!|'
                              || '#nul!|#¡valor!|#¿nombre?|#¡ref!|#¡num!|#¡div/0!|#¡nulo!|#n/d|#valore!|#nome?|#rif!|'
                              || '#nullo!|#núm!|#nulo!|#waarde!|#naam?|#verw!|#getal!|#n/b|#deel/0!|#leeg!|'
                              || 'tbd|tba|tbc|n.a.|n.v.|n.d.|n/d|s/d|k.a.|k. a.|(blank)|loading...|loading…|')
    END;

-- What a parser returns for a cell nothing could read: NULL for a missing marker, else `fail` (NULL unless ingest
-- asks for the value that marks a failed parse: see ml_count).
CREATE OR REPLACE MACRO ml_failed(s, fail) AS CASE WHEN NOT ml_is_missing_number(s) THEN fail END;

-- True for text that is certainly no missing marker and has no surrounding spaces (plain or no-break), so it is
-- used as it is: markers are at most 7 bytes and start with one of the characters above. Plain tests without
-- CASE, cheap on every cell; NULL for NULL.
CREATE OR REPLACE MACRO ml_is_plain(s) AS
    (strlen(s) > 7 OR ascii(s) NOT IN (0, 26, 32, 35, 45, 63, 78, 85, 110, 117, 160, 8211, 8212))
    AND ascii(s) NOT IN (32, 160) AND NOT ends_with(s, ' ') AND NOT ends_with(s, chr(160));

-- UI labels scraped in place of a zero count ("Share" where a share count of 0 belongs).
CREATE OR REPLACE MACRO ml_is_ui_label(s) AS
    CASE WHEN strlen(s) > 12 THEN false
         ELSE ml_is_one_of(s, '|share|shares|like|likes|comment|comments|save|saves|view|views|repost|reposts|reply|'
                              || 'replies|')
    END;

-- '$1,200.50 ' -> '1,200.50'; '3.4M' -> '3.4m'; '€1.200,50' -> '1.200,50'; '4.5%' -> '4.5'; '−5' (a
-- typographic minus) -> '-5' and '(40.00)' (an accountant's refund) -> '-40.00', so that they are read as the
-- negative numbers they are. What rate cards and European sheets write around a number goes too: '$250/post',
-- '250 per video', '300 pro Beitrag' (a price per post is what the column holds; '$500/month' or 'per campaign' is
-- no such price and stays unread), '1.200,-' (whole euros, read as '1.200,00'); and, once currency and spaces are
-- gone, a scale word becomes its letter: '1,2 Mio.', '10 Mio. €'
-- and '2,5 millions' -> 'm', '12 Tsd.' -> 'k', '3 Mrd.' and '1,5 Mds' -> 'b'. Only cells the cheap readings could
-- not read get here.
CREATE OR REPLACE MACRO ml_num_text(s) AS
    regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(
            regexp_replace(regexp_replace(regexp_replace(replace(lower(trim(s)), '−', '-'), '^\((.*)\)$', '-\1'),
                                          '\s*((/|\bper\b|\bpro\b|\bpar\b)\s*((ig|instagram|tiktok|tt|yt|youtube|feed|in-feed|sponsored)\s+)?(posts?|videos?|vidéos?|reels?|stor(y|ies)|shorts?|tiktoks?|deliverables?|beitrag|beiträge|publications?)|(followers?|subscribers?|subs|fans|abonnés|abonnenten|seguidores))$',
                                          ''),
                           '([.,])\s*[-–]$', '\100'),
            '(\s|\x{00a0}|\x{202f}|\x{2009}|''|’|\$|€|£|¥|₹|%|^(r|us|a|au|c|ca|nz|hk|s)\$|^rs\.?|^(usd|eur|gbp|chf|aud|cad|aed|sek|nok|dkk|pln|inr|jpy|brl|mxn|zar|sgd|hkd|nzd)|(usd|eur|gbp|chf|aud|cad|aed|sek|nok|dkk|pln|inr|jpy|brl|mxn|zar|sgd|hkd|nzd)$)',
            '', 'g'),
        '(mio|mill|mln|millions?|millionen|millones|milioni|milhões)\.?$', 'm'),
        '(tsd|tausend|thousand)\.?$', 'k'),
        '(mrd|mds?|bn|billions?|milliards?|milliarden)\.?$', 'b');

-- A price per post, as a campaign sheet may write its fee ('$250/post', '350 per video', '300 pro Beitrag'): the
-- contract's whole fee is that price times the posts contracted (ingest); ml_num_text reads the number.
CREATE OR REPLACE MACRO ml_is_per_post(s) AS
    regexp_matches(lower(s), '(/|\bper\b|\bpro\b|\bpar\b)\s*((ig|instagram|tiktok|tt|yt|youtube|feed|in-feed|sponsored)\s+)?'
                             '(posts?|videos?|vidéos?|reels?|stor(y|ies)|shorts?|tiktoks?|deliverables?|beitrag|beiträge|'
                             'publications?)\s*$');

CREATE OR REPLACE MACRO ml_suffix_factor(t) AS
    CASE right(t, 1) WHEN 'k' THEN 1e3 WHEN 'm' THEN 1e6 WHEN 'b' THEN 1e9 ELSE 1 END;

-- Decide which separator is the decimal one. With both '.' and ',', the last one is decimal;
-- '1,200' / '12,345,678' are thousands; '4,5' / '1,50' are decimal commas; '1.200.000' is thousands.
-- eu: the file is European-style (';' delimited, decimal comma), so '12.000' is twelve thousand.
CREATE OR REPLACE MACRO ml_plain_number(d, eu := false) AS
    CASE
        WHEN eu AND regexp_full_match(d, '[+-]?\d{1,3}(\.\d{3})+') THEN replace(d, '.', '')
        -- in a European file a comma is the decimal one, whatever follows it ('3,456%' is 3.456%, not 3,456%)
        WHEN eu AND regexp_full_match(d, '[+-]?\d+,\d+') THEN replace(d, ',', '.')
        WHEN regexp_full_match(d, '[+-]?\d+(e[+-]?\d+)?|[+-]?\d*\.\d+(e[+-]?\d+)?') THEN d
        WHEN regexp_full_match(d, '[+-]?\d{1,3}(,\d{3})+(\.\d+)?') THEN replace(d, ',', '')
        -- the Indian grouping of rupee amounts: '2,50,000' is 250,000
        WHEN NOT eu AND regexp_full_match(d, '[+-]?\d{1,2}(,\d\d)+,\d{3}(\.\d+)?') THEN replace(d, ',', '')
        WHEN regexp_full_match(d, '[+-]?\d{1,3}(\.\d{3})+(,\d+)?') THEN replace(replace(d, '.', ''), ',', '.')
        WHEN regexp_full_match(d, '[+-]?\d+,\d{1,2}') THEN replace(d, ',', '.')
        WHEN regexp_full_match(d, '[+-]?\d{1,3}(\.\d{3})*,\d+') THEN replace(replace(d, '.', ''), ',', '.')
        ELSE NULL
    END;

-- The messy forms that dominate real exports, read without regex replacement: '12,345', '$1,234.50', '3.4k'.
-- Only digit strings of sane length get here, so the result is always finite (no 'inf', 'nan' or '1e400').
CREATE OR REPLACE MACRO ml_number_common(s) AS
    CASE WHEN strlen(s) > 30 THEN NULL
         WHEN regexp_full_match(s, '\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?') THEN TRY_CAST(replace(ltrim(s, '$'), ',', '') AS DOUBLE)
         WHEN regexp_full_match(s, '\d+(\.\d+)?[kKmMbB]') THEN TRY_CAST(left(s, -1) AS DOUBLE) * ml_suffix_factor(lower(s))
    END;

-- Every other form ('€1.200,50', '1.2 M', 'USD 40', '1e3'), read from the cell without currency, '%' and spaces
-- (ml_num_text); NULL unless finite ('1e400' is not a number). A one-element list and a lambda name a value once:
-- a macro copies its argument's text wherever the argument is used (ml_plain_number uses its own twelve times),
-- and DuckDB plans every copy and sets up each one for every chunk of rows it runs on. With the copies, planning
-- ingest's statement took 0.2 s per file and parsing a messy column cost twice what it does now.
CREATE OR REPLACE MACRO ml_stripped_number(t, eu) AS
    list_filter([TRY_CAST(ml_plain_number(rtrim(t, 'kmb'), eu := eu) AS DOUBLE) * ml_suffix_factor(t)],
                lambda v: isfinite(v))[1];

-- Only for cells with a digit: a word ('lots', 'N/A', 'Share') is no number in any form, and it must not get here,
-- because a lambda is set up again for every chunk of rows that reaches it (with its regexes compiled anew,
-- ~0.1 ms): a few stray words in a column cost a million-row load 0.03 s a column.
-- A euro amount whose one separator is a dot before three digits ('€1.200', '2.500 EUR') is whole euros in any
-- file: the euro countries write thousands so (1.2 euros would be '€1,20'); a plain '1.200' stays 1.2.
-- (the euro reading is a plain cast, beside ml_stripped_number, not its argument: a macro's argument is copied into
-- every use, and that CASE with its regex was planned in each of ml_plain_number's twelve, 3.5 ms per copy of
-- ml_count; a whole number of 300 digits or fewer is always finite)
CREATE OR REPLACE MACRO ml_number_rare(s, eu) AS
    CASE WHEN regexp_matches(s, '[0-9]') THEN list_transform([ml_num_text(s)], lambda t:
        CASE WHEN strlen(t) <= 300 AND (contains(s, '€') OR contains(lower(s), 'eur'))
                  AND regexp_full_match(t, '[+-]?\d{1,3}(\.\d{3})+')
             THEN TRY_CAST(replace(t, '.', '') AS DOUBLE) ELSE ml_stripped_number(t, eu) END)[1] END;

-- Fast path first: most cells are plain numbers that a cast reads directly. CASE and COALESCE evaluate a
-- later branch only for the rows an earlier one did not settle, so the regex work below is paid by the few
-- cells the cast could not read ('12,345', '3.4k', '$1,200.50'). 'NaN'/'inf' cast to non-finite doubles,
-- hence isfinite. European files skip the fast path: there '12.000' means twelve thousand, not twelve.
-- Each path is written once: a CASE that tested a slow reading for finiteness before returning it would run
-- that reading twice on every messy cell.
CREATE OR REPLACE MACRO ml_number(s, eu := false) AS
    CASE WHEN NOT eu AND isfinite(TRY_CAST(s AS DOUBLE)) THEN TRY_CAST(s AS DOUBLE)
         WHEN s IS NULL THEN NULL
         ELSE coalesce(CASE WHEN NOT eu THEN ml_number_common(s) END, ml_number_rare(s, eu)) END;

-- An amount of money by its currency sign in front ('$1,234.50', '€12', '£5') or after it ('1 200 €'): no count.
-- (code points, no regex: every count cell the fast cast could not read takes this test)
CREATE OR REPLACE MACRO ml_money_sign(s) AS ascii(s) IN (36, 163, 165, 8364, 8377) OR ends_with(s, '€');

-- The same, or a currency named at either end ('US$250', 'USD 40', '1,234.50 USD', ' $5'): for the cells no
-- cheaper reading took ('2 x $150' is no amount: a sum). The codes are kinds.CURRENCY_CODES and USD (a test holds
-- them alike).
CREATE OR REPLACE MACRO ml_is_amount(s) AS
    CASE WHEN ml_money_sign(s) THEN true
         ELSE regexp_matches(s, '^\s*([a-z]{0,2}[$€£¥₹]|(usd|eur|gbp|chf|aud|cad|jpy|inr|brl|mxn|aed|sek|nok|dkk|pln|'
                                'zar|sgd|hkd|nzd)(\s|\d|$))|([$€£¥₹]|[\s\d](usd|eur|gbp|chf|aud|cad|jpy|inr|brl|mxn|aed|sek|'
                                'nok|dkk|pln|zar|sgd|hkd|nzd))\s*$', 'i') END;

-- The lowest whole number: what ml_count_common returns for a cell it leaves to ml_count_rare (see ml_count); below
-- every count and both of ingest's marks (amount, fail).
CREATE OR REPLACE MACRO ml_rare_count() AS (-9223372036854775808)::BIGINT;

-- (the whole-number cast first: it also rounds '2.5' to 3, reads '1e3' and refuses what does not fit a BIGINT; then
-- the common messy forms, before the UI-label test lowers the cell; the marker test last and once, for what nothing
-- read)
CREATE OR REPLACE MACRO ml_count_common(s, eu := false, amount := NULL, fail := NULL) AS
    CASE WHEN NOT eu AND TRY_CAST(s AS BIGINT) IS NOT NULL THEN TRY_CAST(s AS BIGINT)
         WHEN s IS NULL THEN NULL
         WHEN ml_money_sign(s) THEN amount
         ELSE coalesce(CASE WHEN NOT eu THEN TRY_CAST(round(ml_number_common(s)) AS BIGINT) END,
                       CASE WHEN ml_is_ui_label(s) THEN 0::BIGINT
                            WHEN NOT contains(s, '%') AND regexp_matches(s, '[0-9]') THEN ml_rare_count()
                            ELSE ml_failed(s, fail) END) END;

-- A cell ml_count_common marked rare: an amount of money by its currency ('USD 40': a regex that each count column's
-- copy of ml_count_common paid for in planning, though few cells reach it), else its rare forms (ml_number_rare, not
-- ml_number, whose cast and common forms read nothing ml_count_common did not), else a number too large for a count,
-- else `fail`. (A count cell with no digit, or with '%', that names a currency, 'USD' alone, is no number.)
CREATE OR REPLACE MACRO ml_count_rare(s, eu := false, amount := NULL, fail := NULL) AS
    CASE WHEN ml_is_amount(s) THEN amount
         ELSE coalesce(TRY_CAST(round(ml_number_rare(s, eu)) AS BIGINT), ml_huge_count(s), ml_failed(s, fail)) END;

-- A plain number beyond a BIGINT, as the largest one of its sign (which ingest's reasons call too large, or
-- negative); NULL for anything else.
CREATE OR REPLACE MACRO ml_huge_count(s) AS
    CASE WHEN isfinite(TRY_CAST(s AS DOUBLE)) AND abs(TRY_CAST(s AS DOUBLE)) > 9e18
         THEN CAST(sign(TRY_CAST(s AS DOUBLE)) * 9e18 AS BIGINT) END;

-- Counts: whole, non-negative numbers; UI labels count as 0; an amount of money is none ('$1,234.50' under
-- 'Sales' was 1,235 orders): NULL, or `amount`, which ingest sets to a value no count has, so that its reason
-- ("an amount of money, not a count") is a plain test of the parsed value, not the amount test once more per row.
-- `fail`, likewise, for a cell that holds something but no number ('lots'), where a missing marker ('N/A') and an
-- empty cell are NULL: ingest's reason "is not a number" is then a test of the parsed value alone.
-- A percentage is no count ('4.5%' under Likes was 5 likes: an engagement rate in the wrong column), and a number
-- past what a BIGINT holds ('1e+20', 22 digits) is one, too large (ml_huge_count), not "no number".
-- In two halves: ml_count_common reads the forms real exports hold and marks a cell with a digit in a rarer form
-- ('€1.200', '1,2 Mio.', '1e20') as ml_rare_count(), which ml_count_rare reads. Ingest reads the rare cells of all of
-- a row's count columns in one lambda (ingest._with_rare_counts): a copy of the rare readings per count column, some
-- twenty regexes and two lambdas each, cost a million-post load 0.06 s to plan and set up though no cell reached them.
-- (after the macros it names: a lambda is bound where it is made)
CREATE OR REPLACE MACRO ml_count(s, eu := false, amount := NULL, fail := NULL) AS
    list_transform([ml_count_common(s, eu := eu, amount := amount, fail := fail)], lambda v:
        CASE WHEN v = ml_rare_count() THEN ml_count_rare(s, eu := eu, amount := amount, fail := fail) ELSE v END)[1];

-- Posts contracted, as campaign trackers write deliverables: '3', '1 reel', '2 posts + 3 stories' (5), '1 IG reel & 2
-- stories' (3), 'one reel', 'three TikToks', 'a story' (1). A count, else the sum of a list of 'N <deliverable>' parts,
-- N in digits or an English word from 'a'/'an' (one) to 'twenty'; '2 x $150', '3 months', '5 eur', a range ('3-5
-- posts') or a count with no deliverable ('2 (1 IG + 1 TT)') are no such list, and a number too large for a count is
-- no count (TRY_CAST: a plain cast failed the whole file). (Only campaigns' posts contracted is parsed so: no posts
-- file pays for the words.)
CREATE OR REPLACE MACRO ml_count_words() AS
    ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
     'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
CREATE OR REPLACE MACRO ml_deliverables(s, eu := false, amount := NULL, fail := NULL) AS
    coalesce(ml_count(s, eu := eu, amount := amount),
             CASE WHEN regexp_full_match(lower(trim(s)),
                      '((\d{1,6}|(an?|' || array_to_string(ml_count_words(), '|') || ') ) *(x +|x)?'
                      '((ig|instagram|tiktok|tt|yt|youtube|pinterest|twitch|linkedin|snapchat|threads|feed|in-feed|'
                      'static|dedicated|integrated|sponsored) +){0,2}'
                      '(posts?|stor(y|ies)|reels?|videos?|tiktoks?|shorts?|carousels?|lives?|deliverables?|'
                      'integrations?|mentions?|shout-?outs?|reviews?|unboxings?|streams?|tweets?|pins?)'
                      '( *\([^)]*\))? *(\+|&|,|and)? *)+')
                  -- every number and word outside brackets: the numbers and number words are the counts (no
                  -- platform or deliverable above is one), the other words count nothing
                  THEN TRY_CAST(list_sum(list_transform(
                           regexp_extract_all(regexp_replace(lower(s), '\([^)]*\)', '', 'g'), '\d+|\b[a-z]+\b'),
                           lambda n: coalesce(TRY_CAST(n AS BIGINT), list_position(ml_count_words(), n),
                                              CASE WHEN n IN ('a', 'an') THEN 1 END))) AS BIGINT) END,
             ml_failed(s, fail));

-- A post paid in product, or not paid, written as a word: no fee, $0 (the pages call such a CPE gifted or unpaid);
-- it rejected the post as "cost is not an amount". Only for cells no number was read from.
-- (an empty cell stops at once: the word test ran on every one, and a posts file's cost is mostly empty)
CREATE OR REPLACE MACRO ml_money(s, eu := false, fail := NULL) AS
    CASE WHEN s IS NOT NULL
         THEN coalesce(ml_number(s, eu := eu),
                       CASE WHEN lower(trim(s)) IN ('gifted', 'gift', 'free', 'unpaid', 'barter', 'product only',
                                                    'in kind') THEN 0.0 END,
                       ml_failed(s, fail)) END;

-- Ratios as fractions. '4.5%' -> 0.045. Without '%', a value above 1 is read as a percentage (an engagement
-- rate of 139 = 139 times the followers is not plausible, 1.39 meaning 1.39% is common in exports).
-- (the lambda names the number once, as in ml_number_rare)
CREATE OR REPLACE MACRO ml_ratio(s, eu := false, fail := NULL) AS
    coalesce(list_transform([ml_number(s, eu := eu)],
                            lambda v: CASE WHEN contains(s, '%') OR v > 1 THEN v / 100 ELSE v END)[1],
             ml_failed(s, fail));

-- Dates: ISO (with or without time and zone, converted to UTC), D.M.YYYY, M/D/YYYY, YYYY/M/D, Unix seconds
-- or milliseconds. A dot means day first, a slash month first: the common European and US export forms.
-- Cheapest readings first: 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS' have no room for a zone and cast directly;
-- other ISO forms go through TIMESTAMPTZ (a cast to TIMESTAMP would drop a zone instead of applying it).
CREATE OR REPLACE MACRO ml_timestamp_read(s) AS
    CASE
        -- %Y takes one to four digits (12/3/24 would be the year 24, 13/3/24 the year 13): four-digit years are
        -- told apart by the text first
        WHEN contains(s, '/') THEN
            CASE WHEN s GLOB '*/[0-9][0-9][0-9][0-9]*'
                 THEN try_strptime(trim(s), ['%m/%d/%Y %H:%M', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M %p',
                                             '%m/%d/%Y %I:%M:%S %p'])
                 WHEN trim(s) GLOB '[0-9][0-9][0-9][0-9]/*'
                 THEN try_strptime(trim(s), ['%Y/%m/%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M'])
                 ELSE try_strptime(trim(s), ['%m/%d/%y %H:%M', '%m/%d/%y', '%m/%d/%y %H:%M:%S', '%m/%d/%y %I:%M %p',
                                             '%m/%d/%y %I:%M:%S %p'])
            END
        ELSE coalesce(
            CASE WHEN strlen(s) = 10 OR strlen(s) = 19 AND substr(s, 17, 1) = ':' THEN TRY_CAST(s AS TIMESTAMP) END,
            CASE WHEN strlen(s) = 25 AND ends_with(s, '+00:00') THEN TRY_CAST(left(s, 19) AS TIMESTAMP) END,
            TRY_CAST(trim(s) AS TIMESTAMPTZ) AT TIME ZONE 'UTC',
            CASE
                WHEN ml_is_missing(s) THEN NULL
                WHEN regexp_full_match(trim(s), '\d{10}(\.\d+)?') THEN to_timestamp(CAST(trim(s) AS DOUBLE))::TIMESTAMP
                WHEN regexp_full_match(trim(s), '\d{13}') THEN to_timestamp(CAST(trim(s) AS DOUBLE) / 1000)::TIMESTAMP
                -- Excel's day number, where a date cell is formatted as a number (45296 is 2024-01-05)
                -- (with a decimal comma where a European workbook's numbers are written so: 45296,5)
                WHEN regexp_full_match(trim(s), '\d{5}([.,]\d+)?')
                THEN to_timestamp((CAST(replace(trim(s), ',', '.') AS DOUBLE) - 25569) * 86400)::TIMESTAMP
                -- Shopify's '2026-01-05 14:03:12 -0500': a zone as +HHMM, after a space
                WHEN regexp_full_match(trim(s), '\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)? ?[+-]\d{4}')
                THEN try_strptime(replace(trim(s), 'T', ' '), ['%Y-%m-%d %H:%M:%S %z', '%Y-%m-%d %H:%M:%S%z',
                                                               '%Y-%m-%d %H:%M %z', '%Y-%m-%d %H:%M%z'])
                     AT TIME ZONE 'UTC'
                -- the written-out forms of exports and hand-made sheets: '05-Jan-2026', 'Jan 5, 2026 2:03 PM',
                -- 'January 5, 2026 at 3:04 PM', 'Sat, 05 Jan 2026 14:03:12 GMT', '20260105', 'Jan 05 2026',
                -- '2026.01.05', '01-05-2026' (dashes as slashes: month first, unless the file puts the day first)
                ELSE try_strptime(regexp_replace(trim(s), ' at ', ' '),
                                  ['%d.%m.%y', '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d.%m.%Y %H:%M:%S',
                                   '%d %b %Y', '%b %d, %Y', '%B %d, %Y', '%d %B %Y', '%d-%b-%y', '%d-%b-%Y',
                                   '%d-%B-%Y', '%b %d, %Y %I:%M %p', '%B %d, %Y %I:%M %p', '%b %d, %Y %H:%M',
                                   '%d %b %Y %H:%M', '%a, %d %b %Y %H:%M:%S GMT', '%a, %d %b %Y %H:%M:%S UTC',
                                   '%Y%m%d', '%b %d %Y', '%Y.%m.%d', '%m-%d-%Y', '%m-%d-%Y %H:%M'])
            END)
    END;

-- (the readings above, and the failure mark once: each copy of ml_failed costs ingest's statement its planning)
CREATE OR REPLACE MACRO ml_timestamp(s, fail := NULL) AS
    CASE WHEN s IS NOT NULL THEN coalesce(ml_timestamp_read(s), ml_failed(s, fail)) END;

CREATE OR REPLACE MACRO ml_date(s, fail := NULL) AS CAST(ml_timestamp(s, fail := fail) AS DATE);

-- A file whose slash dates put the day first (some first part over 12 in its sample, none second: 25/12/2024),
-- read so in every cell: 05/12/2024 is then 5 December, not 12 May beside 25/12 rejected as no date.
CREATE OR REPLACE MACRO ml_timestamp_dmy(s, fail := NULL) AS
    CASE WHEN s IS NOT NULL THEN coalesce(
        CASE WHEN trim(s) GLOB '[0-9]*-[0-9]*-[0-9][0-9][0-9][0-9]*' AND NOT trim(s) GLOB '[0-9][0-9][0-9][0-9]-*'
             THEN try_strptime(trim(s), ['%d-%m-%Y', '%d-%m-%Y %H:%M', '%d-%m-%Y %H:%M:%S'])
             WHEN contains(s, '/') AND NOT trim(s) GLOB '[0-9][0-9][0-9][0-9]/*'
             THEN CASE WHEN s GLOB '*/[0-9][0-9][0-9][0-9]*'
                       THEN try_strptime(trim(s), ['%d/%m/%Y %H:%M', '%d/%m/%Y', '%d/%m/%Y %H:%M:%S',
                                                   '%d/%m/%Y %I:%M %p', '%d/%m/%Y %I:%M:%S %p'])
                       ELSE try_strptime(trim(s), ['%d/%m/%y %H:%M', '%d/%m/%y', '%d/%m/%y %H:%M:%S',
                                                   '%d/%m/%y %I:%M %p', '%d/%m/%y %I:%M:%S %p'])
                  END
             ELSE ml_timestamp_read(s) END,
        ml_failed(s, fail)) END;

CREATE OR REPLACE MACRO ml_date_dmy(s, fail := NULL) AS CAST(ml_timestamp_dmy(s, fail := fail) AS DATE);

-- A rate under a header that says percent ('Engagement Rate (%)'): every value is a percentage, 0.85 too (read
-- cell by cell, 0.85 was 85% beside 3.2 as 3.2%).
CREATE OR REPLACE MACRO ml_ratio_percent(s, eu := false, fail := NULL) AS
    coalesce(ml_number(s, eu := eu) / 100, ml_failed(s, fail));

-- (the cast reads true/false, t/f, yes/no, y/n, 1/0 in any case: most cells stop there)
CREATE OR REPLACE MACRO ml_bool(s) AS
    CASE
        WHEN TRY_CAST(s AS BOOLEAN) IS NOT NULL THEN TRY_CAST(s AS BOOLEAN)
        WHEN ml_is_missing(s) THEN NULL
        WHEN lower(trim(s)) IN ('true', 't', 'yes', 'y', '1', '1.0', 'sponsored', 'paid', 'ad', '#ad', 'x', 'partnership',
                                'paid partnership', 'paid partnership with', 'branded content', 'si', 'sí', 'ja',
                                'oui', 'sim', '✓', '✔', 'yes ✅', '✅', 'vrai', 'wahr', 'verdadero', 'vero',
                                -- paid in product or as a partner is a brand's post all the same
                                'gifted', 'gift', 'partner', 'collab', 'collaboration', 'affiliate', 'ambassador',
                                'sponsored post', 'brand deal')
              -- Instagram's label names the brand: 'Paid partnership with glowco'
              OR starts_with(lower(trim(s)), 'paid partnership with ')
            THEN true
        WHEN lower(trim(s)) IN ('false', 'f', 'no', 'n', '0', '0.0', 'organic', 'unpaid', 'no ad', 'nein', 'non',
                                'não', 'nao', '✗', '✘', '❌', 'faux', 'falsch', 'falso') THEN false
        ELSE NULL
    END;

-- Handles join files to each other: '@GlowWithMaya ' and 'glowwithmaya' are one account.
-- (ltrim costs more than lower: only cells that start with '@' take it)
-- The rest: invisible characters out (a zero-width space pasted in front made a second account), a profile address
-- on a known platform to its handle ('https://www.instagram.com/glowwithmaya/', 'instagram.com/glowwithmaya',
-- 'https://www.tiktok.com/@glowwithmaya/video/1', 'https://www.youtube.com/c/glowwithmaya', 'twitch.tv/glow',
-- 'linkedin.com/in/glow', 'snapchat.com/add/glow', 'threads.net/@glow'), then without '@' or its full-width form,
-- in lower case. A post's address ('instagram.com/p/C1abc/', '/reel/…', a pin, a LinkedIn post, a Twitch video)
-- names no account and stays whole: read as a handle, every post address was one account 'p'.
CREATE OR REPLACE MACRO ml_handle_rare(s) AS
    list_transform([trim(regexp_replace(s, '[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2069}\x{FEFF}]', '', 'g'))],
                   lambda t:
        lower(ltrim(CASE WHEN regexp_matches(lower(t), '^(https?://)?(www\.|m\.)?[a-z.]*((instagram|tiktok|youtube|facebook|twitter|x|pinterest|linkedin|snapchat|threads)\.com|threads\.net|twitch\.tv)/(p|reels?|tv|watch|shorts|stories|profile\.php|explore|pin|posts|feed|pulse|videos|spotlight)([/?#]|$)')
                         THEN t
                         ELSE regexp_replace(t, '^(https?://)?(www\.|m\.)?[a-z.]*((instagram|tiktok|youtube|facebook|twitter|x|pinterest|linkedin|snapchat|threads)\.com|threads\.net|twitch\.tv)/((c|channel|user|in|company|add)/)?[@＠]?([^/?#]+).*$', '\7', 'i')
                    END, '@＠')))[1];

-- (lower alone for a handle of ASCII alone that starts with a letter or digit and holds no '/': nearly every cell;
-- ltrim and trim for one that starts with '@' or a space; the lambda above, set up anew for every chunk of rows
-- that reaches it, only for addresses and text with a character beyond ASCII anywhere: a zero-width space, a
-- direction mark or an isolate after a pasted handle made a second account of it)
-- (first, one regex for the usual handle, a letter or digit then printable ASCII without '/' or a space, that can
-- be no marker ('none', 'NaN', 'unknown'): five tests on every cell cost more than it)
CREATE OR REPLACE MACRO ml_handle(s) AS
    CASE WHEN regexp_full_match(s, '[0-9A-Za-z][\x{21}-\x{2E}\x{30}-\x{7E}]*')
              AND (strlen(s) > 7 OR ascii(s) NOT IN (78, 85, 110, 117)) THEN lower(s)
         WHEN ml_is_plain(s) AND ascii(s) BETWEEN 48 AND 122 AND ascii(s) <> 64 AND NOT contains(s, '/')
              AND strlen(s) = length(s) THEN lower(s)
         -- accents and other scripts (YouTube channel names), before the marker test (a list lookup that cost
         -- short handles more than this), composed as one character (a Mac's export writes 'é' as 'e' and an
         -- accent: 'josé' was two accounts); the lambda only where an invisible mark may hide
         WHEN ml_is_plain(s) AND ascii(s) NOT IN (64, 65312) AND NOT contains(s, '/')
              AND NOT regexp_matches(s, '[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2069}\x{FEFF}]')
         THEN lower(nfc_normalize(s))
         WHEN ml_is_missing(s) THEN NULL
         -- ('@' alone, or a zero-width space alone, names no one: NULL, as a blank cell)
         WHEN strlen(s) = length(s) AND NOT contains(s, '/') THEN nullif(lower(ltrim(trim(s), '@')), '')
         ELSE nullif(nfc_normalize(ml_handle_rare(s)), '') END;

-- A cell written as an Excel formula of text ('="17912345678901234"', as tools write ids for Excel not to round them),
-- as its text; ingest asks for it only in a column whose sampled cells are written so.
CREATE OR REPLACE MACRO ml_unguarded(s) AS
    CASE WHEN starts_with(s, '="') AND ends_with(s, '"') AND strlen(s) >= 3 THEN s[3:-2] ELSE s END;

CREATE OR REPLACE MACRO ml_text(s) AS
    CASE WHEN ml_is_plain(s) THEN s WHEN ml_is_missing(s) THEN NULL ELSE trim(s) END;

-- The post id a post's link carries (a TikTok video's number, a YouTube video's id, an Instagram post's or reel's
-- code; the path in any case, 'HTTPS://YOUTU.BE/dQw4w9WgXcQ' being that video, the id as written, as ids have case),
-- NULL for any other link (an account's page, a shop): what names a post alike across tools (microlens.repeats keys
-- posts by it across files that name posts differently).
CREATE OR REPLACE MACRO ml_link_post_id(u) AS
    nullif(regexp_extract(u, '(?:/video/|/(?:p|reels?|tv|shorts)/|[?&]v=|youtu\.be/)([\w-]+)', 1, 'i'), '');

-- A post's link as a key: the id it carries (ml_link_post_id), so that an export with ids and one with links name a
-- post alike; else the link without its scheme, 'www.', tracking tail ('?utm_source=…') and closing '/', its host in
-- lower case (the path keeps its case: short codes have case).
CREATE OR REPLACE MACRO ml_lower_host(b) AS
    lower(split_part(b, '/', 1)) || substr(b, strlen(split_part(b, '/', 1)) + 1);
CREATE OR REPLACE MACRO ml_link_key(u) AS
    coalesce(ml_link_post_id(u),
             ml_lower_host(regexp_replace(rtrim(split_part(split_part(u, '?', 1), '#', 1), '/'),
                                          '^[A-Za-z]+://(www\.|m\.)?', '', 'i')));

-- The key a post is known by in any row: its id, else its link's (ml_link_key), tidied as the views tidy them
-- ('N/A' is no key; microlens.repeats finds candidates by the cells as stored, so spaces around an id still part
-- two copies, where files name posts alike). An id in scientific notation ('7.5e+18', a spreadsheet's rounding of a
-- TikTok id) names many posts at once, so such a row goes by its link (ml_rounded_id: the regex only for ids with
-- a '+', which no real id has).
-- CASE, not coalesce: coalesce ran the link's regexes for every row with an id too.
CREATE OR REPLACE MACRO ml_post_key(post_id, url) AS
    CASE WHEN ml_is_plain(post_id) AND NOT contains(post_id, '+') THEN post_id
         ELSE coalesce(CASE WHEN NOT ml_rounded_id(post_id) THEN ml_text(post_id) END, ml_link_key(ml_text(url))) END;

CREATE OR REPLACE MACRO ml_rounded_id(post_id) AS
    CASE WHEN contains(post_id, '+') THEN regexp_full_match(trim(post_id), '[0-9.]+[eE]\+[0-9]+') ELSE false END;

-- The same key from the cells as stored, for microlens.repeats' first sieve (tidying every key first doubled its
-- cost): a row with an id goes by the id, the few without one (or with a rounded one) by their link's key. (An
-- 'N/A' id beside a link is hashed as 'N/A', so within files that name posts alike it misses a copy with no id:
-- testing for markers here cost the sieve 0.025 s of its 0.057 s at 1M posts.)
-- (CASE, not coalesce: coalesce ran the link regexes on every row, 0.22 s against 0.05 s at 1M posts with ids)
CREATE OR REPLACE MACRO ml_post_sieve_key(post_id, url) AS
    CASE WHEN post_id IS NOT NULL AND NOT contains(post_id, '+') THEN post_id
         WHEN post_id IS NULL OR ml_rounded_id(post_id) THEN ml_link_key(url) ELSE post_id END;

CREATE OR REPLACE MACRO ml_code(s) AS
    CASE WHEN ml_is_plain(s) THEN upper(s) WHEN ml_is_missing(s) THEN NULL ELSE upper(trim(s)) END;

CREATE OR REPLACE MACRO ml_platform(s) AS
    CASE
        WHEN s IN ('instagram', 'tiktok', 'youtube', 'facebook') THEN s
        WHEN lower(s) IN ('instagram', 'tiktok', 'youtube', 'facebook', 'pinterest', 'twitch', 'linkedin', 'snapchat',
                          'threads') THEN lower(s)
        WHEN ml_is_missing(s) THEN NULL
        -- Meta's Threads before Instagram's names: tools write it 'Threads', 'Threads (Instagram)', 'Instagram Threads'
        WHEN regexp_matches(lower(trim(s)), '^threads\b|insta(gram)? threads') THEN 'threads'
        -- trimmed, and a format after the name ('IG Story', 'YT short') still names the platform
        WHEN regexp_matches(lower(trim(s)), 'insta|^ig\b') THEN 'instagram'
        WHEN regexp_matches(lower(trim(s)), 'tik ?tok|^tt\b|douyin') THEN 'tiktok'
        WHEN regexp_matches(lower(trim(s)), 'you ?tube|^yt\b|shorts') THEN 'youtube'
        WHEN regexp_matches(lower(trim(s)), 'facebook|^fb\b') THEN 'facebook'
        -- a reel alone is Instagram's, after every name: 'Facebook Reels' and 'TikTok reel' name their platform
        WHEN regexp_matches(lower(trim(s)), 'reel') THEN 'instagram'
        WHEN regexp_matches(lower(trim(s)), 'twitter|^x$') THEN 'x'
        -- each its own platform, not one 'other' account that mixed a handle's Twitch and LinkedIn followers and posts
        -- ('Snap' is Snapchat's company and what some trackers write; 'Idea Pins' name no platform alone)
        WHEN regexp_matches(lower(trim(s)), 'pinterest') THEN 'pinterest'
        WHEN regexp_matches(lower(trim(s)), 'twitch') THEN 'twitch'
        WHEN regexp_matches(lower(trim(s)), 'linked ?in') THEN 'linkedin'
        WHEN regexp_matches(lower(trim(s)), 'snap ?chat|^snap\b') THEN 'snapchat'
        ELSE 'other'
    END;

-- The platform a link is on, by its host ('https://www.instagram.com/p/C1/', 'youtu.be/abc', 'm.tiktok.com/…'):
-- for files with links and no platform column (Meta Business Suite, Later); NULL for any other host. Pinterest
-- has a domain per country ('pinterest.co.uk', 'pinterest.de') and 'pin.it' short links; LinkedIn 'lnkd.in';
-- Threads moved from threads.net to threads.com.
CREATE OR REPLACE MACRO ml_platform_of_link(s) AS
    list_transform([regexp_extract(lower(trim(s)), '^(?:[a-z]+://)?([^/?#\s:]+)', 1)], lambda h:
        CASE WHEN regexp_matches(h, '(^|\.)(instagram\.com|instagr\.am)$') THEN 'instagram'
             WHEN regexp_matches(h, '(^|\.)tiktok\.com$') THEN 'tiktok'
             WHEN regexp_matches(h, '(^|\.)(youtube\.com|youtu\.be)$') THEN 'youtube'
             WHEN regexp_matches(h, '(^|\.)(facebook\.com|fb\.com|fb\.watch)$') THEN 'facebook'
             WHEN regexp_matches(h, '(^|\.)(twitter\.com|x\.com)$') THEN 'x'
             WHEN regexp_matches(h, '(^|\.)(pinterest(\.com?)?\.[a-z]{2,3}|pin\.it)$') THEN 'pinterest'
             WHEN regexp_matches(h, '(^|\.)twitch\.tv$') THEN 'twitch'
             WHEN regexp_matches(h, '(^|\.)(linkedin\.com|lnkd\.in)$') THEN 'linkedin'
             WHEN regexp_matches(h, '(^|\.)snapchat\.com$') THEN 'snapchat'
             WHEN regexp_matches(h, '(^|\.)threads\.(net|com)$') THEN 'threads' END)[1];

-- Follower band by bound edges: names[i] covers [lowers[i], lowers[i+1]).
CREATE OR REPLACE MACRO ml_band(followers, names, lowers) AS
    CASE WHEN followers IS NULL THEN NULL
         ELSE names[len(list_filter(lowers, lambda x: x <= followers))] END;

-- A parsed row's place in its file (1 = the first row under the header): DuckDB numbers the rows it parsed, and the
-- broken lines it could not split (loads.broken_above: the parsed rows above each) stand between them.
CREATE OR REPLACE MACRO ml_file_row(row, broken_above) AS row + len(list_filter(broken_above, lambda a: a < row));
