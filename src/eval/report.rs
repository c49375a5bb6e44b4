//! The evaluation report: score rows, the diff listing, provenance, and the
//! gates (`--min-f1`, `--baseline`) that turn it into an exit status.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::provenance::Provenance;

/// Precision, recall and F1 of one way of matching.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Matches counted (true positives).
    pub matched: usize,
    /// `matched / pred` (1 with no predictions).
    pub precision: f64,
    /// `matched / gold` (1 with no gold).
    pub recall: f64,
    /// Harmonic mean of precision and recall; `2·matched / (gold + pred)`,
    /// 1 when both are empty.
    pub f1: f64,
}

impl Measure {
    /// The measure of `matched` matches among `gold` and `pred` items.
    pub fn new(matched: usize, gold: usize, pred: usize) -> Measure {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        Measure {
            matched,
            precision: ratio(matched, pred),
            recall: ratio(matched, gold),
            f1: ratio(2 * matched, gold + pred),
        }
    }
}

/// One row of scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// `mention`, `event` or `argument`.
    pub level: String,
    /// Mention type (`date`), event type (`release`,
    /// `price_change/share_price`, and `price_change` for all its subtypes),
    /// or event type and role (`release.product`, `arguments` for all).
    pub name: String,
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub pred: usize,
    /// By measure: `exact`, `overlap`, `value`, `timex_type` (see
    /// [`super::mention`] and [`super::event`]).
    pub measures: std::collections::BTreeMap<String, Measure>,
    /// Arguments: the share of gold arguments of paired events that are
    /// right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
}

impl Row {
    /// The measure a bare `--min-f1 NAME=X` gates: `exact` for mentions,
    /// `overlap` for events, `value` for arguments.
    pub fn primary(&self) -> &'static str {
        match self.level.as_str() {
            "mention" => "exact",
            "event" => "overlap",
            _ => "value",
        }
    }
}

/// One false positive, false negative or disagreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffEntry {
    /// Article id.
    pub article: String,
    /// `mention` or `event`.
    pub level: String,
    /// `missed` (false negative), `spurious` (false positive), `span`
    /// (paired, boundaries differ), `value` (paired, normalized values
    /// differ) or `argument` (paired event, some roles wrong).
    pub kind: String,
    /// Mention type or event type.
    pub name: String,
    /// Start of the gold (or, for `spurious`, predicted) item, in characters.
    pub start: usize,
    /// The gold item: surface and value (`"Monday" = 2010-06-07`).
    pub gold: Option<String>,
    /// The predicted item.
    pub pred: Option<String>,
    /// The sentence it is in, where the text is known.
    pub sentence: Option<String>,
}

/// Article counts of an evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCounts {
    /// Gold articles (after `--split`).
    pub gold: usize,
    /// Gold articles with predictions.
    pub scored: usize,
    /// Gold articles with no predicted article (every gold item missed).
    pub missing: usize,
    /// Gold articles whose processing failed.
    pub failed: usize,
    /// Predicted articles the gold does not annotate (not scored).
    pub unannotated: usize,
}

/// The provenance of both sides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenances {
    /// Of the gold (the run it was blessed from), when recorded.
    pub gold: Option<Provenance>,
    /// Of the predictions.
    pub pred: Option<Provenance>,
}

/// A whole evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The gold set, as given.
    pub gold: String,
    /// The predictions: a folder or file, or `extraction` for a run made
    /// by `newsie eval` itself.
    pub pred: String,
    /// Article counts.
    pub articles: ArticleCounts,
    /// Provenance of gold and predictions.
    pub provenance: Provenances,
    /// Score rows: mentions by type, events by type, arguments by role.
    pub rows: Vec<Row>,
    /// Remarks: provenance differences, articles missing.
    pub notes: Vec<String>,
    /// Every false positive, false negative and disagreement, in article
    /// order.
    #[serde(default)]
    pub diff: Vec<DiffEntry>,
}

/// A minimum F1 for one row (`--min-f1 company=0.9`, `date:value=0.8`).
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// Row name.
    pub name: String,
    /// Measure, or the row's primary one ([`Row::primary`]).
    pub measure: Option<String>,
    /// The least F1 that passes.
    pub min: f64,
}

impl std::str::FromStr for Gate {
    type Err = String;

    /// `NAME[:MEASURE]=F1`, F1 between 0 and 1.
    fn from_str(s: &str) -> std::result::Result<Gate, String> {
        let (lhs, min) = s
            .rsplit_once('=')
            .ok_or_else(|| format!("expected NAME[:MEASURE]=F1, got {s:?}"))?;
        let min: f64 = min
            .parse()
            .ok()
            .filter(|m| (0.0..=1.0).contains(m))
            .ok_or_else(|| format!("F1 must be a number from 0 to 1, got {min:?}"))?;
        let (name, measure) = match lhs.split_once(':') {
            Some((n, m)) => (n, Some(m.to_string())),
            None => (lhs, None),
        };
        if name.is_empty() {
            return Err(format!("expected NAME[:MEASURE]=F1, got {s:?}"));
        }
        Ok(Gate {
            name: name.to_string(),
            measure,
            min,
        })
    }
}

/// F1 values this close count as equal (reports round-trip through JSON).
const TOLERANCE: f64 = 1e-9;

impl Report {
    /// The row named `name`.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// Reads a report written with `--format json`, for `--baseline`.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read, [`Error::Input`] when it is not
    /// such a report.
    pub fn read(path: &std::path::Path) -> Result<Report> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let report: Report = serde_json::from_str(&text).map_err(|e| Error::Input {
            path: path.into(),
            line: Some(e.line() as u64),
            reason: format!("not a newsie eval report (--format json): {e}"),
        })?;
        let share = |x: f64| (0.0..=1.0).contains(&x);
        for r in &report.rows {
            for (name, m) in &r.measures {
                if !(share(m.precision) && share(m.recall) && share(m.f1)) {
                    return Err(Error::Input {
                        path: path.into(),
                        line: None,
                        reason: format!(
                            "row {:?}, measure {name}: a figure outside 0 to 1",
                            r.name
                        ),
                    });
                }
            }
        }
        Ok(report)
    }

    /// Checks the gates and the baseline: one line per failure (a row below
    /// its minimum, a row or measure below the baseline's or missing).
    /// Adds a note when the predictions' provenance differs from the
    /// baseline's.
    ///
    /// # Errors
    /// [`Error::Usage`] for a gate naming a row or measure the report does
    /// not have.
    pub fn check(&mut self, gates: &[Gate], baseline: Option<&Report>) -> Result<Vec<String>> {
        let mut failures = Vec::new();
        for g in gates {
            let row = self.row(&g.name).ok_or_else(|| {
                let names: Vec<&str> = self.rows.iter().map(|r| r.name.as_str()).collect();
                Error::Usage(format!(
                    "--min-f1: no row {:?} (rows: {})",
                    g.name,
                    names.join(", ")
                ))
            })?;
            let measure = g.measure.as_deref().unwrap_or(row.primary());
            let m = row.measures.get(measure).ok_or_else(|| {
                let names: Vec<&str> = row.measures.keys().map(String::as_str).collect();
                Error::Usage(format!(
                    "--min-f1: row {:?} has no measure {measure:?} (measures: {})",
                    g.name,
                    names.join(", ")
                ))
            })?;
            if m.f1 + TOLERANCE < g.min {
                failures.push(format!(
                    "{}:{measure} F1 {:.4} is below the minimum {}",
                    g.name, m.f1, g.min
                ));
            }
        }
        if let Some(base) = baseline {
            for b in &base.rows {
                let Some(row) = self.row(&b.name) else {
                    failures.push(format!("{} is in the baseline but not in this run", b.name));
                    continue;
                };
                for (measure, bm) in &b.measures {
                    match row.measures.get(measure) {
                        Some(m) if m.f1 + TOLERANCE < bm.f1 => failures.push(format!(
                            "{}:{measure} F1 {:.4} is below the baseline's {:.4}",
                            b.name, m.f1, bm.f1
                        )),
                        Some(_) => {}
                        None => failures.push(format!(
                            "{}:{measure} is in the baseline but not in this run",
                            b.name
                        )),
                    }
                }
            }
            match (&base.provenance.pred, &self.provenance.pred) {
                (Some(b), Some(p)) => {
                    let d = b.differences(p);
                    if !d.is_empty() {
                        self.notes.push(format!(
                            "provenance differs from the baseline's: {}",
                            d.join("; ")
                        ));
                    }
                }
                (b, p) if b.is_some() != p.is_some() => self.notes.push(
                    "provenance is recorded for only one of this run and the baseline".into(),
                ),
                _ => {}
            }
        }
        Ok(failures)
    }

    /// The report as an aligned text table, then the notes and up to
    /// `max_diff` diff entries (all with `None`).
    pub fn to_table(&self, max_diff: Option<usize>) -> String {
        let mut out = String::new();
        let a = &self.articles;
        let _ = writeln!(
            out,
            "gold {} · predictions {}\narticles: {} gold, {} scored, {} missing, {} failed, {} not annotated",
            self.gold, self.pred, a.gold, a.scored, a.missing, a.failed, a.unannotated
        );
        if let Some(p) = &self.provenance.pred {
            let _ = writeln!(
                out,
                "provenance: newsie {}, schema {}, gazetteers {} {}",
                p.newsie_version,
                p.schema_version,
                p.gazetteers,
                p.checksum.chars().take(19).collect::<String>()
            );
        }
        let _ = writeln!(
            out,
            "\n{:<9} {:<44} {:>6} {:>6}  {:<10} {:>6} {:>6} {:>6}",
            "level", "name", "gold", "pred", "measure", "P", "R", "F1"
        );
        for r in &self.rows {
            for (i, (name, m)) in r.measures.iter().enumerate() {
                let (level, row, gold, pred) = if i == 0 {
                    (
                        r.level.as_str(),
                        r.name.as_str(),
                        r.gold.to_string(),
                        r.pred.to_string(),
                    )
                } else {
                    ("", "", String::new(), String::new())
                };
                let _ = writeln!(
                    out,
                    "{level:<9} {row:<44} {gold:>6} {pred:>6}  {name:<10} {:>6.3} {:>6.3} {:>6.3}",
                    m.precision, m.recall, m.f1
                );
            }
            if let Some(acc) = r.accuracy {
                let _ = writeln!(
                    out,
                    "{:<9} {:<44} {:>6} {:>6}  {:<10} {:>20.3}",
                    "", "", "", "", "accuracy", acc
                );
            }
        }
        for n in &self.notes {
            let _ = writeln!(out, "\nnote: {n}");
        }
        if !self.diff.is_empty() {
            let shown = max_diff.unwrap_or(usize::MAX).min(self.diff.len());
            let entries = if self.diff.len() == 1 {
                "entry"
            } else {
                "entries"
            };
            let _ = writeln!(out, "\ndiff ({} {entries}):", self.diff.len());
            for d in &self.diff[..shown] {
                let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                let _ = writeln!(
                    out,
                    "{:<8} {} {} @{} {}: gold {} · pred {}",
                    d.kind.to_uppercase(),
                    d.article,
                    d.name,
                    d.start,
                    d.level,
                    side(&d.gold),
                    side(&d.pred)
                );
                if let Some(s) = &d.sentence {
                    let _ = writeln!(out, "         | {s}");
                }
            }
            if shown < self.diff.len() {
                let _ = writeln!(
                    out,
                    "… {} more (--max-diff, or --format json for all)",
                    self.diff.len() - shown
                );
            }
        }
        out
    }

    /// The scores as the summary block of an HTML review page: one line per
    /// row and measure, then the article counts, notes and gate failures.
    pub fn html_summary(&self, failures: &[String]) -> crate::html::Summary {
        let mut rows = Vec::new();
        for r in &self.rows {
            for (name, m) in &r.measures {
                rows.push(vec![
                    r.level.clone(),
                    r.name.clone(),
                    r.gold.to_string(),
                    r.pred.to_string(),
                    name.clone(),
                    format!("{:.3}", m.precision),
                    format!("{:.3}", m.recall),
                    format!("{:.3}", m.f1),
                ]);
            }
        }
        let a = &self.articles;
        let mut notes = vec![format!(
            "articles: {} gold, {} scored, {} missing, {} failed, {} not annotated; predictions: {}",
            a.gold, a.scored, a.missing, a.failed, a.unannotated, self.pred
        )];
        notes.extend(self.notes.iter().cloned());
        notes.extend(failures.iter().map(|f| format!("FAIL {f}")));
        crate::html::Summary {
            caption: Some("Scores".into()),
            columns: ["level", "name", "gold", "pred", "measure", "P", "R", "F1"]
                .map(String::from)
                .to_vec(),
            rows,
            notes,
        }
    }

    /// The score rows as CSV: `level,name,gold,pred,measure,matched,precision,recall,f1`,
    /// one line per row and measure; an argument row's accuracy (over paired
    /// events) is a line of measure `accuracy` with only `f1` filled.
    ///
    /// # Errors
    /// Only if the CSV writer fails in memory.
    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let csv = |e: csv::Error| Error::Usage(e.to_string());
        w.write_record([
            "level",
            "name",
            "gold",
            "pred",
            "measure",
            "matched",
            "precision",
            "recall",
            "f1",
        ])
        .map_err(csv)?;
        for r in &self.rows {
            for (name, m) in &r.measures {
                w.write_record([
                    r.level.clone(),
                    r.name.clone(),
                    r.gold.to_string(),
                    r.pred.to_string(),
                    name.clone(),
                    m.matched.to_string(),
                    format!("{:.4}", m.precision),
                    format!("{:.4}", m.recall),
                    format!("{:.4}", m.f1),
                ])
                .map_err(csv)?;
            }
            // Argument accuracy (over paired events) is a share, not P/R/F1:
            // it goes in the last column, the others left empty.
            if let Some(acc) = r.accuracy {
                let (level, name) = (r.level.clone(), r.name.clone());
                let (gold, pred) = (r.gold.to_string(), r.pred.to_string());
                w.write_record([
                    level,
                    name,
                    gold,
                    pred,
                    "accuracy".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("{acc:.4}"),
                ])
                .map_err(csv)?;
            }
        }
        let bytes = w.into_inner().map_err(|e| Error::Usage(e.to_string()))?;
        Ok(String::from_utf8(bytes).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(f1: f64) -> Report {
        let mut measures = std::collections::BTreeMap::new();
        measures.insert(
            "exact".to_string(),
            Measure {
                matched: 1,
                precision: f1,
                recall: f1,
                f1,
            },
        );
        Report {
            rows: vec![Row {
                level: "mention".into(),
                name: "company".into(),
                gold: 2,
                pred: 2,
                measures,
                accuracy: None,
            }],
            ..Report::default()
        }
    }

    #[test]
    fn measures_gates_and_baselines() {
        let m = Measure::new(3, 4, 6);
        assert_eq!((m.precision, m.recall, m.f1), (0.5, 0.75, 0.6));
        assert_eq!(Measure::new(0, 0, 0).f1, 1.0);
        let gate: Gate = "company=0.9".parse().unwrap();
        assert_eq!(
            (gate.name.as_str(), gate.measure.as_deref(), gate.min),
            ("company", None, 0.9)
        );
        let gate2: Gate = "date:value=0.5".parse().unwrap();
        assert_eq!(gate2.measure.as_deref(), Some("value"));
        assert!("company=1.5".parse::<Gate>().is_err());
        assert!("company".parse::<Gate>().is_err());

        let mut r = report(0.8);
        assert_eq!(r.check(std::slice::from_ref(&gate), None).unwrap().len(), 1);
        assert!(
            r.check(&["company=0.8".parse().unwrap()], None)
                .unwrap()
                .is_empty()
        );
        assert!(matches!(r.check(&[gate2], None), Err(Error::Usage(_))));
        assert!(matches!(
            r.check(&["model=0.1".parse().unwrap()], None),
            Err(Error::Usage(_))
        ));
        // Below the baseline fails; equal or above passes.
        let failures = r.check(&[], Some(&report(0.85))).unwrap();
        assert_eq!(
            failures,
            ["company:exact F1 0.8000 is below the baseline's 0.8500"]
        );
        assert!(r.check(&[], Some(&report(0.8))).unwrap().is_empty());
        let json = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back.rows, r.rows);
        // A baseline with a figure no score can have is refused.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("base.json");
        std::fs::write(&file, &json).unwrap();
        assert_eq!(Report::read(&file).unwrap().rows, r.rows);
        std::fs::write(&file, serde_json::to_string(&report(5.0)).unwrap()).unwrap();
        let err = Report::read(&file).unwrap_err().to_string();
        assert!(err.contains("outside 0 to 1"), "{err}");
        assert!(r.to_csv().unwrap().starts_with("level,name,gold,pred,measure,matched,precision,recall,f1\nmention,company,2,2,exact,1,0.8000,0.8000,0.8000\n"));
    }
}
