//! The review page of `newsie::html`, rendered by headless Chromium and
//! checked through WebDriver (chromedriver, driven by `fantoccini`).
//!
//! Each test starts chromedriver itself on a free loopback port, opens a
//! session whose Chromium runs headless with a fresh profile and no
//! background networking, loads the page from a `file://` URL and asserts on
//! the rendered DOM. A full-page screenshot goes to
//! `<target>/html-review/<name>.png` (the page itself beside it).
//!
//! Without chromedriver on the machine the tests print a notice and pass,
//! unless `NEWSIE_REQUIRE_BROWSER=1` (set by `.ci/run`), when they fail.
//! `NEWSIE_CHROMEDRIVER` and `NEWSIE_CHROMIUM` override the binaries.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use newsie::eval::annotation::{Event, Mention};
use newsie::html::{HtmlArticle, HtmlEvent, HtmlMention, Mark, Summary, render};
use serde_json::{Value, json};

/// Chromium's flags: headless, and quiet on a closed network (without the
/// background-networking ones it stalls on start-up here).
const CHROMIUM_FLAGS: [&str; 11] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1280,900",
];

/// Page width the review page is made for.
const WIDTH: u32 = 1280;

/// Upper bound for one whole browser test.
const TEST_TIMEOUT: Duration = Duration::from_secs(240);

fn require_browser() -> bool {
    std::env::var("NEWSIE_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// An executable from `var`, else the first of `candidates` that exists,
/// else one named `name` on the `PATH`.
fn find_binary(var: &str, candidates: &[&str], name: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    candidates
        .iter()
        .map(PathBuf::from)
        .chain(
            std::env::var_os("PATH")
                .iter()
                .flat_map(std::env::split_paths)
                .map(|d| d.join(name)),
        )
        .find(|p| p.is_file())
}

/// chromedriver and the Chromium binary, or `None` (with a notice) when the
/// machine lacks them and the browser is not required.
fn binaries() -> Option<(PathBuf, PathBuf)> {
    let driver = find_binary(
        "NEWSIE_CHROMEDRIVER",
        &["/usr/bin/chromedriver"],
        "chromedriver",
    );
    // The real binary rather than Debian's /usr/bin/chromium wrapper, which
    // adds flags of its own (remote extensions among them).
    let chromium = find_binary(
        "NEWSIE_CHROMIUM",
        &["/usr/lib/chromium/chromium", "/usr/bin/chromium"],
        "chromium",
    );
    match (driver, chromium) {
        (Some(d), Some(c)) => Some((d, c)),
        (d, _) => {
            let missing = if d.is_none() {
                "chromedriver"
            } else {
                "chromium"
            };
            if require_browser() {
                panic!(
                    "NEWSIE_REQUIRE_BROWSER=1 but {missing} is not installed \
                     (apt-get install chromium chromium-driver)"
                );
            }
            eprintln!(
                "notice: {missing} not found; skipping the browser test \
                 (apt-get install chromium chromium-driver, or set NEWSIE_CHROMEDRIVER/NEWSIE_CHROMIUM)"
            );
            None
        }
    }
}

/// A chromedriver process, in a process group of its own so that the
/// browsers it starts go with it. Killed on drop.
struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
    // Dropped after the processes are gone (fields drop after `drop`).
    _dir: tempfile::TempDir,
}

impl Driver {
    fn start(binary: &Path) -> Result<Driver> {
        let dir = tempfile::tempdir().context("temporary folder for chromedriver")?;
        let log = dir.path().join("chromedriver.log");
        // A free port: bind port 0 on loopback, read it, let it go.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .context("finding a free loopback port")?
            .port();
        use std::os::unix::process::CommandExt;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            // Chromium keeps its crash database under the XDG config folder
            // whatever the profile: keep that in the temporary folder too.
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut driver = Driver {
            child,
            port,
            log,
            _dir: dir,
        };
        driver.wait_ready(Duration::from_secs(30))?;
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The last lines of chromedriver's log, for error messages.
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    /// Polls `GET /status` until it says ready, the process exits, or
    /// `timeout` passes.
    fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        let mut last = String::from("no answer");
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "chromedriver exited ({status}) before answering /status; log:\n{}",
                    self.log_tail()
                );
            }
            match self.status() {
                Ok(body) if body.contains("\"ready\":true") => return Ok(()),
                Ok(body) => last = body,
                Err(e) => last = e.to_string(),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "chromedriver on port {} not ready after {timeout:?} (last: {last}); log:\n{}",
            self.port,
            self.log_tail()
        )
    }

    /// One plain HTTP/1.1 `GET /status`; the response body (chromedriver
    /// keeps the connection open, so read up to its `Content-Length`).
    fn status(&self) -> Result<String> {
        let mut s = TcpStream::connect_timeout(
            &([127, 0, 0, 1], self.port).into(),
            Duration::from_millis(500),
        )?;
        s.set_read_timeout(Some(Duration::from_secs(2)))?;
        write!(
            s,
            "GET /status HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )?;
        let mut response = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = s.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            response.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&response);
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head.lines().find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                });
                if length.is_none_or(|len| body.len() >= len) {
                    break;
                }
            }
        }
        let text = String::from_utf8_lossy(&response);
        let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        Ok(body.replace([' ', '\n'], ""))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM to the group first (chromedriver then ends its browsers),
        // SIGKILL to whatever is left after a grace period.
        let group = format!("-{}", self.child.id());
        let signal = |sig: &str| {
            let _ = Command::new("kill")
                .args([sig, "--", &group])
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        signal("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A chromedriver with one browser session.
struct Browser {
    client: Client,
    driver: Driver,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start(driver_bin: &Path, chromium: &Path) -> Result<Browser> {
        let driver = Driver::start(driver_bin)?;
        let profile = tempfile::tempdir().context("temporary Chromium profile")?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let url = driver.url();
        let connect = builder.connect(&url);
        let client = match tokio::time::timeout(Duration::from_secs(60), connect).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => bail!(
                "chromedriver could not start Chromium ({}): {e}; log:\n{}",
                chromium.display(),
                driver.log_tail()
            ),
            Err(_) => bail!(
                "no session from chromedriver within 60 s; log:\n{}",
                driver.log_tail()
            ),
        };
        client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(20)),
                Some(Duration::from_secs(30)),
                Some(Duration::ZERO),
            ))
            .await?;
        Ok(Browser {
            client,
            driver,
            _profile: profile,
        })
    }

    /// Ends the session (closing Chromium), then chromedriver.
    async fn quit(self) {
        let Browser {
            client,
            driver,
            _profile,
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        drop(driver);
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client
            .execute(script, args)
            .await
            .with_context(|| format!("script failed: {script}"))
    }

    /// Writes `html` to a temporary file (and to the review folder), loads it
    /// and returns the path of the review copy.
    async fn load(&self, name: &str, html: &str, page_dir: &Path) -> Result<PathBuf> {
        let file = page_dir.join(format!("{name}.html"));
        std::fs::write(&file, html)?;
        let review = review_dir()?.join(format!("{name}.html"));
        std::fs::write(&review, html)?;
        self.client
            .set_window_size(WIDTH, 900)
            .await
            .context("window size")?;
        self.client
            .goto(&format!("file://{}", file.display()))
            .await
            .with_context(|| format!("loading {}", file.display()))?;
        Ok(review)
    }

    /// A full-page screenshot (the window made as tall as the page) saved
    /// as `<review dir>/<name>.png`.
    async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let height = self
            .js(
                "return Math.ceil(document.documentElement.scrollHeight)",
                vec![],
            )
            .await?
            .as_u64()
            .ok_or_else(|| anyhow!("page height is not a number"))?;
        let height = height.clamp(200, 16_000) as u32;
        // The window is taller than the viewport by the browser's own frame
        // (if any): add that, so the viewport holds the whole page.
        let frame = self
            .js(
                "return Math.max(0, window.outerHeight - window.innerHeight)",
                vec![],
            )
            .await?
            .as_u64()
            .unwrap_or(0) as u32;
        self.client.set_window_size(WIDTH, height + frame).await?;
        let fits = self
            .js(
                "return window.innerHeight >= document.documentElement.scrollHeight",
                vec![],
            )
            .await?;
        ensure!(
            fits == true,
            "the window could not be made as tall as the page"
        );
        let png = self.client.screenshot().await.context("screenshot")?;
        ensure!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "the screenshot is not a PNG"
        );
        let path = review_dir()?.join(format!("{name}.png"));
        std::fs::write(&path, &png).with_context(|| format!("writing {}", path.display()))?;
        println!("screenshot: {} ({} bytes)", path.display(), png.len());
        Ok(path)
    }
}

/// `<target>/html-review`, created.
fn review_dir() -> Result<PathBuf> {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("html-review");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// Runs `check` against a fresh browser, always closing the browser, and
/// fails the test with the error (skips without a browser; see the module
/// docs).
async fn with_browser<F>(check: F)
where
    F: AsyncFnOnce(&Browser, &Path) -> Result<()>,
{
    let Some((driver, chromium)) = binaries() else {
        return;
    };
    let started = Instant::now();
    let browser = Browser::start(&driver, &chromium)
        .await
        .unwrap_or_else(|e| panic!("browser start: {e:#}"));
    eprintln!("browser ready after {:.1?}", started.elapsed());
    let pages = tempfile::tempdir().expect("temporary folder for pages");
    let result = tokio::time::timeout(TEST_TIMEOUT, check(&browser, pages.path())).await;
    let log = browser.driver.log_tail();
    browser.quit().await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{e:#}"),
        Err(_) => panic!("browser test timed out after {TEST_TIMEOUT:?}; chromedriver log:\n{log}"),
    }
}

/// Character offsets of the `nth` (0-based) occurrence of `needle`.
fn chars_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The article of the hand-built page: written for this test.
const STORY: &str = "HANGZHOU, Feb 3 (newsie) — Alibaba Group (9988.HK) on Monday released Qwen3-Coder, a model it says writes code \"as well as a senior engineer\" 🚀.
Its shares rose 4.2% to HK$131.50 in afternoon trade, while Tencent (0700.HK) slipped 1%.
A Zürich-based analyst, quoting the 阿里巴巴 memo, called the launch <script>alert(1)</script> and joked about \"onmouseover= tricks.
Baidu did not cut prices for Ernie 4.5 Turbo.";

/// The sentence (line) of `STORY` holding `needle`.
fn line_with(needle: &str) -> String {
    STORY
        .lines()
        .find(|l| l.contains(needle))
        .unwrap()
        .to_string()
}

struct M<'a> {
    surface: &'a str,
    nth: usize,
    kind: &'a str,
    entity: Option<&'a str>,
    normalized: Option<&'a str>,
    mark: Mark,
    note: Option<&'a str>,
}

fn m<'a>(surface: &'a str, kind: &'a str, normalized: Option<&'a str>, mark: Mark) -> M<'a> {
    M {
        surface,
        nth: 0,
        kind,
        entity: None,
        normalized,
        mark,
        note: None,
    }
}

fn hand_built() -> HtmlArticle {
    let specs = [
        M {
            entity: Some("alibaba"),
            ..m(
                "Alibaba Group",
                "company",
                Some("Alibaba Group"),
                Mark::Correct,
            )
        },
        M {
            entity: Some("alibaba"),
            ..m("9988.HK", "ticker", Some("9988.HK"), Mark::Correct)
        },
        m("Monday", "date", Some("2025-02-03"), Mark::Correct),
        M {
            entity: Some("qwen3-coder"),
            ..m("Qwen3-Coder", "model", Some("Qwen3-Coder"), Mark::Correct)
        },
        m("4.2%", "percent", Some("4.2"), Mark::Correct),
        M {
            note: Some("gold value 131.50 HKD"),
            ..m("HK$131.50", "money", None, Mark::Missed)
        },
        M {
            entity: Some("tencent"),
            ..m(
                "Tencent",
                "company",
                Some("Tencent Holdings"),
                Mark::Correct,
            )
        },
        M {
            entity: Some("tencent"),
            ..m("0700.HK", "ticker", Some("0700.HK"), Mark::Correct)
        },
        m("1%", "percent", Some("1"), Mark::Correct),
        m("Zürich", "location", Some("Zürich"), Mark::Spurious),
        M {
            entity: Some("alibaba"),
            ..m("阿里巴巴", "company", Some("Alibaba Group"), Mark::Correct)
        },
        M {
            entity: Some("baidu"),
            ..m("Baidu", "company", Some("Baidu"), Mark::Correct)
        },
        // A boundary error: gold has the whole name, the system a prefix.
        M {
            note: Some("gold: Ernie 4.5 Turbo"),
            ..m("Ernie 4.5", "model", Some("Ernie 4.5"), Mark::Spurious)
        },
        M {
            entity: Some("ernie-4.5-turbo"),
            ..m(
                "Ernie 4.5 Turbo",
                "model",
                Some("Ernie 4.5 Turbo"),
                Mark::Missed,
            )
        },
    ];
    let mentions = specs
        .iter()
        .map(|s| {
            let (start, end) = chars_of(STORY, s.surface, s.nth);
            HtmlMention {
                start,
                end,
                kind: s.kind.into(),
                text: s.surface.into(),
                entity_id: s.entity.map(String::from),
                normalized: s.normalized.map(String::from),
                mark: s.mark,
                note: s.note.map(String::from),
            }
        })
        .collect();
    let args = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(r, v)| (r.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let event = |trigger: &str, kind: &str, rule: Option<&str>, mark: Mark| {
        let (trigger_start, trigger_end) = chars_of(STORY, trigger, 0);
        HtmlEvent {
            kind: kind.into(),
            trigger_start,
            trigger_end,
            evidence: line_with(trigger),
            rule: rule.map(String::from),
            mark,
            ..HtmlEvent::default()
        }
    };
    let events = vec![
        HtmlEvent {
            arguments: args(&[
                ("company", "Alibaba Group"),
                ("product", "Qwen3-Coder"),
                ("date", "2025-02-03"),
                ("status", "asserted"),
            ]),
            ..event("released", "release", Some("release.svo"), Mark::Correct)
        },
        HtmlEvent {
            arguments: args(&[
                ("company", "Alibaba Group"),
                ("direction", "up"),
                ("change_percent", "4.2"),
                ("new_price", "131.50 HKD"),
            ]),
            ..event(
                "rose",
                "price_change/share_price",
                Some("price.share"),
                Mark::Correct,
            )
        },
        HtmlEvent {
            arguments: args(&[
                ("company", "Tencent Holdings"),
                ("direction", "down"),
                ("change_percent", "-1"),
            ]),
            note: Some("in gold, not found".into()),
            ..event("slipped", "price_change/share_price", None, Mark::Missed)
        },
        HtmlEvent {
            arguments: args(&[("company", "Alibaba Group")]),
            note: Some("\"launch\" here is a noun about an earlier release".into()),
            ..event("launch", "release", Some("release.noun"), Mark::Spurious)
        },
        HtmlEvent {
            arguments: args(&[("company", "Baidu"), ("item", "Ernie 4.5 Turbo")]),
            negated: true,
            ..event(
                "cut",
                "price_change/product_price",
                Some("price.cut"),
                Mark::Correct,
            )
        },
    ];
    HtmlArticle {
        id: "hand-built-1".into(),
        title: Some("Alibaba releases Qwen3-Coder; shares rise".into()),
        dct: Some("2025-02-03".into()),
        text: STORY.into(),
        mentions,
        events,
    }
}

/// Script: per `data-type`, the number of mentions highlighted (each once,
/// whatever fragments it was cut into) in section `arguments[0]`.
const COUNT_BY_TYPE: &str = "
const sec = document.querySelectorAll('section.article')[arguments[0]];
const out = {};
for (const m of sec.querySelectorAll('.text mark.m:not([data-cont])')) {
  out[m.dataset.type] = (out[m.dataset.type] || 0) + 1;
}
return out;";

/// Script: per `data-mention`, the text of its fragments joined, in
/// section `arguments[0]`.
const TEXT_BY_MENTION: &str = "
const sec = document.querySelectorAll('section.article')[arguments[0]];
const out = {};
for (const m of sec.querySelectorAll('.text mark.m')) {
  out[m.dataset.mention] = (out[m.dataset.mention] || '') + m.textContent;
}
return out;";

fn counts(mentions: &[HtmlMention]) -> Value {
    let mut c: BTreeMap<&str, u64> = BTreeMap::new();
    for m in mentions {
        *c.entry(m.kind.as_str()).or_default() += 1;
    }
    json!(c)
}

/// Every mention of `a` is highlighted once, with its text.
async fn check_every_mention(b: &Browser, section: usize, a: &HtmlArticle) -> Result<()> {
    let by_type = b.js(COUNT_BY_TYPE, vec![json!(section)]).await?;
    ensure!(
        by_type == counts(&a.mentions),
        "highlighted spans per type in {}: {by_type} (expected {})",
        a.id,
        counts(&a.mentions)
    );
    let texts = b.js(TEXT_BY_MENTION, vec![json!(section)]).await?;
    for (i, m) in a.mentions.iter().enumerate() {
        let key = (i + 1).to_string();
        ensure!(
            texts.get(&key).and_then(Value::as_str) == Some(m.text.as_str()),
            "mention {key} of {} ({} {:?}) shows as {:?}",
            a.id,
            m.kind,
            m.text,
            texts.get(&key)
        );
    }
    Ok(())
}

/// Attribute `name` of the element at `css`, which must exist.
async fn attr(b: &Browser, css: &str, name: &str) -> Result<Option<String>> {
    let el = b
        .client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no element {css}"))?;
    Ok(el.attr(name).await?)
}

async fn check_hand_built(b: &Browser, pages: &Path) -> Result<()> {
    let article = hand_built();
    let title = "Review: hand-built <evaluation> page";
    let summary = Summary {
        caption: Some("Scores against gold".into()),
        columns: ["type", "gold", "found", "correct", "P", "R", "F1"]
            .map(String::from)
            .to_vec(),
        rows: vec![
            ["mentions", "12", "12", "10", "0.83", "0.83", "0.83"]
                .map(String::from)
                .to_vec(),
            ["events", "4", "4", "3", "0.75", "0.75", "0.75"]
                .map(String::from)
                .to_vec(),
        ],
        notes: vec!["Overlap match, one to one. <b>not bold</b>".into()],
    };
    let html = render(title, Some(&summary), std::slice::from_ref(&article));
    let page = b.load("hand-built", &html, pages).await?;
    println!("page: {}", page.display());

    // Nothing ran, nothing was injected, nothing was fetched.
    let safety = b
        .js(
            "return {
               scripts: document.querySelectorAll('script').length,
               handlers: document.querySelectorAll('[onmouseover]').length,
               bold: document.querySelectorAll('.summary b').length,
               resources: performance.getEntriesByType('resource').length,
               text: document.querySelector('.text').textContent,
               charset: document.characterSet,
             }",
            vec![],
        )
        .await?;
    ensure!(safety["scripts"] == 0, "script elements: {safety}");
    ensure!(
        safety["handlers"] == 0,
        "event handler attributes: {safety}"
    );
    ensure!(
        safety["bold"] == 0,
        "summary markup was not escaped: {safety}"
    );
    ensure!(
        safety["resources"] == 0,
        "the page fetched resources: {safety}"
    );
    ensure!(safety["charset"] == "UTF-8", "charset: {safety}");
    ensure!(
        safety["text"] == STORY,
        "the text block differs from the article text: {}",
        safety["text"]
    );
    ensure!(
        b.client.title().await? == title,
        "document.title changed: {:?}",
        b.client.title().await?
    );
    ensure!(b.client.get_alert_text().await.is_err(), "an alert is open");
    let h1 = b.client.find(Locator::Css("h1")).await?.text().await?;
    ensure!(h1 == title, "h1: {h1:?}");

    // Highlights per type, each mention's text, offsets after non-ASCII.
    check_every_mention(b, 0, &article).await?;
    let company = Locator::Css(".text mark[data-type='company'][data-entity='alibaba']");
    let el = b.client.find(company).await?;
    ensure!(el.text().await? == "Alibaba Group", "first Alibaba mention");
    ensure!(
        el.attr("title").await?.as_deref() == Some("company · alibaba · Alibaba Group · correct"),
        "title of the Alibaba mention: {:?}",
        el.attr("title").await?
    );
    ensure!(el.attr("data-normalized").await?.as_deref() == Some("Alibaba Group"));
    ensure!(el.attr("data-mark").await?.as_deref() == Some("correct"));
    let cjk = b
        .client
        .find(Locator::Css(
            ".text mark[data-type='company'][data-mention='11']",
        ))
        .await?;
    ensure!(
        cjk.text().await? == "阿里巴巴",
        "CJK mention after the emoji"
    );
    ensure!(
        attr(b, ".text mark[data-mention='10']", "data-type")
            .await?
            .as_deref()
            == Some("location")
    );

    // Marks: the misses and the false positives, and how they look.
    let marked = b
        .js(
            "const out = {};
             for (const kind of ['missed', 'spurious', 'correct']) {
               out[kind] = [...document.querySelectorAll(`.text mark.m[data-mark='${kind}']`)]
                 .map(m => [m.textContent, getComputedStyle(m).outlineStyle,
                            getComputedStyle(m).textDecorationLine]);
             }
             const inner = document.querySelector(\".text mark[data-mark='spurious'][data-type='model']\");
             out.nestedIn = inner.parentElement.closest('mark.m').dataset.mark;
             out.legend = [...document.querySelectorAll('.legend [data-legend]')].map(e => e.dataset.legend);
             return out;",
            vec![],
        )
        .await?;
    ensure!(
        marked["missed"]
            == json!([
                ["HK$131.50", "dashed", "none"],
                ["Ernie 4.5 Turbo", "dashed", "none"]
            ]),
        "missed mentions: {}",
        marked["missed"]
    );
    ensure!(
        marked["spurious"]
            == json!([
                ["Zürich", "solid", "line-through"],
                ["Ernie 4.5", "solid", "line-through"]
            ]),
        "spurious mentions: {}",
        marked["spurious"]
    );
    ensure!(
        marked["correct"].as_array().map(Vec::len) == Some(10),
        "{}",
        marked["correct"]
    );
    ensure!(
        marked["nestedIn"] == "missed",
        "the spurious prefix sits inside the missed gold span"
    );
    ensure!(
        marked["legend"]
            == json!([
                "company", "ticker", "model", "date", "money", "percent", "location"
            ]),
        "legend: {}",
        marked["legend"]
    );

    // Events: the table and the triggers in the text.
    let events = b
        .js(
            "return [...document.querySelectorAll('tr.event')].map(r => ({
               type: r.dataset.type,
               mark: r.dataset.mark,
               negated: r.hasAttribute('data-negated'),
               trigger: r.querySelector('.trigger-cell b').textContent,
               args: [...r.querySelectorAll('ul.args li')].map(li =>
                 li.dataset.role + '=' + li.lastChild.textContent),
               evidence: r.querySelector('.evidence').textContent,
               rule: r.querySelector('.rule').textContent,
               inText: document.querySelector(`.text [data-event='${r.dataset.event}']`).textContent,
               style: getComputedStyle(document.querySelector(
                 `.text [data-event='${r.dataset.event}']`)).textDecorationStyle,
             }))",
            vec![],
        )
        .await?;
    let rows = events.as_array().context("event rows")?;
    ensure!(rows.len() == 5, "event rows: {events}");
    let expect = [
        ("release", "correct", "released", "release.svo", "solid"),
        (
            "price_change/share_price",
            "correct",
            "rose",
            "price.share",
            "solid",
        ),
        (
            "price_change/share_price",
            "missed",
            "slipped",
            "—",
            "dashed",
        ),
        ("release", "spurious", "launch", "release.noun", "wavy"),
        (
            "price_change/product_price",
            "correct",
            "cut",
            "price.cut",
            "solid",
        ),
    ];
    for (row, (kind, mark, trigger, rule, style)) in rows.iter().zip(expect) {
        ensure!(
            row["type"] == kind
                && row["mark"] == mark
                && row["trigger"] == trigger
                && row["inText"] == trigger
                && row["rule"] == rule
                && row["style"] == style,
            "event row {row} (expected {kind} {mark} {trigger} {rule} {style})"
        );
        ensure!(
            row["evidence"] == line_with(trigger).as_str(),
            "evidence of {trigger}: {}",
            row["evidence"]
        );
    }
    ensure!(
        rows[2]["args"]
            == json!([
                "company=Tencent Holdings",
                "direction=down",
                "change_percent=-1"
            ]),
        "arguments of the missed event: {}",
        rows[2]["args"]
    );
    ensure!(
        rows[4]["negated"] == true && rows[0]["negated"] == false,
        "negation flags"
    );

    // Readable at 1280 px: no sideways scrolling, line breaks kept.
    let layout = b
        .js(
            "const t = document.querySelector('.text');
             return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                      ws: getComputedStyle(t).whiteSpace, lines: t.innerText.split('\\n').length }",
            vec![],
        )
        .await?;
    ensure!(
        layout["scroll"].as_u64() <= layout["inner"].as_u64(),
        "the page scrolls sideways at {WIDTH}px: {layout}"
    );
    ensure!(layout["ws"] == "pre-wrap", "{layout}");
    ensure!(layout["lines"] == 4, "line breaks: {layout}");

    b.screenshot("hand-built").await?;
    Ok(())
}

/// The fixture (and the shared reference article, where present) through
/// the real pipeline.
fn pipeline_articles() -> Vec<HtmlArticle> {
    use newsie::article::DctSource;
    use newsie::gazetteer::GazetteerSource;
    use newsie::input::Item;
    let pipeline = newsie::Pipeline::new(&GazetteerSource::Bundled).expect("bundled gazetteer");
    let mut inputs = Vec::new();
    let fixture = common::root().join("fixtures/articles/moonshot-kimi-release.txt");
    let found = newsie::input::discover(
        std::slice::from_ref(&fixture),
        &newsie::input::InputOptions::default(),
    );
    for file in found.files {
        let file = file.expect("fixture readable");
        for item in newsie::input::read(&file) {
            if let Item::Article { article, .. } = item {
                inputs.push(article);
            }
        }
    }
    assert_eq!(inputs.len(), 1, "the fixture is one article");
    if let Some(shared) = common::shared() {
        let path = shared.join("seed/qwen-2.5-max.txt");
        let text = std::fs::read_to_string(&path).expect("reference article");
        let mut a = newsie::Article::new("qwen-2.5-max", text)
            .with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
        a.title = Some("Alibaba releases AI model it says surpasses DeepSeek".into());
        inputs.push(a);
    }
    inputs
        .iter()
        .map(|a| {
            let x = pipeline.process(a);
            HtmlArticle {
                id: a.id.clone(),
                title: a.title.clone(),
                dct: a.dct.map(|d| d.to_string()),
                text: a.text.clone(),
                mentions: x
                    .mentions
                    .iter()
                    .map(|r| HtmlMention::from(&Mention::from(r)))
                    .collect(),
                events: x
                    .events
                    .iter()
                    .map(|r| HtmlEvent::from(&Event::from(r)))
                    .collect(),
            }
        })
        .collect()
}

async fn check_pipeline(b: &Browser, pages: &Path) -> Result<()> {
    let articles = pipeline_articles();
    let html = render("newsie extraction review", None, &articles);
    let page = b.load("pipeline", &html, pages).await?;
    println!("page: {}", page.display());
    let sections = b.client.find_all(Locator::Css("section.article")).await?;
    ensure!(sections.len() == articles.len(), "one section per article");
    for (i, a) in articles.iter().enumerate() {
        check_every_mention(b, i, a).await?;
        let rows = b
            .js(
                "const sec = document.querySelectorAll('section.article')[arguments[0]];
                 return [...sec.querySelectorAll('tr.event')].map(r =>
                   [r.dataset.type, sec.querySelector(`.text [data-event='${r.dataset.event}']`).dataset.trigger])",
                vec![json!(i)],
            )
            .await?;
        let expected: Vec<[&str; 2]> = a.events.iter().map(|e| [&*e.kind, &*e.kind]).collect();
        ensure!(
            rows == json!(expected),
            "events of {}: {rows} (expected {})",
            a.id,
            json!(expected)
        );
    }
    // The fixture: tickers and models highlighted with the right type.
    let kimi = "section[data-article='fx-kimi-release'] .text";
    let spans = b
        .js(
            "return [...document.querySelectorAll(arguments[0] + ' mark.m')]
               .map(m => [m.textContent, m.dataset.type, m.dataset.entity || null, m.title])",
            vec![json!(kimi)],
        )
        .await?;
    let has = |text: &str, kind: &str, entity: &str, title: &str| {
        spans
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| *s == json!([text, kind, entity, title]))
    };
    ensure!(
        has("9988.HK", "ticker", "alibaba", "ticker · alibaba · 9988.HK"),
        "9988.HK ticker: {spans}"
    );
    ensure!(
        has("Kimi K2", "model", "kimi-k2", "model · kimi-k2 · Kimi K2"),
        "Kimi K2 model: {spans}"
    );
    ensure!(
        has(
            "Alibaba",
            "company",
            "alibaba",
            "company · alibaba · Alibaba Group"
        ),
        "Alibaba company: {spans}"
    );
    let released = b
        .client
        .find(Locator::Css(
            "section[data-article='fx-kimi-release'] .text [data-trigger='release']",
        ))
        .await?;
    ensure!(
        released.text().await? == "released",
        "first release trigger"
    );
    let marks = b
        .js(
            "return [...new Set([...document.querySelectorAll('[data-mark]')].map(e => e.dataset.mark))]",
            vec![],
        )
        .await?;
    ensure!(marks == json!(["plain"]), "no gold, so all plain: {marks}");
    // The reference article, where the shared data is present.
    if articles.len() > 1 {
        let qwen = b
            .js(
                "return [...document.querySelectorAll(\"section[data-article='qwen-2.5-max'] .text mark.m\")]
                   .filter(m => m.dataset.type === 'model' && m.textContent === 'Qwen 2.5-Max').length",
                vec![],
            )
            .await?;
        ensure!(qwen.as_u64() >= Some(2), "Qwen 2.5-Max model spans: {qwen}");
        let ticker = attr(
            b,
            "section[data-article='qwen-2.5-max'] .text mark[data-type='ticker']",
            "data-normalized",
        )
        .await?;
        ensure!(
            ticker.as_deref() == Some("9988.HK"),
            "first ticker: {ticker:?}"
        );
    }
    b.screenshot("pipeline").await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn hand_built_page_renders_marks_events_and_hostile_text_safely() {
    with_browser(check_hand_built).await;
}

#[tokio::test(flavor = "current_thread")]
async fn pipeline_page_highlights_every_mention() {
    with_browser(check_pipeline).await;
}

/// The command line's pages: `newsie show --html` highlights every mention
/// `newsie extract` finds, and `newsie eval --html` against a gold edited by
/// hand (one mention and one event removed, so the run's ones are false
/// positives; one gold mention added, which the run misses) marks exactly
/// those.
async fn check_cli_pages(b: &Browser, pages: &Path) -> Result<()> {
    let fixture = "fixtures/articles/moonshot-kimi-release.txt";
    let run = |args: &[&str]| -> Result<Vec<u8>> {
        let out = common::newsie(args);
        ensure!(
            out.status.code() == Some(0),
            "newsie {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(out.stdout)
    };
    let extracted = String::from_utf8(run(&["extract", "-q", fixture])?)?;
    let mentions = extracted
        .lines()
        .filter(|l| l.contains("\"record\":\"mention\""))
        .count();
    let shown = pages.join("show.html");
    run(&["show", "--html", "-o", shown.to_str().unwrap(), fixture])?;
    b.load("cli-show", &std::fs::read_to_string(&shown)?, pages)
        .await?;
    let found = b
        .js(
            "return document.querySelectorAll('mark.m:not([data-cont])').length",
            vec![],
        )
        .await?;
    ensure!(
        found == json!(mentions),
        "show: {found} highlights for {mentions} mentions"
    );

    let gold = pages.join("gold");
    run(&["eval", "--bless", "--gold", gold.to_str().unwrap(), fixture])?;
    let edit = |file: &str, drop: &str, add: Option<&str>| -> Result<()> {
        let path = gold.join(file);
        let text = std::fs::read_to_string(&path)?;
        let mut lines: Vec<&str> = text.lines().filter(|l| !l.contains(drop)).collect();
        ensure!(
            lines.len() + 1 == text.lines().count(),
            "{drop} is one line of {file}"
        );
        lines.extend(add);
        std::fs::write(&path, lines.join("\n") + "\n")?;
        Ok(())
    };
    // "Moonshot" (a short name newsie misses), and no "9988.HK" ticker, no
    // first event.
    let extra = r#"{"record":"mention","article":"fx-kimi-release","type":"company","text":"Moonshot","start":327,"end":335,"normalized":"Moonshot AI"}"#;
    edit("mentions.jsonl", "\"text\":\"9988.HK\"", Some(extra))?;
    edit("events.jsonl", "\"id\":\"e1\"", None)?;
    let html = pages.join("eval.html");
    run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ])?;
    b.load("cli-eval", &std::fs::read_to_string(&html)?, pages)
        .await?;
    b.screenshot("cli-eval").await?;
    let marks = b
        .js(
            "const by = m => [...document.querySelectorAll(`mark.m[data-mark='${m}']:not([data-cont])`)].map(e => [e.dataset.type, e.textContent]);
             return [by('missed'), by('spurious'), by('correct').length,
                     [...document.querySelectorAll('tr.event')].map(r => r.dataset.mark)]",
            vec![],
        )
        .await?;
    let events = extracted
        .lines()
        .filter(|l| l.contains("\"record\":\"event\""))
        .count();
    let mut event_marks = vec!["correct"; events];
    event_marks[0] = "spurious";
    ensure!(
        marks
            == json!([
                [["company", "Moonshot"]],
                [["ticker", "9988.HK"]],
                mentions - 1,
                event_marks
            ]),
        "eval page marks: {marks}"
    );
    let summary = b
        .js(
            "return document.body.textContent.includes('Scores')",
            vec![],
        )
        .await?;
    ensure!(summary == json!(true), "the scores are on the page");
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn cli_show_and_eval_pages_mark_what_the_run_found_and_missed() {
    with_browser(check_cli_pages).await;
}
