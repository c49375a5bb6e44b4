//! Stock tickers in the forms news writes them:
//!
//! | form | example | symbol | exchange |
//! | --- | --- | --- | --- |
//! | numeric code with a Yahoo-style suffix | `9988.HK`, `600519.SS`, `7203.T` | as written, Hong Kong codes with 4 digits (`00700.HK` → `0700.HK`) | from the suffix |
//! | exchange prefix | `(NYSE: BABA)`, `NASDAQ:NVDA`, `HKEX: 9988`, and Google Finance's `LON: BP`, `TSX: SHOP`, `ETR: SAP`, `NSE: TCS`, `HKG: 0700`, `SHA:`/`SHE:`, `ASX:`, `OTC:` | `BABA`; `9988.HK` for numeric codes; `BP.L`, `SHOP.TO` | from the prefix |
//! | Reuters instrument code (RIC) | `BABA.N`, `NVDA.O`, `VOD.L`, `NKKT.T` | `BABA`, `NVDA`, `VOD.L`, `NKKT.T` | `.N` NYSE, `.O`/`.OQ` Nasdaq, `.L` London, `.T` Tokyo, `.F` Frankfurt, `.DE` Xetra, `.S` Zurich, `.PA` Paris, `.AS` Amsterdam, `.MI` Milan, `.TO` Toronto, `.AX` Sydney |
//! | cashtag (2 to 5 capitals; not LaTeX such as `$AB$`) | `$NVDA` | `NVDA` | from the gazetteer, when it lists the symbol once |
//! | wire-service code (Reuters-21578) | `Standard Oil Co <SRD>` | `SRD` | unknown |
//!
//! Each is linked to the company whose gazetteer listing has the symbol
//! (class shares in either spelling: `BRK.B` is the listed `BRK-B`). The
//! suffixes are Yahoo Finance's (`../shared/corpora/reference/
//! yahoo_finance_exchange_suffixes.tsv`); exchanges are ISO 10383 MICs.

use regex::Regex;

use crate::gazetteer::Gazetteer;
use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;

/// Numeric-code suffix -> (ISO 10383 MIC, digits in the code as listed).
const SUFFIXES: &[(&str, &str, usize)] = &[
    ("HK", "XHKG", 4),  // Hong Kong Exchanges and Clearing: 0700.HK
    ("SS", "XSHG", 6),  // Shanghai Stock Exchange: 600519.SS
    ("SZ", "XSHE", 6),  // Shenzhen Stock Exchange: 000063.SZ
    ("T", "XTKS", 4),   // Tokyo Stock Exchange: 7203.T
    ("KS", "XKRX", 6),  // Korea Exchange (KOSPI): 005930.KS
    ("KQ", "XKOS", 6),  // Korea Exchange (KOSDAQ)
    ("TW", "XTAI", 4),  // Taiwan Stock Exchange: 2330.TW
    ("TWO", "ROCO", 4), // Taipei Exchange (OTC)
];

/// Exchange names written before a symbol -> (MIC, suffix of numeric codes
/// or of non-US symbols; empty for US exchanges).
const EXCHANGES: &[(&str, &str, &str)] = &[
    ("NYSE American", "XASE", ""),
    ("NYSE", "XNYS", ""),
    ("NASDAQ", "XNAS", ""),
    ("Nasdaq", "XNAS", ""),
    ("AMEX", "XASE", ""),
    ("HKEX", "XHKG", "HK"),
    ("HKSE", "XHKG", "HK"),
    ("SEHK", "XHKG", "HK"),
    ("SSE", "XSHG", "SS"),
    ("SZSE", "XSHE", "SZ"),
    ("TSE", "XTKS", "T"),
    ("TYO", "XTKS", "T"),
    ("KRX", "XKRX", "KS"),
    ("TWSE", "XTAI", "TW"),
    ("LSE", "XLON", "L"),
    // Google Finance style prefixes.
    ("LON", "XLON", "L"),
    ("TSX", "XTSE", "TO"),
    ("ETR", "XETR", "DE"),
    ("NSE", "XNSE", "NS"),
    ("HKG", "XHKG", "HK"),
    ("SHA", "XSHG", "SS"),
    ("SHE", "XSHE", "SZ"),
    ("ASX", "XASX", "AX"),
    ("OTC", "OOTC", ""),
];

/// Reuters instrument code suffixes -> (MIC, suffix kept in the symbol).
const RIC_SUFFIXES: &[(&str, &str, &str)] = &[
    ("N", "XNYS", ""),
    ("O", "XNAS", ""),
    ("OQ", "XNAS", ""),
    ("L", "XLON", "L"),
    ("T", "XTKS", "T"),   // Tokyo (1987 wire copy: NKKT.T)
    ("F", "XFRA", "F"),   // Frankfurt
    ("DE", "XETR", "DE"), // Xetra
    ("S", "XSWX", "S"),   // SIX Swiss Exchange (BONA.S)
    ("PA", "XPAR", "PA"), // Euronext Paris
    ("AS", "XAMS", "AS"), // Euronext Amsterdam
    ("MI", "XMIL", "MI"), // Borsa Italiana
    ("TO", "XTSE", "TO"), // Toronto
    ("AX", "XASX", "AX"), // Australian Securities Exchange
];

/// Upper-case HTML tag names, which look like wire codes (`<B>`, `<BR>`).
const HTML_TAGS: &[&str] = &[
    "A", "B", "I", "U", "P", "S", "BR", "HR", "EM", "LI", "UL", "OL", "TD", "TR", "TH", "DIV",
    "IMG", "PRE", "SUB", "SUP", "DL", "DT", "DD", "TT", "H1", "H2", "H3", "H4", "H5", "H6", "BODY",
    "HTML", "HEAD", "FONT", "SPAN", "CODE", "BIG", "SMALL", "TABLE", "TITLE", "CENTER", "STRONG",
];

/// Recognizes tickers in every form of the module docs.
#[derive(Debug)]
pub struct TickerRecognizer {
    re: Regex,
}

impl Default for TickerRecognizer {
    fn default() -> Self {
        let alternation = |names: Vec<&str>| {
            let mut names = names;
            names.sort_by_key(|s| std::cmp::Reverse(s.len())); // longest first: TWO before TW
            names.join("|")
        };
        let suffixes = alternation(SUFFIXES.iter().map(|s| s.0).collect());
        let exchanges = alternation(EXCHANGES.iter().map(|s| s.0).collect()).replace(' ', r"\s+");
        let rics = alternation(RIC_SUFFIXES.iter().map(|s| s.0).collect());
        let re = Regex::new(&format!(
            r"(?x)
              (?-u:\b)(?P<code>\d{{3,6}})\.(?P<suffix>{suffixes})(?-u:\b)
            | (?-u:\b)(?P<ex>{exchanges})\s?:\s?(?P<exsym>\d{{1,6}}|[A-Z]{{1,5}}(?:\.[A-Z])?)(?-u:\b)
            | (?-u:\b)(?P<ric>[A-Z]{{2,5}})\.(?P<ricsuf>{rics})(?-u:\b)
            | \$(?P<cash>[A-Z]{{1,5}})(?-u:\b)
            | <(?P<wire>[A-Z][A-Z0-9]{{0,5}}(?:\.[A-Z])?)>
            "
        ))
        .expect("ticker regex");
        TickerRecognizer { re }
    }
}

impl TickerRecognizer {
    /// Finds tickers in `text` and links each to its company through the
    /// gazetteer's listings.
    pub fn find(&self, text: &str, gazetteer: &Gazetteer, out: &mut Vec<Mention>) {
        for c in self.re.captures_iter(text) {
            let Some((symbol, mic)) = self.symbol(text, &c, Some(gazetteer)) else {
                continue;
            };
            let company = gazetteer.listed_company(&symbol);
            // `<BP.L>`: the mention is the code, without Reuters' brackets
            // (as `NYSE: BABA` keeps its prefix, which is part of the name).
            let span = c.name("wire").unwrap_or_else(|| c.get(0).expect("group 0"));
            out.push(Mention {
                span: Span::new(span.start(), span.end()),
                kind: MentionType::Ticker,
                source: "pattern",
                value: MentionValue::Ticker {
                    symbol,
                    mic,
                    company,
                },
            });
        }
    }

    /// The symbol and exchange MIC of a whole ticker name as a gazetteer
    /// list writes it (`NASDAQ:NVDA` → `NVDA`, `XNAS`; `9988.HK` →
    /// `9988.HK`, `XHKG`), or `None` when `name` is not one of the forms
    /// above.
    pub fn parse(&self, name: &str) -> Option<(String, Option<&'static str>)> {
        let c = self.re.captures(name)?;
        let whole = c.get(0).expect("group 0");
        (whole.as_str() == name)
            .then(|| self.symbol(name, &c, None))
            .flatten()
    }

    /// The symbol and MIC of one match of the ticker regex, or `None` when
    /// the match is not a ticker after all (part of a dotted number, LaTeX,
    /// an HTML tag). The gazetteer gives a cashtag's exchange.
    fn symbol(
        &self,
        text: &str,
        c: &regex::Captures,
        gazetteer: Option<&Gazetteer>,
    ) -> Option<(String, Option<&'static str>)> {
        let whole = c.get(0).expect("group 0");
        let before = text[..whole.start()].chars().next_back();
        if let (Some(code), Some(suffix)) = (c.name("code"), c.name("suffix")) {
            // Not part of a longer dotted number such as a version "1.9988.HK".
            if before == Some('.') {
                return None;
            }
            let &(_, mic, _) = SUFFIXES
                .iter()
                .find(|s| s.0 == suffix.as_str())
                .expect("suffix in table");
            numeric_symbol(code.as_str(), suffix.as_str()).map(|s| (s, Some(mic)))
        } else if let (Some(ex), Some(sym)) = (c.name("ex"), c.name("exsym")) {
            let name = ex.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let &(_, mic, suffix) = EXCHANGES
                .iter()
                .find(|e| e.0 == name)
                .expect("exchange in table");
            let sym = sym.as_str();
            let symbol = if sym.bytes().all(|b| b.is_ascii_digit()) {
                if suffix.is_empty() {
                    None
                } else {
                    numeric_symbol(sym, suffix)
                }
            } else if suffix.is_empty() {
                Some(sym.to_string())
            } else {
                Some(format!("{sym}.{suffix}"))
            };
            symbol.map(|s| (s, Some(mic)))
        } else if let (Some(sym), Some(suf)) = (c.name("ric"), c.name("ricsuf")) {
            let &(_, mic, keep) = RIC_SUFFIXES
                .iter()
                .find(|r| r.0 == suf.as_str())
                .expect("RIC suffix in table");
            let symbol = if keep.is_empty() {
                sym.as_str().to_string()
            } else {
                format!("{}.{keep}", sym.as_str())
            };
            Some((symbol, Some(mic)))
        } else if let Some(sym) = c.name("cash") {
            // "US$" is money; `$AB$`, `$x^2`, `$P(x)` are LaTeX; one-letter
            // cashtags are too ambiguous with mathematics to take.
            let after = text[whole.end()..].chars().next();
            let rest_of_line = text[whole.end()..].split('\n').next().unwrap_or("");
            let closing = rest_of_line
                .char_indices()
                .take_while(|(i, _)| *i < 40)
                .any(|(i, ch)| {
                    // A closing `$`, not money (`$5`) or the next cashtag.
                    ch == '$'
                        && !rest_of_line[i + 1..]
                            .starts_with(|d: char| d.is_ascii_digit() || d.is_ascii_uppercase())
                });
            let latex =
                closing || after.is_some_and(|a| matches!(a, '^' | '_' | '{' | '(' | '=' | '\\'));
            if before.is_some_and(|b| b.is_alphanumeric() || b == '\\')
                || latex
                || sym.as_str().len() < 2
            {
                return None;
            }
            let symbol = sym.as_str().to_string();
            let mic = gazetteer
                .and_then(|g| g.listed_company(&symbol))
                .and_then(|i| {
                    let gazetteer = gazetteer?;
                    let listings: Vec<_> = gazetteer
                        .entity(i)
                        .listings
                        .iter()
                        .filter(|l| l.symbol == symbol)
                        .collect();
                    (listings.len() == 1).then(|| mic_name(&listings[0].mic))
                });
            Some((symbol, mic.flatten()))
        } else if let Some(sym) = c.name("wire") {
            let sym = sym.as_str();
            // `<AAPL.O>`: a Reuters instrument code in brackets.
            let ric = sym.split_once('.').and_then(|(base, suf)| {
                let &(_, mic, keep) = RIC_SUFFIXES.iter().find(|r| r.0 == suf)?;
                let symbol = if keep.is_empty() {
                    base.to_string()
                } else {
                    sym.to_string()
                };
                Some((symbol, Some(mic)))
            });
            match ric {
                Some(found) => Some(found),
                None => (!HTML_TAGS.contains(&sym)).then(|| (sym.to_string(), None)),
            }
        } else {
            None
        }
    }
}

/// A numeric code in its listed width: Hong Kong codes with 4 digits
/// (`700`, `00700` → `0700.HK`), others with their leading zeros.
fn numeric_symbol(code: &str, suffix: &str) -> Option<String> {
    let width = SUFFIXES
        .iter()
        .find(|s| s.0 == suffix)
        .map_or(code.len(), |s| s.2);
    let trimmed = code.trim_start_matches('0');
    (!trimmed.is_empty() && trimmed.len() <= width).then(|| format!("{trimmed:0>width$}.{suffix}"))
}

/// The static MIC string equal to `mic`, among those this module knows.
fn mic_name(mic: &str) -> Option<&'static str> {
    SUFFIXES
        .iter()
        .map(|s| s.1)
        .chain(EXCHANGES.iter().map(|e| e.1))
        .chain(RIC_SUFFIXES.iter().map(|r| r.1))
        .find(|m| *m == mic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerSource;

    /// (surface, symbol, MIC, company id) of one ticker.
    type Row = (String, String, Option<&'static str>, Option<String>);

    fn tickers(text: &str) -> Vec<Row> {
        let g = Gazetteer::load(&GazetteerSource::Bundled).unwrap();
        let mut out = Vec::new();
        TickerRecognizer::default().find(text, &g, &mut out);
        out.iter()
            .map(|m| match &m.value {
                MentionValue::Ticker {
                    symbol,
                    mic,
                    company,
                } => (
                    m.span.slice(text).to_string(),
                    symbol.clone(),
                    *mic,
                    company.map(|c| g.entity(c).id.clone()),
                ),
                v => panic!("{v:?}"),
            })
            .collect()
    }

    #[test]
    fn ticker_forms() {
        // (text, [(surface, symbol, MIC, company id)])
        type Want<'a> = &'a [(&'a str, &'a str, Option<&'static str>, Option<&'a str>)];
        let cases: &[(&str, Want)] = &[
            (
                "Alibaba (9988.HK) rose",
                &[("9988.HK", "9988.HK", Some("XHKG"), Some("alibaba"))],
            ),
            (
                "Tencent (0700.HK)",
                &[("0700.HK", "0700.HK", Some("XHKG"), Some("tencent"))],
            ),
            (
                "Tencent (00700.HK)",
                &[("00700.HK", "0700.HK", Some("XHKG"), Some("tencent"))],
            ),
            (
                "Moutai 600519.SS",
                &[(
                    "600519.SS",
                    "600519.SS",
                    Some("XSHG"),
                    Some("kweichow-moutai"),
                )],
            ),
            (
                "Toyota 7203.T fell",
                &[("7203.T", "7203.T", Some("XTKS"), Some("toyota"))],
            ),
            (
                "Samsung 005930.KS",
                &[("005930.KS", "005930.KS", Some("XKRX"), Some("samsung"))],
            ),
            (
                "unknown 0015.HK",
                &[("0015.HK", "0015.HK", Some("XHKG"), None)],
            ),
            (
                "OTC 6488.TWO",
                &[("6488.TWO", "6488.TWO", Some("ROCO"), None)],
            ),
            (
                "Alibaba (NYSE: BABA) rose",
                &[("NYSE: BABA", "BABA", Some("XNYS"), Some("alibaba"))],
            ),
            (
                "Nvidia (NASDAQ:NVDA) fell",
                &[("NASDAQ:NVDA", "NVDA", Some("XNAS"), Some("nvidia"))],
            ),
            (
                "listed as HKEX: 9988 too",
                &[("HKEX: 9988", "9988.HK", Some("XHKG"), Some("alibaba"))],
            ),
            (
                "shares of BABA.N and NVDA.O",
                &[
                    ("BABA.N", "BABA", Some("XNYS"), Some("alibaba")),
                    ("NVDA.O", "NVDA", Some("XNAS"), Some("nvidia")),
                ],
            ),
            (
                "buy $NVDA at $120 today",
                &[("$NVDA", "NVDA", Some("XNAS"), Some("nvidia"))],
            ),
            (
                "BP (LON: BP), Shopify (TSX: SHOP) and HKG: 700",
                &[
                    ("LON: BP", "BP.L", Some("XLON"), Some("bp")),
                    ("TSX: SHOP", "SHOP.TO", Some("XTSE"), Some("shopify")),
                    ("HKG: 700", "0700.HK", Some("XHKG"), Some("tencent")),
                ],
            ),
            (
                "Berkshire (NYSE: BRK.B) rose",
                &[(
                    "NYSE: BRK.B",
                    "BRK.B",
                    Some("XNYS"),
                    Some("berkshire-hathaway"),
                )],
            ),
            (
                "Traders bought $AAPL and $TSLA.",
                &[
                    ("$AAPL", "AAPL", Some("XNAS"), Some("apple")),
                    ("$TSLA", "TSLA", Some("XNAS"), Some("tesla")),
                ],
            ),
            (
                "Apple Inc <AAPL.O> and <BABA.N>",
                &[
                    ("AAPL.O", "AAPL", Some("XNAS"), Some("apple")),
                    ("BABA.N", "BABA", Some("XNYS"), Some("alibaba")),
                ],
            ),
            (
                "Standard Oil Co <SRD> and IBM <IBM>",
                &[
                    ("SRD", "SRD", None, None),
                    ("IBM", "IBM", None, Some("ibm")),
                ],
            ),
            (
                "Vodafone (LSE: VOD) and VOD.L",
                &[
                    ("LSE: VOD", "VOD.L", Some("XLON"), Some("vodafone")),
                    ("VOD.L", "VOD.L", Some("XLON"), Some("vodafone")),
                ],
            ),
            // Not tickers: a version number, a longer suffix, money, HTML tags,
            // the U.N., a lowercase exchange word, LaTeX.
            ("version 1.9988.HK", &[]),
            ("no suffix 9988.HKX", &[]),
            ("Qwen 2.5", &[]),
            (
                "It cost US$5 or $5, see <B>bold</B> and the U.N. vote; nyse: x",
                &[],
            ),
            (
                "For $AB$ and $CI$, let $P(x)=x^n$ and $F be; $AB = 3$ here",
                &[],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<Row> = want
                .iter()
                .map(|w| {
                    (
                        w.0.to_string(),
                        w.1.to_string(),
                        w.2,
                        w.3.map(str::to_string),
                    )
                })
                .collect();
            assert_eq!(tickers(text), want, "{text:?}");
        }
    }
}
