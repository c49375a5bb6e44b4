//! Readers for gold temporal expressions in TimeML (the TIMEX3 tag of the
//! TimeML specification, Pustejovsky et al. 2003; ISO-TimeML) as two corpora
//! ship it:
//!
//! - **TempEval-3** `.tml` files (UzZaman et al. 2013, SemEval-2013 Task 1:
//!   TimeBank 1.2, AQUAINT, TE3-platinum): inline markup, a `<DCT>` holding
//!   the creation time and a `<TEXT>` whose text content is the document;
//! - **MEANTIME** CAT XML files (Minard et al. 2016, the NewsReader
//!   Multilingual Event ANd TIME corpus): stand-off markup, `<token>`
//!   elements and `<Markables>` whose `TIMEX3` anchor to token ids.
//!
//! Both give [`TimemlDoc`]s whose offsets count **characters** (Unicode
//! scalar values), ready to be scored as gold `date` mentions (see
//! [`crate::eval::annotation::Annotations::read`]).

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document, Node};

use crate::eval::timex::Timex3;
use crate::{Error, Result};

/// One gold document read from TimeML.
///
/// All offsets are character offsets into [`TimemlDoc::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// TempEval-3: the `DOCID` element's text, else the file stem. MEANTIME:
    /// the `doc_id` attribute, else the file stem.
    pub id: String,
    /// The file the document was read from.
    pub path: String,
    /// The plain text the offsets index. TempEval-3: the exact text content
    /// of `<TEXT>` (markup removed). MEANTIME: rebuilt from the tokens, one
    /// sentence a line, tokens joined by spaces except before closing
    /// punctuation and clitics (`,` `.` `)` `%` `''` `'s` `n't` …), after
    /// opening ones (`(` `$` ``` `` ``` …) and inside straight double quotes,
    /// which alternately open and close.
    pub text: String,
    /// The creation-time TIMEX3's value: its first ten characters when it
    /// starts with a `YYYY-MM-DD` date (`1998-11-20T19:30` gives
    /// `1998-11-20`), else as given. TempEval-3: the TIMEX3 in `<DCT>`;
    /// MEANTIME: the one with `functionInDocument="CREATION_TIME"`. `None`
    /// when there is none.
    pub dct: Option<String>,
    /// Every TIMEX3 that covers text, in text order, except the creation
    /// time. Non-textual (empty) TIMEX3s are skipped.
    pub timexes: Vec<Timex3>,
    /// Only text before this offset is annotated. MEANTIME: the end of the
    /// sixth line (headline, date line and four sentences), `None` when the
    /// text has no more lines. TempEval-3: `None` (the whole text).
    pub scope_end: Option<usize>,
    /// MEANTIME: the span of the creation-time expression (the date line)
    /// when it is anchored to tokens. TempEval-3: `None` (the DCT is outside
    /// `<TEXT>`).
    pub creation: Option<(usize, usize)>,
}

/// Reads a TempEval-3 `.tml` file (root element `TimeML`).
///
/// The text is the text content of `<TEXT>`; each TIMEX3 inside it gives a
/// span (the characters of its content), `type` and `value` (an empty
/// `value` is `None`). The DCT is the TIMEX3 in `<DCT>`.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::Input`] (with the
/// line) for malformed XML, a missing `<TEXT>` or a TIMEX3 without `type`.
pub fn read_tempeval(path: &Path) -> Result<TimemlDoc> {
    with_xml(path, tempeval)
}

/// Reads a MEANTIME CAT XML file (root element `Document`).
///
/// The text is rebuilt from the `token` elements (see [`TimemlDoc::text`]);
/// a TIMEX3 in `<Markables>` spans from the start of its first anchored
/// token to the end of its last. TIMEX3s without `token_anchor` are
/// non-textual and skipped; the one with `functionInDocument="CREATION_TIME"`
/// gives [`TimemlDoc::dct`] and [`TimemlDoc::creation`] instead.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::Input`] (with the
/// line) for malformed XML, a token without `t_id` or `sentence`, a TIMEX3
/// without `type`, or a `token_anchor` naming no token.
pub fn read_meantime(path: &Path) -> Result<TimemlDoc> {
    with_xml(path, meantime)
}

/// Reads a `.tml` or `.xml` file, or every such file under a folder
/// (recursively, in sorted path order), as TempEval-3 when the root element
/// is `TimeML` and as MEANTIME when it is `Document`. A file named directly
/// is read whatever its extension.
///
/// # Errors
/// The first error of [`read_tempeval`] or [`read_meantime`], an
/// [`Error::Input`] for another root element, or [`Error::Io`] when the
/// folder cannot be walked.
pub fn read_path(path: &Path) -> Result<Vec<TimemlDoc>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).follow_links(true) {
        let entry = entry.map_err(|e| Error::io(path, e.into()))?;
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if entry.file_type().is_file() && (entry.depth() == 0 || matches!(ext, Some("tml" | "xml")))
        {
            files.push(entry.into_path());
        }
    }
    files.sort();
    files
        .iter()
        .map(|file| {
            with_xml(file, |path, doc| {
                let root = doc.root_element();
                match root.tag_name().name() {
                    "TimeML" => tempeval(path, doc),
                    "Document" => meantime(path, doc),
                    other => Err(node_error(
                        path,
                        root,
                        format!("root element {other} is neither TimeML nor Document"),
                    )),
                }
            })
        })
        .collect()
}

/// Reads and parses `path`, then hands the tree to `read`.
fn with_xml(
    path: &Path,
    read: impl FnOnce(&Path, &Document) -> Result<TimemlDoc>,
) -> Result<TimemlDoc> {
    let xml = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let doc = Document::parse(&xml).map_err(|e| Error::Input {
        path: path.into(),
        line: Some(e.pos().row.into()),
        reason: format!("malformed XML: {e}"),
    })?;
    read(path, &doc)
}

/// An [`Error::Input`] at the line where `node` starts.
fn node_error(path: &Path, node: Node, reason: impl Into<String>) -> Error {
    let row = node.document().text_pos_at(node.range().start).row;
    Error::Input {
        path: path.into(),
        line: Some(row.into()),
        reason: reason.into(),
    }
}

/// The attribute `name` of `node`, or an error naming it.
fn required<'a>(path: &Path, node: Node<'a, '_>, name: &str) -> Result<&'a str> {
    node.attribute(name).ok_or_else(|| {
        node_error(
            path,
            node,
            format!("{} without a {name} attribute", node.tag_name().name()),
        )
    })
}

/// A TIMEX3's `type` and `value` (empty → `None`) over `start..end`.
fn timex3(path: &Path, node: Node, start: usize, end: usize, text: String) -> Result<Timex3> {
    Ok(Timex3 {
        start,
        end,
        text,
        timex_type: required(path, node, "type")?.to_string(),
        value: node
            .attribute("value")
            .filter(|v| !v.is_empty())
            .map(str::to_string),
    })
}

fn is_creation_time(node: Node) -> bool {
    node.attribute("functionInDocument") == Some("CREATION_TIME")
}

/// The first ten characters of a value starting `YYYY-MM-DD`, else the value.
fn dct_value(value: &str) -> String {
    let b = value.as_bytes();
    let is_date = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if is_date { &value[..10] } else { value }.to_string()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn expect_root<'a, 'i>(path: &Path, doc: &'a Document<'i>, name: &str) -> Result<Node<'a, 'i>> {
    let root = doc.root_element();
    if root.has_tag_name(name) {
        Ok(root)
    } else {
        Err(node_error(
            path,
            root,
            format!("root element {}, expected {name}", root.tag_name().name()),
        ))
    }
}

fn tempeval(path: &Path, doc: &Document) -> Result<TimemlDoc> {
    let root = expect_root(path, doc, "TimeML")?;
    let element = |name: &str| root.descendants().find(|n| n.has_tag_name(name));
    let id = element("DOCID")
        .and_then(|n| n.text())
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| file_stem(path));
    let dct = element("DCT")
        .and_then(|n| n.descendants().find(|t| t.has_tag_name("TIMEX3")))
        .and_then(|t| t.attribute("value"))
        .map(dct_value);
    let body = element("TEXT").ok_or_else(|| node_error(path, root, "no TEXT element"))?;
    let mut text = String::new();
    let mut len = 0;
    let mut timexes = Vec::new();
    // Pre-order: a TIMEX3 comes before its own text nodes, so `len` is its
    // start.
    for node in body.descendants() {
        if node.is_text() {
            let t = node.text().unwrap_or_default();
            text.push_str(t);
            len += t.chars().count();
        } else if node.has_tag_name("TIMEX3") && !is_creation_time(node) {
            let content: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            if !content.is_empty() {
                let end = len + content.chars().count();
                timexes.push(timex3(path, node, len, end, content)?);
            }
        }
    }
    Ok(TimemlDoc {
        id,
        path: path.display().to_string(),
        text,
        dct,
        timexes,
        scope_end: None,
        creation: None,
    })
}

/// Lines of a MEANTIME document that are annotated.
const MEANTIME_SCOPE_LINES: usize = 6;

/// Tokens written without a space before them.
const NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "'", "”", "’", "'s", "'re",
    "'ve", "'ll", "'d", "'m", "n't",
];

/// Tokens written without a space after them.
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "`", "“", "‘"];

/// The text of MEANTIME tokens and each token id's character span.
struct TokenText<'a> {
    text: String,
    spans: HashMap<&'a str, (usize, usize)>,
    scope_end: Option<usize>,
}

/// Joins the tokens, one sentence a line. A straight `"` opens a quotation
/// (no space after) and the next one closes it (no space before).
fn token_text<'a>(path: &Path, root: Node<'a, '_>) -> Result<TokenText<'a>> {
    let mut out = TokenText {
        text: String::new(),
        spans: HashMap::new(),
        scope_end: None,
    };
    let mut len = 0;
    let mut sentence = None;
    let mut lines_done = 0;
    let mut glue_next = true;
    let mut quote_open = false;
    for token in root.children().filter(|n| n.has_tag_name("token")) {
        let id = required(path, token, "t_id")?;
        let s = required(path, token, "sentence")?;
        let word = token.text().unwrap_or_default();
        if sentence.is_some_and(|prev| prev != s) {
            lines_done += 1;
            if lines_done == MEANTIME_SCOPE_LINES {
                out.scope_end = Some(len);
            }
            out.text.push('\n');
            len += 1;
            glue_next = true;
        }
        sentence = Some(s);
        let closes_quote = word == "\"" && quote_open;
        if !glue_next && !closes_quote && !NO_SPACE_BEFORE.contains(&word) {
            out.text.push(' ');
            len += 1;
        }
        let end = len + word.chars().count();
        out.spans.insert(id, (len, end));
        out.text.push_str(word);
        len = end;
        if word == "\"" {
            quote_open = !quote_open;
        }
        glue_next = NO_SPACE_AFTER.contains(&word) || (word == "\"" && quote_open);
    }
    Ok(out)
}

fn meantime(path: &Path, doc: &Document) -> Result<TimemlDoc> {
    let root = expect_root(path, doc, "Document")?;
    let tokens = token_text(path, root)?;
    let mut dct = None;
    let mut creation = None;
    let mut timexes = Vec::new();
    let markables = root.children().filter(|n| n.has_tag_name("Markables"));
    for node in markables
        .flat_map(|m| m.children())
        .filter(|n| n.has_tag_name("TIMEX3"))
    {
        let mut span: Option<(usize, usize)> = None;
        for anchor in node.children().filter(|n| n.has_tag_name("token_anchor")) {
            let id = required(path, anchor, "t_id")?;
            let &(start, end) = tokens.spans.get(id).ok_or_else(|| {
                node_error(path, anchor, format!("token_anchor to missing token {id}"))
            })?;
            span = Some(span.map_or((start, end), |(s, e)| (s.min(start), e.max(end))));
        }
        if is_creation_time(node) {
            dct = node.attribute("value").map(dct_value);
            creation = span;
        } else if let Some((start, end)) = span {
            let text = tokens.text.chars().skip(start).take(end - start).collect();
            timexes.push(timex3(path, node, start, end, text)?);
        }
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(TimemlDoc {
        id: root
            .attribute("doc_id")
            .map_or_else(|| file_stem(path), str::to_string),
        path: path.display().to_string(),
        text: tokens.text,
        dct,
        timexes,
        scope_end: tokens.scope_end,
        creation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `xml` as `name` in `dir` and returns its path.
    fn write(dir: &Path, name: &str, xml: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, xml).unwrap();
        path
    }

    const TML: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>demo-001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2021-03-04T09:15" functionInDocument="CREATION_TIME">4 March 2021 09:15</TIMEX3></DCT>
<TEXT>
In Zürich, the café <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-03-03">yesterday</TIMEX3> <SIGNAL sid="s1">after</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P2W">two <EVENT eid="e2" class="STATE">quiet</EVENT> weeks</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="2021-W09"/>
</TEXT>
</TimeML>
"#;

    const CAT: &str = r#"<?xml version="1.0" ?><Document doc_id="42" doc_name="42_Tram_line_opens" lang="en">
<token t_id="1" sentence="0" number="0">Tram</token>
<token t_id="2" sentence="0" number="1">line</token>
<token t_id="3" sentence="0" number="2">opens</token>
<token t_id="4" sentence="1" number="3">May</token>
<token t_id="5" sentence="1" number="4">2</token>
<token t_id="6" sentence="1" number="5">,</token>
<token t_id="7" sentence="1" number="6">2019</token>
<token t_id="8" sentence="2" number="7">The</token>
<token t_id="9" sentence="2" number="8">city</token>
<token t_id="10" sentence="2" number="9">'s</token>
<token t_id="11" sentence="2" number="10">"</token>
<token t_id="12" sentence="2" number="11">green</token>
<token t_id="13" sentence="2" number="12">"</token>
<token t_id="14" sentence="2" number="13">tram</token>
<token t_id="15" sentence="2" number="14">(</token>
<token t_id="16" sentence="2" number="15">line</token>
<token t_id="17" sentence="2" number="16">4</token>
<token t_id="18" sentence="2" number="17">)</token>
<token t_id="19" sentence="2" number="18">opened</token>
<token t_id="20" sentence="2" number="19">last</token>
<token t_id="21" sentence="2" number="20">Friday</token>
<token t_id="22" sentence="2" number="21">morning</token>
<token t_id="23" sentence="2" number="22">.</token>
<Markables>
<TIMEX3 m_id="30" type="TIME" value="2019-04-26TMO" functionInDocument="NONE">
<token_anchor t_id="20"/>
<token_anchor t_id="21"/>
<token_anchor t_id="22"/>
</TIMEX3>
<ENTITY_MENTION m_id="31" syntactic_type="NAM"><token_anchor t_id="9"/></ENTITY_MENTION>
<TIMEX3 m_id="32" type="DATE" value="2019-05-02" functionInDocument="CREATION_TIME">
<token_anchor t_id="4"/>
<token_anchor t_id="5"/>
<token_anchor t_id="6"/>
<token_anchor t_id="7"/>
</TIMEX3>
<TIMEX3 m_id="33" type="DATE" value="2019-04" functionInDocument="NONE"/>
</Markables>
</Document>
"#;

    fn timex(start: usize, end: usize, text: &str, kind: &str, value: &str) -> Timex3 {
        Timex3 {
            start,
            end,
            text: text.into(),
            timex_type: kind.into(),
            value: Some(value.into()),
        }
    }

    #[test]
    fn tempeval_text_and_char_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let doc = read_tempeval(&write(dir.path(), "a.tml", TML)).unwrap();
        assert_eq!(doc.id, "demo-001");
        assert_eq!(doc.dct.as_deref(), Some("2021-03-04"));
        assert_eq!(
            doc.text,
            "\nIn Zürich, the café reopened yesterday after two quiet weeks.\n"
        );
        // "Zürich" and "café" take two bytes each for one character.
        assert_eq!(
            doc.timexes,
            [
                timex(30, 39, "yesterday", "DATE", "2021-03-03"),
                timex(46, 61, "two quiet weeks", "DURATION", "P2W"),
            ]
        );
        assert_eq!((doc.scope_end, doc.creation), (None, None));
    }

    #[test]
    fn meantime_tokens_spans_and_creation_time() {
        let dir = tempfile::tempdir().unwrap();
        let doc = read_meantime(&write(dir.path(), "42_Tram.xml", CAT)).unwrap();
        assert_eq!(doc.id, "42");
        assert_eq!(
            doc.text,
            "Tram line opens\nMay 2, 2019\nThe city's \"green\" tram (line 4) opened last Friday morning."
        );
        assert_eq!(doc.dct.as_deref(), Some("2019-05-02"));
        assert_eq!(doc.creation, Some((16, 27)));
        // The creation time and the empty TIMEX3 are not in the list.
        assert_eq!(
            doc.timexes,
            [timex(
                68,
                87,
                "last Friday morning",
                "TIME",
                "2019-04-26TMO"
            )]
        );
        // Three lines: all annotated.
        assert_eq!(doc.scope_end, None);
    }

    #[test]
    fn meantime_scope_is_the_first_six_lines() {
        let tokens: String = (1..=8)
            .map(|i| format!("<token t_id=\"{i}\" sentence=\"{}\">w{i}</token>\n", i - 1))
            .collect();
        let xml = format!("<Document doc_id=\"7\">\n{tokens}<Markables/>\n</Document>");
        let dir = tempfile::tempdir().unwrap();
        let doc = read_meantime(&write(dir.path(), "7.xml", &xml)).unwrap();
        assert_eq!(doc.text, "w1\nw2\nw3\nw4\nw5\nw6\nw7\nw8");
        assert_eq!(doc.scope_end, Some(17));
        assert_eq!(doc.dct, None);
    }

    #[test]
    fn read_path_dispatches_on_the_root_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        write(&dir.path().join("sub"), "b.xml", CAT);
        write(dir.path(), "a.tml", TML);
        write(dir.path(), "notes.txt", "not TimeML");
        let docs = read_path(dir.path()).unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["demo-001", "42"]);
    }

    /// The line an [`Error::Input`] points at.
    fn error_line(err: Error) -> Option<u64> {
        match err {
            Error::Input { line, .. } => line,
            other => panic!("not an input error: {other}"),
        }
    }

    #[test]
    fn a_timex_without_type_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let xml = TML.replace(r#"tid="t2" type="DURATION""#, r#"tid="t2""#);
        let err = read_tempeval(&write(dir.path(), "a.tml", &xml)).unwrap_err();
        assert!(
            err.to_string().contains("TIMEX3 without a type attribute"),
            "{err}"
        );
        assert_eq!(error_line(err), Some(6));
    }

    #[test]
    fn an_anchor_to_a_missing_token_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let xml = CAT.replace(
            r#"<token_anchor t_id="21"/>"#,
            r#"<token_anchor t_id="99"/>"#,
        );
        let err = read_meantime(&write(dir.path(), "42.xml", &xml)).unwrap_err();
        assert!(err.to_string().contains("missing token 99"), "{err}");
        assert_eq!(error_line(err), Some(28));
    }

    #[test]
    fn malformed_xml_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "broken.tml",
            "<TimeML>\n<TEXT>open\n</TimeML>\n",
        );
        let err = read_path(&path).unwrap_err();
        assert!(
            err.to_string().contains("broken.tml:3: malformed XML"),
            "{err}"
        );
        let err = read_meantime(&write(dir.path(), "a.tml", TML)).unwrap_err();
        assert!(err.to_string().contains("expected Document"), "{err}");
    }
}
