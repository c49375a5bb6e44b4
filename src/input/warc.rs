//! WARC files (ISO 28500, WARC/1.0 and WARC/1.1), as Common Crawl's
//! CC-News writes them: a sequence of records, each a version line
//! (`WARC/1.0`), header lines (`Name: value`) up to a blank line, a block of
//! `Content-Length` bytes, and two line ends. A `.warc.gz` is usually one
//! gzip member a record; it is read as one stream (multi-member gzip).
//!
//! Records are read one at a time, and a block that does not become an
//! article is skipped without being held in memory. What becomes an article:
//!
//! - a `WARC-Type: response` record whose block is an HTTP response with a
//!   2xx status and a `Content-Type` of `text/html` or
//!   `application/xhtml+xml`: the HTTP headers are dropped and the body is
//!   read as an HTML page (see [`crate::input::HtmlText`]), decoded from
//!   `Content-Encoding: gzip` and `Transfer-Encoding: chunked` where the
//!   headers say so; other charsets than UTF-8 are decoded as UTF-8 with
//!   replacement characters (and a warning);
//! - a `resource` or `conversion` record whose WARC `Content-Type` is
//!   `text/plain` (the text as is) or `text/html` (as above).
//!
//! Every other record (`warcinfo`, `request`, `metadata`, `revisit`, other
//! responses) is skipped and gives no item. An article's id is its
//! `WARC-Record-ID` without the `<urn:uuid:` … `>` around it (the whole
//! value without `<` `>` for other URIs), else `FILE#N` (N the 1-based
//! record); its `url` is `WARC-Target-URI`; its DCT is the page's own
//! (source `html`), else the `WARC-Date` (source `warc`: when the page was
//! archived). WARC articles have no line.
//!
//! A record cut short (the file, or its gzip stream, ends inside it) or
//! unreadable is an [`Item::Failed`] naming the record number and the byte
//! offset of its version line (in the decompressed stream for `.gz`), and
//! reading stops. Bytes where a record should start that are not a version
//! line are one [`Item::Failed`] naming their offset, and reading resumes at
//! the next line that starts with `WARC/`.

use std::io::{BufRead, Read};

use super::{InputFile, Item, Source, dct_field, decode, html};
use crate::article::{Article, DctSource};

/// Longest header line kept (longer lines are cut to this).
const MAX_LINE: usize = 64 * 1024;
/// Most header lines of a record, or of the HTTP response in its block.
const MAX_HEADERS: usize = 1024;

/// The items of a WARC file, read one record at a time.
pub(super) struct Records {
    file: InputFile,
    reader: Source,
    /// Bytes consumed so far.
    offset: u64,
    /// Records started so far.
    ordinal: u64,
    /// The byte offset of a version line already read.
    peeked: Option<u64>,
    /// Looking for the next version line after bytes that were not one.
    lost: bool,
    done: bool,
}

/// What a record's block is, when it is read.
enum Body {
    Html,
    Text,
}

impl Records {
    pub(super) fn new(file: InputFile, reader: Source) -> Records {
        Records {
            file,
            reader,
            offset: 0,
            ordinal: 0,
            peeked: None,
            lost: false,
            done: false,
        }
    }

    fn failed(&self, id: String, reason: String) -> Item {
        Item::Failed {
            path: self.file.display(),
            line: None,
            id,
            reason,
        }
    }

    /// The next record's item, `None` for a record that gives none (or the
    /// end: then `done` is set).
    fn record(&mut self) -> Option<Item> {
        let mut line = Vec::new();
        let start = match self.peeked.take() {
            Some(s) => s,
            None => loop {
                let at = self.offset;
                line.clear();
                match read_line(&mut self.reader, &mut line) {
                    Ok(0) => {
                        self.done = true;
                        return None;
                    }
                    Ok(n) => self.offset += n as u64,
                    Err(e) => {
                        self.done = true;
                        if at == 0 {
                            return Some(self.file.failed(self.file.io_reason(&e)));
                        }
                        return Some(self.failed(
                            format!("{}#{}", self.file.id_base, self.ordinal + 1),
                            format!("byte {at}: {}", self.file.io_reason(&e)),
                        ));
                    }
                }
                if line.starts_with(b"WARC/") {
                    break at;
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if !self.lost {
                    self.lost = true;
                    return Some(self.failed(
                        format!("{}@{at}", self.file.id_base),
                        format!("byte {at}: not a WARC record (expected a WARC/1.0 or WARC/1.1 line); skipped to the next record"),
                    ));
                }
            },
        };
        self.lost = false;
        self.ordinal += 1;
        let n = self.ordinal;
        let fallback_id = format!("{}#{n}", self.file.id_base);
        let headers = match read_headers(&mut self.reader, &mut self.offset) {
            Ok(Some(h)) => h,
            Ok(None) => {
                self.done = true;
                return Some(self.failed(
                    fallback_id,
                    format!("record {n} at byte {start}: cut short in its header"),
                ));
            }
            Err(e) => {
                self.done = true;
                return Some(self.failed(
                    fallback_id,
                    format!("record {n} at byte {start}: {}", self.file.io_reason(&e)),
                ));
            }
        };
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let id = get("WARC-Record-ID")
            .map(record_id)
            .filter(|s| !s.is_empty());
        let id = id.unwrap_or(fallback_id);
        let Some(length) = get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            // Without a length the block cannot be skipped: look for the
            // next version line.
            self.lost = true;
            return Some(self.failed(
                id,
                format!("record {n} at byte {start}: no valid Content-Length; skipped to the next record"),
            ));
        };
        let kind = get("WARC-Type").unwrap_or("").trim().to_ascii_lowercase();
        let media = |v: Option<&str>| {
            v.unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        let warc_type = media(get("Content-Type"));
        let url = get("WARC-Target-URI").map(|u| u.trim().to_string());
        let date = get("WARC-Date").map(str::to_string);
        let mut block = (&mut self.reader).take(length);
        let mut warnings = Vec::new();
        let read = match kind.as_str() {
            "response" => http_body(&mut block, &mut warnings),
            "resource" | "conversion" => match warc_type.as_str() {
                "text/plain" => read_all(&mut block).map(|b| Some((Body::Text, b))),
                "text/html" | "application/xhtml+xml" => {
                    read_all(&mut block).map(|b| Some((Body::Html, b)))
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        };
        // Whatever was not read is skipped.
        let read = read.and_then(|r| std::io::copy(&mut block, &mut std::io::sink()).map(|_| r));
        let left = block.limit();
        self.offset += length - left;
        let cut = |this: &mut Records, why: String| {
            this.done = true;
            Some(this.failed(
                id.clone(),
                format!("record {n} ({kind}) at byte {start}: {why}"),
            ))
        };
        let body = match read {
            Err(e) => return cut(self, self.file.io_reason(&e)),
            Ok(_) if left > 0 => {
                return cut(
                    self,
                    format!("cut short: {} of its {length} block bytes", length - left),
                );
            }
            Ok(None) => return None,
            Ok(Some(b)) => b,
        };
        let mut article = match body.0 {
            Body::Html => html::article(&self.file, id, body.1, &mut warnings),
            Body::Text => Article {
                id,
                path: self.file.display(),
                text: decode(body.1, &mut warnings),
                ..Article::default()
            },
        };
        article.url = url;
        if article.dct.is_none()
            && let Some(d) = dct_field(date.as_deref(), &mut warnings)
        {
            article = article.with_dct(d, DctSource::Warc);
        }
        Some(Item::Article { article, warnings })
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            if let Some(item) = self.record() {
                return Some(item);
            }
        }
        None
    }
}

/// `<urn:uuid:ID>` → `ID`; another `<URI>` → `URI`.
fn record_id(v: &str) -> String {
    let v = v.trim();
    let v = v.strip_prefix('<').unwrap_or(v);
    let v = v.strip_suffix('>').unwrap_or(v);
    v.strip_prefix("urn:uuid:").unwrap_or(v).to_string()
}

/// Reads one line (up to and with its `\n`) into `buf`, keeping at most
/// [`MAX_LINE`] bytes of it; returns the bytes consumed (0 at the end).
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(total);
        }
        let (take, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        let keep = take.min(MAX_LINE.saturating_sub(buf.len()));
        buf.extend_from_slice(&avail[..keep]);
        reader.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

/// `Name: value` lines up to a blank line (continuation lines, opening with
/// a space or tab, join the one before). `None` when the input ends first or
/// there are more than [`MAX_HEADERS`].
fn read_headers(
    reader: &mut impl BufRead,
    offset: &mut u64,
) -> std::io::Result<Option<Vec<(String, String)>>> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    for _ in 0..MAX_HEADERS {
        line.clear();
        let n = read_line(reader, &mut line)?;
        *offset += n as u64;
        if n == 0 || !line.ends_with(b"\n") {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(Some(headers));
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        if let Some((k, v)) = text.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(None)
}

fn read_all(reader: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    reader.read_to_end(&mut out)?;
    Ok(out)
}

/// The HTML body of an HTTP response block, or `None` when it is not a
/// 2xx `text/html` (or XHTML) response.
fn http_body(
    block: &mut impl BufRead,
    warnings: &mut Vec<String>,
) -> std::io::Result<Option<(Body, Vec<u8>)>> {
    let mut status = Vec::new();
    read_line(block, &mut status)?;
    let status = String::from_utf8_lossy(&status);
    let mut parts = status.split_ascii_whitespace();
    let ok = parts.next().is_some_and(|p| p.starts_with("HTTP/"))
        && parts
            .next()
            .is_some_and(|c| c.len() == 3 && c.starts_with('2'));
    let mut ignored = 0;
    let Some(headers) = read_headers(block, &mut ignored)? else {
        return Ok(None);
    };
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let content_type = get("Content-Type").unwrap_or_default();
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !ok || !matches!(media, "text/html" | "application/xhtml+xml") {
        return Ok(None);
    }
    if let Some(charset) = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']))
        .find(|c| !matches!(*c, "utf-8" | "utf8" | "us-ascii"))
    {
        warnings.push(format!("charset {charset} read as UTF-8"));
    }
    let mut body = read_all(block)?;
    if get("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        match dechunk(&body) {
            Some(b) => body = b,
            None => warnings.push("malformed chunked encoding: body read as is".into()),
        }
    }
    if get("Content-Encoding").is_some_and(|c| c.trim() == "gzip" || c.trim() == "x-gzip") {
        let mut out = Vec::new();
        match flate2::read::MultiGzDecoder::new(body.as_slice()).read_to_end(&mut out) {
            Ok(_) => body = out,
            Err(e) => warnings.push(format!("Content-Encoding gzip: {e}; body read as is")),
        }
    }
    Ok(Some((Body::Html, body)))
}

/// Decodes HTTP/1.1 chunked transfer coding (RFC 9112, section 7.1):
/// `SIZE(hex)[;ext]CRLF DATA CRLF` … `0 CRLF`; trailers are dropped.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = body.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&body[..eol]).ok()?;
        let size = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::input::InputFormat;

    /// One WARC/1.1 record with these headers (Content-Length added) and block.
    pub(crate) fn record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = b"WARC/1.1\r\n".to_vec();
        for (k, v) in headers {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response block.
    pub(crate) fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
        for h in headers {
            out.extend_from_slice(format!("{h}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(body);
        out
    }

    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, bytes).unwrap();
        enc.finish().unwrap()
    }

    /// A small crawl in our own words: every kind of record once.
    pub(crate) fn sample() -> Vec<Vec<u8>> {
        let page = br#"<html><head><title>Rivet Labs ships Bolt 2</title>
<meta property="article:published_time" content="2025-03-04T09:30:00Z"></head>
<body><article><h1>Rivet Labs ships Bolt 2</h1><p>Rivet Labs released Bolt 2 on Tuesday.</p></article></body></html>"#;
        let undated = b"<p>Kettle Corp cut the price of its T3 chip by 10%.</p>";
        let chunked = b"9\r\n<p>Quill \r\n11\r\nAI raised money.\r\n0\r\n\r\n";
        vec![
            record(
                &[
                    ("WARC-Type", "warcinfo"),
                    ("WARC-Record-ID", "<urn:uuid:info>"),
                ],
                b"software: our-own-test\r\n",
            ),
            record(
                &[
                    ("WARC-Type", "request"),
                    ("WARC-Target-URI", "https://news.test/bolt"),
                ],
                b"GET /bolt HTTP/1.1\r\nHost: news.test\r\n\r\n",
            ),
            record(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", "<urn:uuid:0a1b-bolt>"),
                    ("WARC-Date", "2025-03-05T01:02:03Z"),
                    ("WARC-Target-URI", "https://news.test/bolt"),
                    ("Content-Type", "application/http; msgtype=response"),
                ],
                &http("200 OK", &["Content-Type: text/html; charset=UTF-8"], page),
            ),
            record(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", "<urn:uuid:2c3d-kettle>"),
                    ("WARC-Date", "2025-03-06T01:02:03Z"),
                    ("WARC-Target-URI", "https://news.test/kettle"),
                ],
                &http("200 OK", &["content-type: TEXT/HTML"], undated),
            ),
            record(
                &[("WARC-Type", "response"), ("WARC-Date", "2025-03-06")],
                &http(
                    "404 Not Found",
                    &["Content-Type: text/html"],
                    b"<p>Gone</p>",
                ),
            ),
            record(
                &[("WARC-Type", "response")],
                &http("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n"),
            ),
            record(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Date", "2025-03-07T00:00:00Z"),
                ],
                &http(
                    "200 OK",
                    &["Content-Type: text/html", "Transfer-Encoding: chunked"],
                    chunked,
                ),
            ),
            record(&[("WARC-Type", "metadata")], b"fetchTimeMs: 12\r\n"),
            record(
                &[
                    ("WARC-Type", "conversion"),
                    ("WARC-Record-ID", "<urn:uuid:4e5f-plain>"),
                    ("Content-Type", "text/plain"),
                    ("WARC-Date", "2025-03-08T00:00:00Z"),
                ],
                b"Plain words about Bolt 2.",
            ),
        ]
    }

    fn file(gzip: bool) -> InputFile {
        InputFile {
            path: "crawl/cc.warc.gz".into(),
            id_base: "cc.warc.gz".into(),
            format: InputFormat::Warc,
            gzip,
        }
    }

    fn items(bytes: Vec<u8>, gz: bool) -> Vec<String> {
        let reader: Source = if gz {
            Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
                std::io::Cursor::new(bytes),
            )))
        } else {
            Box::new(std::io::Cursor::new(bytes))
        };
        Records::new(file(gz), reader)
            .map(|it| match it {
                Item::Article { article, warnings } => format!(
                    "{} {:?} {:?} {:?} {:?} {:?} w{}",
                    article.id,
                    article.url,
                    article.title,
                    article.dct.map(|d| d.to_string()),
                    article.dct_source.map(DctSource::as_str),
                    article.text,
                    warnings.len()
                ),
                Item::Failed {
                    id, reason, line, ..
                } => {
                    format!("FAIL {id} {line:?} {reason}")
                }
                Item::Warning { reason, .. } => format!("WARN {reason}"),
            })
            .collect()
    }

    const WANT: [&str; 4] = [
        "0a1b-bolt Some(\"https://news.test/bolt\") Some(\"Rivet Labs ships Bolt 2\") Some(\"2025-03-04\") Some(\"html\") \"Rivet Labs ships Bolt 2\\n\\nRivet Labs released Bolt 2 on Tuesday.\" w0",
        "2c3d-kettle Some(\"https://news.test/kettle\") None Some(\"2025-03-06\") Some(\"warc\") \"Kettle Corp cut the price of its T3 chip by 10%.\" w0",
        "cc.warc.gz#7 None None Some(\"2025-03-07\") Some(\"warc\") \"Quill AI raised money.\" w0",
        "4e5f-plain None None Some(\"2025-03-08\") Some(\"warc\") \"Plain words about Bolt 2.\" w0",
    ];

    #[test]
    fn html_responses_and_text_records_become_articles() {
        let records = sample();
        assert_eq!(items(records.concat(), false), WANT);
        // Common Crawl's layout: one gzip member a record.
        let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
        assert_eq!(items(gz, true), WANT);
    }

    #[test]
    fn a_cut_record_fails_with_its_number_and_offset() {
        let records = sample();
        let whole = records.concat();
        // Cut inside the block of the last record (the 9th).
        let cut = &whole[..whole.len() - 12];
        let start = whole.len() - records[8].len();
        let got = items(cut.to_vec(), false);
        assert_eq!(got[..3], WANT[..3]);
        assert_eq!(
            got[3],
            format!(
                "FAIL 4e5f-plain None record 9 (conversion) at byte {start}: cut short: 17 of its 25 block bytes"
            )
        );
        assert_eq!(got.len(), 4);
        // A gzip stream cut inside a member: what came before is kept.
        let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
        let got = items(gz[..gz.len() - 20].to_vec(), true);
        assert_eq!(got[..3], WANT[..3]);
        assert!(
            got[3].starts_with("FAIL cc.warc.gz#9 None record 9 at byte")
                || got[3].starts_with("FAIL 4e5f-plain None record 9"),
            "{got:?}"
        );
        assert!(got[3].contains("gzip"), "{got:?}");
    }

    #[test]
    fn garbage_between_records_fails_once_and_reading_resumes() {
        let records = sample();
        let mut bytes = records[..3].concat();
        let at = bytes.len();
        bytes.extend_from_slice(b"not a record\r\nstill not one\r\n");
        bytes.extend_from_slice(&records[3]);
        bytes.extend_from_slice(&record(
            &[("WARC-Type", "resource")],
            b"a resource without a Content-Type: skipped",
        ));
        let got = items(bytes, false);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], WANT[0]);
        assert_eq!(
            got[1],
            format!(
                "FAIL cc.warc.gz@{at} None byte {at}: not a WARC record (expected a WARC/1.0 or WARC/1.1 line); skipped to the next record"
            )
        );
        assert_eq!(got[2], WANT[1]);
        assert_eq!(record_id("<urn:uuid:abc>"), "abc");
        assert_eq!(record_id("<urn:x:1>"), "urn:x:1");
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(dechunk(b"zz\r\nabc"), None);
    }
}
