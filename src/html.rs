//! A self-contained HTML review page for extraction output.
//!
//! [`render`] writes one HTML file (inline CSS, no script, no network
//! resources; a Content-Security-Policy that forbids both) showing each
//! article's text with its mentions highlighted by type, event triggers
//! underlined, a table of events with their evidence sentence, and, in
//! evaluation mode, how each item fared against gold ([`Mark`]).
//!
//! # What the page contains (stable for tests and scripts)
//!
//! - Each mention is one or more `<mark class="m …">` elements with
//!   `data-mention` (1-based index of the mention in its article),
//!   `data-type` (the type name as given), `data-mark`
//!   (`plain|correct|spurious|missed`), `data-entity` and `data-normalized`
//!   where known, `data-note` where given, and a `title` for hover:
//!   `company · alibaba · Alibaba Group` (then the mark and note, if any).
//! - Each event trigger is a `<span class="trigger …">` with `data-trigger`
//!   (the event type), `data-event` (1-based index) and `data-mark`; each
//!   event is a `<tr class="event">` with the same `data-event`,
//!   `data-type` and `data-mark`.
//! - Anything the page could not show as given (offsets past the end of the
//!   text, reversed or empty spans, a surface that differs from what the
//!   offsets cover) is listed under the article as a `<li class="note">`.
//!
//! # Offsets
//!
//! Mention and trigger offsets are **character** offsets (Unicode scalar
//! values) into [`HtmlArticle::text`], half-open, as in the records. Every
//! character offset up to the text's length is a boundary, so nothing can
//! split a UTF-8 sequence; offsets past the end are clamped to it.
//!
//! # Overlaps
//!
//! Highlights nest. Gold and predicted mentions may overlap with different
//! boundaries and mentions of different types may nest, so the text is cut
//! at every span boundary and the open spans are kept as a stack of
//! elements: a span that starts inside another opens inside it, and when a
//! span ends while spans opened after it are still open, those are closed,
//! the span is closed, and they are reopened as continuation fragments
//! (`data-cont` set, all other attributes repeated). Properly nested spans
//! are never split; crossing spans are split only where they cross. A
//! selector such as `mark.m:not([data-cont])` therefore finds each
//! mention exactly once. At one position, longer spans open outside shorter
//! ones, and mentions outside triggers.

use std::fmt::Write as _;

use crate::eval::annotation::{Event, Mention};

/// How an item fared against gold, or [`Mark::Plain`] when there is no gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// No gold to compare with.
    #[default]
    Plain,
    /// Found by the system and in gold.
    Correct,
    /// Found by the system, not in gold (a false positive).
    Spurious,
    /// In gold, not found by the system (a miss).
    Missed,
    /// Found by the system and paired with a gold item, but its span or
    /// value (for events: some argument) differs from the gold's.
    Partial,
}

impl Mark {
    /// The name used in `data-mark` and class names: `plain`, `correct`,
    /// `spurious`, `missed`, `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Plain => "plain",
            Mark::Correct => "correct",
            Mark::Spurious => "spurious",
            Mark::Missed => "missed",
            Mark::Partial => "partial",
        }
    }
}

/// One mention to highlight.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlMention {
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Type name: `company`, `ticker`, `model`, `date`, `money`, `percent`,
    /// or any other (shown in a default colour).
    pub kind: String,
    /// Surface text as the producer saw it (checked against the offsets).
    pub text: String,
    /// Entity id (`alibaba`), where known.
    pub entity_id: Option<String>,
    /// Normalized value (`Alibaba Group`, `2025-01-29`, `0.14 USD`).
    pub normalized: Option<String>,
    /// How it fared against gold.
    pub mark: Mark,
    /// A remark shown on hover (`gold value 2025-01-29`).
    pub note: Option<String>,
}

/// One event to list, with its trigger underlined in the text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlEvent {
    /// Event type: `release`, or `kind/subtype` (`price_change/share_price`).
    pub kind: String,
    /// Trigger start, in characters.
    pub trigger_start: usize,
    /// Trigger end (exclusive), in characters.
    pub trigger_end: usize,
    /// The evidence sentence.
    pub evidence: String,
    /// Id of the rule that fired, where there is one.
    pub rule: Option<String>,
    /// Filled roles only: role and normalized value, in the order shown.
    pub arguments: Vec<(String, String)>,
    /// True for a negated event.
    pub negated: bool,
    /// How it fared against gold.
    pub mark: Mark,
    /// A remark shown with the event.
    pub note: Option<String>,
}

/// One article: its text and what to show on it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlArticle {
    /// Article id.
    pub id: String,
    /// Headline, where known (else the id heads the section).
    pub title: Option<String>,
    /// Document creation time, as text.
    pub dct: Option<String>,
    /// The article text all offsets count in.
    pub text: String,
    /// Mentions, in any order.
    pub mentions: Vec<HtmlMention>,
    /// Events, in the order listed.
    pub events: Vec<HtmlEvent>,
}

/// An optional block at the top of the page: a small table (such as scores
/// per type) and lines of plain text under it. Every string is plain text
/// and is escaped when rendered; cells that read as numbers (`0.93`, `97%`)
/// are right-aligned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Heading of the block (`Scores`); none for no heading.
    pub caption: Option<String>,
    /// Column headings; empty for a table without a header row.
    pub columns: Vec<String>,
    /// Table rows (no table when empty).
    pub rows: Vec<Vec<String>>,
    /// Lines of text under the table.
    pub notes: Vec<String>,
}

/// A mention as recorded (an extraction's or a gold set's), unmarked.
impl From<&Mention> for HtmlMention {
    fn from(m: &Mention) -> HtmlMention {
        HtmlMention {
            start: m.start,
            end: m.end,
            kind: m.kind.clone(),
            text: m.text.clone(),
            entity_id: m.entity_id.clone(),
            normalized: m.normalized.clone(),
            mark: Mark::Plain,
            note: None,
        }
    }
}

/// An event as recorded, unmarked: its given arguments in the order of the
/// type's roles ([`crate::event::roles`]), then any others.
impl From<&Event> for HtmlEvent {
    fn from(e: &Event) -> HtmlEvent {
        let order = crate::event::roles(&e.kind);
        let rank = |role: &str| order.iter().position(|r| *r == role).unwrap_or(order.len());
        let mut arguments: Vec<(String, String)> = e
            .arguments
            .iter()
            .filter_map(|(role, a)| {
                let value = a.normalized.clone().or_else(|| a.text.clone())?;
                // An empty qualifier stands for an exact figure: nothing to show.
                (!value.is_empty()).then(|| (role.clone(), value))
            })
            .collect();
        arguments.sort_by_key(|(role, _)| rank(role));
        HtmlEvent {
            kind: e.key(),
            trigger_start: e.trigger_start,
            trigger_end: e.trigger_end,
            evidence: e.evidence.clone(),
            rule: e.rule.clone(),
            arguments,
            negated: e.negated,
            mark: Mark::Plain,
            note: e
                .inferred
                .then(|| "inferred from a reference to an earlier event".to_string()),
        }
    }
}

/// Types with a colour of their own (set in [`CSS`]), in legend order.
const COLOURED_TYPES: [&str; 6] = ["company", "ticker", "model", "date", "money", "percent"];

/// The CSS class of a type, which sets its colour: its own for
/// [`COLOURED_TYPES`], the grey `m-other` else (so that no data reaches a
/// class name).
fn type_class(kind: &str) -> &'static str {
    match kind {
        "company" => "m-company",
        "ticker" => "m-ticker",
        "model" => "m-model",
        "date" => "m-date",
        "money" => "m-money",
        "percent" => "m-percent",
        _ => "m-other",
    }
}

/// Appends `s` with `& < > " '` escaped, safe in text and in quoted
/// attribute values.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `s` escaped, with a line-break opportunity (`<wbr>`) after
/// every `sep`, for identifiers in narrow cells (`price_change/share_price`,
/// `release.svo.successor`).
fn escape_breakable(out: &mut String, s: &str, sep: char) {
    for (j, part) in s.split(sep).enumerate() {
        if j > 0 {
            out.push(sep);
            out.push_str("<wbr>");
        }
        escape_into(out, part);
    }
}

/// `s` escaped (see [`escape_into`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends ` name="value"` with the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value);
    out.push('"');
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 48px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;color:#1d1d1f;background:#f4f5f7}
main{max-width:1180px;margin:0 auto}
h1{font-size:24px;margin:0 0 12px}
h2{font-size:19px;margin:0 0 4px}
h3{font-size:15px;margin:18px 0 6px;color:#444}
.summary h3{margin-top:0}
.totals{color:#555;margin:0 0 14px}
.legend,.summary,section.article{background:#fff;border:1px solid #dcdfe4;border-radius:8px;padding:14px 18px;margin:0 0 18px}
.legend{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;position:sticky;top:0;z-index:1;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.legend .group{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.legend .label{font-weight:600;color:#555;margin-right:2px}
.summary table,table.events{border-collapse:collapse;font-size:14px}
.summary th,.summary td{padding:3px 12px;border-bottom:1px solid #e6e8eb;text-align:left}
.summary td.num{text-align:right;font-variant-numeric:tabular-nums}
.summary p{margin:8px 0 0;color:#444}
.meta{color:#666;margin:0 0 10px;font-size:14px}
.meta code{font-size:13px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:16px;line-height:2;background:#fcfcfd;border:1px solid #eceef1;border-radius:6px;padding:10px 14px}
.m-company{--c:#cfe2ff}.m-ticker{--c:#c9efd0}.m-model{--c:#e7d9ff}
.m-date{--c:#fff0a8}.m-money{--c:#bdeee8}.m-percent{--c:#ffd5e5}
.m-other{--c:#e2e2e2}
.m{color:inherit;background:var(--c);padding:1px 2px;border-radius:3px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.m .m{padding:0 1px}
.mk-correct{box-shadow:inset 0 -2px 0 #2f9e44}
.mk-spurious{text-decoration:line-through 2px #e8590c;outline:2px solid #f59f00;outline-offset:-1px}
.mk-missed{background:repeating-linear-gradient(135deg,var(--c) 0 6px,#fff 6px 9px);outline:2px dashed #d6336c}
.mk-partial{box-shadow:inset 0 -3px 0 #f59f00;outline:2px dotted #f59f00;outline-offset:-1px}
.trigger{text-decoration:underline 3px #1c7ed6;text-underline-offset:4px;font-weight:600}
.trigger.tr-missed{text-decoration:underline 3px dashed #d6336c}
.trigger.tr-spurious{text-decoration:underline 3px wavy #e8590c}
.trigger.tr-correct{text-decoration-color:#2f9e44}
.trigger.tr-partial{text-decoration:underline 3px dotted #f59f00}
.chip{display:inline-block;padding:1px 8px;border-radius:4px;font-size:13px;line-height:1.6}
table.events{width:100%;margin-top:4px;table-layout:fixed}
col.c-n{width:34px}col.c-type{width:13%}col.c-trigger{width:10%}col.c-args{width:24%}col.c-rule{width:13%}col.c-mark{width:10%}
table.events th{text-align:left;font-weight:600;color:#555;border-bottom:2px solid #dcdfe4;padding:4px 8px;white-space:nowrap}
table.events td{vertical-align:top;border-bottom:1px solid #eceef1;padding:5px 8px;overflow-wrap:break-word}
table.events td.evidence{color:#333}
table.events tr.ev-missed td{background:#fff0f3}
table.events tr.ev-spurious td{background:#fff4e6}
table.events tr.ev-correct td:first-child{box-shadow:inset 3px 0 0 #2f9e44}
table.events tr.ev-missed td:first-child{box-shadow:inset 3px 0 0 #d6336c}
table.events tr.ev-spurious td:first-child{box-shadow:inset 3px 0 0 #e8590c}
table.events tr.ev-partial td:first-child{box-shadow:inset 3px 0 0 #f59f00}
ul.args{list-style:none;margin:0;padding:0}
ul.args li{padding-left:1em;text-indent:-1em}
.role{color:#777;font-size:12px;margin-right:4px}
.badge{display:inline-block;font-size:12px;padding:0 6px;border-radius:10px;border:1px solid #ccc;color:#444;background:#f8f8f8}
.badge.b-correct{border-color:#2f9e44;color:#2b8a3e;background:#ebfbee}
.badge.b-spurious{border-color:#e8590c;color:#d9480f;background:#fff4e6}
.badge.b-missed{border-color:#d6336c;color:#c2255c;background:#fff0f6}
.badge.b-partial{border-color:#f59f00;color:#e67700;background:#fff9db}
.badge.neg{border-color:#868e96;background:#f1f3f5}
.evnote,.mnote{color:#666;font-size:12px}
ul.notes{margin:8px 0 0;padding-left:20px;color:#8a5a00;font-size:13px}
.none{color:#888;font-style:italic}
nav.toc{margin:0 0 16px;font-size:14px}
nav.toc a{margin-right:12px}
"#;

/// Renders the review page: `title` in `<title>` and `<h1>`, the summary
/// block if given, a colour legend, then one `<section>` per article (see
/// the module docs for the markup).
pub fn render(title: &str, summary: Option<&Summary>, articles: &[HtmlArticle]) -> String {
    let mut out = String::with_capacity(
        8192 + articles
            .iter()
            .map(|a| a.text.len() * 2 + a.mentions.len() * 200 + a.events.len() * 600)
            .sum::<usize>(),
    );
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Defence in depth: even markup that slipped past escaping could neither
    // run a script nor load anything.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"newsie\">\n<title>");
    escape_into(&mut out, title);
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>");
    escape_into(&mut out, title);
    out.push_str("</h1>\n");
    totals(&mut out, articles);
    if let Some(s) = summary {
        render_summary(&mut out, s);
    }
    legend(&mut out, articles);
    if articles.len() > 1 {
        out.push_str("<nav class=\"toc\">");
        for (i, a) in articles.iter().enumerate() {
            let _ = write!(out, "<a href=\"#a{}\">", i + 1);
            escape_into(&mut out, &a.id);
            out.push_str("</a>");
        }
        out.push_str("</nav>\n");
    }
    for (i, a) in articles.iter().enumerate() {
        render_article(&mut out, i, a);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The line of counts under the heading.
fn totals(out: &mut String, articles: &[HtmlArticle]) {
    let mentions: usize = articles.iter().map(|a| a.mentions.len()).sum();
    let events: usize = articles.iter().map(|a| a.events.len()).sum();
    let _ = write!(
        out,
        "<p class=\"totals\">{} article{} · {mentions} mention{} · {events} event{}",
        articles.len(),
        plural(articles.len()),
        plural(mentions),
        plural(events),
    );
    // Against gold: how the mentions and the events fared.
    let marks = |of: &dyn Fn(Mark) -> usize| {
        [Mark::Correct, Mark::Partial, Mark::Spurious, Mark::Missed]
            .into_iter()
            .filter_map(|mark| {
                let n = of(mark);
                (n > 0).then(|| format!("{n} {}", mark.as_str()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let of_mentions = marks(&|mark| {
        articles
            .iter()
            .flat_map(|a| &a.mentions)
            .filter(|m| m.mark == mark)
            .count()
    });
    let of_events = marks(&|mark| {
        articles
            .iter()
            .flat_map(|a| &a.events)
            .filter(|e| e.mark == mark)
            .count()
    });
    if !of_mentions.is_empty() {
        let _ = write!(out, " · mentions: {of_mentions}");
    }
    if !of_events.is_empty() {
        let _ = write!(out, " · events: {of_events}");
    }
    out.push_str("</p>\n");
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_summary(out: &mut String, s: &Summary) {
    out.push_str("<section class=\"summary\">");
    if let Some(c) = &s.caption {
        out.push_str("<h3>");
        escape_into(out, c);
        out.push_str("</h3>");
    }
    if !s.rows.is_empty() || !s.columns.is_empty() {
        out.push_str("<table>");
        if !s.columns.is_empty() {
            out.push_str("<thead><tr>");
            for c in &s.columns {
                out.push_str("<th>");
                escape_into(out, c);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead>");
        }
        out.push_str("<tbody>");
        for row in &s.rows {
            out.push_str("<tr>");
            for cell in row {
                let t = cell.trim().trim_end_matches('%');
                let numeric = !t.is_empty() && t.parse::<f64>().is_ok();
                out.push_str(if numeric {
                    "<td class=\"num\">"
                } else {
                    "<td>"
                });
                escape_into(out, cell);
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    for line in &s.notes {
        out.push_str("<p>");
        escape_into(out, line);
        out.push_str("</p>");
    }
    out.push_str("</section>\n");
}

/// The legend: the fixed types, then any other type on the page, then the
/// marks and the trigger underline.
fn legend(out: &mut String, articles: &[HtmlArticle]) {
    let mut others: Vec<&str> = articles
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| m.kind.as_str()))
        .filter(|k| type_class(k) == "m-other")
        .collect();
    others.sort_unstable();
    others.dedup();
    out.push_str("<div class=\"legend\"><div class=\"group\"><span class=\"label\">Types</span>");
    for kind in COLOURED_TYPES.into_iter().chain(others) {
        let _ = write!(out, "<span class=\"chip m {}\"", type_class(kind));
        attr(out, "data-legend", kind);
        out.push('>');
        escape_into(out, kind);
        out.push_str("</span>");
    }
    out.push_str("</div>");
    // The marks only mean something against gold.
    let marked = articles.iter().any(|a| {
        a.mentions.iter().any(|m| m.mark != Mark::Plain)
            || a.events.iter().any(|e| e.mark != Mark::Plain)
    });
    if marked {
        out.push_str(
            "<div class=\"group\"><span class=\"label\">Marks</span>\
             <span class=\"chip m m-other mk-correct\">correct</span>\
             <span class=\"chip m m-other mk-partial\">span or value differs</span>\
             <span class=\"chip m m-other mk-spurious\">spurious</span>\
             <span class=\"chip m m-other mk-missed\">missed</span>\
             <span class=\"trigger\">event trigger</span>\
             <span class=\"trigger tr-missed\">missed trigger</span>\
             <span class=\"trigger tr-spurious\">spurious trigger</span>\
             </div>",
        );
    } else {
        out.push_str(
            "<div class=\"group\"><span class=\"label\">Events</span>\
             <span class=\"trigger\">event trigger</span></div>",
        );
    }
    out.push_str("</div>\n");
}

/// One highlight layer over the text, in clamped character offsets.
struct Layer {
    start: usize,
    end: usize,
    /// 0 for a mention, 1 for a trigger (triggers open inside mentions).
    rank: u8,
    /// Index into the article's mentions or events.
    index: usize,
}

/// Clamps `start..end` to a text of `len` characters; notes what was wrong
/// and returns `None` when nothing is left to highlight.
fn clamp(
    what: &str,
    start: usize,
    end: usize,
    len: usize,
    notes: &mut Vec<String>,
) -> Option<(usize, usize)> {
    if end < start {
        notes.push(format!(
            "{what}: span {start}..{end} ends before it starts; not highlighted"
        ));
        return None;
    }
    let (s, e) = (start.min(len), end.min(len));
    if (s, e) != (start, end) {
        notes.push(format!(
            "{what}: span {start}..{end} goes past the end of the text ({len} characters); clamped to {s}..{e}"
        ));
    }
    if s == e {
        notes.push(format!("{what}: empty span at {s}; not highlighted"));
        return None;
    }
    Some((s, e))
}

fn render_article(out: &mut String, index: usize, a: &HtmlArticle) {
    // Byte offset of every character, and of the end.
    let bytes: Vec<usize> = a
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(a.text.len()))
        .collect();
    let len = bytes.len() - 1;
    let slice = |s: usize, e: usize| &a.text[bytes[s]..bytes[e]];
    let mut notes = Vec::new();
    let mut layers = Vec::new();
    for (i, m) in a.mentions.iter().enumerate() {
        let what = format!("mention {} ({} {:?})", i + 1, m.kind, m.text);
        if let Some((s, e)) = clamp(&what, m.start, m.end, len, &mut notes) {
            let surface = slice(s, e);
            if surface != m.text {
                notes.push(format!("{what}: the offsets cover {surface:?}"));
            }
            layers.push(Layer {
                start: s,
                end: e,
                rank: 0,
                index: i,
            });
        }
    }
    let mut triggers: Vec<Option<&str>> = Vec::with_capacity(a.events.len());
    for (i, ev) in a.events.iter().enumerate() {
        let what = format!("event {} ({}) trigger", i + 1, ev.kind);
        match clamp(&what, ev.trigger_start, ev.trigger_end, len, &mut notes) {
            Some((s, e)) => {
                triggers.push(Some(slice(s, e)));
                layers.push(Layer {
                    start: s,
                    end: e,
                    rank: 1,
                    index: i,
                });
            }
            None => triggers.push(None),
        }
    }

    let _ = write!(out, "<section class=\"article\" id=\"a{}\"", index + 1);
    attr(out, "data-article", &a.id);
    out.push_str(">\n<h2>");
    escape_into(out, a.title.as_deref().unwrap_or(&a.id));
    out.push_str("</h2>\n<p class=\"meta\">id <code>");
    escape_into(out, &a.id);
    out.push_str("</code>");
    if let Some(d) = &a.dct {
        out.push_str(" · DCT <code>");
        escape_into(out, d);
        out.push_str("</code>");
    }
    let _ = write!(
        out,
        " · {len} characters · {} mention{}",
        a.mentions.len(),
        plural(a.mentions.len())
    );
    let mut kinds: Vec<&str> = a.mentions.iter().map(|m| m.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if !kinds.is_empty() {
        out.push_str(" (");
        for (i, k) in kinds.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let n = a.mentions.iter().filter(|m| m.kind == *k).count();
            let _ = write!(out, "{n} ");
            escape_into(out, k);
        }
        out.push(')');
    }
    let _ = write!(
        out,
        " · {} event{}</p>\n<div class=\"text\">",
        a.events.len(),
        plural(a.events.len())
    );
    highlight(out, a, &bytes, layers);
    out.push_str("</div>\n");
    events_table(out, a, &triggers);
    if !notes.is_empty() {
        out.push_str("<ul class=\"notes\">");
        for n in &notes {
            out.push_str("<li class=\"note\">");
            escape_into(out, n);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// Writes the article text with every layer as nested elements, splitting a
/// layer only where it crosses the end of one opened before it (see the
/// module docs).
fn highlight(out: &mut String, a: &HtmlArticle, bytes: &[usize], mut layers: Vec<Layer>) {
    let len = bytes.len() - 1;
    layers.sort_by_key(|l| (l.start, std::cmp::Reverse(l.end), l.rank, l.index));
    let mut cuts: Vec<usize> = layers
        .iter()
        .flat_map(|l| [l.start, l.end])
        .chain([0, len])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for (k, &p) in cuts.iter().enumerate() {
        // Close what ends here, with everything opened inside it; reopen the
        // inner ones that go on.
        if let Some(lowest) = stack.iter().position(|&l| layers[l].end == p) {
            let closed: Vec<usize> = stack.drain(lowest..).collect();
            for &l in closed.iter().rev() {
                out.push_str(if layers[l].rank == 0 {
                    "</mark>"
                } else {
                    "</span>"
                });
            }
            for l in closed {
                if layers[l].end > p {
                    open_tag(out, a, &layers[l], true);
                    stack.push(l);
                }
            }
        }
        while next < layers.len() && layers[next].start == p {
            open_tag(out, a, &layers[next], false);
            stack.push(next);
            next += 1;
        }
        if let Some(&q) = cuts.get(k + 1) {
            escape_into(out, &a.text[bytes[p]..bytes[q]]);
        }
    }
    debug_assert!(stack.is_empty(), "every layer ends by the end of the text");
}

fn open_tag(out: &mut String, a: &HtmlArticle, layer: &Layer, cont: bool) {
    if layer.rank == 0 {
        let m = &a.mentions[layer.index];
        let mark = m.mark.as_str();
        let _ = write!(
            out,
            "<mark class=\"m {} mk-{mark}\" data-mention=\"{}\"",
            type_class(&m.kind),
            layer.index + 1
        );
        attr(out, "data-type", &m.kind);
        let _ = write!(out, " data-mark=\"{mark}\"");
        if let Some(e) = &m.entity_id {
            attr(out, "data-entity", e);
        }
        if let Some(n) = &m.normalized {
            attr(out, "data-normalized", n);
        }
        if let Some(n) = &m.note {
            attr(out, "data-note", n);
        }
        let mut title = m.kind.clone();
        for part in [&m.entity_id, &m.normalized].into_iter().flatten() {
            title.push_str(" · ");
            title.push_str(part);
        }
        if m.mark != Mark::Plain {
            title.push_str(" · ");
            title.push_str(mark);
        }
        if let Some(n) = &m.note {
            title.push_str(" — ");
            title.push_str(n);
        }
        attr(out, "title", &title);
    } else {
        let e = &a.events[layer.index];
        let mark = e.mark.as_str();
        let _ = write!(
            out,
            "<span class=\"trigger tr-{mark}\" data-event=\"{}\"",
            layer.index + 1
        );
        attr(out, "data-trigger", &e.kind);
        let _ = write!(out, " data-mark=\"{mark}\"");
        let mut title = format!("event {} · {}", layer.index + 1, e.kind);
        if let Some(r) = &e.rule {
            title.push_str(" · ");
            title.push_str(r);
        }
        if e.negated {
            title.push_str(" · negated");
        }
        if e.mark != Mark::Plain {
            title.push_str(" · ");
            title.push_str(mark);
        }
        attr(out, "title", &title);
    }
    if cont {
        out.push_str(" data-cont=\"\"");
    }
    out.push('>');
}

fn events_table(out: &mut String, a: &HtmlArticle, triggers: &[Option<&str>]) {
    out.push_str("<h3>Events</h3>\n");
    if a.events.is_empty() {
        out.push_str("<p class=\"none\">No events.</p>\n");
        return;
    }
    // The mark column only where there is something to show in it: marks
    // against gold, or else notes alone.
    let gold = a.events.iter().any(|e| e.mark != Mark::Plain);
    let marks = gold || a.events.iter().any(|e| e.note.is_some());
    out.push_str(
        "<table class=\"events\"><colgroup><col class=\"c-n\"><col class=\"c-type\">\
         <col class=\"c-trigger\"><col class=\"c-args\"><col class=\"c-evidence\">\
         <col class=\"c-rule\">",
    );
    if marks {
        out.push_str("<col class=\"c-mark\">");
    }
    out.push_str(
        "</colgroup><thead><tr><th>#</th><th>Type</th><th>Trigger</th>\
         <th>Arguments</th><th>Evidence</th><th>Rule</th>",
    );
    if marks {
        out.push_str(if gold {
            "<th>Mark</th>"
        } else {
            "<th>Note</th>"
        });
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, e) in a.events.iter().enumerate() {
        let mark = e.mark.as_str();
        let _ = write!(
            out,
            "<tr class=\"event ev-{mark}\" data-event=\"{}\"",
            i + 1
        );
        attr(out, "data-type", &e.kind);
        let _ = write!(out, " data-mark=\"{mark}\"");
        if e.negated {
            out.push_str(" data-negated=\"\"");
        }
        let _ = write!(out, "><td>{}</td><td class=\"type\">", i + 1);
        escape_breakable(out, &e.kind, '/');
        if e.negated {
            out.push_str(" <span class=\"badge neg\">negated</span>");
        }
        out.push_str("</td><td class=\"trigger-cell\">");
        match triggers.get(i).copied().flatten() {
            Some(t) => {
                out.push_str("<b>");
                escape_into(out, t);
                let _ = write!(
                    out,
                    "</b><div class=\"evnote\">chars {}–{}</div>",
                    e.trigger_start, e.trigger_end
                );
            }
            None => out.push_str("<span class=\"none\">(not in text)</span>"),
        }
        out.push_str("</td><td class=\"args\">");
        if e.arguments.is_empty() {
            out.push_str("<span class=\"none\">none</span>");
        } else {
            out.push_str("<ul class=\"args\">");
            for (role, value) in &e.arguments {
                out.push_str("<li");
                attr(out, "data-role", role);
                out.push_str("><span class=\"role\">");
                escape_into(out, role);
                out.push_str("</span>");
                escape_into(out, value);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</td><td class=\"evidence\">");
        escape_into(out, &e.evidence);
        out.push_str("</td><td class=\"rule\">");
        match &e.rule {
            Some(r) => {
                out.push_str("<code>");
                escape_breakable(out, r, '.');
                out.push_str("</code>");
            }
            None => out.push_str("<span class=\"none\">—</span>"),
        }
        if marks {
            out.push_str("</td><td class=\"mark\">");
            if e.mark != Mark::Plain {
                let _ = write!(out, "<span class=\"badge b-{mark}\">{mark}</span>");
            }
            if let Some(n) = &e.note {
                out.push_str("<div class=\"evnote\">");
                escape_into(out, n);
                out.push_str("</div>");
            }
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, end: usize, kind: &str, text: &str) -> HtmlMention {
        HtmlMention {
            start,
            end,
            kind: kind.into(),
            text: text.into(),
            ..HtmlMention::default()
        }
    }

    fn article(text: &str, mentions: Vec<HtmlMention>, events: Vec<HtmlEvent>) -> HtmlArticle {
        HtmlArticle {
            id: "t1".into(),
            title: None,
            dct: None,
            text: text.into(),
            mentions,
            events,
        }
    }

    /// Checks that every element is closed in the order opened (void
    /// elements aside), and returns the names of the elements opened.
    fn balanced(html: &str) -> Vec<String> {
        const VOID: [&str; 6] = ["meta", "br", "!doctype", "hr", "col", "wbr"];
        let mut stack: Vec<String> = Vec::new();
        let mut opened = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').expect("every tag is closed by >");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack
                    .pop()
                    .unwrap_or_else(|| panic!("</{name}> closes nothing"));
                assert_eq!(top, name, "</{name}> closes <{top}>");
            } else {
                let name = tag.split([' ', '\n']).next().unwrap().to_ascii_lowercase();
                assert!(
                    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '!'),
                    "odd tag <{tag}>"
                );
                opened.push(name.clone());
                if !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
        }
        assert!(stack.is_empty(), "left open: {stack:?}");
        opened
    }

    /// The article text block of a page.
    fn text_block(html: &str) -> &str {
        let start = html.find("<div class=\"text\">").unwrap() + "<div class=\"text\">".len();
        let end = start + html[start..].find("</div>").unwrap();
        &html[start..end]
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let evil = "<script>alert(1)</script>\"onmouseover=alert(2) x='y' &amp;";
        let text = format!("Alibaba said {evil} today.");
        let start = text.find('<').unwrap();
        let n = evil.chars().count();
        let mut m = mention(start, start + n, evil, evil);
        m.entity_id = Some(evil.into());
        m.normalized = Some(evil.into());
        m.note = Some(evil.into());
        m.mark = Mark::Spurious;
        let ev = HtmlEvent {
            kind: evil.into(),
            trigger_start: 8,
            trigger_end: 12,
            evidence: evil.into(),
            rule: Some(evil.into()),
            arguments: vec![(evil.into(), evil.into())],
            note: Some(evil.into()),
            ..HtmlEvent::default()
        };
        let mut a = article(&text, vec![m], vec![ev]);
        a.id = evil.into();
        a.title = Some(evil.into());
        a.dct = Some(evil.into());
        let summary = Summary {
            caption: Some(evil.into()),
            columns: vec![evil.into()],
            rows: vec![vec![evil.into(), "0.5".into()]],
            notes: vec![evil.into()],
        };
        let html = render(evil, Some(&summary), &[a.clone(), a]);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("\"onmouseover"));
        assert!(!html.contains("'y'"));
        assert!(!html.contains("alert(1)</"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(2) x=&#39;y&#39; &amp;amp;"));
        // The unknown type got the default class, not a class made of data.
        assert!(html.contains("class=\"m m-other mk-spurious\""));
        let tags = balanced(&html);
        assert!(!tags.contains(&"script".to_string()));
    }

    #[test]
    fn offsets_are_characters() {
        // ü is 2 bytes, each CJK character 3, the emoji 4.
        let text = "Zürich: 阿里巴巴 🚀 launches Qwen.";
        let chars: Vec<char> = text.chars().collect();
        let find = |s: &str| {
            let first = s.chars().next().unwrap();
            let at = chars.iter().position(|&c| c == first).unwrap();
            (at, at + s.chars().count())
        };
        let (zs, ze) = find("Zürich");
        let (as_, ae) = find("阿里巴巴");
        let (rs, re) = find("🚀");
        let (qs, qe) = find("Qwen");
        assert_eq!(
            (zs, ze, as_, ae, rs, re, qs, qe),
            (0, 6, 8, 12, 13, 14, 24, 28)
        );
        let a = article(
            text,
            vec![
                mention(zs, ze, "place", "Zürich"),
                mention(as_, ae, "company", "阿里巴巴"),
                mention(rs, re, "emoji", "🚀"),
                mention(qs, qe, "model", "Qwen"),
            ],
            vec![],
        );
        let html = render("t", None, &[a]);
        let block = text_block(&html);
        assert!(block.starts_with(
            "<mark class=\"m m-other mk-plain\" data-mention=\"1\" data-type=\"place\""
        ));
        for surface in ["Zürich", "阿里巴巴", "🚀", "Qwen"] {
            assert!(
                block.contains(&format!(">{surface}</mark>")),
                "{surface}: {block}"
            );
        }
        assert!(block.ends_with("</mark>."));
        // The text between highlights is kept exactly.
        assert!(block.contains("</mark> launches <mark"));
        assert!(
            !html.contains("class=\"note\""),
            "no notes for good offsets"
        );
    }

    #[test]
    fn nested_spans_are_not_split_and_crossing_ones_are() {
        // "Alibaba Cloud" (company) contains "Alibaba" (a company too); a
        // missed gold span "Cloud Qwen" crosses the end of "Alibaba Cloud"
        // and holds the model "Qwen", which is also an event trigger.
        let text = "Alibaba Cloud Qwen model";
        let mut gold = mention(8, 18, "model", "Cloud Qwen");
        gold.mark = Mark::Missed;
        let a = article(
            text,
            vec![
                mention(0, 13, "company", "Alibaba Cloud"),
                mention(0, 7, "company", "Alibaba"),
                gold,
                mention(14, 18, "model", "Qwen"),
            ],
            vec![HtmlEvent {
                kind: "release".into(),
                trigger_start: 14,
                trigger_end: 18,
                ..HtmlEvent::default()
            }],
        );
        let html = render("t", None, &[a]);
        balanced(&html);
        let block = text_block(&html);
        // The outer span opens first and holds the inner one whole.
        let outer = block.find("data-mention=\"1\"").unwrap();
        let inner = block.find("data-mention=\"2\"").unwrap();
        assert!(outer < inner);
        assert_eq!(block.matches("data-mention=\"1\"").count(), 1);
        assert_eq!(block.matches("data-mention=\"2\"").count(), 1);
        // The crossing gold span is cut in two where "Alibaba Cloud" ends;
        // the second piece is a continuation.
        assert_eq!(block.matches("data-mention=\"3\"").count(), 2);
        assert_eq!(block.matches("data-cont").count(), 1);
        assert!(block.contains(
            ">Cloud</mark></mark><mark class=\"m m-model mk-missed\" data-mention=\"3\""
        ));
        // "Qwen": the missed gold piece holds the model, which holds the trigger.
        assert!(
            block.contains("data-cont=\"\"> <mark class=\"m m-model mk-plain\" data-mention=\"4\"")
        );
        assert!(block.contains("data-trigger=\"release\" data-mark=\"plain\" title=\"event 1 · release\">Qwen</span></mark></mark> model"));
        // The visible text is the article text, in order.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in block.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, text);
    }

    #[test]
    fn marks_and_attributes() {
        let text = "Alibaba (9988.HK) rose.";
        let mut company = mention(0, 7, "company", "Alibaba");
        company.entity_id = Some("alibaba".into());
        company.normalized = Some("Alibaba Group".into());
        company.mark = Mark::Correct;
        let mut ticker = mention(9, 16, "ticker", "9988.HK");
        ticker.mark = Mark::Spurious;
        ticker.normalized = Some("9988.HK".into());
        let mut date = mention(18, 22, "date", "rose");
        date.mark = Mark::Missed;
        date.note = Some("gold value 2025-01-29".into());
        let event = HtmlEvent {
            kind: "price_change/share_price".into(),
            trigger_start: 18,
            trigger_end: 22,
            evidence: text.into(),
            rule: Some("price.share".into()),
            arguments: vec![("company".into(), "Alibaba Group".into())],
            negated: true,
            mark: Mark::Missed,
            note: None,
        };
        let html = render(
            "Review",
            None,
            &[article(text, vec![company, ticker, date], vec![event])],
        );
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>Review</title>"));
        assert!(html.contains("<h1>Review</h1>"));
        assert!(html.contains(
            "<mark class=\"m m-company mk-correct\" data-mention=\"1\" data-type=\"company\" \
             data-mark=\"correct\" data-entity=\"alibaba\" data-normalized=\"Alibaba Group\" \
             title=\"company · alibaba · Alibaba Group · correct\">Alibaba</mark>"
        ));
        assert!(html.contains("data-type=\"ticker\" data-mark=\"spurious\" data-normalized=\"9988.HK\" title=\"ticker · 9988.HK · spurious\">9988.HK</mark>"));
        assert!(html.contains("data-mark=\"missed\" data-note=\"gold value 2025-01-29\" title=\"date · missed — gold value 2025-01-29\""));
        assert!(html.contains("<span class=\"trigger tr-missed\" data-event=\"1\" data-trigger=\"price_change/share_price\" data-mark=\"missed\" title=\"event 1 · price_change/share_price · price.share · negated · missed\">rose</span>"));
        assert!(html.contains("<tr class=\"event ev-missed\" data-event=\"1\" data-type=\"price_change/share_price\" data-mark=\"missed\" data-negated=\"\">"));
        assert!(html.contains(
            "<li data-role=\"company\"><span class=\"role\">company</span>Alibaba Group</li>"
        ));
        assert!(html.contains("3 mentions (1 company, 1 date, 1 ticker) · 1 event"));
        assert!(html.contains(
            "1 article · 3 mentions · 1 event · mentions: 1 correct, 1 spurious, 1 missed · events: 1 missed</p>"
        ));
        balanced(&html);
    }

    #[test]
    fn bad_offsets_are_clamped_and_noted() {
        let text = "Zürich AG";
        let a = article(
            text,
            vec![
                mention(7, 40, "company", "AG"),
                mention(5, 3, "company", "x"),
                mention(50, 60, "company", "y"),
                mention(2, 2, "company", ""),
                mention(0, 3, "company", "Zurich"),
            ],
            vec![HtmlEvent {
                kind: "release".into(),
                trigger_start: 100,
                trigger_end: 101,
                ..HtmlEvent::default()
            }],
        );
        let html = render("t", None, &[a]);
        balanced(&html);
        let block = text_block(&html);
        assert!(block.contains(">AG</mark>"));
        assert!(block.contains(">Zür</mark>"));
        assert_eq!(block.matches("<mark").count(), 2);
        assert!(
            html.contains(
                "span 7..40 goes past the end of the text (9 characters); clamped to 7..9"
            )
        );
        assert!(html.contains("span 5..3 ends before it starts"));
        assert!(html.contains("span 50..60 goes past the end"));
        assert!(html.contains("empty span at 9"));
        assert!(html.contains("empty span at 2"));
        assert!(html.contains("the offsets cover &quot;Zür&quot;"));
        assert!(html.contains("event 1 (release) trigger: span 100..101"));
        assert!(html.contains("(not in text)"));
        // And an empty text renders too.
        let html = render(
            "t",
            None,
            &[article("", vec![mention(0, 1, "x", "x")], vec![])],
        );
        assert!(html.contains("<div class=\"text\"></div>"));
    }

    #[test]
    fn summary_and_legend() {
        let summary = Summary {
            caption: Some("Scores".into()),
            columns: vec!["type".into(), "P".into(), "R".into()],
            rows: vec![vec!["company".into(), "0.93".into(), "88%".into()]],
            notes: vec!["overlap match".into()],
        };
        let a = article("x y", vec![mention(0, 1, "place", "x")], vec![]);
        let html = render("t", Some(&summary), &[a]);
        assert!(html.contains("<h3>Scores</h3><table><thead><tr><th>type</th><th>P</th><th>R</th></tr></thead><tbody><tr><td>company</td><td class=\"num\">0.93</td><td class=\"num\">88%</td></tr></tbody></table><p>overlap match</p>"));
        for kind in COLOURED_TYPES {
            assert!(html.contains(&format!("data-legend=\"{kind}\"")));
        }
        assert!(html.contains("<span class=\"chip m m-other\" data-legend=\"place\">place</span>"));
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains("<script")
        );
    }

    #[test]
    fn from_records() {
        use crate::article::DctSource;
        use crate::gazetteer::GazetteerSource;
        let pipeline = crate::Pipeline::new(&GazetteerSource::Bundled).unwrap();
        let article = crate::Article::new(
            "a1",
            "Alibaba (9988.HK) unveiled Qwen 2.5-Max on Wednesday.",
        )
        .with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
        let x = pipeline.process(&article);
        let m: Vec<HtmlMention> = x
            .mentions
            .iter()
            .map(|r| HtmlMention::from(&Mention::from(r)))
            .collect();
        assert_eq!(
            m[0],
            HtmlMention {
                start: 0,
                end: 7,
                kind: "company".into(),
                text: "Alibaba".into(),
                entity_id: Some("alibaba".into()),
                normalized: Some("Alibaba Group".into()),
                mark: Mark::Plain,
                note: None,
            }
        );
        assert_eq!(
            (m[1].kind.as_str(), m[1].normalized.as_deref()),
            ("ticker", Some("9988.HK"))
        );
        let e = HtmlEvent::from(&Event::from(&x.events[0]));
        assert_eq!(e.kind, "release");
        assert_eq!((e.trigger_start, e.trigger_end), (18, 26));
        assert_eq!(e.rule.as_deref(), Some(x.events[0].rule));
        assert_eq!(e.kind, x.events[0].kind);
        assert_eq!(e.evidence, article.text);
        let roles: Vec<&str> = e.arguments.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(roles[..2], ["company", "product"]);
        assert!(
            e.arguments
                .contains(&("product".into(), "Qwen 2.5-Max".into()))
        );
        assert!(e.arguments.contains(&("date".into(), "2025-01-29".into())));
        assert_eq!(e.mark, Mark::Plain);
        assert!(e.arguments.iter().all(|(_, v)| !v.is_empty()));
        // Without gold or notes, no mark column.
        let html = render(
            "t",
            None,
            &[HtmlArticle {
                id: "a1".into(),
                title: None,
                dct: None,
                text: article.text.clone(),
                mentions: m,
                events: vec![e],
            }],
        );
        assert!(!html.contains("<th>Mark</th>") && !html.contains("<th>Note</th>"));
        assert!(html.contains("data-mark=\"plain\""));
    }
}
