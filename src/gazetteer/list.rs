//! Flat gazetteer lists: `name<TAB>type<TAB>canonical`, one name a line
//! (the format of `../shared/bench/gazetteer.tsv`, and of the phrase lists
//! of flashtext or spaCy's EntityRuler). See [`Gazetteer::from_list`] for
//! how rows become entities.

use std::collections::HashMap;
use std::path::Path;

use super::{Builder, Entity, EntityKind, Listing, NamePolicy, TickerForm, fold};
use crate::error::{Error, Result};
use crate::mention::intern;
use crate::recognize::ticker::TickerRecognizer;

#[cfg(doc)]
use super::Gazetteer;

/// Reads a flat list into a builder (every bad row is an error at once: a
/// flat list has no `gazetteer check` of its own).
pub(super) fn read(path: &Path, text: &str) -> Result<Builder> {
    let err = |line: u64, reason: String| Error::Gazetteer {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let tickers = TickerRecognizer::default();
    let mut b = Builder::default();
    // (entity type, canonical) -> entity index; a ticker's entity is a company.
    let mut entities: HashMap<(EntityKind, String), usize> = HashMap::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut header_seen = false;
    for (i, row) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let row = row.trim_end_matches('\r');
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = row.split('\t').map(str::trim).collect();
        let [name, kind, canonical] = fields[..] else {
            return Err(err(
                line,
                format!(
                    "{} fields; a flat list has three: name<TAB>type<TAB>canonical",
                    fields.len()
                ),
            ));
        };
        if !header_seen
            && fields
                .iter()
                .map(|f| f.to_ascii_lowercase())
                .eq(["name", "type", "canonical"])
        {
            header_seen = true;
            continue;
        }
        header_seen = true;
        if name.is_empty() {
            return Err(err(line, "empty name".into()));
        }
        let word = kind.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
            && kind
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-');
        if !word {
            return Err(err(
                line,
                format!("type {kind:?} is not a lowercase word ([a-z][a-z0-9_-]*)"),
            ));
        }
        // These types are the pattern recognizers' (a value, not a name).
        if matches!(kind, "date" | "money" | "percent") {
            return Err(err(
                line,
                format!(
                    "type {kind:?} is found by newsie's own rules, not by a list; use another type name"
                ),
            ));
        }
        let canonical = if canonical.is_empty() {
            name
        } else {
            canonical
        };
        let entity_kind = match kind {
            "company" | "ticker" => EntityKind::Company,
            "model" => EntityKind::Model,
            other => EntityKind::Listed(intern(other)),
        };
        let index = match entities.get(&(entity_kind, canonical.to_string())) {
            Some(&i) => i,
            None => {
                let id = unique_id(&b, canonical);
                let entity = Entity {
                    id,
                    canonical: canonical.to_string(),
                    kind: entity_kind,
                    listings: Vec::new(),
                    country: None,
                    developer: None,
                    family: None,
                    parent: None,
                    version: None,
                    released: None,
                    policy: NamePolicy::default(),
                };
                let i = b.register(entity, (path.to_path_buf(), line));
                entities.insert((entity_kind, canonical.to_string()), i);
                i
            }
        };
        let folded = fold::fold_name(name);
        b.check_name(&folded, index).map_err(|r| err(line, r))?;
        if kind == "ticker" {
            let form = match tickers.parse(name) {
                Some((symbol, mic)) => TickerForm { symbol, mic },
                None => TickerForm {
                    symbol: name.rsplit(':').next().unwrap_or(name).trim().to_string(),
                    mic: None,
                },
            };
            // The ticker recognizer's own matches of this form link to the
            // company too, when the exchange is known and the symbol free.
            if let Some(mic) = form.mic {
                let listing = vec![Listing {
                    symbol: form.symbol.clone(),
                    mic: mic.to_string(),
                }];
                if b.check_listings(&b.entities[index].id, &listing).is_ok() {
                    b.by_symbol.insert(form.symbol.clone(), index);
                    b.entities[index].listings.extend(listing);
                }
            }
            b.ticker_names.insert(folded.clone(), b.tickers.len());
            b.tickers.push(form);
        }
        b.add_explicit(&[folded], index);
    }
    Ok(b)
}

/// The canonical name as an id not yet taken: lowercase letters and digits,
/// other characters as single hyphens (`Merck & Co. Inc` → `merck-co-inc`),
/// then `-2`, `-3`, … when taken.
fn unique_id(b: &Builder, canonical: &str) -> String {
    let mut slug = String::with_capacity(canonical.len());
    for c in canonical.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "entity" } else { slug };
    let mut id = slug.to_string();
    let mut n = 2;
    while b.by_id.contains_key(&id) {
        id = format!("{slug}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;
    use crate::article::Article;
    use crate::gazetteer::Gazetteer;

    const LIST: &str = "name\ttype\tcanonical\n\
        Alibaba\tcompany\tAlibaba Group Holding Ltd\n\
        Alibaba Cloud\tcompany\tAlibaba Group Holding Ltd\n\
        9988.HK\tticker\tAlibaba Group Holding Ltd\n\
        NYSE:BABA\tticker\tAlibaba Group Holding Ltd\n\
        CBOE:ZZZ\tticker\tAlibaba Group Holding Ltd\n\
        Qwen 2.5\tmodel\tQwen 2.5\n\
        Liang Wenfeng\tperson\tLiang Wenfeng\n\
        # a comment\n\
        \n\
        Merck & Co. Inc\tcompany\tMerck & Co. Inc\n\
        Merck-Co Inc\tcompany\tMerck Co Inc\n";

    #[test]
    fn rows_become_entities_names_and_ticker_forms() {
        let g = Gazetteer::from_list("bench.tsv".as_ref(), LIST).unwrap();
        let ids: Vec<&str> = g.entities().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "alibaba-group-holding-ltd",
                "qwen-2-5",
                "liang-wenfeng",
                "merck-co-inc",
                "merck-co-inc-2"
            ]
        );
        let alibaba = g.entity(0);
        let listed: Vec<(&str, &str)> = alibaba
            .listings
            .iter()
            .map(|l| (l.symbol.as_str(), l.mic.as_str()))
            .collect();
        assert_eq!(listed, [("9988.HK", "XHKG"), ("BABA", "XNYS")]);
        // Listed names, spelling variants of the model, not the canonical.
        assert_eq!(g.name_count(), 9 + 2);
        assert_eq!(g.ticker_form(2).symbol, "ZZZ");
    }

    #[test]
    fn mentions_carry_type_entity_and_ticker_link() {
        let g = Gazetteer::from_list("bench.tsv".as_ref(), LIST).unwrap();
        let p = Pipeline::with_gazetteer(g);
        let text = "Liang Wenfeng said Alibaba (NYSE:BABA, CBOE:ZZZ) and Alibaba Group Holding Ltd shipped Qwen2.5.";
        let x = p.process(&Article::new("a", text));
        let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = x
            .mentions
            .iter()
            .map(|m| {
                (
                    m.kind,
                    m.text.as_str(),
                    m.entity_id.as_deref(),
                    m.normalized.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "person",
                    "Liang Wenfeng",
                    Some("liang-wenfeng"),
                    Some("Liang Wenfeng")
                ),
                (
                    "company",
                    "Alibaba",
                    Some("alibaba-group-holding-ltd"),
                    Some("Alibaba Group Holding Ltd")
                ),
                (
                    "ticker",
                    "NYSE:BABA",
                    Some("alibaba-group-holding-ltd"),
                    Some("BABA")
                ),
                (
                    "ticker",
                    "CBOE:ZZZ",
                    Some("alibaba-group-holding-ltd"),
                    Some("ZZZ")
                ),
                // The canonical name is not a listed name: the pattern for
                // companies not in the lists finds it.
                ("company", "Alibaba Group", None, Some("Alibaba Group")),
                ("model", "Qwen2.5", Some("qwen-2-5"), Some("Qwen 2.5")),
            ]
        );
    }

    #[test]
    fn bad_rows_name_the_line() {
        for (list, at, reason) in [
            ("a\tcompany\n", "l.tsv:1", "2 fields"),
            ("A\tcompany\tA\n\tcompany\tB\n", "l.tsv:2", "empty name"),
            ("A\tPerson\tA\n", "l.tsv:1", "not a lowercase word"),
            ("Acme\tdate\tAcme Corp\n", "l.tsv:1", "newsie's own rules"),
            (
                "A\tcompany\tA\nA\tcompany\tB\n",
                "l.tsv:2",
                "already belongs to a",
            ),
        ] {
            let e = Gazetteer::from_list("l.tsv".as_ref(), list)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(at) && e.contains(reason), "{list:?} gave {e}");
        }
        // The same name twice for one entity is no clash.
        assert!(Gazetteer::from_list("l.tsv".as_ref(), "A\tcompany\tA\nA\tcompany\tA\n").is_ok());
    }
}
