#!/usr/bin/env python3
"""Build newsie's bundled company gazetteer from public reference lists.

Writes ``gazetteers/companies.tsv``, ``gazetteers/common-words.txt`` and
``gazetteers/place-words.txt`` from
the hand-curated ``gazetteers/curated/companies.tsv`` plus the SEC, Nasdaq
Trader and HKEX lists under ``$NEWSIE_SHARED/corpora/reference`` (default
``../shared``, relative to the repository root), with case and ambiguity
statistics from the news corpora under ``$NEWSIE_SHARED/corpora``.

    python3 scripts/gazetteers/build_companies.py            # (re)write both files
    python3 scripts/gazetteers/build_companies.py --check    # exit 1 if either would change
    python3 scripts/gazetteers/build_companies.py --stats    # also print counts, drops, messy cases
    ... --out-dir DIR      write (or --check) DIR/companies.tsv and DIR/common-words.txt instead
    ... --curated FILE     read the curated rows from FILE instead of gazetteers/curated/companies.tsv

Standard library only. Deterministic: the output depends on the input files
alone (no clock, no randomness, no hash order: whatever is iterated is sorted
or in file order), so two runs give byte-identical files. Exit status 2 with
a message when an input is missing or validation fails (nothing is written).

Inputs
======
- SEC ``company_tickers_exchange`` (.tsv: cik, name, ticker, exchange
  Nasdaq/NYSE/OTC/CBOE/blank; its order, by market value, is the priority
  order of US entities) and SEC ``company_tickers.json`` (newer titles: a
  CIK's json title is its current name; a ticker only in the json takes its
  exchange from Nasdaq Trader, else it is dropped).
- Nasdaq Trader ``nasdaqlisted`` (all XNAS) and ``otherlisted`` (Exchange
  N=XNYS, A=XASE, P=ARCX, Z=BATS, V=IEXG): security type, exchange and a
  mixed-case issuer name. SEC ``BRK-B`` is looked up as ``BRK.B``
  (``-UN`` as ``.U``, ``-PC`` as ``$C``).
- HKEX List of Securities (3 title/date/header rows; 5-digit codes).
- ISO 10383 MICs and the Yahoo suffix table, to validate tickers.
- The curated list ``gazetteers/curated/companies.tsv``, columns as the
  output (found by header name; ``source`` may be missing). While it does
  not exist the script reads the starter list ``gazetteers/companies.tsv``
  (id, canonical, aliases, tickers, country) - and, once that file is this
  script's own output, its rows whose ``source`` contains ``curated`` (a
  fixpoint: rebuilding then changes nothing).
- ``gazetteers/models.tsv`` and ``gazetteers/curated/models.tsv``: model ids
  and names are reserved (the loader wants ids and names unique across the
  company and model files). A curated company id that is a model id is an
  error.
- News texts: ``text`` of reuters21578, bbc-news and recent-news/*.jsonl.gz;
  CoNLL-2003 eng.train + eng.testa.

Corpus statistics
=================
Words are ``[A-Za-z]+`` with ``&`` joins and one apostrophe part kept
(``AT&T``, ``McDonald's``). Removed first: URLs, markdown link targets,
``@handles``, inline code, ``<...>`` codes; a word touching ``/ _ \\ = < > { }
$ # @ ~ | ^`` or followed by ``.`` and a letter (paths, model ids, domains)
is not counted. Skipped whole: lines with letters but no lowercase letter
(Reuters headlines and tables, all-caps wires), markdown headings, and
title-case lines (>= 3 words of >= 4 letters, all capitalised). A word is
*sentence-initial* when it starts a text, or the gap before it holds
``. ! ? : ;``, a blank line, a newline plus indentation (Reuters paragraphs)
or a list / quote / heading marker. Per lowercase word:

- ``lower``: occurrences written all lowercase;
- ``capmid``: surface forms of capitalised, not sentence-initial occurrences
  (``Nvidia`` 136, ``NVIDIA`` 285);
- ``initial``: capitalised sentence-initial occurrences;
- ``next``: for the first words of listed names, which capitalised word
  directly follows a capitalised occurrence (``Morgan`` -> Stanley 136,
  Guaranty 60, Grenfell 20 ...).

CoNLL-2003 gives *person/place words*: a token tagged PER, LOC or MISC
(nationalities: German, Mexican) at least as often as ORG.

common-words.txt
================
Every word (letters only, >= 2) whose lowercase form occurs at least
``COMMON_MIN`` = 20 times and at least as often as all its capitalised
mid-sentence forms together (``lower >= sum(capmid)``): ``target``,
``gap``, ``block``, ``visa``, ``square``, ``match`` are in it; ``apple``,
``oracle`` are not. newsie's ``gazetteer check`` reads the same file.

*Ordinary words* (used below for ``case`` and short names) are the common
words plus every word written lowercase >= ``ORDINARY_MIN`` = 10 times and
at least a quarter as often as capitalised mid-sentence: so also ``shell``
(54 vs 148: the company inflates the capitals), ``progressive``,
``carnival``, ``meta``, ``delta``.

Which entities
==============
US - SEC rows with exchange Nasdaq, NYSE or CBOE:
- a row is a security, typed from Nasdaq Trader's security name and flags.
  Dropped: ETF flag, test issues, ETNs, when-issued lines, warrants, rights,
  SPAC-style units ("Units, each consisting of ...", " - Unit"; a
  partnership's, LLC's or REIT's units are its equity), preferred /
  preference shares and depositary shares of them, anything with a ``%``
  coupon, notes / debentures / bonds, closed-end funds (a "Closed End Fund"
  without a fund-like name is a business development company, kept: Ares
  Capital). ADSs are common stock even when they represent preferred shares
  or units (Itau, Coca-Cola Femsa). A row missing from Nasdaq Trader (listed
  after 2025-07-21: Figma) is typed by its ticker (``-P*`` preferred,
  ``-U``/``-UN`` unit, ``-W``/``-WS`` warrant, ``-R``/``-RT`` right,
  5-letter Nasdaq symbols ending in W/U/R) and kept only when its company
  has no line in Nasdaq Trader (else it is a note or preferred line:
  TMUSI).
- a company (CIK) is dropped as a SPAC / blank check ("... Acquisition
  Corp/Co/Inc/Ltd/Holdings", "Acquisition II", "Capital Acquisition",
  "Merger Corp", "SPAC", "blank check", a roman-numbered Corp/Co/Inc/Ltd at
  the end, or a listed SPAC-style unit next to Class A / ordinary shares), as
  a fund ("Fund(s)", "Portfolio", ETF/ETN/iShares/ProShares/SPDR/Direxion,
  "Municipal"), or as a trust that is not a REIT or a bank: "Trust" with a
  fund word (income, dividend, equity, bond, credit, term, yield, royalty,
  gold, bitcoin, premium ...) and no property word (realty, property,
  mortgage, hospitality, residential, healthcare, storage, land ...).
- one entity per CIK: its common lines in SEC order (``GOOGL;GOOG``); MIC
  from Nasdaq Trader's exchange, else from the SEC exchange (CBOE -> BATS).
- OTC rows are kept only as listings of an entity that also appears in the
  curated list or on HKEX: same CIK as such an entity, or same cleaned name
  as a curated or HKEX entity. Only ADR / foreign-ordinary symbols (5 letters
  ending in Y or F) are kept, and for a name match also a plain <= 4-letter
  symbol (the company's only US line). The MIC is OOTC. The rest of OTC and
  rows with no exchange are dropped.
HKEX - categories ``Equity`` and ``Real Estate Investment Trusts``:
- dropped: warrants, CBBCs, debt, ETPs, investment companies (funds),
  trading-only lines of US stocks (``-T``), RMB counters (RMB currency,
  ``-R``/``-WR``/``-SWR``) and ``-OLD`` parallel-trading counters.
- ``00700`` -> ``0700.HK``: the 5-digit code minus its leading zero.
- the short name loses its marker (``-W``, ``-SW``, ``-S``, ``-SS``, ``-B``,
  ``-P``, ``-U``, ``-NEW``, ``-DRS``) and unambiguous HKEX abbreviations are
  expanded (INT'L -> International, GP -> Group, HLDGS/HOLD -> Holdings,
  DEV -> Development, PPT -> Properties, RES -> Resources, SER -> Services,
  DIGI -> Digital ...; ambiguous ones such as ENT, IND stay).
- a line is linked (its ticker added to an existing entity) when, in this
  order: its code is a curated ticker (``09988`` -> alibaba: curated
  tickers always win); its cleaned name is that of a curated canonical or
  alias of >= 2 words (``TENCENT`` -> Tencent Holdings); it is the first
  word of a curated canonical (>= 4 letters, not an ordinary / generic /
  person-place word) - these two only for a curated entity in CN, HK, MO or
  without country, or for a secondary listing (``SEA HOLDINGS`` is not the
  Singapore Sea Ltd); it is a one-word alias of a curated entity in CN, HK,
  MO or without country (``EVERGRANDE``); it is the cleaned name of one US
  entity and the line is a secondary / WVR listing (``-S``, ``-SW``, ``-W``,
  ``-SS``), or that entity trades as ADSs, or both names have the same >= 2
  words (``YUM CHINA``); it is a secondary / WVR line whose short name is
  an entity's US ticker (``BIDU-SW``, ``WB-SW``).
  A curated entity that already has a Hong Kong code is not given a second
  one by name (reported).
- an unlinked line becomes an entity when an OTC row has the same cleaned
  name (the OTC/SEC legal name is then used), or when its cleaned name is
  distinctive: >= 2 words, or one word of >= 5 letters that is not an
  ordinary, generic or person-place word, or one such word the news texts
  write capitalised >= 3 times. Lines with the same cleaned name as an
  earlier HKEX entity (parallel counters) add their code to it.
Curated rows come first, unchanged except that the tickers and the
legal-name aliases of a generated entity that matches them (a shared
ticker, or the same cleaned name) are added - such a generated entity is
merged, never emitted twice. ``case`` / ``context`` of curated rows are kept
when the curated file has a ``case`` column (a warning names a common word
without ``case=exact``), else computed as for generated rows.

Names
=====
- cleaned name: SEC junk at the end removed (``/DE``, ``/DE/``, ``/NEW/``,
  ``\\MD\\``, ``/ADR``, ``/FI``, ``Inc.DE``, a trailing ``/``, commas),
  parenthesised junk (``(The)``, ``(Group)``, ``(REIT)``, an acronym
  ``(COPEL)``, a one-word nickname at the end) - other parenthesised words
  stay, unbracketed (``Banco Santander (Brasil)`` is not Banco Santander) -,
  `` - `` as a space, a leading ``The``; Nasdaq
  Trader names also lose the security description ("Applied Materials, Inc.
  - Common Stock"), ``DBA``, and trailing New / Registered / Sponsored /
  NY Registry / REIT / Common / a class letter.
- the *base* name of a US entity is Nasdaq Trader's issuer name when it
  spells the same name as the SEC title (same words after cutting
  suffixes, ``&`` = and, Corp = Corporation, ``D.R.`` = ``D R``, in any
  order: the SEC's inverted ``HORTON D R`` is ``D.R. Horton``) - unless the
  SEC title is mixed-case with more inner capitals (``AppLovin``); else, for an
  ADR whose SEC title is all capitals (an English translation: ``BANK OF
  CHILE``), the Nasdaq Trader name when it is sane (not the SEC name plus
  junk, <= 8 words, none repeated, not a string of abbreviations); else the
  SEC title. A renamed company's older SEC title becomes an alias
  (``MicroStrategy`` for Strategy) unless it looks like a shell.
- legal suffixes are cut at the end, repeatedly, never the whole name: Inc,
  Incorporated, Corp, Corporation, Co, Company, Cos, & Co, Ltd, Limited, PLC,
  Public Limited Company, LLC, L.P., LP, LLP, S.A., SA, SAB de CV, S.A. de
  C.V., AG, Aktiengesellschaft, N.V., NV, SE, ASA, AB (publ), Oyj, A/S,
  S.p.A., B.V., GmbH, KGaA, Tbk, Bhd, Pty, Pte, ...; then a trailing Holding(s)
  unless what is left is one word of < 4 letters or an ordinary, generic or
  person-place word (``Booking Holdings``, ``Arm Holdings``, ``CLP Holdings``
  stay; ``Alibaba Group Holding`` -> ``Alibaba Group``).
- case: a name without lowercase letters is cased word by word: the word's
  most frequent capitalised mid-sentence form in the news texts when it is
  seen >= 3 times (``IBM``, ``HSBC``, ``Exxon``, ``JPMorgan``); else, for
  HKEX short names, capitals for a word of <= 3 letters (``CKI``, ``TCL``);
  else the word's form in the Nasdaq Trader name when that name is
  mixed-case; else Title-case, keeping capitals for words of <= 3 letters
  with no vowel (``BYD``, ``CSX``), roman numerals and ``&`` abbreviations
  (``AT&T``); function words inside a name are lowercase (``Bank of
  America``). A mixed-case name keeps its case, except that an all-capitals
  word of >= 4 letters takes the corpus form when the corpus has it >= 5
  times and writes it in capitals less than half of the time.
- aliases (``|``): the cleaned name with Holding(s) when the canonical cut
  it (``Alibaba Group Holding``); the name with each legal suffix the
  sources give, cased, trailing dots dropped (``Nvidia Corp``, ``Nvidia
  Corporation``, ``Apple Inc``; never an all-caps form: the matcher finds
  capitals itself); an older SEC name; and the short name - the first word
  alone - only if (a) it has >= 4 letters; (b) it is not an ordinary word,
  not written lowercase at least as often as capitalised (seen once is
  enough), not a person/place word (CoNLL, or a capitalised corpus word seen
  >= 3 times that is mostly followed by a capitalised word other than the
  entity's second word: ``Morgan``, ``Texas``), not a generic business or
  geographic word (American, General, National, United, First, Global,
  China, Capital, Bank, Energy, Financial, Pacific, Grupo, Banco ...); (c)
  no other entity would get it, and no other entity has a name starting
  with that word (``Berkshire``: Berkshire Hathaway and Berkshire Hills
  Bancorp) or consisting of it plus suffix words (the shadowing that
  ``gazetteer check`` warns about).
- a name (canonical or alias, compared case-insensitively, apostrophes
  straight) belongs to the first entity claiming it: curated rows, models,
  then generated canonicals in priority order (US by SEC order, HKEX by
  code), then their other aliases, then short names. An alias that is taken
  is dropped from the later entity (the curated one keeps it); a taken
  canonical is replaced by the entity's next free full name (``Carnival
  Plc``), else by the name with its first ticker (``First Bancorp (FBNC)``),
  else the entity is dropped (reported). A name needs a letter (``111 Inc``,
  not ``111``).

Other columns
=============
- id: slug of the canonical (ASCII, lowercase, ``&`` between letters and
  apostrophes dropped, other non-alphanumeric runs -> ``-``); on a clash the
  first ticker is appended (``-pltr``), then the CIK / HKEX code. Curated
  and model ids are reserved first; curated ids are never changed.
- tickers: ``SYMBOL@MIC`` joined by ``;``.
- country: ``US`` for SEC filers, except empty for ADRs, ordinary shares
  and foreign legal forms (AG, SE, N.V., S.A., plc, Ltd, Limited, ASA, A/S,
  ...: the SEC list has no country); empty for HKEX (many are mainland
  firms). Curated countries are kept.
- type ``company`` for generated rows (curated rows may say
  ``organization``: universities, state labs); parent empty for generated
  rows (curated parents kept).
- case=``exact`` when the canonical or a one-word alias is an ordinary word
  (this covers every common word) or a person or place word of CoNLL-2003
  (Tim, Lindsay, Southern). context=``required`` for every generated row
  with a one-word name (Chegg, Team, Ironwood): such a name counts only with
  company context in its sentence or once the company is established in the
  article (newsie's context rules); thousands of small caps would otherwise
  turn capitalised words into companies. Their longer names (Chegg Inc) match
  freely.
- source: ``curated``, ``sec``, ``hkex`` joined with ``+`` in that order.

Validation (exit 2, nothing written): ids are unique slugs (also against
model ids); names are unique across entities, case-insensitively, and are
not written exactly like a model name (differing only in case, ``Palm`` /
``PaLM``: a warning); every ticker is ``SYMBOL@MIC`` with a four-character MIC
listed in ISO 10383 (not XXXX), Hong Kong symbols ``dddd.HK``; each symbol
is on one entity (``BRK.B`` = ``BRK-B``, also within a row); type, case, context and country values are valid; parents exist.
Warnings: expired MICs, non-US symbols whose ``.SUFFIX`` is not a Yahoo
suffix.
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import gzip
import io
import json
import os
import re
import sys
import time
import unicodedata

# --------------------------------------------------------------------------
# Paths

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAZ = os.path.join(REPO, "gazetteers")
CURATED = os.path.join(GAZ, "curated", "companies.tsv")
LEGACY = os.path.join(GAZ, "companies.tsv")
MODELS = os.path.join(GAZ, "models.tsv")
CURATED_MODELS = os.path.join(GAZ, "curated", "models.tsv")
GENERATED_MARK = "generated by scripts/gazetteers/build_companies.py"

SEC_TSV = "sec_company_tickers_exchange_2025-08.tsv.gz"
SEC_JSON = "sec_company_tickers_2025-08.json.gz"
NT_NASDAQ = "nasdaqtrader_nasdaqlisted_2025-07-21.txt.gz"
NT_OTHER = "nasdaqtrader_otherlisted_2025-07-21.txt.gz"
HKEX = "hkex_list_of_securities_2025-07-11.csv.gz"
MIC_CSV = "iso10383_mic.csv.gz"
YAHOO = "yahoo_finance_exchange_suffixes.tsv"

COLUMNS = ["id", "canonical", "type", "aliases", "tickers", "country", "parent", "case", "context", "source"]

# --------------------------------------------------------------------------
# Tunables (documented in the module docstring)

COMMON_MIN = 20          # lowercase occurrences for a common word
ORDINARY_MIN = 10        # lowercase occurrences for an "ordinary" word (case=exact, short names)
CASE_MIN = 3             # corpus evidence to case an all-caps word
RECASE_MIN = 5           # corpus evidence to recase an all-caps word in a mixed name
FOLLOW_MIN = 3           # capitalised occurrences before "mostly before another word" applies

US_MICS = {"XNAS", "XNYS", "XASE", "ARCX", "BATS", "IEXG", "OOTC"}
NT_EXCHANGE_MIC = {"Q": "XNAS", "N": "XNYS", "A": "XASE", "P": "ARCX", "Z": "BATS", "V": "IEXG"}
SEC_EXCHANGE_MIC = {"Nasdaq": "XNAS", "NYSE": "XNYS", "CBOE": "BATS", "OTC": "OOTC"}
MIC_SEC_EXCHANGE = {"XNAS": "Nasdaq", "XNYS": "NYSE", "XASE": "NYSE", "ARCX": "NYSE", "BATS": "CBOE", "IEXG": "NYSE"}

FUNCTION_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "de", "del", "della", "des", "di", "do", "da", "du", "la", "le", "les", "y", "e", "et",
    "van", "von", "der", "den", "und", "am",
}

# Legal suffixes, normalised (lowercase, dots and commas removed), as token tuples.
LEGAL_SUFFIXES = sorted(
    {
        tuple(s.split())
        for s in [
            "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "companies",
            "ltd", "limited", "plc", "llc", "lp", "llp", "lllp", "sa", "s a", "ag", "nv", "n v", "se", "asa",
            "ab", "ab publ", "publ", "oyj", "oy", "a s", "as", "a/s", "spa", "s p a", "bv", "b v", "gmbh",
            "kgaa", "tbk", "pt tbk", "bhd", "berhad", "pty", "pty ltd", "pte", "sarl", "sca", "saa", "sae",
            "sab", "sab de cv", "sa de cv", "s a b de c v", "s a de c v", "de cv", "ltda", "hf", "kk",
            "& co", "and co", "& company", "and company", "ulc", "pcl", "nl", "ordinary", "adr", "ads",
            "public ltd co", "public limited company", "public ltd", "public co ltd", "public company limited",
            "public company ltd", "aktiengesellschaft", "sacif y a", "saci", "sacifia", "sa de cv", "s de rl",
            "nv sa", "spa", "sgps sa", "sgps", "asa publ", "sa/nv", "s a/n v", "nyrt",
        ]
    },
    key=lambda t: (-len(t), t),
)
# Single tokens that only count as a suffix when they are the whole last word
# and something is left (not "AS" in "Ferrari AS"? -> "as" is Danish A/S written
# without slash; only accepted after another legal-looking word or at the end
# of a name that has >= 2 other words).
WEAK_SUFFIXES = {("as",), ("ordinary",), ("adr",), ("ads",), ("nl",), ("publ",), ("oy",), ("kk",), ("hf",)}
HOLDING_WORDS = {"holding", "holdings", "hldgs", "hldg"}
FOREIGN_FORMS = {
    ("ag",), ("se",), ("nv",), ("n", "v"), ("sa",), ("s", "a"), ("plc",), ("ltd",), ("limited",),
    ("asa",), ("ab",), ("ab", "publ"), ("oyj",), ("a", "s"), ("a/s",), ("spa",), ("s", "p", "a"), ("bv",),
    ("b", "v"), ("gmbh",), ("kgaa",), ("tbk",), ("bhd",), ("berhad",), ("pty",), ("pte",), ("sab",),
    ("sab", "de", "cv"), ("sa", "de", "cv"), ("s", "a", "b", "de", "c", "v"), ("s", "a", "de", "c", "v"),
    ("ltda",), ("saa",), ("sae",), ("sca",), ("kk",), ("pcl",), ("as",),
}

# Words that name a kind of business, a region or a quality: never a short name.
GENERIC_WORDS = set(
    """
    american america americas national united first international global china chinese capital bank
    banc bancorp bancshares banking energy financial pacific atlantic western eastern northern southern
    central north south east west new old great general federal royal republic community citizens
    peoples people's people universal standard premier prime alpha beta gamma delta omega digital
    smart green blue red golden gold silver diamond star sun solar health healthcare medical bio
    biotech pharma pharmaceutical pharmaceuticals therapeutics biosciences bioscience biotherapeutics
    sciences science genetics genomics labs laboratories tech technology technologies data cloud
    network networks systems software semiconductor semiconductors electric electronics power oil gas
    petroleum mining minerals metals steel resources industries industrial holdings holding group
    partners ventures investment investments investors trust real estate realty properties property
    insurance life mutual home homes auto automotive motor motors air airlines aviation aerospace
    marine shipping transport transportation logistics foods food restaurant restaurants brands retail
    consumer media entertainment communications telecom wireless solutions services innovations
    innovation acquisition acquisitions asia asian euro european europe africa african latin canadian
    canada british japan japanese korea korean india indian hong kong greater sino trans inter
    intercontinental world worldwide continental coastal metro metropolitan city county state union
    security securities guaranty heritage liberty freedom pioneer frontier summit pinnacle apex core
    direct total integrated strategic precision dynamic dynamics quantum nova neo next future modern
    civic enterprise enterprises corporate professional select value income opportunity
    opportunities texas california florida york carolina virginia ohio georgia nevada arizona
    colorado washington oregon michigan illinois pennsylvania jersey england london hudson mid
    midwest southwest northwest southeast northeast advanced applied allied associated consolidated
    diversified creative vision first-citizens farmers merchants commerce commercial savings
    hanmi home-federal bankshares financials fintech ai robotics quantum analytics intelligence
    biopharma biologics bioworks medicine medicines oncology immuno immunotherapeutics diagnostics
    devices instruments equipment materials chemical chemicals packaging paper water waste
    environmental clean renewable renewables hydrogen nuclear uranium lithium battery batteries
    electric-vehicle ev mobility vehicles education learning hospitality hotels resorts gaming
    casino sports fitness wellness beauty fashion apparel home-furnishings furniture
    construction engineering infrastructure building builders homebuilders land farm agri
    agriculture agricultural organic natural nature earth ocean river lake mountain valley
    harbor harbour bay island islands park garden
    comp empresa empresas perusahaan persero perseroan companhia compania sociedad sociedade grupo banco
    corporacion industrias public pt koninklijke aktiengesellschaft joint stock compagnie societe
    """.split()
)

# HKEX short-name abbreviations with one reading.
HK_ABBREV = {
    "INT'L": "INTERNATIONAL", "INTL": "INTERNATIONAL", "GP": "GROUP", "GRP": "GROUP",
    "HLDGS": "HOLDINGS", "HLDG": "HOLDINGS", "HOLD": "HOLDINGS", "HOLDING": "HOLDINGS",
    "DEV": "DEVELOPMENT", "PPT": "PROPERTIES", "PPTY": "PROPERTY", "PROP": "PROPERTIES",
    "RES": "RESOURCES", "PHARM": "PHARMACEUTICAL", "ENV": "ENVIRONMENTAL", "ELEC": "ELECTRIC",
    "FIN": "FINANCIAL", "INV": "INVESTMENT", "MED": "MEDICAL", "EDU": "EDUCATION",
    "MGT": "MANAGEMENT", "MGMT": "MANAGEMENT", "SVS": "SERVICES", "SVCS": "SERVICES",
    "SERV": "SERVICES", "CHEM": "CHEMICAL", "TECHNO": "TECHNOLOGY", "ENGG": "ENGINEERING",
    "BIOTECH": "BIOTECH", "INFO": "INFORMATION", "CORP": "CORP", "CO": "CO", "LTD": "LTD",
    "MFG": "MANUFACTURING", "TRANS": "TRANSPORT", "SER": "SERVICES", "DIGI": "DIGITAL",
    "ALLI": "ALLIANCE", "HLTH": "HEALTH", "CONST": "CONSTRUCTION", "ENGY": "ENERGY", "CAP": "CAPITAL",
    "SEC": "SECURITIES", "BK": "BANK", "INS": "INSURANCE", "PPTYS": "PROPERTIES", "RLTY": "REALTY",
}
HK_MARKERS = {"W", "SW", "S", "SS", "B", "P", "NEW", "DRS", "U"}

# --------------------------------------------------------------------------
# Small helpers

TOKEN_RE = re.compile(r"[A-Za-z]+(?:&[A-Za-z]+)*(?:['’][A-Za-z]+)?")
VOWELS = set("aeiouAEIOU")
ROMAN_RE = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X|XI{1,3})$")


def fail(msg: str) -> None:
    sys.stderr.write(f"build_companies.py: error: {msg}\n")
    sys.exit(2)


def warn(msg: str) -> None:
    sys.stderr.write(f"build_companies.py: warning: {msg}\n")


def read_gz_text(path: str) -> str:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as f:
        return f.read()


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def name_key(name: str) -> str:
    """Case-insensitive identity of a name (for uniqueness): lowercase, curly
    apostrophes straight, spaces collapsed."""
    return re.sub(r"\s+", " ", name.replace("’", "'").replace("‘", "'")).strip().lower()


def letters_key(name: str) -> str:
    """Letters and digits only, lowercase: 'Amazon.com, Inc.' == 'AMAZON COM INC'."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(name).lower())


def norm_token(t: str) -> str:
    return t.lower().replace(".", "").replace(",", "")


def slugify(s: str) -> str:
    s = ascii_fold(s).lower()
    s = re.sub(r"(?<=[a-z0-9])&(?=[a-z0-9])", "", s)
    s = re.sub(r"['’]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "company"


def is_all_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


# --------------------------------------------------------------------------
# Corpus statistics


class Stats:
    def __init__(self) -> None:
        self.lower: collections.Counter = collections.Counter()
        self.capmid: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.initial: collections.Counter = collections.Counter()
        self.captotal: collections.Counter = collections.Counter()
        self.follow: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        # Capitalised uses right after another capitalised word ("Chatbot Arena").
        self.after_cap: collections.Counter = collections.Counter()
        self.per_loc: collections.Counter = collections.Counter()
        self.org: collections.Counter = collections.Counter()
        self.per_loc_only: collections.Counter = collections.Counter()  # LOC and MISC
        self.docs = 0
        self.tokens = 0

    def capmid_total(self, key: str) -> int:
        c = self.capmid.get(key)
        return sum(c.values()) if c else 0

    def best_form(self, key: str, minimum: int) -> str | None:
        c = self.capmid.get(key)
        if not c:
            return None
        total = sum(c.values())
        if total < minimum:
            return None
        # most frequent; ties: Title form first, then lexical
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0] != kv[0][:1].upper() + kv[0][1:].lower(), kv[0]))[0][0]

    def caps_share(self, key: str) -> float:
        c = self.capmid.get(key)
        if not c:
            return 0.0
        total = sum(c.values())
        up = sum(v for k, v in c.items() if k.isupper())
        return up / total

    def is_common(self, key: str) -> bool:
        return self.lower[key] >= COMMON_MIN and self.lower[key] >= self.capmid_total(key)

    def mostly_lower(self, key: str) -> bool:
        return self.lower[key] >= 1 and self.lower[key] >= self.capmid_total(key) + self.initial[key]

    def person_place(self, key: str) -> bool:
        return self.per_loc[key] > 0 and self.per_loc[key] >= self.org[key]

    def ever_person_place(self, key: str) -> bool:
        """Tagged PER, LOC or MISC at least once in CoNLL-2003 (Milan, Houston, Tim)."""
        return self.per_loc[key] > 0

    def mostly_before_other(self, key: str, second: str | None) -> bool:
        total = self.captotal[key]
        if total < FOLLOW_MIN:
            return False
        nxt = self.follow.get(key)
        if not nxt:
            return False
        other = sum(v for k, v in nxt.items() if k != second and (k,) not in LEGAL_SUFFIXES and k not in HOLDING_WORDS)
        return other * 2 > total


URL_RE = re.compile(r"https?://\S+|www\.\S+|\]\([^)\s]*\)|@\w+|`[^`\n]*`|<[^>\n]{1,80}>")
BOUNDARY_RE = re.compile(r"[.!?:;]|\n[ \t]*\n|\n[ \t]+|\n[ \t]*(?:[-*+>#|•]|\d+[.)])|^\s*[-*+>#|•]")


CODE_CHARS = set("/_\\=<>{}$#@~|^")


def skip_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("#"):
        return True
    if any(c.isalpha() for c in s) and not any(c.islower() for c in s):
        return True
    long_words = [w for w in TOKEN_RE.findall(s) if len(w) >= 4]
    if len(long_words) >= 3 and all(w[0].isupper() for w in long_words):
        return True
    return False


def scan_text(st: Stats, text: str, watch: set[str]) -> None:
    text = URL_RE.sub(" ", text)
    lines = text.split("\n")
    text = "\n".join("" if skip_line(l) else l for l in lines)
    prev_end = 0
    prev_key = None  # key of previous token when capitalised and directly before
    prev_cap = False  # previous token capitalised
    first = True
    lower = st.lower
    capmid = st.capmid
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        start = m.start()
        end = m.end()
        if (start > 0 and text[start - 1] in CODE_CHARS) or (end < len(text) and text[end] in CODE_CHARS) \
                or (end + 1 < len(text) and text[end] == "." and text[end + 1].isalnum()):
            prev_end = end
            prev_key = None
            continue
        key = tok.lower()
        st.tokens += 1
        if first:
            initial = True
            first = False
            gap = ""
        else:
            gap = text[prev_end:start]
            initial = gap != " " and BOUNDARY_RE.search(gap) is not None
        if tok[0].isupper():
            if initial:
                st.initial[key] += 1
            else:
                capmid[key][tok] += 1
            if key in watch:
                st.captotal[key] += 1
            if prev_key is not None and gap == " ":
                st.follow[prev_key][key] += 1
            if key in watch and prev_cap and gap == " ":
                st.after_cap[key] += 1
            prev_key = key if key in watch else None
            prev_cap = True
        else:
            if tok.islower():
                lower[key] += 1
            prev_key = None
            prev_cap = False
        prev_end = m.end()


def corpus_files(shared: str) -> list[str]:
    c = os.path.join(shared, "corpora")
    files = [
        os.path.join(c, "reuters21578", "reuters21578.jsonl.gz"),
        os.path.join(c, "bbc-news-2004-2005", "bbc-news.jsonl.gz"),
    ]
    files += sorted(glob.glob(os.path.join(c, "recent-news", "*.jsonl.gz")))
    return files


def load_stats(shared: str, watch: set[str]) -> Stats:
    st = Stats()
    for path in corpus_files(shared):
        if not os.path.exists(path):
            fail(f"news corpus missing: {path}")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                d = json.loads(line)
                t = d.get("text") or ""
                if t:
                    st.docs += 1
                    scan_text(st, t, watch)
    conll = os.path.join(shared, "corpora", "gold", "conll2003")
    for name in ("eng.train.gz", "eng.testa.gz"):
        path = os.path.join(conll, name)
        if not os.path.exists(path):
            fail(f"CoNLL-2003 file missing: {path}")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 4 or parts[0] == "-DOCSTART-":
                    continue
                tag = parts[-1]
                key = parts[0].lower()
                if tag.endswith("PER") or tag.endswith("LOC") or tag.endswith("MISC"):
                    st.per_loc[key] += 1
                    if not tag.endswith("PER"):
                        st.per_loc_only[key] += 1
                elif tag.endswith("ORG"):
                    st.org[key] += 1
                elif parts[0].islower():
                    # Ordinary lowercase words of CoNLL's Reuters text count too.
                    st.lower[key] += 1
    return st


def common_words(st: Stats) -> list[str]:
    out = []
    for key, n in st.lower.items():
        if len(key) >= 2 and key.isalpha() and key.isascii() and st.is_common(key):
            out.append(key)
    return sorted(out)


# --------------------------------------------------------------------------
# Name cleaning

SLASH_PLACES = {
    "cayman", "cayman islands", "cayman island", "marshall islands", "bermuda", "bvi", "british virgin islands",
    "netherlands", "luxembourg", "ireland", "jersey", "guernsey", "bahamas", "panama", "canada", "can", "israel",
    "switzerland", "england", "uk", "adr", "ads", "new", "liberia", "singapore", "hong kong", "bv", "fi",
}
SLASH_AFTER = {"inc", "corp", "co", "company", "ltd", "plc", "llc", "lp", "sa", "ag", "nv", "se", "ii", "iii", "iv",
               "limited", "corporation", "incorporated", "bancorp", "trust"}
SLASH_JUNK_RE = re.compile(r"\s*[/\\]\s*([A-Za-z][A-Za-z ]*?)\s*[/\\]?\s*$")


def strip_slash_junk(s: str) -> str:
    """SEC junk after a slash: a code of <= 3 letters after a space or a legal
    word ('CORP/DE', 'INC /DE/', '\\MD\\', 'COMPANY/MN'), or a place / ADR
    ('Inc./Marshall Islands', 'Ltd/ADR'); never 'RE/MAX' or 'M/I Homes'."""
    if re.search(r"[/\\]\s*$", s) and not SLASH_JUNK_RE.search(s):
        return re.sub(r"\s*[/\\]\s*$", "", s)
    m = SLASH_JUNK_RE.search(s)
    if not m:
        return s
    token, before = m.group(1).strip(), s[: m.start()]
    if token.lower() in SLASH_PLACES:
        return before
    last = norm_token(before.split()[-1]) if before.split() else ""
    spaced = s[m.start():m.start() + 1].isspace()
    if token.isalpha() and ((len(token) <= 3 and (spaced or last in SLASH_AFTER))
                            or (spaced and last in SLASH_AFTER)):   # 'Alight Inc. / Delaware'
        return before
    return s
PAREN_RE = re.compile(r"\s*\([^()]*\)")
SPACE_RE = re.compile(r"\s+")


PAREN_JUNK = {"the", "group", "holdings", "holding", "international", "new", "de", "del", "delaware", "reit",
              "adr", "ads", "cayman", "cayman islands", "bvi", "holding company", "publ", "plc", "a", "b"}


def paren_part(m: re.Match) -> str:
    """A parenthesised part: dropped when it is junk ('(The)', '(Group)') or a
    trailing acronym ('(COPEL)'); else kept without the brackets
    ('Banco Santander (Brasil)' is not Banco Santander); a one-word nickname
    at the very end ('... S.A. (Edenor)') is dropped."""
    inner = m.group(0).strip()[1:-1].strip()
    at_end = not m.string[m.end():].strip()
    if inner.lower() in PAREN_JUNK or re.fullmatch(r"[A-Z]{2,6}", inner) or (at_end and " " not in inner):
        return ""
    return " " + inner


def strip_junk(name: str) -> str:
    """SEC and list junk: '/DE/', '\\MD\\', '/ADR', '(The)', trailing commas."""
    s = name.replace("\u00a0", " ").strip()
    s = re.sub(r"\bA/S\b", "A_S_", s)
    s = re.sub(r"\bS/A\b", "S_A_", s)
    for _ in range(4):
        t = strip_slash_junk(s).strip()
        t = t.rstrip(",;:- ").strip()
        if t == s:
            break
        s = t
    s = s.replace("A_S_", "A/S").replace("S_A_", "S/A")
    s = re.sub(r"\b(Inc|Corp|Ltd)\.[A-Z]{2}$", r"\1.", s)
    s = PAREN_RE.sub(paren_part, s)
    s = s.replace(" - ", " ")
    s = re.sub(r"^\s*the\s+", "", s, flags=re.I) if len(s.split()) > 1 else s
    s = SPACE_RE.sub(" ", s).strip().rstrip(",;:- ").strip()
    if s.endswith(".") and s.split()[-1].count(".") == 1 and len(s.split()) > 1:
        s = s[:-1]   # 'First BanCorp.'; not 'Skechers U.S.A.'
    return s


def split_suffixes(name: str) -> tuple[list[str], list[str]]:
    """Words of the cleaned name, split into core and trailing legal suffix
    words (as written)."""
    words = name.replace(",", " , ").split()
    words = [w for w in words if w != ","]
    core = list(words)
    suffix: list[str] = []
    changed = True
    while changed and len(core) > 1:
        changed = False
        normed = [norm_token(w) for w in core]
        for suf in LEGAL_SUFFIXES:
            n = len(suf)
            if n >= len(core):
                continue
            if tuple(normed[-n:]) == suf:
                if suf in WEAK_SUFFIXES and not suffix and len(core) - n < 2:
                    continue
                suffix = core[-n:] + suffix
                core = core[:-n]
                changed = True
                break
        # "A/S" written "A S"
    while core and core[-1] in {"&", "and", "-"} and len(core) > 1:
        suffix = [core.pop()] + suffix
    return core, suffix


def is_shell_name(name: str) -> str | None:
    """Reason when the company name is a SPAC / fund / trust nobody writes about."""
    n = " " + SPACE_RE.sub(" ", name.lower().replace(",", " ").replace(".", " ")) + " "
    if re.search(r"\bacquisitions? (corp|corporation|co|company|inc|ltd|limited|holdings|group|corp i|"
                 r"opportunity)\b", n) \
            or re.search(r"\bacquisition (i|ii|iii|iv|v|vi|vii|viii|ix|x|\d+)\b", n) \
            or " capital acquisition" in n or " merger corp" in n or " merger sub" in n \
            or re.search(r"\bspac\b", n) or "blank check" in n:
        return "SPAC / blank check"
    if re.search(r"\b(corp|corporation|co|inc|ltd|limited)\s+(i|ii|iii|iv|v|vi|vii|viii|ix|x)\s*$", n.strip()) :
        return "SPAC / blank check"
    if re.search(r"\bfunds?\b|\bportfolios?\b|\betfs?\b|\betns?\b|\bishares\b|\bproshares\b|\bspdr\b|"
                 r"\bdirexion\b|\bmunicipal\b|\bmuni\b", n):
        return "fund / ETF"
    if re.search(r"\btrust\b", n):
        reit = re.search(
            r"\b(realty|reit|property|properties|mortgage|hospitality|lodging|residential|apartment|apartments|"
            r"homes|housing|office|industrial|storage|healthcare|medical|net lease|land|timber|farmland|"
            r"real estate|assets|hotel|hotels|retail|shopping|centers|commercial)\b",
            n,
        )
        fundy = re.search(
            r"\b(income|dividend|equity|bond|credit|allocation|opportunities|opportunity|strategies|strategy|term|"
            r"duration|yield|royalty|gold|silver|platinum|palladium|bitcoin|ether|ethereum|crypto|solana|xrp|"
            r"commodity|commodities|premium|growth|value|universal|enhanced|sciences|floating|senior|loan|tax|"
            r"advantaged|leveraged|inverse|index|capital trust|preferred|securities|multi|global|utility|"
            r"infrastructure|investment grade|high|limited duration|currency|oil|natural gas|mlp)\b",
            n,
        )
        if fundy and not reit:
            return "trust (fund / royalty)"
    return None


# --------------------------------------------------------------------------
# Casing

def title_word(tok: str) -> str:
    if ROMAN_RE.match(tok.upper()) and tok.isupper():
        return tok.upper()
    letters = [c for c in tok if c.isalpha()]
    if "&" in tok and all(len(p) <= 2 for p in tok.split("&")):
        return tok.upper()
    if len(letters) <= 3 and not any(c in VOWELS for c in letters):
        return tok.upper()
    m = re.match(r"^([A-Za-z]+)(['’])([A-Za-z]+)$", tok)
    if m:
        a, ap, b = m.groups()
        b = b.lower() if len(b) <= 1 else b[:1].upper() + b[1:].lower()
        return a[:1].upper() + a[1:].lower() + ap + b
    return tok[:1].upper() + tok[1:].lower()


class Caser:
    def __init__(self, st: Stats) -> None:
        self.st = st

    def word(self, tok: str, first: bool, hint: dict[str, str], keep_caps: set[str] = frozenset(),
             initial: bool = False) -> str:
        key = tok.lower()
        if initial and len(tok) == 1:
            return tok.upper()   # an initial: 'G. A. Holdings'
        if not first and key in FUNCTION_WORDS:
            return key
        form = self.st.best_form(key, CASE_MIN)
        if form:
            return form
        if key in keep_caps:
            return tok.upper()
        h = hint.get(key)
        if h:
            return h
        return title_word(tok)

    def name(self, name: str, hint_names: list[str] = (), keep_caps: set[str] = frozenset()) -> str:
        """Written case for a name. All-caps names are cased word by word;
        mixed-case names keep their case but recase all-caps words the corpus
        writes otherwise."""
        hint: dict[str, str] = {}
        for h in hint_names:
            if h and not is_all_caps(h):
                for t in TOKEN_RE.findall(h):
                    hint.setdefault(t.lower(), t)
        if is_all_caps(name):
            out = []
            pos = 0
            first = True
            for m in TOKEN_RE.finditer(name):
                out.append(name[pos:m.start()])
                out.append(self.word(m.group(), first, hint, keep_caps, name[m.end():m.end() + 1] == "."))
                first = False
                pos = m.end()
            out.append(name[pos:])
            return "".join(out)
        out = []
        pos = 0
        for m in TOKEN_RE.finditer(name):
            tok = m.group()
            out.append(name[pos:m.start()])
            if tok.isupper() and len(tok) >= 4:
                key = tok.lower()
                form = self.st.best_form(key, RECASE_MIN)
                if form and self.st.caps_share(key) < 0.5:
                    tok = form
            out.append(tok)
            pos = m.end()
        out.append(name[pos:])
        return "".join(out)

    def suffix(self, words: list[str], source_all_caps: bool) -> list[str]:
        if not source_all_caps:
            return [w.rstrip(".") if w.count(".") == 1 else w for w in words]
        table = {"inc": "Inc", "incorporated": "Incorporated", "corp": "Corp", "corporation": "Corporation",
                 "co": "Co", "company": "Company", "cos": "Cos", "companies": "Companies", "ltd": "Ltd",
                 "limited": "Limited", "plc": "Plc", "llc": "LLC", "lp": "LP", "llp": "LLP", "sa": "SA",
                 "ag": "AG", "nv": "NV", "se": "SE", "asa": "ASA", "ab": "AB", "oyj": "Oyj", "spa": "SpA",
                 "bv": "BV", "gmbh": "GmbH", "kgaa": "KGaA", "tbk": "Tbk", "bhd": "Bhd", "berhad": "Berhad",
                 "pty": "Pty", "pte": "Pte", "and": "and", "public": "Public", "sab": "SAB", "de": "de",
                 "cv": "CV", "ltda": "Ltda"}
        out = []
        for w in words:
            k = norm_token(w)
            if w == "&":
                out.append("&")
            elif k in table:
                out.append(table[k])
            else:
                out.append(w.rstrip(".") if w.count(".") == 1 else w)
        return out


def match_key(name: str) -> str:
    """Loose identity for joining lists: cleaned, legal suffixes and trailing
    Holding(s)/Group cut, '&' = 'and', letters and digits only."""
    core, _ = split_suffixes(strip_junk(name))
    words = list(core)
    while len(words) > 1 and norm_token(words[-1]) in HOLDING_WORDS | {"group", "grp", "gp", "international", "intl"}:
        words.pop()
        c2, _ = split_suffixes(" ".join(words))
        words = list(c2)
    if words and norm_token(words[0]) == "the" and len(words) > 1:
        words = words[1:]
    return letters_key(" ".join(words).replace("&", " and "))


# --------------------------------------------------------------------------
# Reference lists

DESC_RE = re.compile(
    r"\s+(?:-\s+)?(?:New\s+)?(?:"
    r"Class\s+[A-Z0-9]\b|Series\s+[A-Z0-9]+\b|Common\b|Ordinary\b|American\s+Deposit[ao]ry|ADS\b|ADR\b|"
    r"Depositary\b|Depository\b|Sponsored\b|Capital\s+Stock\b|Shares\s+of\s+Beneficial|Units?\b|"
    r"Warrants?\b|Rights?\b|Pfd\b|Preferred\b|\d+(?:\.\d+)?\s*%|Notes?\s+due\b|Subordinate\s+Voting|"
    r"Non-Voting\b|Limited\s+Partnership\b|Shares\b|Stock\b|Trust\s+Units\b|ETF\b|ETN\b|"
    r"Fixed-to-Floating\b|Fixed-Rate\b|Senior\s+Notes\b|Subordinated\b|Debentures?\b|When[- ]Issued\b|"
    r"Closed\s+End\s+Fund\b|Beneficial\s+Interest\b|Voting\b|Tracking\b)",
    re.I,
)


NT_JUNK_RE = re.compile(
    r"\s+(?:New|\(New\)|Registered|Unsponsored|Sponsored|Sponosred|NY Registry|New York Registry|Registry|"
    r"REIT|Common|\(Delaware\)\s*Common|\(Holding Company\)\s*Common|\(Delaware\)|[A-Z])$",
    re.I,
)
COMPARE_WORDS = {"corp": "corporation", "co": "company", "inc": "incorporated", "ltd": "limited",
                 "intl": "international", "&": "and", "natl": "national", "mfg": "manufacturing"}


def compare_tokens(name: str) -> list[str]:
    """Words of a name for comparing two lists' spellings: suffixes cut,
    lowercase, dots split ('D.R.' = 'D R'), '&' = 'and', Corp = Corporation."""
    core, _ = split_suffixes(strip_junk(name))
    out = []
    for w in " ".join(core).replace("&", " & ").split():
        for part in re.split(r"[.\-']", ascii_fold(w).lower()):
            part = re.sub(r"[^a-z0-9&]", "", part)
            if part:
                out.append(COMPARE_WORDS.get(part, part))
    return out


def same_name(a: str, b: str) -> bool:
    ta, tb = compare_tokens(a), compare_tokens(b)
    if not ta or not tb:
        return False
    return "".join(ta) == "".join(tb) or sorted(ta) == sorted(tb)


def nt_issuer(security_name: str, nasdaq: bool) -> str:
    s = security_name.strip()
    if nasdaq and " - " in s:
        s = s.split(" - ")[0]
    else:
        m = DESC_RE.search(s)
        if m and m.start() > 0:
            s = s[: m.start()]
    s = s.strip().rstrip(",;- ").strip()
    s = re.sub(r"^(?:DBA|D/B/A)\s+", "", s)
    for _ in range(3):
        s = NT_JUNK_RE.sub("", s).strip().rstrip(",;- ").strip()
    w = s.split()
    if len(w) % 2 == 0 and w and w[: len(w) // 2] == w[len(w) // 2:]:
        s = " ".join(w[: len(w) // 2])
    return s


def security_type(desc: str, etf: str, test: str, symbol: str = "") -> str:
    d = desc.lower()
    if test == "Y":
        return "test issue"
    if "$" in symbol:
        return "preferred"   # Nasdaq Trader writes preferred series as BAC$K
    if etf == "Y" or re.search(r"\betf\b|exchange traded fund|\bishares\b", d):
        return "ETF"
    if re.search(r"\betns?\b|exchange[- ]traded notes?", d):
        return "ETN"
    if re.search(r"when[- ]issued", d):
        return "when issued"
    if re.search(r"closed[- ]end fund", d):
        return "closed-end fund"
    if re.search(r"american deposit[ao]ry|\bads\b|\badr\b", d) and "%" not in d and "warrant" not in d:
        return "common"
    if re.search(r"\bunits?,? each|\bunits? consist", d):
        return "unit"
    if re.search(r"\bwarrants?\b", d):
        return "warrant"
    if re.search(r"\d(\.\d+)?\s*%", d):
        return "preferred"
    if re.search(r"ordinary shares?|common stock|common shares?", d) and not re.search(r"preferred (stock|shares?)", d):
        return "common"
    if re.search(r"preferred|preference|\bpfd\b|\bprd\b|cumulative|perpetual|\bdep(ositary)? sh", d):
        return "preferred"
    if re.search(r"\bnotes?\b|debentures?|\bbonds?\b|\bdue (19|20)\d\d\b|\bzones\b", d):
        return "notes"
    if re.search(r"\bunits?\b", d) and not re.search(
            r"common units|partnership|partner|beneficial|trust units|units of|depositary units", d):
        # SPAC units say what they consist of; a partnership's or REIT's units are its equity
        if re.search(r"\bunits?,? each|consisting|- units?$|tangible|corporate unit|equity unit", d) \
                or not re.search(r"\b(l\.?p\.?|llc|real estate|reit|trust)\b", d):
            return "unit"
        return "common"
    if re.search(r"\brights?\b", d) and not re.search(r"common|ordinary", d):
        return "right"
    if re.search(r"depositary shares?,? each representing a? ?\d*/?[\d,]*(th|st|nd|rd)? ", d) and "american" not in d:
        return "preferred"
    return "common"


def ticker_type(ticker: str, sec_exchange: str) -> str:
    t = ticker.upper()
    if re.search(r"-P[A-Z]?$|-P-[A-Z]$|\$", t):
        return "preferred"
    if re.search(r"-UN?$|\.U$", t):
        return "unit"
    if re.search(r"-WS?$|-WT$|\.W[S]?$", t):
        return "warrant"
    if re.search(r"-RT?$|-RI$", t):
        return "right"
    if sec_exchange == "Nasdaq" and len(t) == 5 and "-" not in t:
        if t.endswith("W"):
            return "warrant"
        if t.endswith("U"):
            return "unit"
        if t.endswith("R"):
            return "right"
    return "common"


def load_nt(ref: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for fname, nasdaq in ((NT_NASDAQ, True), (NT_OTHER, False)):
        path = os.path.join(ref, fname)
        if not os.path.exists(path):
            fail(f"Nasdaq Trader file missing: {path}")
        rows = list(csv.reader(io.StringIO(read_gz_text(path)), delimiter="|"))
        header = rows[0]
        col = {h: i for i, h in enumerate(header)}
        for r in rows[1:]:
            if not r or r[0].startswith("File Creation Time") or len(r) < len(header) - 1:
                continue
            if nasdaq:
                sym, name = r[col["Symbol"]], r[col["Security Name"]]
                mic = "XNAS"
                etf, test = r[col["ETF"]], r[col["Test Issue"]]
            else:
                sym, name = r[col["ACT Symbol"]], r[col["Security Name"]]
                mic = NT_EXCHANGE_MIC.get(r[col["Exchange"]], "")
                etf, test = r[col["ETF"]], r[col["Test Issue"]]
            out[sym] = {
                "symbol": sym,
                "name": name.strip(),
                "mic": mic,
                "issuer": nt_issuer(name, nasdaq),
                "type": security_type(name, etf, test, sym),
                "ads": bool(re.search(r"american deposit|\bads\b|\badr\b", name, re.I)),
                "ordinary": bool(re.search(r"ordinary share", name, re.I)),
            }
    return out


def load_sec(ref: str) -> tuple[list[tuple[int, str, str, str]], dict[int, str]]:
    path = os.path.join(ref, SEC_TSV)
    jpath = os.path.join(ref, SEC_JSON)
    for p in (path, jpath):
        if not os.path.exists(p):
            fail(f"SEC file missing: {p}")
    rows = []
    lines = read_gz_text(path).split("\n")
    header = lines[0].split("\t")
    if header[:4] != ["cik", "name", "ticker", "exchange"]:
        fail(f"{path}: unexpected header {header}")
    for line in lines[1:]:
        if not line.strip():
            continue
        p = line.split("\t")
        while len(p) < 4:
            p.append("")
        rows.append((int(p[0]), p[1].strip(), p[2].strip(), p[3].strip()))
    data = json.loads(read_gz_text(jpath))
    titles: dict[int, str] = {}
    extra = []
    have = {r[2] for r in rows}
    for k in sorted(data, key=lambda x: int(x)):
        v = data[k]
        cik = int(v["cik_str"])
        titles.setdefault(cik, v["title"].strip())
        if v["ticker"] not in have:
            extra.append((cik, v["title"].strip(), v["ticker"].strip(), "?"))
    return rows + extra, titles


def load_hkex(ref: str) -> list[dict]:
    path = os.path.join(ref, HKEX)
    if not os.path.exists(path):
        fail(f"HKEX file missing: {path}")
    rows = list(csv.reader(io.StringIO(read_gz_text(path))))
    if len(rows) < 4 or rows[2][:3] != ["Stock Code", "Name of Securities", "Category"]:
        fail(f"{path}: expected the title, date and header rows first")
    col = {h.strip(): i for i, h in enumerate(rows[2])}
    out = []
    for r in rows[3:]:
        if len(r) < 4 or not r[0].strip():
            continue
        out.append({
            "code": r[0].strip(),
            "name": r[1].strip(),
            "category": r[col["Category"]].strip(),
            "sub": r[col["Sub-Category"]].strip(),
            "currency": r[col["Trading Currency"]].strip() if "Trading Currency" in col else "",
        })
    return out


def load_mics(ref: str) -> dict[str, str]:
    path = os.path.join(ref, MIC_CSV)
    if not os.path.exists(path):
        fail(f"ISO 10383 file missing: {path}")
    rows = list(csv.reader(io.StringIO(read_gz_text(path))))
    col = {h: i for i, h in enumerate(rows[0])}
    return {r[col["MIC"]]: r[col["STATUS"]] for r in rows[1:] if r}


def load_yahoo(ref: str) -> set[str]:
    path = os.path.join(ref, YAHOO)
    if not os.path.exists(path):
        fail(f"Yahoo suffix table missing: {path}")
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3 and p[2].startswith("."):
                out.add(p[2])
    return out


def read_tsv(path: str) -> tuple[list[str], list[str], list[tuple[int, dict[str, str]]]]:
    comments, header, rows = [], None, []
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.startswith("#"):
                comments.append(line)
                continue
            fields = [x.strip() for x in line.split("\t")]
            if header is None:
                header = fields
                continue
            if len(fields) > len(header):
                fail(f"{path}:{n}: {len(fields)} fields but the header has {len(header)} columns")
            rows.append((n, {h: (fields[i] if i < len(fields) else "") for i, h in enumerate(header)}))
    if header is None:
        fail(f"{path}: no header row")
    return comments, header, rows


# --------------------------------------------------------------------------
# Entities

class Ent:
    __slots__ = ("id", "canonical", "type", "aliases", "tickers", "country", "parent", "case", "context",
                 "sources", "curated", "line", "keys", "cik", "code", "names_pref", "short", "second",
                 "order", "policy_given", "notes", "fixed_case", "fixed_context", "ads", "nt_missing",
                 "written")

    def __init__(self) -> None:
        self.id = ""
        self.canonical = ""
        self.type = "company"
        self.aliases: list[str] = []
        self.tickers: list[str] = []
        self.country = ""
        self.parent = ""
        self.case = ""
        self.context = ""
        self.sources: set[str] = set()
        self.curated = False
        self.line = 0
        self.keys: set[str] = set()
        self.cik = 0
        self.code = ""
        self.names_pref: list[str] = []   # generated: canonical fallbacks, in order
        self.short = ""                    # generated: short-name candidate
        self.second = ""                   # lowercase second word of the canonical
        self.order: tuple = ()
        self.policy_given = False
        self.notes: list[str] = []
        self.fixed_case = ""
        self.fixed_context = ""
        self.ads = False
        self.nt_missing = False

    def symbols(self) -> list[str]:
        return [t.split("@")[0] for t in self.tickers]

    def add_ticker(self, t: str) -> bool:
        sym = norm_symbol(t.split("@")[0])
        if sym in {norm_symbol(s) for s in self.symbols()}:
            return False
        self.tickers.append(t)
        return True

    def add_alias(self, a: str) -> None:
        k = name_key(a)
        if not a or k == name_key(self.canonical) or any(name_key(x) == k for x in self.aliases):
            return
        self.aliases.append(a)

    def all_names(self) -> list[str]:
        return [self.canonical] + self.aliases

    def source(self) -> str:
        return "+".join(s for s in ("curated", "sec", "hkex") if s in self.sources)


def norm_symbol(sym: str) -> str:
    """Class-share separators compared alike: BRK.B = BRK-B = BRK/B."""
    return re.sub(r"[-/]", ".", sym.upper())


def hk_symbol(code: str) -> str:
    c = code.strip()
    if len(c) == 5 and c[0] == "0":
        c = c[1:]
    return f"{c}.HK"


class Builder:
    def __init__(self, shared: str, st: Stats, caser: Caser, ordinary: set[str]) -> None:
        self.shared = shared
        self.ref = os.path.join(shared, "corpora", "reference")
        self.st = st
        self.caser = caser
        self.ordinary = ordinary
        self.drops: collections.Counter = collections.Counter()
        self.drop_examples: dict[str, list[str]] = collections.defaultdict(list)
        self.messy: list[str] = []
        self.warnings: list[str] = []
        self.names_differ: list[tuple[str, str, str]] = []
        self.links: list[str] = []
        self.unit_only: list[str] = []

    def drop(self, reason: str, example: str) -> None:
        self.drops[reason] += 1
        if len(self.drop_examples[reason]) < 5:
            self.drop_examples[reason].append(example)

    # -- word tests ---------------------------------------------------------
    def plain_word_ok(self, word: str) -> bool:
        """A single word that can stand alone as a company name."""
        k = word.lower()
        return not (k in self.ordinary or k in GENERIC_WORDS or k in FUNCTION_WORDS
                    or self.st.ever_person_place(k))

    def short_ok(self, word: str, second: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        if len(letters) < 4 or not re.fullmatch(r"[A-Za-z][A-Za-z.&'-]*[A-Za-z]", word):
            return False
        k = word.lower()
        if not self.plain_word_ok(word) or self.st.mostly_lower(k):
            return False
        if self.st.mostly_before_other(k, second):
            return False
        # Mostly the second word of other names ("Chatbot Arena", "Fox News").
        total = self.st.captotal[k]
        if total >= FOLLOW_MIN and self.st.after_cap[k] * 2 > total:
            return False
        return True

    # -- name forms ---------------------------------------------------------
    def forms(self, base: str, others: list[str], hints: list[str], keep_caps: set[str] = frozenset()) -> dict:
        """Canonical, full name, legal-suffix forms for a company name."""
        clean = strip_junk(base)
        core, suffix = split_suffixes(clean)
        core_s = " ".join(core)
        cased_core = self.caser.name(core_s, hints, keep_caps)
        cwords = cased_core.split()
        short_words = list(cwords)
        if len(short_words) > 1 and norm_token(short_words[-1]) in HOLDING_WORDS:
            rest = short_words[:-1]
            rest_core, _ = split_suffixes(" ".join(rest))
            letters = sum(c.isalpha() for w in rest_core for c in w)
            # "National Bank Holdings" keeps "Holdings": "National Bank" alone
            # is everyone's name. The rest needs a word that stands alone.
            if letters >= 4 and any(self.plain_word_ok(w) for w in rest_core):
                short_words = rest_core
        canonical = " ".join(short_words)
        full = cased_core
        legal = []
        allcaps = is_all_caps(clean)
        if suffix:
            legal.append(full + " " + " ".join(self.caser.suffix(suffix, allcaps)).replace(" ,", ","))
        ck = letters_key(core_s)
        for o in others:
            if not o:
                continue
            oc, osuf = split_suffixes(strip_junk(o))
            if letters_key(" ".join(oc)) == ck and osuf:
                legal.append(full + " " + " ".join(self.caser.suffix(osuf, is_all_caps(o))))
        legal = [re.sub(r"\s+", " ", x).replace(" ,", ",").strip() for x in legal]
        return {"canonical": canonical, "full": full, "legal": legal, "core": core}

    # -- curated ------------------------------------------------------------
    def read_curated(self) -> tuple[list[Ent], str]:
        path = CURATED
        mode = "curated"
        if not os.path.exists(path):
            path = LEGACY
            mode = "legacy"
            if not os.path.exists(path):
                fail(f"neither {CURATED} nor {LEGACY} exists")
        comments, header, rows = read_tsv(path)
        generated = any(GENERATED_MARK in c for c in comments)
        if mode == "legacy" and generated:
            mode = "fixpoint"
        if "id" not in header or "canonical" not in header:
            fail(f"{path}: header must name `id` and `canonical`")
        out = []
        for n, r in rows:
            if mode == "fixpoint" and "curated" not in r.get("source", "").split("+"):
                continue
            e = Ent()
            e.curated = True
            e.line = n
            e.id = r["id"]
            e.canonical = r["canonical"]
            if not e.id or not e.canonical:
                fail(f"{path}:{n}: empty id or canonical")
            e.type = r.get("type", "") or "company"
            e.written = set()
            for a in (r.get("aliases", "") or "").split("|"):
                if a.strip():
                    e.add_alias(a.strip())
                    e.written.add(a.strip())
            for t in (r.get("tickers", "") or "").split(";"):
                if t.strip():
                    if not e.add_ticker(t.strip()):
                        fail(f"{path}:{n}: {e.id}: ticker {t.strip()} twice")
            e.country = r.get("country", "")
            e.parent = r.get("parent", "")
            e.policy_given = "case" in header and mode == "curated"
            e.fixed_case = r.get("case", "")
            e.fixed_context = r.get("context", "")
            e.sources = {"curated"}
            e.order = (0, len(out))
            out.append(e)
        if mode == "curated":
            return out, os.path.relpath(path, REPO)
        return out, ("gazetteers/companies.tsv (its curated rows: gazetteers/curated/companies.tsv does not "
                     "exist yet)")

    # -- US ------------------------------------------------------------------
    def build_us(self, curated: list[Ent]) -> tuple[list[Ent], dict]:
        nt = load_nt(self.ref)
        sec_rows, titles = load_sec(self.ref)
        self.sec_rows = len(sec_rows)
        self.nt_rows = len(nt)
        by_cik: dict[int, dict] = {}
        order: list[int] = []
        otc: dict[int, dict] = {}
        unit_ciks: set[int] = set()
        for cik, name, ticker, exch in sec_rows:
            sym = ticker.replace("-", ".")
            ntrow = nt.get(sym)
            if ntrow is None:
                for alt in (re.sub(r"-UN$", ".U", ticker), re.sub(r"-P([A-Z])$", r"$\1", ticker)):
                    if alt in nt:
                        sym, ntrow = alt, nt[alt]
                        break
            if exch == "?":
                if ntrow and ntrow["mic"]:
                    exch = MIC_SEC_EXCHANGE.get(ntrow["mic"], "")
                else:
                    self.drop("SEC row: no exchange", f"{ticker} {name}")
                    continue
            if exch == "OTC":
                d = otc.setdefault(cik, {"name": titles.get(cik, name), "old": name, "tickers": []})
                d["tickers"].append(ticker)
                continue
            if exch not in ("Nasdaq", "NYSE", "CBOE"):
                self.drop("SEC row: no exchange", f"{ticker} {name}")
                continue
            if ntrow:
                typ = ntrow["type"]
                mic = ntrow["mic"] or SEC_EXCHANGE_MIC[exch]
            else:
                typ = ticker_type(ticker, exch)
                mic = SEC_EXCHANGE_MIC[exch]
            if typ == "unit" and not (ntrow and re.search(r"tangible|equity unit|corporate unit", ntrow["name"], re.I)):
                unit_ciks.add(cik)
            if typ == "closed-end fund" and not is_shell_name(strip_junk(name)):
                typ = "common"   # business development companies (Ares Capital): written about
            if typ != "common":
                self.drop(f"SEC row: {typ}", f"{ticker} {name}")
                continue
            d = by_cik.get(cik)
            if d is None:
                d = {"cik": cik, "name": titles.get(cik, name), "old": name, "listings": [], "nt": []}
                by_cik[cik] = d
                order.append(cik)
            d["listings"].append((sym if ntrow else ticker.replace("-", "."), mic, bool(ntrow)))
            if ntrow:
                d["nt"].append(ntrow)
        self.us_ciks_seen = len(order)
        ents: list[Ent] = []
        for i, cik in enumerate(order):
            d = by_cik[cik]
            issuer = d["nt"][0]["issuer"] if d["nt"] else ""
            names = [d["name"], d["old"], issuer]
            reason = None
            for n in names:
                if n:
                    reason = reason or is_shell_name(strip_junk(n))
            if not reason and cik in unit_ciks and any(
                    re.search(r"class a|ordinary share", n["name"], re.I) for n in d["nt"]):
                reason = "SPAC / blank check"
                self.unit_only.append(f"{d['listings'][0][0]} {d['name']}")
            if reason:
                self.drop(f"US company: {reason}", f"{d['listings'][0][0]} {d['name']}")
                continue
            foreign = any(n["ads"] or n["ordinary"] for n in d["nt"])
            extra_names = []
            if issuer and (same_name(issuer, d["name"]) or same_name(issuer, d["old"])):
                base = issuer
                humps = lambda x: len(re.findall(r"[a-z][A-Z]", x))  # noqa: E731
                if not is_all_caps(d["name"]) and same_name(issuer, d["name"]) and humps(d["name"]) > humps(issuer):
                    base = d["name"]   # the SEC title keeps the brand's inner capitals: AppLovin, not Applovin
            elif issuer and is_all_caps(d["name"]) and any(n["ads"] for n in d["nt"]) \
                    and self.nt_name_sane(issuer, d["name"]):
                base = issuer   # an ADR: the home-market name, not the SEC's English translation
                self.names_differ.append((d["listings"][0][0], d["name"], issuer, "ADR: Nasdaq Trader name"))
            else:
                base = d["name"]
                if issuer:
                    self.names_differ.append((d["listings"][0][0], d["name"], issuer, "SEC name"))
            if d["old"] != d["name"] and not same_name(d["old"], d["name"]) and not same_name(d["old"], base):
                extra_names.append(d["old"])   # a rename: the SEC's older title
            f = self.forms(base, [d["name"], d["old"], issuer], [issuer, d["name"], d["old"]])
            e = Ent()
            e.cik = cik
            e.ads = any(n["ads"] for n in d["nt"])
            e.nt_missing = not d["nt"]
            e.canonical = f["canonical"]
            e.sources = {"sec"}
            e.order = (2, i)
            e.names_pref = [f["canonical"], f["full"]] + f["legal"]
            if f["full"] != f["canonical"]:
                e.add_alias(f["full"])
            for l in f["legal"]:
                e.add_alias(l)
            for old in extra_names:
                if not is_shell_name(strip_junk(old)) and not re.match(r"^new\b", old, re.I):
                    fo = self.forms(old, [], [issuer])
                    e.add_alias(fo["canonical"])
                    e.notes.append(f"older SEC name {old!r}")
            in_nt = any(x[2] for x in d["listings"])
            for sym, mic, found in d["listings"]:
                if in_nt and not found:
                    self.drop("SEC row: not in Nasdaq Trader, other line of a listed company", f"{sym} {d['name']}")
                    continue
                e.add_ticker(f"{sym}@{mic}")
            _, suf = split_suffixes(strip_junk(base))
            sufn = tuple(norm_token(w) for w in suf)
            if foreign or any(sufn[j:] in FOREIGN_FORMS for j in range(len(sufn))):
                e.country = ""
            else:
                e.country = "US"
            words = e.canonical.split()
            if len(words) >= 2:
                e.short = words[0]
                e.second = words[1].lower()
            e.keys = {match_key(base), match_key(d["name"])}
            ents.append(e)
        return ents, otc

    # -- curated merge --------------------------------------------------------
    def index_curated(self, curated: list[Ent]) -> None:
        self.cur_by_symbol: dict[str, Ent] = {}
        for e in curated:
            for s in e.symbols():
                self.cur_by_symbol[norm_symbol(s)] = e
        keys: dict[str, list[Ent]] = collections.defaultdict(list)
        first: dict[str, list[Ent]] = collections.defaultdict(list)
        for e in curated:
            # one-word aliases ('Lucent', 'Goldman') are too loose to join lists by
            for n in [e.canonical] + [a for a in e.aliases if len(a.split()) >= 2]:
                k = match_key(n)
                if k and e not in keys[k]:
                    keys[k].append(e)
            w = e.canonical.split()[0]
            if len(w) >= 4 and w.isalpha() and self.plain_word_ok(w) and not self.st.mostly_lower(w.lower()):
                first[letters_key(w)].append(e)
        self.cur_by_key = {k: v[0] for k, v in keys.items() if len(v) == 1}
        one: dict[str, list[Ent]] = collections.defaultdict(list)
        for e in curated:
            if e.country in ("CN", "HK", "MO", ""):
                for a in e.aliases:
                    if len(a.split()) == 1:
                        one[match_key(a)].append(e)
        self.cur_by_alias1 = {k: v[0] for k, v in one.items() if len(v) == 1 and k not in self.cur_by_key}
        self.cur_first = {k: v[0] for k, v in first.items() if len(v) == 1}
        self.cur_names = {name_key(n): e for e in curated for n in e.all_names()}

    @staticmethod
    def chinese(e: Ent) -> bool:
        """A curated entity that HKEX may list under its own name (by name only:
        a Singapore 'Sea Ltd' is not HKEX's 'SEA HOLDINGS')."""
        return e.country in ("CN", "HK", "MO", "")

    @staticmethod
    def nt_name_sane(nt: str, sec: str) -> bool:
        """Nasdaq Trader's ADR issuer name is usable: not the SEC name plus junk,
        no repeated words, not a string of abbreviations ('Comp En De Mn Cemig')."""
        a, b = compare_tokens(nt), compare_tokens(sec)
        if not a:
            return False
        if len(b) and any(a[i:i + len(b)] == b for i in range(len(a))):
            return False
        if len(a) > 8 or len(set(a)) < len(a):
            return False
        short = [w for w in a if len(w) <= 3 and w not in FUNCTION_WORDS]
        return len(short) < 2

    @staticmethod
    def same_words(hk_name: str, canonical: str) -> bool:
        """Two or more words, the same words (HKEX 'YUM CHINA' = 'Yum China')."""
        a = [w for w in compare_tokens(hk_name) if w not in HOLDING_WORDS and w != "group"]
        b = [w for w in compare_tokens(canonical) if w not in HOLDING_WORDS and w != "group"]
        return len(a) >= 2 and a == b

    def curated_target(self, e: Ent) -> tuple[Ent | None, str]:
        for s in e.symbols():
            if norm_symbol(s) in self.cur_by_symbol:
                return self.cur_by_symbol[norm_symbol(s)], "ticker"
        for k in sorted(e.keys):
            if k in self.cur_by_key:
                return self.cur_by_key[k], "name"
        return None, ""

    def merge(self, target: Ent, e: Ent, why: str) -> None:
        """Adds a generated entity's tickers and full-name aliases to `target`."""
        for t in e.tickers:
            sym, mic = t.split("@")
            have = [x for x in target.tickers if norm_symbol(x.split("@")[0]) == norm_symbol(sym)]
            if have:
                if have[0] != t:
                    self.messy.append(f"{target.id}: curated ticker {have[0]}, the lists say {t} (curated kept)")
                continue
            target.add_ticker(t)
        for a in e.aliases:
            owner = self.cur_names.get(name_key(a))
            if target.curated and " " not in a.strip() and not self.plain_word_ok(a):
                continue  # "News" of News Corp: no alias for a curated row
            if owner is None or owner is target:
                if target.curated and owner is None:
                    self.cur_names[name_key(a)] = target
                target.add_alias(a)
        if target.curated:
            owner = self.cur_names.get(name_key(e.canonical))
            # A one-word list name ("News" of News Corp) is no alias for a
            # curated row unless it can stand alone.
            lone = " " not in e.canonical.strip()
            if owner is None and (not lone or self.plain_word_ok(e.canonical)):
                self.cur_names[name_key(e.canonical)] = target
                target.add_alias(e.canonical)
        else:
            target.add_alias(e.canonical)
        target.sources |= e.sources
        if e.cik and not target.cik:
            target.cik = e.cik
        self.links.append(f"{why}: {e.canonical} ({';'.join(e.tickers)}) -> {target.id or target.canonical}")

    # -- HKEX ----------------------------------------------------------------
    def build_hkex(self, curated: list[Ent], us: list[Ent], otc: dict) -> list[Ent]:
        rows = load_hkex(self.ref)
        self.hk_rows = len(rows)
        gen_by_key: dict[str, list[Ent]] = collections.defaultdict(list)
        for e in us:
            for n in [e.canonical] + e.aliases:
                k = match_key(n)
                if e not in gen_by_key[k]:
                    gen_by_key[k].append(e)
        us_by_symbol = {s: e for e in us for s in e.symbols()}
        for e in curated:
            for s in e.symbols():
                us_by_symbol.setdefault(s, e)
        otc_by_key: dict[str, list[int]] = collections.defaultdict(list)
        for cik in sorted(otc):
            otc_by_key[match_key(otc[cik]["name"])].append(cik)
        self.hk_by_key: dict[str, Ent] = {}
        out: list[Ent] = []
        for i, r in enumerate(rows):
            cat, sub, name, code = r["category"], r["sub"], r["name"], r["code"]
            ex = f"{code} {name}"
            if cat not in ("Equity", "Real Estate Investment Trusts"):
                self.drop(f"HKEX: {cat or 'no category'}", ex)
                continue
            if sub == "Investment Companies":
                self.drop("HKEX: investment company (fund)", ex)
                continue
            if sub == "Trading Only Securities":
                self.drop("HKEX: trading-only line of a foreign stock", ex)
                continue
            base, marker = name, ""
            m = re.match(r"^(.*?)-([A-Z]+)$", name)
            if m and m.group(2) in HK_MARKERS | {"R", "WR", "SWR", "OLD", "T"}:
                base, marker = m.group(1).strip(), m.group(2)
            if r["currency"] == "RMB" or marker in ("R", "WR", "SWR"):
                self.drop("HKEX: RMB counter (duplicate line)", ex)
                continue
            if marker == "OLD":
                self.drop("HKEX: temporary parallel-trading counter", ex)
                continue
            words = [HK_ABBREV.get(w, w) for w in base.replace(",", " ").split()]
            expanded = " ".join(words)
            key = match_key(expanded)
            sym = hk_symbol(code)
            ticker = f"{sym}@XHKG"
            target = None
            why = ""
            if sym in self.cur_by_symbol:
                target, why = self.cur_by_symbol[sym], "HKEX code is a curated ticker"
            elif key in self.cur_by_key and (self.chinese(self.cur_by_key[key]) or marker in ("S", "SW", "SS")):
                target, why = self.cur_by_key[key], "HKEX name = curated name"
            elif key in self.cur_first and (self.chinese(self.cur_first[key]) or marker in ("S", "SW", "SS")):
                target, why = self.cur_first[key], "HKEX name = first word of a curated name"
            elif key in self.cur_by_alias1:
                target, why = self.cur_by_alias1[key], "HKEX name = one-word alias of a Chinese curated entity"
            elif key in gen_by_key and len(gen_by_key[key]) == 1 and (
                    marker in ("S", "SW", "W", "SS") or gen_by_key[key][0].ads
                    or self.same_words(expanded, gen_by_key[key][0].canonical)):
                target, why = gen_by_key[key][0], "HKEX name = US entity name"
            elif marker in ("S", "SW", "W", "SS") and re.sub(r"[^A-Z]", "", base) in us_by_symbol \
                    and re.fullmatch(r"[A-Z.]{1,6}", base):
                target, why = us_by_symbol[re.sub(r"[^A-Z]", "", base)], "HKEX secondary listing = US ticker"
            if target is not None:
                if sym in target.symbols():
                    pass
                else:
                    if any(t.endswith("@XHKG") for t in target.tickers) and target.curated:
                        self.messy.append(f"HKEX {ex}: matches {target.id} by name, which already has "
                                          f"{[t for t in target.tickers if t.endswith('@XHKG')]}; not linked")
                        target = None
                    else:
                        target.add_ticker(ticker)
                        target.sources.add("hkex")
                        self.links.append(f"{why}: {ex} -> {target.id or target.canonical}")
                if target is not None:
                    self.hk_by_key.setdefault(key, target)
                    continue
            if key in self.hk_by_key and "hkex" in self.hk_by_key[key].sources and not self.hk_by_key[key].curated:
                same = self.hk_by_key[key]
                same.add_ticker(ticker)
                self.messy.append(f"HKEX {ex}: same short name as {';'.join(same.tickers[:-1])} (parallel counter?); "
                                  "both codes on one entity")
                continue
            otc_match = otc_by_key.get(key, [])
            e = Ent()
            e.code = code
            e.order = (3, i)
            e.sources = {"hkex"}
            if len(otc_match) == 1:
                o = otc[otc_match[0]]
                f = self.forms(o["name"], [o["old"]], [])
                e.notes.append(f"name from OTC/SEC {o['name']!r}")
            else:
                # HKEX short names: a word of <= 3 letters is an acronym (CKI, TCL) unless the corpus says otherwise
                acronyms = {w.lower() for w in TOKEN_RE.findall(expanded) if len(w) <= 3}
                f = self.forms(expanded, [], [], acronyms)
                cw = f["canonical"].split()
                full_words = f["full"].split()
                distinctive = len(full_words) >= 2 or (
                    len(cw) == 1 and sum(c.isalpha() for c in cw[0]) >= 5 and self.plain_word_ok(cw[0])) or (
                    len(cw) == 1 and self.st.capmid_total(cw[0].lower()) >= CASE_MIN and self.plain_word_ok(cw[0])
                    and sum(c.isalpha() for c in cw[0]) >= 3)
                if not distinctive:
                    self.drop("HKEX: short name not distinctive", ex)
                    continue
            e.canonical = f["canonical"]
            e.names_pref = [f["canonical"], f["full"]] + f["legal"]
            if f["full"] != f["canonical"]:
                e.add_alias(f["full"])
            for l in f["legal"]:
                e.add_alias(l)
            e.add_ticker(ticker)
            e.keys = {key}
            cw = e.canonical.split()
            if len(cw) >= 2:
                e.short, e.second = cw[0], cw[1].lower()
            self.hk_by_key.setdefault(key, e)
            out.append(e)
        return out

    # -- OTC -----------------------------------------------------------------
    def link_otc(self, otc: dict, cik_to_ent: dict[int, Ent]) -> None:
        for cik in sorted(otc):
            o = otc[cik]
            ex = f"{','.join(o['tickers'])} {o['name']}"
            target = cik_to_ent.get(cik)
            why = "OTC line of a kept company (same CIK)"
            if target is not None and not target.curated and "hkex" not in target.sources:
                for _ in o["tickers"]:
                    self.drop("OTC row: extra line of a listed company, not curated / HKEX", ex)
                continue
            key = match_key(o["name"])
            if target is None and key in self.cur_by_key:
                target, why = self.cur_by_key[key], "OTC name = curated name"
            if target is None and key in self.hk_by_key:
                target, why = self.hk_by_key[key], "OTC name = HKEX name"
            if target is None:
                for _ in o["tickers"]:
                    self.drop("OTC row: not curated, not on HKEX", ex)
                continue
            added = False
            same_cik = why.startswith("OTC line")
            for t in o["tickers"]:
                adr = len(t) == 5 and t[-1] in "YF"
                if not (adr or (not same_cik and len(t) <= 4 and t.isalpha())):
                    self.drop("OTC row: not an ADR / foreign ordinary line", f"{t} {o['name']}")
                    continue
                if norm_symbol(t) in self.cur_by_symbol and self.cur_by_symbol[norm_symbol(t)] is not target:
                    self.messy.append(f"OTC {t} already a ticker of {self.cur_by_symbol[norm_symbol(t)].id}")
                    continue
                added |= target.add_ticker(f"{t}@OOTC")
            f = self.forms(o["name"], [o["old"]], [])
            for a in [f["full"]] + f["legal"]:
                if target.curated:
                    if self.cur_names.get(name_key(a)) in (None, target):
                        self.cur_names[name_key(a)] = target
                        target.add_alias(a)
                else:
                    target.add_alias(a)
            target.sources.add("sec")
            if added:
                self.links.append(f"{why}: {ex} -> {target.id or target.canonical}")

    # -- names, ids, policies ------------------------------------------------
    def claim_names(self, curated: list[Ent], models: list[tuple[str, list[str]]], gen: list[Ent]) -> list[Ent]:
        owner: dict[str, object] = {}
        for e in curated:
            for n in e.all_names():
                k = name_key(n)
                if k in owner and owner[k] is not e:
                    o = owner[k]
                    fail(f"curated name {n!r} of {e.id} (line {e.line}) already belongs to "
                         f"{getattr(o, 'id', o)}")
                owner[k] = e
        for mid, names in models:
            for n in names:
                k = name_key(n)
                if k in owner and owner[k] != "model:" + mid:
                    o = owner[k]
                    self.warnings.append(f"model {mid}: name {n!r} also a company name of {getattr(o, 'id', o)}")
                    continue
                owner[k] = "model:" + mid
        kept: list[Ent] = []
        for e in sorted(gen, key=lambda x: x.order):
            chosen = None
            for c in e.names_pref:
                if c and name_key(c) not in owner and re.search(r"[A-Za-z]", c):
                    chosen = c   # a name needs a letter: '111' would match every 111; '111 Inc' will do
                    break
            if chosen is None and e.tickers:
                c = f"{e.canonical} ({e.symbols()[0].replace('.HK', '')})"
                if name_key(c) not in owner:
                    chosen = c   # three companies are called First Bancorp: 'First Bancorp (FBNC)'
            if chosen is None:
                o = owner.get(name_key(e.canonical))
                self.drop("name taken by another entity (same name, other company)",
                          f"{e.canonical} ({';'.join(e.tickers)}) vs "
                          f"{getattr(o, 'id', '') or getattr(o, 'canonical', o)}")
                continue
            if chosen != e.canonical:
                self.messy.append(f"canonical {e.canonical!r} ({';'.join(e.tickers)}) taken or no name; "
                                  f"using {chosen!r}")
                e.canonical = chosen
            owner[name_key(chosen)] = e
            kept.append(e)
        for e in kept:
            keep = []
            for a in e.aliases:
                k = name_key(a)
                if k == name_key(e.canonical):
                    continue
                if k in owner and owner[k] is not e:
                    self.alias_clashes += 1
                    continue
                owner[k] = e
                keep.append(a)
            e.aliases = keep
        # short names: rules (a)-(c)
        shadow: dict[str, set[int]] = collections.defaultdict(set)
        for k, o in owner.items():
            words = k.split(" ")
            for i in range(1, len(words)):
                if all(w in CHECK_SUFFIX_WORDS for w in words[i:]):
                    shadow[" ".join(words[:i])].add(id(o))
        first_words: collections.Counter = collections.Counter()
        for e in curated + kept:
            for n in {name_key(x.split()[0]) for x in [e.canonical] + e.aliases if len(x.split()) >= 2}:
                first_words[n] += 1
        cands: dict[str, list[Ent]] = collections.defaultdict(list)
        for e in kept:
            if e.short and self.short_ok(e.short, e.second):
                cands[name_key(e.short)].append(e)
        self.short_given = 0
        for k in sorted(cands):
            es = cands[k]
            if len(es) > 1 or first_words[k] > 1:
                self.drop_short["shared by several entities (candidates, or first word of another name)"] += len(es)
                continue
            e = es[0]
            if k in owner:
                self.drop_short["already a name of another entity"] += 1
                continue
            if shadow.get(k, set()) - {id(e)}:
                self.drop_short["another entity's name is it plus suffix words"] += 1
                continue
            owner[k] = e
            e.aliases.append(e.short)
            self.short_given += 1
        return kept

    def assign_ids(self, curated: list[Ent], model_ids: set[str], gen: list[Ent]) -> None:
        taken = set(model_ids)
        for e in curated:
            if e.id in taken:
                fail(f"curated id {e.id!r} (line {e.line}) is not unique (also a model or earlier row)")
            taken.add(e.id)
        for e in sorted(gen, key=lambda x: x.order):
            base = slugify(e.canonical)
            cand = base
            if cand in taken:
                sym = e.symbols()[0] if e.tickers else ""
                cand = base + "-" + re.sub(r"[^a-z0-9.]", "", sym.lower())
            if cand in taken:
                cand = base + "-" + (str(e.cik) if e.cik else e.code)
            n = 2
            while cand in taken:
                cand = f"{base}-{n}"
                n += 1
            e.id = cand
            taken.add(cand)

    def policies(self, ents: list[Ent]) -> None:
        for e in ents:
            if e.policy_given:
                e.case, e.context = e.fixed_case, e.fixed_context
                one = [n for n in e.all_names() if " " not in n.strip()]
                hit = [n for n in one if n.lower() in self.common]
                if hit and e.case != "exact":
                    self.warnings.append(f"curated {e.id}: {hit[0]!r} is a common word but case is not exact")
                continue
            one = [n for n in e.all_names() if " " not in n.strip()]
            words = [n.lower().replace("’", "'") for n in one]
            hits = [w for w in words if w in self.ordinary]
            # Person and place words (Tim, Lindsay, Southern) need context too.
            names = [w for w in words if self.st.ever_person_place(w)]
            e.case = "exact" if hits or names else ""
            # A one-word name from the lists (Chegg, Team, Ironwood) counts only
            # with company context in its sentence, or once the company is
            # established in the article: 5,000 small caps would otherwise turn
            # ordinary capitalised words into companies.
            e.context = "required" if one else ""


# check.rs SUFFIX_WORDS: a name that is another name plus only these is "shadowed".
CHECK_SUFFIX_WORDS = {
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.", "limited", "plc",
    "llc", "lp", "l.p.", "ag", "sa", "s.a.", "nv", "n.v.", "se", "group", "holdings", "holding",
    "international", "&",
}


# --------------------------------------------------------------------------
# Validation and output

TICKER_RE = re.compile(r"^[A-Za-z0-9.\-=^]+@([A-Z0-9]{4})$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def validate(ents: list[Ent], model_ids: set[str], model_names: dict[str, str], mics: dict[str, str],
             yahoo: set[str]) -> list[str]:
    errors: list[str] = []
    warnings: list[str] = []
    ids: dict[str, Ent] = {}
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for e in ents:
        if not SLUG_RE.match(e.id):
            errors.append(f"id {e.id!r} is not a lowercase slug")
        if e.id in ids or e.id in model_ids:
            errors.append(f"id {e.id!r} is not unique")
        ids[e.id] = e
        if e.type not in ("company", "organization"):
            errors.append(f"{e.id}: type {e.type!r} is not company or organization")
        own = set()
        for n in e.all_names():
            if not n or "\t" in n or "|" in n:
                errors.append(f"{e.id}: bad name {n!r}")
            k = name_key(n)
            if k in own:
                continue
            own.add(k)
            if k in names:
                errors.append(f"name {n!r} of {e.id} already belongs to {names[k]}")
            elif k in model_names:
                mid, written = model_names[k]
                if written == n.replace("’", "'"):
                    errors.append(f"name {n!r} of {e.id} is also the model {mid}")
                else:
                    warnings.append(f"name {n!r} of {e.id} differs only in case from {written!r} of the model {mid}")
            names[k] = e.id
        for t in e.tickers:
            m = TICKER_RE.match(t)
            if not m:
                errors.append(f"{e.id}: ticker {t!r} is not SYMBOL@MIC")
                continue
            mic = m.group(1)
            if mic not in mics or mic == "XXXX":
                errors.append(f"{e.id}: ticker {t!r}: MIC {mic} is not in ISO 10383")
            elif mics[mic] == "EXPIRED":
                warnings.append(f"{e.id}: ticker {t!r}: MIC {mic} is expired in ISO 10383")
            sym = t.split("@")[0]
            if mic not in US_MICS and "." in sym and "." + sym.rsplit(".", 1)[1] not in yahoo:
                warnings.append(f"{e.id}: ticker {t!r}: suffix is not a Yahoo exchange suffix")
            if mic == "XHKG" and not re.fullmatch(r"\d{4,5}\.HK", sym):
                errors.append(f"{e.id}: ticker {t!r}: Hong Kong codes are 4 digits + .HK")
            if norm_symbol(sym) in symbols and symbols[norm_symbol(sym)] != e.id:
                errors.append(f"ticker {sym} on {e.id} and {symbols[norm_symbol(sym)]}")
            elif norm_symbol(sym) in symbols:
                errors.append(f"{e.id}: ticker {sym} twice")
            symbols[norm_symbol(sym)] = e.id
        if e.case not in ("", "exact"):
            errors.append(f"{e.id}: case {e.case!r}")
        if e.context not in ("", "required"):
            errors.append(f"{e.id}: context {e.context!r}")
        if e.country and not re.fullmatch(r"[A-Z]{2}", e.country):
            errors.append(f"{e.id}: country {e.country!r} is not ISO alpha-2")
    for e in ents:
        if e.parent and e.parent not in ids:
            errors.append(f"{e.id}: parent {e.parent!r} is not a company id")
    if errors:
        more = f"\n  ... {len(errors) - 50} more" if len(errors) > 50 else ""
        fail("validation failed:\n  " + "\n  ".join(errors[:50]) + more)
    return warnings


def render_companies(ents: list[Ent], curated_desc: str, counts: dict[str, int]) -> str:
    lines = [
        "# newsie bundled company gazetteer.",
        "# generated by scripts/gazetteers/build_companies.py — do not edit by hand, edit "
        "gazetteers/curated/companies.tsv and rebuild",
        "# (python3 scripts/gazetteers/build_companies.py; --check tells whether this file is up to date).",
        "# Sources and licences:",
        "#   curated: gazetteers/curated/companies.tsv, written by the newsie team from public facts, CC0 1.0;",
        f"#   sec: SEC EDGAR company_tickers_exchange.json / company_tickers.json ({SEC_TSV}, {SEC_JSON}),",
        "#        US government work, public domain;",
        f"#   Nasdaq Trader symbol directory ({NT_NASDAQ}, {NT_OTHER}), public file: security types,",
        "#        exchanges and issuer names;",
        f"#   hkex: HKEX List of Securities ({HKEX}), (c) HKEX, facts only (codes and short names);",
        f"#   ISO 10383 MIC list ({MIC_CSV}) and the Yahoo Finance suffix table: ticker checks.",
        "#   Name case and ambiguity statistics from the news corpora and CoNLL-2003 (counts only, no text).",
        "# The list as a whole: CC0 1.0, as the rest of newsie.",
        f"# Curated rows read from: {curated_desc}.",
        "# Rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".",
        "# Columns: id | canonical | type | aliases (|) | tickers (SYMBOL@MIC;...) | country (ISO 3166-1 alpha-2) |",
        "#          parent (company id) | case (exact) | context (required) | source (curated, sec, hkex joined by +)",
        "\t".join(COLUMNS),
    ]
    for e in ents:
        row = [e.id, e.canonical, e.type, "|".join(e.aliases), ";".join(e.tickers), e.country, e.parent,
               e.case, e.context, e.source()]
        lines.append("\t".join(x.replace("\t", " ").strip() for x in row))
    return "\n".join(lines) + "\n"


def render_common(words: list[str], st: Stats, files: list[str]) -> str:
    lines = [
        "# Common English words, one lowercase word a line.",
        "# generated by scripts/gazetteers/build_companies.py — do not edit by hand.",
        f"# Rule: a word (letters only, >= 2) whose lowercase form occurs at least {COMMON_MIN} times in the",
        "# news texts below and at least as often as its capitalised forms that are not sentence-initial",
        "# together (lines without lowercase letters, headings and title-case lines are not counted).",
        "# Used by build_companies.py (case=exact, short names) and by `newsie gazetteer check`.",
        f"# News texts: {', '.join(os.path.basename(f) for f in files)} ({st.docs} documents, {st.tokens} words).",
        f"# Words: {len(words)}.",
    ]
    return "\n".join(lines + words) + "\n"


def read_models() -> tuple[set[str], list[tuple[str, list[str]]]]:
    """Model ids and names from gazetteers/models.tsv and, when present,
    gazetteers/curated/models.tsv (both are reserved)."""
    rows = []
    for path in (MODELS, CURATED_MODELS):
        if os.path.exists(path):
            rows += read_tsv(path)[2]
    ids, out = set(), []
    for _, r in rows:
        mid = r.get("id", "")
        if not mid:
            continue
        ids.add(mid)
        names = [r.get("canonical", "")] + [a.strip() for a in (r.get("aliases", "") or "").split("|") if a.strip()]
        out.append((mid, [n for n in names if n]))
    return ids, out


# --------------------------------------------------------------------------
# Main

def build(shared: str, stats_out: bool) -> tuple[str, str, dict]:
    t0 = time.time()
    ref = os.path.join(shared, "corpora", "reference")
    if not os.path.isdir(ref):
        fail(f"shared reference folder not found: {ref} (set NEWSIE_SHARED)")
    # First words of every candidate name, for the 'next word' statistic.
    watch: set[str] = set()
    for cik, name, ticker, exch in load_sec(ref)[0]:
        w = TOKEN_RE.findall(strip_junk(name))
        if w:
            watch.add(w[0].lower())
    for r in load_hkex(ref):
        w = TOKEN_RE.findall(r["name"])
        if w:
            watch.add(w[0].lower())
    st = load_stats(shared, watch)
    t_stats = time.time() - t0
    common = common_words(st)
    common_set = set(common)
    ordinary = set(common_set)
    for k, n in st.lower.items():
        if n >= ORDINARY_MIN and n * 4 >= st.capmid_total(k):
            ordinary.add(k)
    caser = Caser(st)
    b = Builder(shared, st, caser, ordinary)
    b.common = common_set
    b.alias_clashes = 0
    b.drop_short = collections.Counter()
    curated, curated_desc = b.read_curated()
    model_ids, models = read_models()
    b.index_curated(curated)
    us, otc = b.build_us(curated)
    cik_to_ent: dict[int, Ent] = {}
    kept_us: list[Ent] = []
    merged = 0
    listed_keys = {k for e in us if not e.nt_missing for k in e.keys}
    for e in us:
        t, how = b.curated_target(e)
        if e.nt_missing and ((t is not None and how == "name") or (t is None and e.keys & listed_keys)):
            # only in the SEC list and named like a listed company: an ETN or note line (UBS AG CEFZ)
            b.drop("SEC row: not in Nasdaq Trader, same name as a listed company",
                   f"{';'.join(e.tickers)} {e.canonical}")
            continue
        if t is not None:
            b.merge(t, e, f"US row = curated ({how})")
            cik_to_ent[e.cik] = t
            merged += 1
        else:
            kept_us.append(e)
            cik_to_ent[e.cik] = e
    hk = b.build_hkex(curated, kept_us, otc)
    b.link_otc(otc, cik_to_ent)
    gen = b.claim_names(curated, models, kept_us + hk)
    b.assign_ids(curated, model_ids, gen)
    ents = curated + sorted(gen, key=lambda e: e.id)
    # A curated row keeps the one-word aliases it was written with; one-word
    # names the lists add to it ("News" of News Corp) must stand alone.
    for e in curated:
        e.aliases = [a for a in e.aliases
                     if a in e.written or " " in a.strip() or b.plain_word_ok(a)]
    b.policies(ents)
    mics = load_mics(ref)
    yahoo = load_yahoo(ref)
    model_names = {name_key(n): (mid, n.replace("’", "'")) for mid, ns in models for n in ns}
    vwarn = validate(ents, model_ids, model_names, mics, yahoo)
    counts = collections.Counter()
    for e in ents:
        counts[e.source()] += 1
    count_line = {"total": len(ents)}
    count_line.update(sorted(counts.items()))
    companies = render_companies(ents, curated_desc, count_line)
    words = render_common(common, st, corpus_files(shared))
    places = render_places(st)
    info = {
        "places_text": places,
        "builder": b, "ents": ents, "counts": count_line, "merged_us": merged, "stats_seconds": t_stats,
        "seconds": time.time() - t0, "validation_warnings": vwarn, "curated": curated_desc,
        "common": len(common), "ordinary": len(ordinary),
    }
    if stats_out:
        report(info)
    return companies, words, info


def render_places(st: Stats) -> str:
    """place-words.txt: words CoNLL-2003 tags as places, nationalities and other
    non-organisation names (LOC, MISC) at least twice and more often than as ORG.
    newsie reads it to keep place and nationality words (British, Singapore)
    from becoming short company names of discovered companies."""
    rows = sorted(k for k, n in st.per_loc_only.items() if n >= 2 and n > st.org[k] and k.isalpha())
    head = [
        "# Place, nationality and other non-organisation name words (lowercase, one a line).",
        "# generated by scripts/gazetteers/build_companies.py from CoNLL-2003 eng.train + eng.testa:",
        "# tokens tagged LOC or MISC at least twice and more often than ORG (counts only, no text).",
    ]
    return "\n".join(head + rows) + "\n"


def report(info: dict) -> None:
    b = info["builder"]
    w = sys.stderr.write
    w(f"curated: {info['curated']}\n")
    w(f"inputs: SEC rows {b.sec_rows}, Nasdaq Trader rows {b.nt_rows}, HKEX rows {b.hk_rows}; "
      f"US companies with a common line: {b.us_ciks_seen}\n")
    w(f"rows: {info['counts']}\n")
    w(f"US rows merged into curated entities: {info['merged_us']}\n")
    w(f"common words: {info['common']}, ordinary words (case/short-name test): {info['ordinary']}\n")
    w("dropped:\n")
    for k, v in sorted(b.drops.items(), key=lambda kv: (-kv[1], kv[0])):
        w(f"  {v:6d}  {k}   e.g. {b.drop_examples[k][:3]}\n")
    w(f"aliases dropped (name of another entity): {b.alias_clashes}\n")
    w(f"short names given: {b.short_given}; refused: {dict(b.drop_short)}\n")
    w(f"messy ({len(b.messy)}):\n")
    for m in b.messy[:40]:
        w(f"  {m}\n")
    warns = list(dict.fromkeys(b.warnings + info["validation_warnings"]))
    w(f"warnings ({len(warns)}):\n")
    for m in warns[:40]:
        w(f"  {m}\n")
    w(f"time: corpus statistics {info['stats_seconds']:.1f}s, total {info['seconds']:.1f}s\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if an output file would change")
    ap.add_argument("--stats", action="store_true", help="print counts, drops and messy cases to stderr")
    ap.add_argument("--out-dir", default=GAZ, help="folder for companies.tsv and common-words.txt")
    ap.add_argument("--curated", help="curated companies file (default gazetteers/curated/companies.tsv)")
    ap.add_argument("--debug-dump", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.curated:
        global CURATED
        CURATED = os.path.abspath(args.curated)
    shared = os.environ.get("NEWSIE_SHARED", "../shared")
    if not os.path.isabs(shared):
        shared = os.path.normpath(os.path.join(REPO, shared))
    companies, words, info = build(shared, args.stats)
    if args.debug_dump:
        with open(args.debug_dump, "w", encoding="utf-8") as f:
            b = info["builder"]
            f.write("## links\n" + "\n".join(b.links) + "\n## names differ\n")
            f.write("\n".join("\t".join(x) for x in b.names_differ) + "\n## messy\n" + "\n".join(b.messy) + "\n")
            f.write("## unit-only SPAC flags\n" + "\n".join(b.unit_only) + "\n")
    outputs = [(os.path.join(args.out_dir, "companies.tsv"), companies),
               (os.path.join(args.out_dir, "common-words.txt"), words),
               (os.path.join(args.out_dir, "place-words.txt"), info["places_text"])]
    if args.check:
        stale = []
        for path, text in outputs:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        if stale:
            sys.stderr.write("build_companies.py: out of date: " + ", ".join(os.path.relpath(p, REPO) for p in stale)
                             + " (run python3 scripts/gazetteers/build_companies.py)\n")
            return 1
        sys.stderr.write("build_companies.py: gazetteers are up to date\n")
        return 0
    os.makedirs(args.out_dir, exist_ok=True)
    for path, text in outputs:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    sys.stderr.write(f"build_companies.py: wrote {len(info['ents'])} companies, {info['common']} common words "
                     f"in {info['seconds']:.1f}s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
