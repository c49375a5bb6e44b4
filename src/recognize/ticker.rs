//! Exchange-suffixed numeric tickers: `9988.HK`, `0700.HK`, `600519.SS`,
//! `7203.T`, `005930.KS`, `2330.TW`.
//!
//! The suffixes are Yahoo Finance's exchange suffixes (see
//! `../shared/corpora/reference/yahoo_finance_exchange_suffixes.tsv`) for the
//! markets whose codes are numbers; the MICs are from ISO 10383.

use regex::Regex;

use crate::gazetteer::Gazetteer;
use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;

/// Suffix -> (ISO 10383 MIC, digits in the code as listed).
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

/// Recognizes numeric tickers with an exchange suffix.
#[derive(Debug)]
pub struct TickerRecognizer {
    re: Regex,
}

impl Default for TickerRecognizer {
    fn default() -> Self {
        let alts: Vec<&str> = SUFFIXES.iter().map(|s| s.0).collect();
        // Longest suffix first so TWO wins over TW.
        let mut alts = alts;
        alts.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let re = Regex::new(&format!(
            r"(?-u:\b)(\d{{3,6}})\.({})(?-u:\b)",
            alts.join("|")
        ))
        .expect("ticker regex");
        TickerRecognizer { re }
    }
}

impl TickerRecognizer {
    /// Finds tickers in `text` and links each to its company through the
    /// gazetteer's listings.
    ///
    /// The symbol is normalized to the listed number of digits: Hong Kong codes
    /// are written with 4 digits (`700.HK` and `00700.HK` give `0700.HK`),
    /// others keep their leading zeros (`005930.KS`).
    pub fn find(&self, text: &str, gazetteer: &Gazetteer, out: &mut Vec<Mention>) {
        for c in self.re.captures_iter(text) {
            let whole = c.get(0).expect("group 0");
            // Not part of a longer dotted number such as a version "1.9988.HK".
            if text[..whole.start()].ends_with('.') {
                continue;
            }
            let (code, suffix) = (&c[1], &c[2]);
            let &(_, mic, width) = SUFFIXES
                .iter()
                .find(|s| s.0 == suffix)
                .expect("suffix in table");
            let trimmed = code.trim_start_matches('0');
            if trimmed.len() > width || trimmed.is_empty() {
                continue;
            }
            let symbol = format!("{trimmed:0>width$}.{suffix}");
            let company = gazetteer.listed_company(&symbol);
            out.push(Mention {
                span: Span::new(whole.start(), whole.end()),
                kind: MentionType::Ticker,
                source: "pattern",
                value: MentionValue::Ticker {
                    symbol,
                    mic: Some(mic),
                    company,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerSource;

    #[test]
    fn ticker_forms() {
        let g = Gazetteer::load(&GazetteerSource::Bundled).unwrap();
        let r = TickerRecognizer::default();
        // (text, surface, symbol, mic, company id)
        let cases: &[(&str, &[(&str, &str, &str, Option<&str>)])] = &[
            (
                "Alibaba (9988.HK) rose",
                &[("9988.HK", "9988.HK", "XHKG", Some("alibaba"))],
            ),
            (
                "Tencent (0700.HK)",
                &[("0700.HK", "0700.HK", "XHKG", Some("tencent"))],
            ),
            (
                "Tencent (00700.HK)",
                &[("00700.HK", "0700.HK", "XHKG", Some("tencent"))],
            ),
            (
                "Moutai 600519.SS",
                &[("600519.SS", "600519.SS", "XSHG", Some("kweichow-moutai"))],
            ),
            (
                "Toyota 7203.T fell",
                &[("7203.T", "7203.T", "XTKS", Some("toyota"))],
            ),
            (
                "Samsung 005930.KS",
                &[("005930.KS", "005930.KS", "XKRX", Some("samsung"))],
            ),
            ("unknown 1234.HK", &[("1234.HK", "1234.HK", "XHKG", None)]),
            ("OTC 6488.TWO", &[("6488.TWO", "6488.TWO", "ROCO", None)]),
            ("version 1.9988.HK", &[]),
            ("no suffix 9988.HKX", &[]),
            ("Qwen 2.5", &[]),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            r.find(text, &g, &mut out);
            let got: Vec<(&str, String, &str, Option<String>)> = out
                .iter()
                .map(|m| match &m.value {
                    MentionValue::Ticker {
                        symbol,
                        mic,
                        company,
                    } => (
                        m.span.slice(text),
                        symbol.clone(),
                        mic.unwrap(),
                        company.map(|c| g.entity(c).id.clone()),
                    ),
                    other => panic!("{other:?}"),
                })
                .collect();
            let want: Vec<(&str, String, &str, Option<String>)> = want
                .iter()
                .map(|w| (w.0, w.1.to_string(), w.2, w.3.map(str::to_string)))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
