//! Criterion benchmarks of the pipeline's hot paths.
//!
//! `cargo bench` runs them; the whole-process figure over a real corpus
//! (Reuters-21578) is measured with `/usr/bin/time -v` or hyperfine on the
//! release binary, as the README shows.

use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsie::article::DctSource;
use newsie::gazetteer::GazetteerSource;
use newsie::{Article, Pipeline};

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSIE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.join("seed").is_dir().then_some(dir)
}

/// The first `n` Reuters-21578 stories as articles.
fn reuters(shared: &std::path::Path, n: usize) -> Vec<Article> {
    let gz = std::fs::read(shared.join("corpora/reuters21578/reuters21578.jsonl.gz")).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    text.lines()
        .take(n)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Article::new(v["id"].as_str().unwrap(), v["text"].as_str().unwrap())
                .with_dct(jiff::civil::date(1987, 3, 1), DctSource::Option)
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    c.bench_function("gazetteer/load-bundled", |b| {
        b.iter(|| newsie::gazetteer::Gazetteer::load(&GazetteerSource::Bundled).unwrap())
    });
    c.bench_function("pipeline/build", |b| {
        b.iter(|| Pipeline::new(&GazetteerSource::Bundled).unwrap())
    });

    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/articles/chip-price-cuts.txt"
    ))
    .unwrap();
    let article = Article::new("fixture", fixture)
        .with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
    let mut g = c.benchmark_group("process");
    g.throughput(Throughput::Bytes(article.text.len() as u64));
    g.bench_function("fixture-article", |b| {
        b.iter(|| pipeline.process(black_box(&article)))
    });
    g.finish();

    let Some(shared) = shared() else {
        eprintln!(
            "notice: ../shared not found; skipping the real-corpus benchmarks (set NEWSIE_SHARED)"
        );
        return;
    };
    let seed = std::fs::read_to_string(shared.join("seed/qwen-2.5-max.txt")).unwrap();
    let seed =
        Article::new("seed", seed).with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
    let articles = reuters(&shared, 1000);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut g = c.benchmark_group("process");
    g.throughput(Throughput::Bytes(seed.text.len() as u64));
    g.bench_function("reference-article", |b| {
        b.iter(|| pipeline.process(black_box(&seed)))
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("reuters-1000-one-thread", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| pipeline.process(a).mentions.len())
                .sum::<usize>()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("gazetteer-find-reuters-1000", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| pipeline.gazetteer().find(&a.text).len())
                .sum::<usize>()
        })
    });
    let timex = newsie::recognize::timex::TimexRecognizer::default();
    g.bench_function("timex-find-reuters-1000", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for a in &articles {
                timex.find(&a.text, &mut out);
            }
            out.len()
        })
    });
    g.bench_function("tokenize-reuters-1000", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| newsie::tokenize::tokenize(&a.text).len())
                .sum::<usize>()
        })
    });
    g.finish();

    // `newsie eval`'s own cost over 1000 Reuters stories, beside their
    // extraction above: scoring a run against itself (as a regression run
    // that changed nothing), and reading a blessed gold folder.
    let mut x = newsie::eval::annotation::Annotations::default();
    for a in &articles {
        let r = pipeline.process(a);
        x.docs.insert(
            a.id.clone(),
            newsie::eval::annotation::Doc {
                id: a.id.clone(),
                text: Some(a.text.clone()),
                mentions: r.mentions.iter().map(Into::into).collect(),
                events: r.events.iter().map(Into::into).collect(),
                ..Default::default()
            },
        );
    }
    let options = newsie::eval::Options::default();
    let mut g = c.benchmark_group("eval");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("score-reuters-1000", |b| {
        b.iter(|| {
            newsie::eval::evaluate(&x, &x, &options, "gold", "pred")
                .report
                .rows
                .len()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let mut writer = newsie::output::Writer::dir(&gold, newsie::output::Format::Jsonl).unwrap();
    let file = dir.path().join("reuters-1000.jsonl");
    let lines: String = articles
        .iter()
        .map(|a| {
            serde_json::json!({"id": a.id, "text": a.text, "date": "1987-03-01"}).to_string() + "\n"
        })
        .collect();
    std::fs::write(&file, lines).unwrap();
    newsie::run::run(&pipeline, &[file], &Default::default(), &mut writer).unwrap();
    writer.finish(None).unwrap();
    g.bench_function("read-gold-reuters-1000", |b| {
        b.iter(|| {
            newsie::eval::annotation::Annotations::read(&gold)
                .unwrap()
                .docs
                .len()
        })
    });
    g.finish();
}

criterion_group!(pipeline_benches, benches);
criterion_main!(pipeline_benches);
