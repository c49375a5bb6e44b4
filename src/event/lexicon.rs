//! The event rules' data: the trigger lexicon (`gazetteers/triggers.tsv`) and
//! the cue word classes their argument patterns read
//! (`gazetteers/event-cues.tsv`). Both are human-editable and documented in
//! their headers and in `gazetteers/README.md`; `newsie gazetteer check`
//! validates them ([`check`]), and `--gazetteers DIR` reads a folder's own
//! copies where it has them.
//!
//! Words are compared lowercased, token by token: a trigger or cue of several
//! words ("roll out", "followed suit") matches consecutive tokens.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::gazetteer::GazetteerSource;
use crate::gazetteer::check::{Finding, Severity};

/// The bundled trigger lexicon.
pub const BUNDLED_TRIGGERS: &str = include_str!("../../gazetteers/triggers.tsv");
/// The bundled cue word classes.
pub const BUNDLED_CUES: &str = include_str!("../../gazetteers/event-cues.tsv");

/// What kind of event a trigger signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// A company releases a product or model.
    Release,
    /// A company changes a price it charges (`price_change` / `product_price`).
    ProductPrice,
    /// A stated price (`price_change` / `price_quote`).
    PriceQuote,
    /// Shares or stock move (`price_change` / `share_price`).
    SharePrice,
}

impl Frame {
    const NAMES: [(&'static str, Frame); 4] = [
        ("release", Frame::Release),
        ("product_price", Frame::ProductPrice),
        ("price_quote", Frame::PriceQuote),
        ("share_price", Frame::SharePrice),
    ];
}

/// How a trigger relates to its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    /// A verb whose subject is the company and object the product or item.
    Verb,
    /// A verb whose subject is the product or item ("goes on sale", "shares
    /// fell").
    Intrans,
    /// A noun ("the release of", "a price cut").
    Noun,
}

/// Which way a price moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Up: a raise, a rise.
    Up,
    /// Down: a cut, a fall.
    Down,
}

impl Direction {
    /// `up` or `down`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// One form of a trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// What it signals.
    pub frame: Frame,
    /// Verb, intransitive verb or noun.
    pub pos: Pos,
    /// The form, lowercased, word by word (`["rolled", "out"]`).
    pub words: Vec<String>,
    /// True for the uninflected form of a verb ("launch"), which doubles as a
    /// noun or adjective.
    pub base: bool,
    /// Direction, for price frames.
    pub direction: Option<Direction>,
    /// A change in percent the word means by itself (`halve`: -50).
    pub change: Option<f64>,
    /// A weak release trigger fires only when the product is a known model.
    pub weak: bool,
}

/// A cue word class (see the header of `gazetteers/event-cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Cue {
    Negation,
    Denial,
    Hedge,
    Hypothetical,
    Planned,
    SubjectGap,
    PhraseStop,
    RelationNoun,
    ProductNoun,
    ModelNoun,
    OrgPart,
    CompanyAnaphor,
    NominalBefore,
    BaseFormCue,
    PassiveAux,
    PriceNoun,
    ShareNoun,
    FollowSuit,
    QualifierUpTo,
    QualifierApprox,
    QualifierOver,
    QualifierUnder,
    PriceUnit,
    UnitNoun,
    NotPriced,
    PersonTitle,
    Adverb,
    Collective,
    NotProduct,
    ClauseBreak,
    QuoteGap,
}

impl Cue {
    /// Every class with its name in the file, in the file's order.
    pub const ALL: [(&'static str, Cue); 31] = [
        ("negation", Cue::Negation),
        ("denial", Cue::Denial),
        ("hedge", Cue::Hedge),
        ("hypothetical", Cue::Hypothetical),
        ("planned", Cue::Planned),
        ("subject_gap", Cue::SubjectGap),
        ("phrase_stop", Cue::PhraseStop),
        ("relation_noun", Cue::RelationNoun),
        ("product_noun", Cue::ProductNoun),
        ("model_noun", Cue::ModelNoun),
        ("org_part", Cue::OrgPart),
        ("company_anaphor", Cue::CompanyAnaphor),
        ("nominal_before", Cue::NominalBefore),
        ("base_form_cue", Cue::BaseFormCue),
        ("passive_aux", Cue::PassiveAux),
        ("price_noun", Cue::PriceNoun),
        ("share_noun", Cue::ShareNoun),
        ("follow_suit", Cue::FollowSuit),
        ("qualifier_up_to", Cue::QualifierUpTo),
        ("qualifier_approx", Cue::QualifierApprox),
        ("qualifier_over", Cue::QualifierOver),
        ("qualifier_under", Cue::QualifierUnder),
        ("price_unit", Cue::PriceUnit),
        ("unit_noun", Cue::UnitNoun),
        ("not_priced", Cue::NotPriced),
        ("person_title", Cue::PersonTitle),
        ("adverb", Cue::Adverb),
        ("collective", Cue::Collective),
        ("not_product", Cue::NotProduct),
        ("clause_break", Cue::ClauseBreak),
        ("quote_gap", Cue::QuoteGap),
    ];

    fn index(self) -> usize {
        Cue::ALL
            .iter()
            .position(|(_, c)| *c == self)
            .expect("every cue is listed")
    }
}

/// The cues of one class: single words, and phrases of several words.
#[derive(Debug, Clone, Default)]
struct CueSet {
    words: HashSet<String>,
    phrases: Vec<Vec<String>>,
}

/// The loaded trigger lexicon and cue classes.
#[derive(Debug, Clone)]
pub struct Lexicon {
    triggers: Vec<Trigger>,
    /// Trigger indices by their first word.
    by_first: HashMap<String, Vec<usize>>,
    /// The longest word of every trigger and follow-suit cue: a sentence
    /// without one has no event (the cheap test of [`Lexicon::may_occur`]).
    keys: HashSet<String>,
    cues: Vec<CueSet>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::bundled()
    }
}

impl Lexicon {
    /// The lexicon compiled into the binary (the repository's `gazetteers/`).
    ///
    /// # Panics
    /// When the bundled files have errors, which the tests rule out.
    pub fn bundled() -> Lexicon {
        let (lexicon, findings) = parse(
            ("gazetteers/triggers.tsv", BUNDLED_TRIGGERS),
            ("gazetteers/event-cues.tsv", BUNDLED_CUES),
        );
        assert!(
            !findings.iter().any(|f| f.severity == Severity::Error),
            "bundled event lexicon: {findings:?}"
        );
        lexicon
    }

    /// The lexicon for a gazetteer source: a folder's own `triggers.tsv` and
    /// `event-cues.tsv` where it has them, else the bundled ones.
    ///
    /// # Errors
    /// [`Error::Io`] when a file exists but cannot be read;
    /// [`Error::Gazetteer`] (file and line) for the first error in a file.
    pub fn load(source: &GazetteerSource) -> Result<Lexicon> {
        let dir = match source {
            GazetteerSource::Bundled | GazetteerSource::List(_) => return Ok(Lexicon::bundled()),
            GazetteerSource::Dir(d) => d,
        };
        let (triggers, cues) = read_dir(dir)?;
        let (lexicon, findings) = parse(
            (&triggers.0.to_string_lossy(), &triggers.1),
            (&cues.0.to_string_lossy(), &cues.1),
        );
        if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
            return Err(Error::Gazetteer {
                path: f.path.clone(),
                line: f.line,
                reason: f.message.clone(),
            });
        }
        Ok(lexicon)
    }

    /// Number of trigger forms.
    pub fn trigger_count(&self) -> usize {
        self.triggers.len()
    }

    /// The triggers whose words are `words[i..]`'s first words, with the
    /// number of words each takes.
    pub fn triggers_at<'a>(
        &'a self,
        words: &'a [String],
        i: usize,
    ) -> impl Iterator<Item = (&'a Trigger, usize)> + 'a {
        self.by_first
            .get(words[i].as_str())
            .into_iter()
            .flatten()
            .map(|&t| &self.triggers[t])
            .filter(move |t| {
                words.len() >= i + t.words.len() && t.words[1..] == words[i + 1..i + t.words.len()]
            })
            .map(|t| (t, t.words.len()))
    }

    /// True when `word` (lowercased) is the longest word of a trigger or a
    /// follow-suit cue: a sentence with none of these has no event, which
    /// the rules test before reading it closely.
    pub fn may_occur(&self, word: &str) -> bool {
        self.keys.contains(word)
    }

    /// True when the single word `word` is a cue of `class`.
    pub fn is(&self, class: Cue, word: &str) -> bool {
        self.cues[class.index()].words.contains(word)
    }

    /// The length in words of a cue of `class` (single word or phrase) that
    /// starts at `words[i]`, longest first.
    pub fn starts_at(&self, class: Cue, words: &[String], i: usize) -> Option<usize> {
        let set = &self.cues[class.index()];
        let phrase = set
            .phrases
            .iter()
            .filter(|p| words.len() >= i + p.len() && words[i..i + p.len()] == p[..])
            .map(Vec::len)
            .max();
        phrase.or_else(|| words.get(i).filter(|w| set.words.contains(*w)).map(|_| 1))
    }

    /// True when a cue of `class` occurs anywhere in `words`.
    pub fn any_in(&self, class: Cue, words: &[String]) -> bool {
        (0..words.len()).any(|i| self.starts_at(class, words, i).is_some())
    }

    /// The length of a cue of `class` that ends right before `words[end]`.
    pub fn ends_before(&self, class: Cue, words: &[String], end: usize) -> Option<usize> {
        let set = &self.cues[class.index()];
        let phrase = set
            .phrases
            .iter()
            .filter(|p| end >= p.len() && words[end - p.len()..end] == p[..])
            .map(Vec::len)
            .max();
        phrase.or_else(|| {
            end.checked_sub(1)
                .filter(|&j| set.words.contains(&words[j]))
                .map(|_| 1)
        })
    }
}

/// Reads a folder's `triggers.tsv` and `event-cues.tsv`, each falling back
/// to the bundled file when absent: ((path, text), (path, text)).
pub(crate) fn read_dir(dir: &Path) -> Result<((PathBuf, String), (PathBuf, String))> {
    let read = |name: &str, bundled: &str| {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(s) => Ok((path, s)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((
                PathBuf::from(format!("gazetteers/{name}")),
                bundled.to_string(),
            )),
            Err(e) => Err(Error::io(path, e)),
        }
    };
    Ok((
        read("triggers.tsv", BUNDLED_TRIGGERS)?,
        read("event-cues.tsv", BUNDLED_CUES)?,
    ))
}

/// Checks a folder's event lexicon files (or the bundled ones where it has
/// none): every problem, with file and line.
///
/// # Errors
/// [`Error::Io`] when a file exists but cannot be read.
pub fn check_dir(dir: &Path) -> Result<(Vec<Finding>, usize)> {
    let (triggers, cues) = read_dir(dir)?;
    let (lexicon, findings) = parse(
        (&triggers.0.to_string_lossy(), &triggers.1),
        (&cues.0.to_string_lossy(), &cues.1),
    );
    Ok((findings, lexicon.trigger_count()))
}

/// Checks the bundled event lexicon: (findings, trigger forms read).
pub fn check_bundled() -> (Vec<Finding>, usize) {
    let (lexicon, findings) = parse(
        ("gazetteers/triggers.tsv", BUNDLED_TRIGGERS),
        ("gazetteers/event-cues.tsv", BUNDLED_CUES),
    );
    (findings, lexicon.trigger_count())
}

/// The regular English forms of a lemma: a verb's first word with `-s`,
/// `-ed` and `-ing` (final `e` dropped, `y` after a consonant to `i`), a
/// noun's last word in the plural. Irregular forms and doubled consonants are listed in the
/// file instead.
fn inflect(lemma: &str, pos: Pos) -> Vec<String> {
    // A verb inflects its first word ("rolls out"), a noun its last ("price cuts").
    let (head, first, tail) = if pos == Pos::Noun {
        let (h, l) = lemma.rsplit_once(' ').map_or(("", lemma), |(h, l)| (h, l));
        (h, l, "")
    } else {
        let (f, t) = lemma.split_once(' ').unwrap_or((lemma, ""));
        ("", f, t)
    };
    let consonant_y =
        first.ends_with('y') && !first[..first.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let stem_y = &first[..first.len().saturating_sub(1)];
    let s = if consonant_y {
        format!("{stem_y}ies")
    } else if first.ends_with(['s', 'x', 'z']) || first.ends_with("sh") || first.ends_with("ch") {
        format!("{first}es")
    } else {
        format!("{first}s")
    };
    let mut firsts = vec![first.to_string(), s];
    if pos != Pos::Noun {
        let (ed, ing) = if consonant_y {
            (format!("{stem_y}ied"), format!("{first}ing"))
        } else if let Some(stem) = first.strip_suffix('e') {
            (format!("{first}d"), format!("{stem}ing"))
        } else {
            (format!("{first}ed"), format!("{first}ing"))
        };
        firsts.extend([ed, ing]);
    }
    firsts
        .into_iter()
        .map(|f| {
            [head, f.as_str(), tail]
                .iter()
                .filter(|w| !w.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The cues of a class's field, each as written and as words: split at
/// `|` when the field has one, else at spaces.
fn cue_parts(phrases: &str) -> Vec<(&str, Vec<String>)> {
    let parts: Vec<&str> = if phrases.contains('|') {
        phrases.split('|').collect()
    } else {
        phrases.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(|p| (p, p.split_whitespace().map(str::to_string).collect()))
        .collect()
}

fn finding(severity: Severity, path: &str, line: usize, message: String) -> Finding {
    Finding {
        severity,
        path: PathBuf::from(path),
        line: line as u64,
        message,
    }
}

/// Reads both files, reporting every problem; the lexicon holds every valid
/// row.
fn parse(triggers: (&str, &str), cues: (&str, &str)) -> (Lexicon, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut lexicon = Lexicon {
        triggers: Vec::new(),
        by_first: HashMap::new(),
        keys: HashSet::new(),
        cues: vec![CueSet::default(); Cue::ALL.len()],
    };
    let (tpath, ttext) = triggers;
    let mut seen: HashSet<(Vec<String>, Frame, Pos)> = HashSet::new();
    for (n, line) in ttext.lines().enumerate().map(|(n, l)| (n + 1, l)) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut err = |msg: String| findings.push(finding(Severity::Error, tpath, n, msg));
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            err(format!(
                "expected 7 tab-separated columns (frame, pos, lemma, forms, direction, change, strength), found {}",
                cols.len()
            ));
            continue;
        }
        let [frame, pos, lemma, forms, direction, change, strength] = cols[..] else {
            unreachable!("seven columns")
        };
        let Some(frame) = Frame::NAMES
            .iter()
            .find(|(n, _)| *n == frame)
            .map(|(_, f)| *f)
        else {
            err(format!(
                "unknown frame {frame:?} (release, product_price, price_quote, share_price)"
            ));
            continue;
        };
        let pos = match pos {
            "verb" => Pos::Verb,
            "intrans" => Pos::Intrans,
            "noun" => Pos::Noun,
            _ => {
                err(format!("unknown pos {pos:?} (verb, intrans, noun)"));
                continue;
            }
        };
        if lemma.is_empty() || lemma != lemma.to_lowercase() || lemma.trim() != lemma {
            err(format!(
                "lemma {lemma:?} must be lowercase, non-empty, without outer spaces"
            ));
            continue;
        }
        let direction = match (direction, frame) {
            ("", Frame::Release | Frame::PriceQuote) => None,
            ("up", Frame::ProductPrice | Frame::SharePrice) => Some(Direction::Up),
            ("down", Frame::ProductPrice | Frame::SharePrice) => Some(Direction::Down),
            (d, Frame::Release | Frame::PriceQuote) => {
                err(format!("direction {d:?} on a frame that has none"));
                continue;
            }
            (d, _) => {
                err(format!("direction {d:?}: a price change is `up` or `down`"));
                continue;
            }
        };
        let change = match change {
            "" => None,
            c => match c.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    err(format!("change {c:?} is not a number"));
                    continue;
                }
            },
        };
        let weak = match (strength, frame) {
            ("strong" | "", _) => false,
            ("weak", Frame::Release) => true,
            (s, _) => {
                err(format!(
                    "strength {s:?}: `strong`, or `weak` on a release trigger"
                ));
                continue;
            }
        };
        let forms: Vec<String> = if forms.is_empty() {
            inflect(lemma, pos)
        } else {
            forms.split(',').map(|f| f.trim().to_string()).collect()
        };
        let base = lemma.split(' ').next().unwrap_or(lemma);
        for form in forms {
            if form.is_empty() || form != form.to_lowercase() || form.contains('’') {
                findings.push(finding(
                    Severity::Error,
                    tpath,
                    n,
                    format!("form {form:?} must be lowercase, non-empty, with ' for ’"),
                ));
                continue;
            }
            let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
            if !seen.insert((words.clone(), frame, pos)) {
                findings.push(finding(
                    Severity::Warning,
                    tpath,
                    n,
                    format!("form {form:?} is listed twice for this frame and pos"),
                ));
                continue;
            }
            let t = Trigger {
                frame,
                pos,
                base: pos != Pos::Noun && words[0] == base,
                words,
                direction,
                change,
                weak,
            };
            lexicon
                .by_first
                .entry(t.words[0].clone())
                .or_default()
                .push(lexicon.triggers.len());
            lexicon.triggers.push(t);
        }
    }
    let (cpath, ctext) = cues;
    let mut present = HashSet::new();
    for (n, line) in ctext.lines().enumerate().map(|(n, l)| (n + 1, l)) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((class, phrases)) = line.split_once('\t') else {
            findings.push(finding(
                Severity::Error,
                cpath,
                n,
                "expected `class<TAB>phrases`".to_string(),
            ));
            continue;
        };
        let Some(cue) = Cue::ALL.iter().find(|(c, _)| *c == class).map(|(_, c)| *c) else {
            findings.push(finding(
                Severity::Error,
                cpath,
                n,
                format!("unknown cue class {class:?}"),
            ));
            continue;
        };
        if !present.insert(cue) {
            findings.push(finding(
                Severity::Error,
                cpath,
                n,
                format!("class {class:?} is listed twice"),
            ));
            continue;
        }
        let set = &mut lexicon.cues[cue.index()];
        for (p, words) in cue_parts(phrases) {
            if words.is_empty() || p != p.to_lowercase() || p.contains('’') {
                findings.push(finding(
                    Severity::Error,
                    cpath,
                    n,
                    format!("cue {p:?} must be lowercase, non-empty, with ' for ’"),
                ));
                continue;
            }
            let fresh = if words.len() == 1 {
                set.words.insert(words[0].clone())
            } else if set.phrases.contains(&words) {
                false
            } else {
                set.phrases.push(words);
                true
            };
            if !fresh {
                findings.push(finding(
                    Severity::Warning,
                    cpath,
                    n,
                    format!("cue {p:?} is listed twice in {class}"),
                ));
            }
        }
    }
    for (name, cue) in Cue::ALL {
        if present.contains(&cue) {
            continue;
        }
        // A copy made before a class was added still loads: the class is
        // taken from the bundled file, with a warning.
        let bundled = BUNDLED_CUES
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('\t'));
        match bundled {
            Some(phrases) if ctext != BUNDLED_CUES => {
                findings.push(finding(
                    Severity::Warning,
                    cpath,
                    0,
                    format!("class {name:?} is missing; the bundled one is used"),
                ));
                let set = &mut lexicon.cues[cue.index()];
                for words in cue_parts(phrases).into_iter().map(|(_, w)| w) {
                    match words.len() {
                        0 => {}
                        1 => {
                            set.words.insert(words[0].clone());
                        }
                        _ => set.phrases.push(words),
                    }
                }
            }
            _ => findings.push(finding(
                Severity::Error,
                cpath,
                0,
                format!("class {name:?} is missing"),
            )),
        }
    }
    if lexicon.triggers.is_empty() {
        findings.push(finding(
            Severity::Error,
            tpath,
            0,
            "no trigger rows: no event would ever be found".to_string(),
        ));
    }
    let longest = |words: &[String]| {
        words
            .iter()
            .max_by_key(|w| w.chars().count())
            .cloned()
            .unwrap_or_default()
    };
    let mut keys: HashSet<String> = lexicon.triggers.iter().map(|t| longest(&t.words)).collect();
    let follow = &lexicon.cues[Cue::FollowSuit.index()];
    keys.extend(follow.words.iter().cloned());
    keys.extend(follow.phrases.iter().map(|p| longest(p)));
    lexicon.keys = keys;
    (lexicon, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn bundled_lexicon_is_clean() {
        let (findings, n) = check_bundled();
        assert!(findings.is_empty(), "{findings:#?}");
        assert!(n > 200, "{n} trigger forms");
    }

    #[test]
    fn regular_inflections() {
        assert_eq!(
            inflect("unveil", Pos::Verb),
            ["unveil", "unveils", "unveiled", "unveiling"]
        );
        assert_eq!(
            inflect("release", Pos::Verb),
            ["release", "releases", "released", "releasing"]
        );
        assert_eq!(
            inflect("launch", Pos::Verb),
            ["launch", "launches", "launched", "launching"]
        );
        assert_eq!(
            inflect("rally", Pos::Verb),
            ["rally", "rallies", "rallied", "rallying"]
        );
        assert_eq!(
            inflect("roll out", Pos::Verb),
            ["roll out", "rolls out", "rolled out", "rolling out"]
        );
        assert_eq!(inflect("price cut", Pos::Noun), ["price cut", "price cuts"]);
    }

    #[test]
    fn triggers_and_cues_match_token_runs() {
        let lex = Lexicon::bundled();
        let w = words("alibaba rolled out qwen");
        let found: Vec<(Frame, usize)> =
            lex.triggers_at(&w, 1).map(|(t, n)| (t.frame, n)).collect();
        assert_eq!(found, [(Frame::Release, 2)]);
        let w = words("shares fell 3 pct");
        let found: Vec<(Frame, Option<Direction>)> = lex
            .triggers_at(&w, 1)
            .map(|(t, _)| (t.frame, t.direction))
            .collect();
        // In file order: the share move first, then a product's price fall
        // ("newsprint fell to 570 dlrs").
        assert_eq!(
            found,
            [
                (Frame::SharePrice, Some(Direction::Down)),
                (Frame::ProductPrice, Some(Direction::Down))
            ]
        );
        let w = words("cut prices by up to 97 %");
        assert_eq!(lex.starts_at(Cue::QualifierUpTo, &w, 3), Some(2));
        assert_eq!(lex.ends_before(Cue::QualifierUpTo, &w, 5), Some(2));
        assert_eq!(lex.starts_at(Cue::QualifierUpTo, &w, 4), None);
        let w = words("baidu quickly followed suit");
        assert!(lex.any_in(Cue::FollowSuit, &w));
        assert!(lex.is(Cue::PriceNoun, "fees"));
        assert!(!lex.is(Cue::PriceNoun, "jobs"));
        let halve: Vec<Option<f64>> = lex
            .triggers_at(&words("halved"), 0)
            .map(|(t, _)| t.change)
            .collect();
        assert_eq!(halve, [Some(-50.0)]);
    }

    #[test]
    fn check_reports_bad_rows_with_lines() {
        let triggers = "# header\nrelease\tverb\tunveil\t\t\t\tstrong\nrelease\tverb\tlaunch\t\tup\t\tstrong\nshare_price\tintrans\tfall\tfell\tsideways\t\tstrong\nproduct_price\tverb\tcut\tcut\tdown\tx\tstrong\nmystery\tverb\tx\t\t\t\t\nrelease\tverb\tunveil\tunveiled\t\t\tstrong\nrelease\tverb\tUnveil\t\t\t\tstrong\nrelease\tverb\tonly three\n";
        let mut cues: String = Cue::ALL
            .iter()
            .map(|(n, _)| format!("{n}\tword\n"))
            .collect();
        cues.push_str("nonsense\tx\nnegation\tnot\n");
        let (_, findings) = parse(("t.tsv", triggers), ("c.tsv", &cues));
        let got: Vec<(Severity, &str, u64)> = findings
            .iter()
            .map(|f| (f.severity, f.path.to_str().unwrap(), f.line))
            .collect();
        assert_eq!(
            got,
            [
                (Severity::Error, "t.tsv", 3),
                (Severity::Error, "t.tsv", 4),
                (Severity::Error, "t.tsv", 5),
                (Severity::Error, "t.tsv", 6),
                (Severity::Warning, "t.tsv", 7),
                (Severity::Error, "t.tsv", 8),
                (Severity::Error, "t.tsv", 9),
                // the two bad rows after one good row per class
                (Severity::Error, "c.tsv", Cue::ALL.len() as u64 + 1),
                (Severity::Error, "c.tsv", Cue::ALL.len() as u64 + 2),
            ],
            "{findings:#?}"
        );
    }
}
