//! Criterion benchmarks of each pipeline stage, over one fixed sample.
//!
//! The sample is the first 300 Reuters-21578 stories from the shared folder
//! (`NEWSIE_SHARED`, default `../shared`), else the fixture articles; the
//! run says which. Each group measures one stage on the output of the ones
//! before it, so the groups add up to (about) the whole pipeline, which the
//! `pipeline` group measures too. Quick run:
//!
//! ```text
//! cargo bench --bench stages -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsie::article::DctSource;
use newsie::gazetteer::{Gazetteer, GazetteerSource};
use newsie::mention::Mention;
use newsie::recognize::Recognizers;
use newsie::{Article, Pipeline};

/// How many Reuters stories make the sample.
const SAMPLE: usize = 300;

/// The first [`SAMPLE`] Reuters stories, or `None` without the shared folder.
fn reuters() -> Option<Vec<Article>> {
    let dir = std::env::var_os("NEWSIE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let gz = std::fs::read(dir.join("corpora/reuters21578/reuters21578.jsonl.gz")).ok()?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut text)
        .ok()?;
    Some(
        text.lines()
            .take(SAMPLE)
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                Article::new(v["id"].as_str().unwrap(), v["text"].as_str().unwrap())
                    .with_dct(jiff::civil::date(1987, 3, 1), DctSource::Option)
            })
            .collect(),
    )
}

/// The fixture articles (plain-text files of `fixtures/articles`).
fn fixtures() -> Vec<Article> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            Article::new(
                p.file_stem().unwrap().to_string_lossy(),
                std::fs::read_to_string(p).unwrap(),
            )
            .with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option)
        })
        .collect()
}

/// One recognizer's `find`, over a text, appending to the candidates.
type FindFn<'a> = dyn Fn(&str, &mut Vec<Mention>) + 'a;

fn stages(c: &mut Criterion) {
    let (articles, what) = match reuters() {
        Some(a) => (a, format!("the first {SAMPLE} Reuters-21578 stories")),
        None => (
            fixtures(),
            "the fixture articles (no shared folder)".to_string(),
        ),
    };
    let bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
    eprintln!("stages: sample is {what}, {bytes} bytes");
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    let gazetteer = pipeline.gazetteer();

    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("pipeline-new-bundled", |b| {
        b.iter(|| Pipeline::new(&GazetteerSource::Bundled).unwrap())
    });
    g.bench_function("gazetteer-load-bundled", |b| {
        b.iter(|| Gazetteer::load(&GazetteerSource::Bundled).unwrap())
    });
    g.bench_function("recognizers-new", |b| {
        b.iter(|| Recognizers::new(gazetteer))
    });
    g.finish();

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("tokens-and-sentences", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    let tokens = newsie::tokenize::tokenize(&a.text);
                    newsie::tokenize::split_sentences(&a.text, &tokens).len()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("gazetteer");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("find", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| gazetteer.find(black_box(&a.text)).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let found: Vec<Vec<Mention>> = articles
        .iter()
        .map(|a| pipeline.gazetteer_candidates(&a.text).0)
        .collect();
    let mut g = c.benchmark_group("recognizers");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("all", |b| {
        b.iter(|| {
            let mut n = 0;
            for (a, f) in articles.iter().zip(&found) {
                let mut out = f.clone();
                pipeline.recognizers().find(&a.text, gazetteer, &mut out);
                n += out.len();
            }
            n
        })
    });
    let ticker = newsie::recognize::ticker::TickerRecognizer::default();
    let model = newsie::recognize::model::ModelRecognizer::new(gazetteer);
    let with_gazetteer: [(&str, &FindFn); 2] = [
        ("ticker", &|t, out| ticker.find(t, gazetteer, out)),
        ("model", &|t, out| model.find(t, gazetteer, out)),
    ];
    for (name, find) in with_gazetteer {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (a, f) in articles.iter().zip(&found) {
                    let mut out = f.clone();
                    find(&a.text, &mut out);
                    n += out.len();
                }
                n
            })
        });
    }
    let discovered = newsie::recognize::discovered::DiscoveredRecognizer::default();
    let money = newsie::recognize::money::MoneyRecognizer::default();
    let percent = newsie::recognize::percent::PercentRecognizer::default();
    let timex = newsie::recognize::timex::TimexRecognizer::default();
    let text_only: [(&str, &FindFn); 4] = [
        ("discovered", &|t, out| discovered.find(t, out)),
        ("money", &|t, out| money.find(t, out)),
        ("percent", &|t, out| percent.find(t, out)),
        ("timex", &|t, out| timex.find(t, out)),
    ];
    for (name, find) in text_only {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (a, f) in articles.iter().zip(&found) {
                    let mut out = f.clone();
                    find(&a.text, &mut out);
                    n += out.len();
                }
                n
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("resolve");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("analyze-through-resolution", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| pipeline.analyze(a).mentions.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("temporal");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("normalize-dates", |b| {
        b.iter_batched(
            || {
                articles
                    .iter()
                    .map(|a| pipeline.analyze(a))
                    .collect::<Vec<_>>()
            },
            |mut docs| {
                for (doc, a) in docs.iter_mut().zip(&articles) {
                    pipeline.normalize_dates(doc, a);
                }
                docs
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let docs: Vec<_> = articles
        .iter()
        .map(|a| {
            let mut doc = pipeline.analyze(a);
            pipeline.normalize_dates(&mut doc, a);
            doc
        })
        .collect();
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("rules", |b| {
        b.iter(|| docs.iter().map(|d| pipeline.events(d).len()).sum::<usize>())
    });
    g.finish();

    let events: Vec<_> = docs.iter().map(|d| pipeline.events(d)).collect();
    let mut g = c.benchmark_group("records");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("build-and-serialize", |b| {
        let mut sink = Vec::new();
        b.iter(|| {
            sink.clear();
            for ((a, d), e) in articles.iter().zip(&docs).zip(&events) {
                let x = pipeline.records(a, d, e);
                for m in &x.mentions {
                    serde_json::to_writer(&mut sink, m).unwrap();
                    sink.push(b'\n');
                }
                for e in &x.events {
                    serde_json::to_writer(&mut sink, e).unwrap();
                    sink.push(b'\n');
                }
            }
            sink.len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("process", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| pipeline.process(a).mentions.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(stage_benches, stages);
criterion_main!(stage_benches);
