//! Provenance: which newsie, which record schema and which gazetteer and
//! rule files produced a run, so that two runs can be told apart.
//!
//! `newsie extract -o DIR` writes it as `DIR/provenance.json`; `newsie eval`
//! puts the provenance of the gold and of the predictions in its report, and
//! says when a run's provenance differs from its baseline's.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::event::lexicon;
use crate::gazetteer::{self, GazetteerSource};
use crate::output::record::SCHEMA_VERSION;

/// What produced a set of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provenance {
    /// Record schema version ([`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// newsie's version (`CARGO_PKG_VERSION`).
    pub newsie_version: String,
    /// `bundled`, or the `--gazetteers` folder or flat list as given.
    pub gazetteers: String,
    /// `sha256:` and the hex SHA-256 (FIPS 180-4) of the list below: each
    /// file's name, a tab, its own hex digest and a newline, in name order.
    pub checksum: String,
    /// Each gazetteer and rule file used (`companies.tsv`, `models.tsv`,
    /// `triggers.tsv`, `event-cues.tsv`, or a flat list by its file name) →
    /// hex SHA-256 of its bytes. A file
    /// a folder lacks and that was taken from the bundled copy is marked
    /// `bundled:` before its digest.
    pub files: BTreeMap<String, String>,
    /// The record types the run was restricted to (`--types`), or `None` for
    /// all.
    #[serde(default)]
    pub types: Option<Vec<String>>,
    /// The shard the run was restricted to (`--shard I/N`), or `None` for
    /// the whole input.
    #[serde(default)]
    pub shard: Option<String>,
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Provenance {
    /// The provenance of a run over `source`, restricted to `types` (sorted).
    ///
    /// # Errors
    /// [`Error::Io`] when a gazetteer or rule file of a folder cannot be read.
    pub fn of(source: &GazetteerSource, types: Option<Vec<String>>) -> Result<Provenance> {
        let mut files = BTreeMap::new();
        let (name, texts) = match source {
            GazetteerSource::Bundled => (
                "bundled".to_string(),
                vec![
                    ("companies.tsv", gazetteer::BUNDLED_COMPANIES.to_string()),
                    ("models.tsv", gazetteer::BUNDLED_MODELS.to_string()),
                    ("triggers.tsv", lexicon::BUNDLED_TRIGGERS.to_string()),
                    ("event-cues.tsv", lexicon::BUNDLED_CUES.to_string()),
                ],
            ),
            GazetteerSource::Dir(dir) => {
                let read = |name: &str| {
                    let path = dir.join(name);
                    std::fs::read_to_string(&path).map_err(|e| Error::io(path, e))
                };
                let companies = read("companies.tsv")?;
                let models = read("models.tsv")?;
                let ((tp, triggers), (cp, cues)) = lexicon::read_dir(dir)?;
                let bundled = |p: &Path| !p.starts_with(dir);
                let mut texts = vec![("companies.tsv", companies), ("models.tsv", models)];
                for (name, path, text) in
                    [("triggers.tsv", tp, triggers), ("event-cues.tsv", cp, cues)]
                {
                    if bundled(&path) {
                        files.insert(
                            name.to_string(),
                            format!("bundled:{}", hex_sha256(text.as_bytes())),
                        );
                    } else {
                        texts.push((name, text));
                    }
                }
                (dir.display().to_string(), texts)
            }
            GazetteerSource::List(path) => {
                let list = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                for (name, text) in [
                    ("triggers.tsv", lexicon::BUNDLED_TRIGGERS),
                    ("event-cues.tsv", lexicon::BUNDLED_CUES),
                ] {
                    files.insert(
                        name.to_string(),
                        format!("bundled:{}", hex_sha256(text.as_bytes())),
                    );
                }
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                files.insert(file, hex_sha256(list.as_bytes()));
                (path.display().to_string(), Vec::new())
            }
        };
        for (file, text) in texts {
            files.insert(file.to_string(), hex_sha256(text.as_bytes()));
        }
        let listing: String = files.iter().map(|(f, d)| format!("{f}\t{d}\n")).collect();
        Ok(Provenance {
            schema_version: SCHEMA_VERSION.to_string(),
            newsie_version: env!("CARGO_PKG_VERSION").to_string(),
            gazetteers: name,
            checksum: format!("sha256:{}", hex_sha256(listing.as_bytes())),
            files,
            types,
            shard: None,
        })
    }

    /// The same provenance for a run restricted to `shard` (`I/N`).
    pub fn with_shard(mut self, shard: Option<String>) -> Provenance {
        self.shard = shard;
        self
    }

    /// How `other` differs from `self`, one phrase per field
    /// (`newsie version 0.1.0 vs 0.2.0`, `models.tsv changed`); empty when
    /// they agree.
    pub fn differences(&self, other: &Provenance) -> Vec<String> {
        let mut out = Vec::new();
        let mut field = |name: &str, a: &str, b: &str| {
            if a != b {
                out.push(format!("{name} {a} vs {b}"));
            }
        };
        field(
            "schema version",
            &self.schema_version,
            &other.schema_version,
        );
        field(
            "newsie version",
            &self.newsie_version,
            &other.newsie_version,
        );
        field("gazetteers", &self.gazetteers, &other.gazetteers);
        let types = |t: &Option<Vec<String>>| t.as_ref().map_or("all".to_string(), |t| t.join(","));
        field("types", &types(&self.types), &types(&other.types));
        let shard = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".to_string());
        field("shard", &shard(&self.shard), &shard(&other.shard));
        let names: std::collections::BTreeSet<&String> =
            self.files.keys().chain(other.files.keys()).collect();
        // A file taken from the bundled copy has the same bytes as that copy.
        let digest = |p: &Provenance, name: &str| {
            p.files
                .get(name)
                .map(|d| d.trim_start_matches("bundled:").to_string())
        };
        for name in names {
            if digest(self, name) != digest(other, name) {
                out.push(format!("{name} changed"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_provenance_names_every_file_and_a_folder_copy_matches_it() {
        let bundled = Provenance::of(&GazetteerSource::Bundled, None).unwrap();
        assert_eq!(
            bundled.files.keys().collect::<Vec<_>>(),
            [
                "companies.tsv",
                "event-cues.tsv",
                "models.tsv",
                "triggers.tsv"
            ]
        );
        assert!(bundled.checksum.starts_with("sha256:") && bundled.checksum.len() == 7 + 64);
        let dir = tempfile::tempdir().unwrap();
        let copy = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        copy("companies.tsv", gazetteer::BUNDLED_COMPANIES);
        copy("models.tsv", gazetteer::BUNDLED_MODELS);
        copy("triggers.tsv", lexicon::BUNDLED_TRIGGERS);
        let folder = Provenance::of(&GazetteerSource::Dir(dir.path().into()), None).unwrap();
        // Same bytes, same digests; the cue list came from the bundled copy.
        assert_eq!(
            folder.files["companies.tsv"],
            bundled.files["companies.tsv"]
        );
        assert_eq!(
            folder.files["event-cues.tsv"],
            format!("bundled:{}", bundled.files["event-cues.tsv"])
        );
        // The same bytes: only the folder differs.
        assert_eq!(
            bundled.differences(&folder),
            [format!("gazetteers bundled vs {}", dir.path().display())]
        );
        copy("models.tsv", "id\tcanonical\n");
        let edited = Provenance::of(&GazetteerSource::Dir(dir.path().into()), None).unwrap();
        assert_ne!(edited.checksum, folder.checksum);
        assert_eq!(folder.differences(&edited), ["models.tsv changed"]);
        assert!(bundled.differences(&bundled).is_empty());
    }
}
