//! The command-line contract: exit codes, both formats, folders, standard
//! input, bad input accounted for, output independent of thread count.

mod common;

use common::{newsie, newsie_with_stdin, records};
use serde_json::Value;

fn code(out: &std::process::Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn usage_and_setup_errors_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["extract"], "PATH"),
        (&["extract", "--format", "xml", "fixtures/articles"], "xml"),
        (
            &["extract", "--published", "29/01/2025", "fixtures/articles"],
            "YYYY-MM-DD",
        ),
        (
            &[
                "extract",
                "--gazetteers",
                "no/such/dir",
                "fixtures/articles",
            ],
            "no/such/dir: No such file or directory",
        ),
        (&["extract", "-j", "0", "fixtures/articles"], "--threads"),
        (
            &["extract", "-j", "100000", "fixtures/articles"],
            "--threads",
        ),
        (
            &[
                "extract",
                "--published",
                "2025-01-05T00:00",
                "fixtures/articles",
            ],
            "YYYY-MM-DD",
        ),
        (&["extract", "-", "-"], "only once"),
        (&["extract", "--glob", "[z", "fixtures/articles"], "--glob"),
        (&["extract", "--stdin-format", "csv", "-"], "--stdin-format"),
        (&["frobnicate"], "frobnicate"),
    ];
    for (args, needle) in cases {
        let out = newsie(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn malformed_gazetteer_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("companies.tsv"),
        "id\tcanonical\nacme\tAcme\nAcme Two\tAcme 2\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("models.tsv"), "id\tcanonical\n").unwrap();
    let out = newsie(&[
        "extract",
        "--gazetteers",
        dir.path().to_str().unwrap(),
        "fixtures/articles",
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("companies.tsv:3: id \"Acme Two\" is not a lowercase slug"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn custom_gazetteer_replaces_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("companies.tsv"),
        "id\tcanonical\taliases\ttickers\nacme\tAcme Corp\tAcme\tACME@XNYS\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("models.tsv"),
        "id\tcanonical\taliases\tdeveloper\nroadrunner-1\tRoadRunner-1\t\tacme\n",
    )
    .unwrap();
    let out = newsie_with_stdin(
        &[
            "extract",
            "-q",
            "--gazetteers",
            dir.path().to_str().unwrap(),
            "-",
        ],
        Some("Acme launched RoadRunner-1; Alibaba did not.".as_bytes()),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<String> = records(&out)
        .iter()
        .filter(|r| r["record"] == "mention")
        .map(|r| r["entity_id"].to_string())
        .collect();
    assert_eq!(ids, ["\"acme\"", "\"roadrunner-1\""]);
}

#[test]
fn fixtures_folder_processes_every_article_in_order() {
    let out = newsie(&["extract", "fixtures/articles"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = records(&out);
    let articles: Vec<&str> = recs
        .iter()
        .filter(|r| r["record"] == "article")
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Sorted path order: chip-price-cuts.txt, moonshot-kimi-release.txt, rules-tour.txt,
    // wire-feed.jsonl (3 lines).
    // An id without its own `id` is the path relative to the folder given.
    assert_eq!(
        articles,
        [
            "fx-chip-prices",
            "fx-kimi-release",
            "fx-rules-tour",
            "fx-wire-1",
            "fx-feed-2",
            "wire-feed.jsonl#3"
        ]
    );
    assert!(
        stderr(&out).contains("6 articles from 4 files: 6 processed, 0 failed; 1 warnings"),
        "{}",
        stderr(&out)
    );
    // Within an article: article, warnings, mentions by offset, events.
    let order: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["record"].as_str().unwrap(),
                r["article"].as_str().or(r["id"].as_str()).unwrap(),
            )
        })
        .collect();
    let feed2: Vec<&str> = order
        .iter()
        .filter(|(_, a)| *a == "fx-feed-2")
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(
        feed2,
        [
            "article", "warning", "mention", "mention", "mention", "mention", "mention", "event"
        ]
    );
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = newsie(&["extract", "-q", "-j", "1", "fixtures/articles"]);
    let two = newsie(&["extract", "-q", "-j", "2", "fixtures/articles"]);
    assert_eq!(code(&one), 0);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.jsonl"), "{\"id\":\"ok\",\"text\":\"Baidu rose 3%.\"}\n{broken\n{\"id\":\"ok\",\"text\":\"again\"}\n").unwrap();
    std::fs::write(p.join("b.txt"), "").unwrap();
    std::fs::write(
        p.join("c.txt"),
        b"\xEF\xBB\xBFTencent\r\nfell 5% on caf\xE9 news.",
    )
    .unwrap();
    std::fs::write(p.join("notes.md"), "not an input").unwrap();
    let missing = p.join("missing.txt");
    let out = newsie(&["extract", p.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let recs = records(&out);
    let errors: Vec<String> = recs
        .iter()
        .filter(|r| r["record"] == "error")
        .map(|r| {
            format!(
                "{}:{}: {}",
                r["input"].as_str().unwrap().rsplit('/').next().unwrap(),
                r["line"],
                r["reason"]
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    // In command-line order: the folder's files first, then the missing path.
    assert!(
        errors[0].starts_with("a.jsonl:2: \"malformed JSON"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("a.jsonl:3: \"repeated article id \\\"ok\\\""),
        "{errors:?}"
    );
    assert!(errors[2].starts_with("missing.txt:null:"), "{errors:?}");
    let status: Vec<(String, String)> = recs
        .iter()
        .filter(|r| r["record"] == "article")
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let missing_id = missing.to_string_lossy().into_owned();
    let want = [
        ("ok", "processed"),
        ("a.jsonl#2", "failed"),
        ("ok", "failed"),
        ("b.txt", "processed"),
        ("c.txt", "processed"),
        (missing_id.as_str(), "failed"),
    ];
    assert_eq!(status, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert!(
        stderr(&out).contains(
            "6 articles from 3 files: 3 processed, 3 failed; 1 warnings; 1 files skipped"
        ),
        "{}",
        stderr(&out)
    );
    // The BOM is dropped, CRLF kept, and offsets are characters.
    let c: Vec<&Value> = recs
        .iter()
        .filter(|r| r["article"] == "c.txt" && r["record"] == "mention")
        .collect();
    let spans: Vec<(u64, u64, &str)> = c
        .iter()
        .map(|m| {
            (
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(spans, [(0, 7, "Tencent"), (14, 16, "5%")]);
    assert!(recs.iter().any(
        |r| r["record"] == "warning" && r["reason"].as_str().unwrap().contains("invalid UTF-8")
    ));
}

#[test]
fn standard_input_with_published_date() {
    let out = newsie_with_stdin(
        &["extract", "-q", "--published", "2025-01-29", "-"],
        Some(b"Alibaba said on Monday it would cut prices."),
    );
    assert_eq!(code(&out), 0);
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "-");
    assert_eq!(recs[0]["dct_source"], "option");
    let date = recs.iter().find(|r| r["type"] == "date").unwrap();
    assert_eq!(
        (date["text"].as_str(), date["value"].as_str()),
        (Some("Monday"), Some("2025-01-27"))
    );
}

#[test]
fn csv_to_standard_output_is_the_mentions_table() {
    let out = newsie(&[
        "extract",
        "-q",
        "-f",
        "csv",
        "fixtures/articles/chip-price-cuts.txt",
    ]);
    assert_eq!(code(&out), 0);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header.join(","),
        "article,id,type,text,start,end,sentence,entity,entity_id,normalized,source,symbol,exchange,company,developer,value,timex_type,anchor,amount,currency,percent,family,in_gazetteer,parent,points"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 22);
    let money = rows.iter().find(|r| &r[3] == "$589 billion").unwrap();
    assert_eq!(
        (&money[9], &money[18], &money[19]),
        ("589000000000 USD", "589000000000", "USD")
    );
}

#[test]
fn output_folder_in_both_formats() {
    for (format, ext) in [("csv", "csv"), ("jsonl", "jsonl")] {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("out");
        let out = newsie(&[
            "extract",
            "-q",
            "-f",
            format,
            "-o",
            out_dir.to_str().unwrap(),
            "fixtures/articles",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        let mut names: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                format!("articles.{ext}"),
                "errors.jsonl".to_string(),
                format!("events.{ext}"),
                "inputs.jsonl".to_string(),
                format!("mentions.{ext}"),
                "provenance.json".to_string(),
                "summary.json".to_string(),
            ]
        );
        let provenance: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out_dir.join("provenance.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(provenance["schema_version"], "1");
        assert_eq!(provenance["newsie_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(provenance["gazetteers"], "bundled");
        assert!(
            provenance["checksum"]
                .as_str()
                .unwrap()
                .starts_with("sha256:")
        );
        assert_eq!(provenance["files"].as_object().unwrap().len(), 4);
        let lines = |name: &str| {
            std::fs::read_to_string(out_dir.join(name))
                .unwrap()
                .lines()
                .count()
        };
        let header = usize::from(ext == "csv");
        assert_eq!(lines(&format!("articles.{ext}")), 6 + header);
        assert_eq!(lines("errors.jsonl"), 1);
        let mentions = 22 + 22 + 43 + 12 + 5 + 1;
        if ext == "jsonl" {
            assert_eq!(lines("mentions.jsonl"), mentions);
            assert_eq!(lines("events.jsonl"), 23);
        } else {
            let mut rdr = csv::Reader::from_path(out_dir.join("mentions.csv")).unwrap();
            assert_eq!(rdr.records().count(), mentions);
            let mut ev = csv::Reader::from_path(out_dir.join("events.csv")).unwrap();
            let header: Vec<String> = ev.headers().unwrap().iter().map(str::to_string).collect();
            assert_eq!(header, newsie::output::record::event_csv_header());
            let rows: Vec<csv::StringRecord> = ev.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), 23);
            let kimi = rows.iter().find(|r| &r[0] == "fx-kimi-release").unwrap();
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            // Numbers are plain numbers, the currency in its own column.
            let xiaomi = rows
                .iter()
                .find(|r| &r[col("company")] == "Xiaomi")
                .unwrap();
            assert_eq!(&xiaomi[col("subtype")], "product_price");
            assert_eq!(&xiaomi[col("change_percent")], "-10");
            assert_eq!(&xiaomi[col("new_price")], "4499");
            assert_eq!(&xiaomi[col("new_price_currency")], "HKD");
            assert_eq!(&xiaomi[col("item")], "its flagship phone");
            assert_eq!(&xiaomi[col("negated")], "false");
            assert_eq!(&kimi[col("product")], "Kimi K2");
            assert_eq!(&kimi[col("date")], "2025-07-11");
            assert_eq!(&kimi[col("date_text")], "Friday");
            assert_eq!(&kimi[col("company_mention")], "m1");
        }
    }
}

#[test]
fn help_documents_the_contract() {
    let out = newsie(&["extract", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--format",
        "--output",
        "--published",
        "--gazetteers",
        "--threads",
        "Exit status",
        ".jsonl",
        ".warc",
        "--ext",
        "--glob",
        "--stdin-format",
    ] {
        assert!(help.contains(needle), "help lacks {needle}:\n{help}");
    }
    assert_eq!(code(&out), 0);
}

#[test]
fn non_regular_files_named_directly_are_read() {
    let out = newsie_with_stdin(&["extract", "-q", "/dev/stdin"], Some(b"Baidu rose 3%."));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.iter().filter(|r| r["record"] == "mention").count(), 2);
}

#[test]
fn csv_tables_have_headers_even_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out_dir = dir.path().join("out");
    let out = newsie(&[
        "extract",
        "-q",
        "-f",
        "csv",
        "-o",
        out_dir.to_str().unwrap(),
        empty.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let first_line = |name: &str| {
        std::fs::read_to_string(out_dir.join(name))
            .unwrap()
            .lines()
            .next()
            .map(str::to_string)
    };
    assert_eq!(
        first_line("mentions.csv").as_deref(),
        Some(
            newsie::output::record::mention_csv_header()
                .join(",")
                .as_str()
        )
    );
    assert!(
        first_line("events.csv")
            .unwrap()
            .starts_with("article,id,type,subtype,trigger")
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("articles.csv"))
            .unwrap()
            .lines()
            .count(),
        2
    );
}

#[test]
fn numeric_ids_are_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ids.jsonl");
    std::fs::write(&f, "{\"id\": 123456789012345678901234567890, \"text\": \"a\"}\n{\"id\": 123456789012345678901234567891, \"text\": \"b\"}\n").unwrap();
    let out = newsie(&["extract", "-q", f.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<String> = records(&out)
        .iter()
        .filter(|r| r["record"] == "article")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "123456789012345678901234567890",
            "123456789012345678901234567891"
        ]
    );
}

/// The stories fixture repeats two events across three articles and holds a
/// negated price cut and a denied launch.
#[test]
fn negated_events_stay_out_of_the_csv_and_merge_groups_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let csv_dir = tmp.path().join("csv");
    let all_dir = tmp.path().join("all");
    let json_dir = tmp.path().join("json");
    let run = |dir: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["extract", "-q", "-o", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.push("fixtures/stories/");
        assert_eq!(code(&newsie(&args)), 0);
    };
    run(&csv_dir, &["-f", "csv"]);
    run(&all_dir, &["-f", "csv", "--all-events"]);
    run(&json_dir, &[]);
    let rows = |dir: &std::path::Path| {
        let mut r = csv::Reader::from_path(dir.join("events.csv")).unwrap();
        r.records().map(Result::unwrap).collect::<Vec<_>>()
    };
    let negated = |rows: &[csv::StringRecord]| {
        let header = newsie::output::record::event_csv_header();
        let col = header.iter().position(|h| h == "negated").unwrap();
        rows.iter().filter(|r| &r[col] == "true").count()
    };
    let (asserted, all) = (rows(&csv_dir), rows(&all_dir));
    assert_eq!(negated(&asserted), 0);
    assert_eq!(negated(&all), 2, "Xiaomi's cut and XPeng's launch");
    // and Baidu's hypothetical paid tier ("could launch")
    assert_eq!(all.len(), asserted.len() + 3);
    let jsonl = std::fs::read_to_string(json_dir.join("events.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), all.len(), "JSONL keeps every event");

    let out = newsie(&["events", "merge", json_dir.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let merged = records(&out);
    let group = |company: &str, kind: &str| {
        merged
            .iter()
            .find(|m| m["company"] == company && m["type"] == kind)
            .unwrap_or_else(|| panic!("{company} {kind} in {merged:#?}"))
    };
    let ernie = group("Baidu", "release");
    assert_eq!(ernie["product"], "ERNIE 4.5");
    assert_eq!(ernie["date"], "2025-03-02");
    assert_eq!(ernie["first_seen"], "2025-03-03");
    assert_eq!(ernie["articles"], 3);
    assert_eq!(ernie["article_ids"], "story-a;story-b;story-c");
    let tesla = group("Tesla", "price_change");
    assert_eq!(tesla["subtype"], "product_price");
    assert_eq!(tesla["articles"], 2);
    assert_eq!(tesla["change_percent"], "-5");
    assert!(
        merged.iter().all(|m| m["company"] != "Xiaomi"),
        "negated cut left out"
    );
    assert_eq!(tesla["item"], "its Model Y");
    assert_eq!(tesla["price"], "249900 CNY");
    assert_eq!(tesla["status"], "announced");
    // A CSV folder is refused with a hint.
    let csv_merge = newsie(&["events", "merge", csv_dir.to_str().unwrap()]);
    assert_eq!(code(&csv_merge), 2);
    assert!(String::from_utf8_lossy(&csv_merge.stderr).contains("without `-f csv`"));
    let missing = newsie(&["events", "merge", "no/such/dir"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/dir"));
}

#[test]
fn types_restrict_extraction() {
    let out = newsie(&[
        "extract",
        "-q",
        "--types",
        "ticker,price_change/share_price",
        "fixtures/articles/moonshot-kimi-release.txt",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = records(&out);
    let kinds: std::collections::BTreeSet<(&str, &str)> = recs
        .iter()
        .filter(|r| r["record"] != "article")
        .map(|r| (r["record"].as_str().unwrap(), r["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [("event", "price_change"), ("mention", "ticker")]
    );
    assert!(
        recs.iter()
            .filter(|r| r["record"] == "event")
            .all(|r| r["subtype"] == "share_price")
    );
    let bad = newsie(&["extract", "--types", "company,person", "fixtures/articles"]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("unknown record type \"person\""),
        "{}",
        stderr(&bad)
    );
}

/// Bless a run as gold, score it (perfect), break the gold by hand, and
/// watch the gates: 0 when they hold, 1 on a regression, 2 on bad usage.
#[test]
fn eval_blesses_scores_and_gates() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let g = gold.to_str().unwrap();
    let out = newsie(&["eval", "--bless", "--gold", g, "fixtures/articles"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(gold.join("mentions.jsonl").is_file() && gold.join("provenance.json").is_file());
    assert!(!gold.join("errors.jsonl").exists());
    // Blessing again needs --force.
    let again = newsie(&["eval", "--bless", "--gold", g, "fixtures/articles"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("--force"));

    // The gold records where its articles came from: no ARTICLES needed.
    let out = newsie(&[
        "eval",
        "--gold",
        g,
        "--format",
        "json",
        "--min-f1",
        "company=1",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |r: &serde_json::Value, name: &str| {
        r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    assert_eq!(row(&report, "company")["measures"]["exact"]["f1"], 1.0);
    assert_eq!(row(&report, "release")["measures"]["overlap"]["f1"], 1.0);
    assert_eq!(report["diff"].as_array().unwrap().len(), 0);
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, &out.stdout).unwrap();

    // Remove the first company mention and the first release from the gold:
    // company recall and release precision drop below the baseline.
    let drop_first = |file: &str, kind: &str| {
        let path = gold.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut dropped = false;
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| {
                let hit = !dropped && l.contains(&format!("\"type\":\"{kind}\""));
                dropped |= hit;
                !hit
            })
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
        assert!(dropped);
    };
    drop_first("mentions.jsonl", "company");
    drop_first("events.jsonl", "release");
    let b = baseline.to_str().unwrap();
    let out = newsie(&["eval", "--gold", g, "--baseline", b]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("FAIL company:exact F1"), "{err}");
    assert!(err.contains("FAIL release:overlap F1"), "{err}");
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        table.contains("SPURIOUS") && table.contains("company"),
        "{table}"
    );

    // --pred scores a saved run; CSV lists one line per row and measure.
    let pred = dir.path().join("pred");
    let p = pred.to_str().unwrap();
    assert_eq!(
        code(&newsie(&["extract", "-q", "-o", p, "fixtures/articles"])),
        0
    );
    let out = newsie(&[
        "eval", "--gold", g, "--pred", p, "--format", "csv", "--types", "company",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "level,name,gold,pred,measure,matched,precision,recall,f1"
    );
    assert!(
        lines[1].starts_with("mention,company,29,30,exact,29,0.9667,1.0000,"),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| l.starts_with("mention,company,")),
        "{csv}"
    );
    // A gold edited by hand so that an earlier run scores lower: the gate
    // names the row; an unknown row is a usage error.
    let out = newsie(&[
        "eval",
        "--gold",
        g,
        "--pred",
        p,
        "--min-f1",
        "company:exact=0.99",
    ]);
    assert_eq!(code(&out), 1);
    let out = newsie(&["eval", "--gold", g, "--pred", p, "--min-f1", "person=0.5"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no row \"person\""),
        "{}",
        stderr(&out)
    );
    let out = newsie(&[
        "eval",
        "--gold",
        dir.path().join("nowhere").to_str().unwrap(),
        "--pred",
        p,
    ]);
    assert_eq!(code(&out), 2);
}

/// What a break-it review found in `newsie eval`, each case now held.
#[test]
fn eval_holds_against_what_broke_it() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // A corpus with a subfolder: blessed through the folder, re-run from
    // the recorded paths (where the file is read directly and its id would
    // differ), it still scores every article.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(
        corpus.join("sub/a.txt"),
        "Alibaba unveiled Qwen 2.5-Max on Wednesday.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        "Tencent (0700.HK) shares fell 3.2%.\n",
    )
    .unwrap();
    let gold = at("gold");
    let out = newsie(&["eval", "--bless", "--gold", &gold, &at("corpus")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = newsie(&["eval", "--gold", &gold, "--format", "json", "--root", "/"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["articles"]["missing"], 0, "{report}");
    assert_eq!(report["articles"]["scored"], 2);
    // -j with the gold read in parallel: no race over the thread pool.
    for _ in 0..4 {
        let out = newsie(&[
            "eval",
            "-j",
            "1",
            "--gold",
            &gold,
            "--root",
            "/",
            "--max-diff",
            "0",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    // Blessing a folder onto itself would empty it: refused, gold intact.
    let before = std::fs::read_to_string(dir.path().join("gold/mentions.jsonl")).unwrap();
    let out = newsie(&[
        "eval", "--bless", "--force", "--gold", &gold, "--pred", &gold,
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("same folder"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("gold/mentions.jsonl")).unwrap(),
        before
    );
    // Inputs that cannot be read are said, with a hint, and fail the run.
    std::fs::rename(&corpus, dir.path().join("moved")).unwrap();
    let out = newsie(&["eval", "--gold", &gold, "--root", "/"]);
    assert_eq!(code(&out), 1);
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        table.contains("2 inputs could not be read") && table.contains("--root"),
        "{table}"
    );
    std::fs::rename(dir.path().join("moved"), &corpus).unwrap();
    // A split no article has is a usage error.
    let out = newsie(&["eval", "--gold", &gold, "--split", "tset"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no gold article has it"),
        "{}",
        stderr(&out)
    );
    // A mention copied into a second file of the folder is named, twice.
    let copy = dir.path().join("gold/mentions-backup.jsonl");
    std::fs::write(&copy, &before).unwrap();
    let out = newsie(&["eval", "--gold", &gold, "--root", "/"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("mentions.jsonl:1:") && err.contains("mentions-backup.jsonl:1"),
        "{err}"
    );
    std::fs::remove_file(&copy).unwrap();
    // A gold file saved with a byte-order mark reads.
    let path = dir.path().join("gold/mentions.jsonl");
    std::fs::write(&path, format!("\u{feff}{before}")).unwrap();
    let out = newsie(&[
        "eval",
        "--gold",
        &gold,
        "--root",
        "/",
        "--min-f1",
        "company=1",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // A gold blessed with --types is scored on those types only.
    let typed = at("typed");
    let out = newsie(&[
        "eval",
        "--bless",
        "--types",
        "company",
        "--gold",
        &typed,
        &at("corpus"),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = newsie(&["eval", "--gold", &typed, "--root", "/", "--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.starts_with("mention,company,")),
        "{csv}"
    );
    assert!(csv.contains(",1.0000,1.0000,1.0000"), "{csv}");
    // A typo in a gold article's types is said, not silently scored as nothing.
    let typo = dir.path().join("typo.jsonl");
    std::fs::write(
        &typo,
        "{\"record\":\"article\",\"id\":\"x\",\"types\":[\"compnay\"]}\n",
    )
    .unwrap();
    let t = typo.to_str().unwrap();
    let out = newsie(&["eval", "--gold", t, "--pred", t]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(table.contains("types no record has: compnay"), "{table}");
}

/// The four data files and the ledger of a JSONL output folder.
const RUN_FILES: [&str; 5] = [
    "mentions.jsonl",
    "events.jsonl",
    "articles.jsonl",
    "errors.jsonl",
    "inputs.jsonl",
];

#[test]
fn resume_continues_an_interrupted_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    let out = newsie(&[
        "extract",
        "-q",
        "-o",
        full.to_str().unwrap(),
        "fixtures/articles",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(full.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["processed"], 6);
    assert_eq!(summary["resumed_inputs"], 0);
    let ledger = std::fs::read_to_string(full.join("inputs.jsonl")).unwrap();
    let lines: Vec<Value> = ledger
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{ledger}");
    assert_eq!(lines[3]["path"], "fixtures/articles/wire-feed.jsonl");
    assert_eq!(lines[3]["articles"], 3);
    assert_eq!(lines[3]["sha256"].as_str().unwrap().len(), 64);

    // An interrupted run: partial files with two inputs checkpointed, then a
    // record and a ledger line cut off in the middle.
    let cut = tmp.path().join("cut");
    std::fs::create_dir(&cut).unwrap();
    for name in RUN_FILES {
        let mut bytes = std::fs::read(full.join(name)).unwrap();
        let keep = match name {
            "inputs.jsonl" => ledger.lines().take(2).map(|l| l.len() + 1).sum(),
            _ => lines[1]["offsets"][name].as_u64().unwrap() as usize,
        };
        bytes.truncate(keep);
        bytes.extend_from_slice(b"{\"record\":\"mention\",\"article\":\"cut-of");
        std::fs::write(cut.join(format!(".{name}.partial")), bytes).unwrap();
    }
    let out = newsie(&[
        "extract",
        "-o",
        cut.to_str().unwrap(),
        "--resume",
        "fixtures/articles",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 inputs already complete (the run was interrupted)"),
        "{}",
        stderr(&out)
    );
    for name in RUN_FILES {
        assert_eq!(
            std::fs::read(cut.join(name)).unwrap(),
            std::fs::read(full.join(name)).unwrap(),
            "{name}"
        );
        assert!(!cut.join(format!(".{name}.partial")).exists());
    }
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(cut.join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        (
            summary["resumed_inputs"].as_u64(),
            summary["processed"].as_u64()
        ),
        (Some(2), Some(4))
    );

    // A finished run resumed with one more input: only its records are added.
    let extra = tmp.path().join("extra.txt");
    std::fs::write(&extra, "Alibaba cut prices on Tuesday.").unwrap();
    let out = newsie(&[
        "extract",
        "-q",
        "-o",
        cut.to_str().unwrap(),
        "--resume",
        "fixtures/articles",
        extra.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let articles = std::fs::read_to_string(cut.join("articles.jsonl")).unwrap();
    assert_eq!(articles.lines().count(), 7);
    assert!(
        articles
            .lines()
            .last()
            .unwrap()
            .contains("\"id\":\"extra.txt\"")
    );
    // An input changed since: read again, with a warning.
    std::fs::write(&extra, "Tencent cut prices on Tuesday.").unwrap();
    let out = newsie(&[
        "extract",
        "-q",
        "-o",
        cut.to_str().unwrap(),
        "--resume",
        extra.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let errors = std::fs::read_to_string(cut.join("errors.jsonl")).unwrap();
    assert!(
        errors.contains("input changed since the run being resumed"),
        "{errors}"
    );

    // Another format, or other gazetteers, cannot continue this folder.
    let csv = newsie(&[
        "extract",
        "-f",
        "csv",
        "-o",
        cut.to_str().unwrap(),
        "--resume",
        "fixtures/articles",
    ]);
    assert_eq!(code(&csv), 2);
    assert!(stderr(&csv).contains("other format"), "{}", stderr(&csv));
    let list = tmp.path().join("list.tsv");
    std::fs::write(&list, "Alibaba\tcompany\tAlibaba Group\n").unwrap();
    let other = newsie(&[
        "extract",
        "--gazetteers",
        list.to_str().unwrap(),
        "-o",
        cut.to_str().unwrap(),
        "--resume",
        "fixtures/articles",
    ]);
    assert_eq!(code(&other), 2);
    assert!(
        stderr(&other).contains("made differently"),
        "{}",
        stderr(&other)
    );
}

#[test]
fn csv_runs_resume_without_a_second_header() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let dir_s = dir.to_str().unwrap();
    let out = newsie(&[
        "extract",
        "-q",
        "-f",
        "csv",
        "-o",
        dir_s,
        "fixtures/articles/chip-price-cuts.txt",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = newsie(&[
        "extract",
        "-q",
        "-f",
        "csv",
        "-o",
        dir_s,
        "--resume",
        "fixtures/articles",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let articles = std::fs::read_to_string(dir.join("articles.csv")).unwrap();
    assert_eq!(
        articles.lines().filter(|l| l.starts_with("id,")).count(),
        1,
        "{articles}"
    );
    // The header, chip-price-cuts once, then the 5 other articles.
    assert_eq!(articles.lines().count(), 1 + 6, "{articles}");
}

#[test]
fn shards_partition_the_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = newsie(&["extract", "-q", "fixtures/articles"]);
    let mut all: Vec<String> = records(&whole)
        .iter()
        .filter(|r| ["article", "mention", "event"].contains(&r["record"].as_str().unwrap()))
        .map(|r| r.to_string())
        .collect();
    let mut union = Vec::new();
    for i in 0..3 {
        let dir = tmp.path().join(format!("s{i}"));
        let shard = format!("{i}/3");
        let out = newsie(&[
            "extract",
            "-q",
            "--shard",
            &shard,
            "-o",
            dir.to_str().unwrap(),
            "fixtures/articles",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let summary: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap())
                .unwrap();
        assert_eq!(
            summary["processed"].as_u64().unwrap() + summary["other_shards"].as_u64().unwrap(),
            6
        );
        for name in ["articles.jsonl", "mentions.jsonl", "events.jsonl"] {
            for line in std::fs::read_to_string(dir.join(name)).unwrap().lines() {
                union.push(serde_json::from_str::<Value>(line).unwrap().to_string());
            }
        }
    }
    all.sort();
    union.sort();
    assert_eq!(union.len(), all.len());
    assert!(
        union == all,
        "the shards' records differ from the whole run's"
    );
    let bad = newsie(&["extract", "--shard", "3/3", "fixtures/articles"]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("I must be 0 to N-1"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn shard_auto_reads_slurm_and_kubernetes_variables() {
    let run = |spec: &str, vars: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsie"));
        cmd.args(["extract", "-q", "--shard", spec, "fixtures/articles"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        for var in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_STEP",
        ] {
            cmd.env_remove(var);
        }
        cmd.env_remove("SLURM_ARRAY_TASK_COUNT")
            .env_remove("JOB_COMPLETION_INDEX");
        cmd.envs(vars.iter().copied());
        cmd.output().unwrap()
    };
    let explicit = newsie(&["extract", "-q", "--shard", "1/3", "fixtures/articles"]);
    let whole = newsie(&["extract", "-q", "fixtures/articles"]);
    assert!(!records(&explicit).is_empty() && explicit.stdout != whole.stdout);
    // sbatch --array=1-3: task 2 is shard 1 of 3.
    let slurm = run(
        "auto",
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
    );
    assert_eq!(code(&slurm), 0, "{}", stderr(&slurm));
    assert_eq!(slurm.stdout, explicit.stdout);
    // A Kubernetes Indexed Job with completions: 3.
    let k8s = run("auto/3", &[("JOB_COMPLETION_INDEX", "1")]);
    assert_eq!(k8s.stdout, explicit.stdout);
    let none = run("auto", &[]);
    assert_eq!(code(&none), 2);
    assert!(
        stderr(&none).contains("SLURM_ARRAY_TASK_ID"),
        "{}",
        stderr(&none)
    );
    let no_count = run("auto", &[("JOB_COMPLETION_INDEX", "1")]);
    assert_eq!(code(&no_count), 2);
    assert!(
        stderr(&no_count).contains("auto/N"),
        "{}",
        stderr(&no_count)
    );
}

/// One WARC/1.1 record, gzip-compressed on its own as Common Crawl writes
/// them; `cut` bytes short of its Content-Length when non-zero.
fn warc_gz(headers: &[(&str, &str)], block: &[u8], cut: usize) -> Vec<u8> {
    let mut rec = b"WARC/1.1\r\n".to_vec();
    for (k, v) in headers {
        rec.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    rec.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    rec.extend_from_slice(&block[..block.len() - cut]);
    if cut == 0 {
        rec.extend_from_slice(b"\r\n\r\n");
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut enc, &rec).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_folder_of_every_input_kind_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("in");
    std::fs::create_dir(&p).unwrap();
    let root = common::root();
    std::fs::write(p.join("a-story.txt"), "Rivet Labs hired 20 engineers.").unwrap();
    std::fs::copy(
        root.join("fixtures/inputs/briefs.json"),
        p.join("b-briefs.json"),
    )
    .unwrap();
    std::fs::copy(
        root.join("fixtures/inputs/rivet-bolt.html"),
        p.join("c-page.html"),
    )
    .unwrap();
    let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Quill</title><p>Quill AI opened an office in Lisbon.</p>";
    let mut warc = warc_gz(&[("WARC-Type", "warcinfo")], b"software: test\r\n", 0);
    warc.extend(warc_gz(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", "<urn:uuid:quill-1>"),
            ("WARC-Date", "2025-02-20T08:00:00Z"),
            ("WARC-Target-URI", "https://news.test/quill"),
        ],
        page,
        0,
    ));
    warc.extend(warc_gz(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", "<urn:uuid:cut-2>"),
        ],
        page,
        10,
    ));
    std::fs::write(p.join("d-crawl.warc.gz"), warc).unwrap();
    std::fs::write(p.join("e-broken.json"), "{\"text\": oops}").unwrap();
    std::fs::write(
        p.join("f-feed.jsonl"),
        "{\"text\": \"Kettle Corp shares fell 2%.\"}\n{\"text\": 7}\n",
    )
    .unwrap();
    std::fs::write(p.join("notes.md"), "not an input").unwrap();
    let out_dir = dir.path().join("out");
    let out = newsie(&[
        "extract",
        "-o",
        out_dir.to_str().unwrap(),
        p.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "10 articles from 6 files: 6 processed, 4 failed; 0 warnings; 1 files skipped"
        ),
        "{}",
        stderr(&out)
    );
    let read = |name: &str| -> Vec<Value> {
        std::fs::read_to_string(out_dir.join(name))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let articles: Vec<String> = read("articles.jsonl")
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {}",
                r["id"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["line"],
                r["dct"],
                r["dct_source"]
            )
        })
        .collect();
    assert_eq!(
        articles,
        [
            "a-story.txt processed null null null",
            "brief-quill processed 2 \"2025-02-10\" \"json\"",
            "b-briefs.json#2 processed 5 \"2025-02-14\" \"json\"",
            "b-briefs.json#3 failed 7 null null",
            "c-page.html processed null \"2025-03-04\" \"html\"",
            "quill-1 processed null \"2025-02-20\" \"warc\"",
            "cut-2 failed null null null",
            "e-broken.json failed 1 null null",
            "f-feed.jsonl#1 processed 1 null null",
            "f-feed.jsonl#2 failed 2 null null",
        ]
    );
    let errors: Vec<String> = read("errors.jsonl")
        .iter()
        .map(|r| {
            format!(
                "{}:{}: {}",
                r["input"].as_str().unwrap().rsplit('/').next().unwrap(),
                r["line"],
                r["reason"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(
        errors[0],
        "b-briefs.json:7: element 3 of the array is not a JSON object"
    );
    assert!(
        errors[1].starts_with("d-crawl.warc.gz:null: record 3 (response) at byte ")
            && errors[1].ends_with("cut short: 97 of its 107 block bytes"),
        "{errors:?}"
    );
    assert!(
        errors[2].starts_with("e-broken.json:1: malformed JSON"),
        "{errors:?}"
    );
    assert_eq!(
        errors[3],
        "f-feed.jsonl:2: no `text` or `body` string field"
    );
}

#[test]
fn html_offsets_count_in_the_extracted_text() {
    let out = newsie(&["extract", "fixtures/inputs/rivet-bolt.html"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = records(&out);
    let article = &recs[0];
    assert_eq!(article["title"], "Rivet Labs ships Bolt 2 | Example Wire");
    assert_eq!(article["dct"], "2025-03-04");
    // The text a reader sees: navigation, heading, paragraphs, list items.
    let text = "Home \u{b7} Tech\n\nRivet Labs ships Bolt 2\n\nSAN MATEO, March 4 \u{2013} Rivet Labs on Tuesday released Bolt\u{a0}2, a coding model it says is twice as fast as Bolt 1.\n\nShares of Rivet's parent, Kettle Corp, rose 4% to $18.20 after the announcement.\nThe company did not give a price for the model.\n\nBolt 2 is available today.\nBolt 2 Mini follows in April.\n\n\u{a9} 2025 Example Wire";
    assert_eq!(article["chars"], text.chars().count());
    let chars: Vec<char> = text.chars().collect();
    let mentions: Vec<&Value> = recs.iter().filter(|r| r["record"] == "mention").collect();
    assert!(mentions.len() >= 3, "{mentions:?}");
    for m in &mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, m["text"].as_str().unwrap(), "{m}");
    }
    assert!(mentions.iter().any(|m| m["text"] == "4%"), "{mentions:?}");
}

#[test]
fn ext_glob_and_jsonl_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("2025")).unwrap();
    std::fs::write(p.join("top.md"), "Quill AI hired staff.").unwrap();
    std::fs::write(p.join("2025/jan.md"), "Kettle Corp rose 3%.").unwrap();
    std::fs::write(p.join("2025/feb.txt"), "Rivet Labs fell 1%.").unwrap();
    let ids = |out: &std::process::Output| -> Vec<String> {
        records(out)
            .iter()
            .filter(|r| r["record"] == "article")
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let folder = p.to_str().unwrap();
    let out = newsie(&["extract", "--ext", "md", folder]);
    assert_eq!(ids(&out), ["2025/jan.md", "top.md"]);
    assert!(stderr(&out).contains("1 files skipped"), "{}", stderr(&out));
    let out = newsie(&["extract", "--ext", "md,txt", "--glob", "2025/*", folder]);
    assert_eq!(ids(&out), ["2025/feb.txt", "2025/jan.md"]);
    assert!(stderr(&out).contains("1 files skipped"), "{}", stderr(&out));
    let out = newsie_with_stdin(
        &["extract", "--stdin-format", "jsonl", "-"],
        Some(b"{\"text\": \"Quill AI rose 2%.\"}\n\n{\"id\": \"k\", \"text\": \"Kettle Corp fell.\"}\n"),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(ids(&out), ["-#1", "k"]);
}

/// Text cells a spreadsheet would run as formulas get a leading `'` in every
/// CSV (OWASP "CSV Injection"); numeric columns stay plain numbers, and
/// `--csv-raw` writes every cell as it is.
#[test]
fn csv_text_cells_are_neutralized_and_numbers_stay_plain() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("nasty.jsonl");
    let text = "=HYPERLINK(\"http://evil.example/?q=\",\"Click\") Alibaba cut the price of its \
                Qwen API by 97% on Wednesday.\n@SUM(1+1) Tencent (0700.HK) shares rose +5% in \
                Hong Kong, and Baidu fell -3.5%.";
    let line = serde_json::json!({
        "id": "-a1", "title": "@SUM(A1:A9)", "published": "2025-01-29", "text": text
    });
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let dirs = ["safe", "raw", "json"].map(|d| tmp.path().join(d));
    let extract = |dir: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["extract", "-q", "-o", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.push(input.to_str().unwrap());
        let out = newsie(&args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    };
    extract(&dirs[0], &["-f", "csv"]);
    extract(&dirs[1], &["-f", "csv", "--csv-raw"]);
    extract(&dirs[2], &[]);
    let table = |dir: &std::path::Path, name: &str| {
        let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let cell = |t: &(Vec<String>, Vec<Vec<String>>), row: usize, col: &str| {
        let i = t.0.iter().position(|h| h == col).unwrap();
        t.1[row][i].clone()
    };
    let evidence = text.split_once(" Alibaba").unwrap().0;
    for (dir, q) in [(&dirs[0], "'"), (&dirs[1], "")] {
        let events = table(dir, "events.csv");
        assert_eq!(events.1.len(), 3, "{:?}", events.1);
        let row = |kind: &str| {
            (0..3)
                .find(|&r| cell(&events, r, "trigger") == kind)
                .unwrap()
        };
        let (cut, rose, fell) = (row("cut"), row("rose"), row("fell"));
        // Numbers: never prefixed, signed as they are.
        assert_eq!(cell(&events, cut, "change_percent"), "-97");
        assert_eq!(cell(&events, fell, "change_percent"), "-3.5");
        assert_eq!(cell(&events, rose, "change_percent"), "5");
        assert_eq!(cell(&events, cut, "confidence"), "0.8");
        assert_eq!(cell(&events, cut, "evidence_start"), "0");
        // Text: the article id and the evidence sentence begin with - and =.
        assert_eq!(cell(&events, cut, "article"), format!("{q}-a1"));
        let ev = cell(&events, cut, "evidence");
        assert!(ev.starts_with(&format!("{q}{evidence} Alibaba")), "{ev}");
        assert!(ev.contains("\n@SUM(1+1) Tencent (0700.HK) shares rose +5%"));
        assert_eq!(cell(&events, rose, "ticker"), "0700.HK");

        let mentions = table(dir, "mentions.csv");
        let ticker = (0..mentions.1.len())
            .find(|&r| cell(&mentions, r, "type") == "ticker")
            .unwrap();
        assert_eq!(cell(&mentions, ticker, "text"), "0700.HK");
        assert_eq!(cell(&mentions, ticker, "normalized"), "0700.HK");
        assert_eq!(cell(&mentions, ticker, "start"), "124");
        assert_eq!(cell(&mentions, ticker, "article"), format!("{q}-a1"));
        let percents: Vec<String> = (0..mentions.1.len())
            .filter(|&r| cell(&mentions, r, "type") == "percent")
            .map(|r| cell(&mentions, r, "percent"))
            .collect();
        assert_eq!(percents, ["97", "5", "3.5"]);

        let articles = table(dir, "articles.csv");
        assert_eq!(cell(&articles, 0, "title"), format!("{q}@SUM(A1:A9)"));
        assert_eq!(cell(&articles, 0, "mentions"), "9");
        assert_eq!(cell(&articles, 0, "events"), "3");
    }
    // JSONL is for programs: untouched.
    let events = std::fs::read_to_string(dirs[2].join("events.jsonl")).unwrap();
    let first: Value = serde_json::from_str(events.lines().next().unwrap()).unwrap();
    assert_eq!(first["article"], "-a1");
    assert!(
        first["evidence"]
            .as_str()
            .unwrap()
            .starts_with("=HYPERLINK")
    );

    // events merge -f csv: the same rule, the same switch.
    for (extra, q) in [(None, "'"), (Some("--csv-raw"), "")] {
        let mut args = vec!["events", "merge", "-f", "csv"];
        args.extend(extra);
        args.push(dirs[2].to_str().unwrap());
        let out = newsie(&args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let mut r = csv::Reader::from_reader(out.stdout.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, newsie::output::record::merged_csv_header());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let cut = rows.iter().find(|r| &r[col("company")] == "Alibaba Group");
        let cut = cut.unwrap();
        assert_eq!(&cut[col("change_percent")], "-97");
        assert_eq!(&cut[col("article_ids")], format!("{q}-a1"));
        assert!(cut[col("evidence")].starts_with(&format!("{q}=HYPERLINK")));
    }
}

#[test]
fn articles_not_in_english_are_skipped_unless_asked() {
    let input = concat!(
        "{\"id\": \"de\", \"text\": \"Der Autohersteller hat am Mittwoch angekündigt, die Preise für seine Elektroautos in Deutschland um zehn Prozent zu senken, wie das Unternehmen mitteilte.\"}\n",
        "{\"id\": \"en\", \"text\": \"Alibaba cut the price of its Qwen model by 85 percent on Wednesday, the company said.\"}\n",
    );
    let out = newsie_with_stdin(
        &["extract", "--stdin-format", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let recs = records(&out);
    let status: Vec<(&str, &str)> = recs
        .iter()
        .filter(|r| r["record"] == "article")
        .map(|r| (r["id"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status, [("de", "skipped"), ("en", "processed")]);
    let warning = recs.iter().find(|r| r["record"] == "warning").unwrap();
    assert!(
        warning["reason"]
            .as_str()
            .unwrap()
            .contains("not English (detected deu"),
        "{warning}"
    );
    assert!(
        !recs
            .iter()
            .any(|r| r["article"] == "de" && r["record"] == "mention")
    );
    assert!(
        stderr(&out).contains("1 article skipped as not English"),
        "{}",
        stderr(&out)
    );
    let all = newsie_with_stdin(
        &["extract", "--all-languages", "--stdin-format", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    let status: Vec<String> = records(&all)
        .iter()
        .filter(|r| r["record"] == "article")
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(status, ["processed", "processed"]);
}

#[test]
fn resume_keeps_failures_standard_input_and_its_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let t = |p: &str| tmp.path().join(p).to_str().unwrap().to_string();
    std::fs::create_dir(tmp.path().join("m")).unwrap();
    std::fs::write(tmp.path().join("m/z.txt"), "Alibaba rose 5% on Tuesday.").unwrap();
    // A path that fails is recorded too: resuming does not report it twice.
    let args = ["extract", "-q", "-o", &t("out"), &t("missing.txt"), &t("m")];
    assert_eq!(code(&newsie(&args)), 1);
    let before = std::fs::read(tmp.path().join("out/articles.jsonl")).unwrap();
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    assert_eq!(code(&newsie(&resumed)), 0);
    assert_eq!(
        std::fs::read(tmp.path().join("out/articles.jsonl")).unwrap(),
        before
    );
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.json")).unwrap();
    assert!(summary.contains("\"resumed_inputs\": 2"), "{summary}");
    // Records read from standard input stay when the folder is resumed.
    let out = newsie_with_stdin(
        &[
            "extract",
            "-q",
            "--stdin-format",
            "jsonl",
            "-o",
            &t("so"),
            "-",
        ],
        Some(b"{\"id\": \"s1\", \"text\": \"Tencent fell 2%.\"}\n"),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = newsie(&["extract", "-q", "-o", &t("so"), "--resume", &t("m/z.txt")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<String> = std::fs::read_to_string(tmp.path().join("so/articles.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["s1", "z.txt"]);
    // A shard's folder resumes only as that shard.
    assert_eq!(
        code(&newsie(&[
            "extract",
            "-q",
            "--shard",
            "0/2",
            "-o",
            &t("sh"),
            &t("m")
        ])),
        0
    );
    let other = newsie(&[
        "extract",
        "--shard",
        "1/2",
        "-o",
        &t("sh"),
        "--resume",
        &t("m"),
    ]);
    assert_eq!(code(&other), 2);
    assert!(
        stderr(&other).contains("shard 0/2 vs 1/2"),
        "{}",
        stderr(&other)
    );
}
