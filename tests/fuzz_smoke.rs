//! The fuzz target's body (`fuzz/check.rs`) on stable: a few thousand
//! pseudo-random byte strings from a seeded generator, and nasty fixed
//! inputs. Asserts no panic and valid offsets. `cargo fuzz run process`
//! (nightly) explores far more; see README "Fuzzing".

use std::sync::LazyLock;

use newsie::Pipeline;
use newsie::gazetteer::GazetteerSource;

#[path = "../fuzz/check.rs"]
mod check;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&GazetteerSource::Bundled).expect("bundled gazetteer"));

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): a seeded, dependency-free byte source.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Byte strings: uniform bytes, or ASCII-heavy news-like bytes with UTF-8
/// sequences (valid and broken) mixed in.
fn random_input(rng: &mut SplitMix) -> Vec<u8> {
    const PIECES: &[&[u8]] = &[
        b"Alibaba ",
        b"(9988.HK) ",
        b"rose ",
        b"5% ",
        b"$3.5 billion ",
        b"on Wednesday",
        b"Qwen 2.5-Max ",
        b"cut prices by 97%",
        b". ",
        b", ",
        b"\r\n",
        b"\n\n",
        "阿里".as_bytes(),
        "é".as_bytes(),
        "\u{200B}".as_bytes(),
        "\u{00A0}".as_bytes(),
        "😀".as_bytes(),
        b"\xE2\x82",
        b"\xFF",
        b"\xED\xA0\x80",
        b"<",
        b"$",
        b"%",
        b"-",
        b"0",
    ];
    let len = rng.below(200);
    let mut out = Vec::with_capacity(len * 4);
    if rng.below(2) == 0 {
        out.extend((0..len).map(|_| rng.next() as u8));
    } else {
        for _ in 0..len / 4 {
            out.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
    }
    out
}

#[test]
fn pseudo_random_bytes_do_not_panic() {
    let mut rng = SplitMix(0x6E65_7773_6965);
    for _ in 0..3000 {
        let data = random_input(&mut rng);
        check::process_bytes(&PIPELINE, &data);
    }
}

#[test]
fn nasty_fixed_inputs_do_not_panic() {
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\0".to_vec(),
        b"Alibaba\0rose\0 5%\0".to_vec(),
        // Lone surrogates as WTF-8 (invalid in UTF-8): replaced on decoding.
        b"Tencent \xED\xA0\x80 fell \xED\xBF\xBF 3%.".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"\xEF\xBB\xBF\xEF\xBB\xBFBaidu rose 2%.".to_vec(),
        b"(".repeat(10_000),
        b"([{".repeat(5_000),
        b"<".repeat(20_000),
        b"<Standard Oil Co".repeat(500),
        b"9".repeat(100_000),
        b"$".repeat(50_000),
        b"$9".repeat(20_000),
        b"%".repeat(20_000),
        b"1.".repeat(20_000),
        b"-".repeat(20_000),
        b"Alibaba ".repeat(10_000),
        b"\r\n".repeat(20_000),
    ];
    // 1 MB of one character, ASCII and multi-byte.
    cases.push(b"a".repeat(1 << 20));
    cases.push("阿".repeat((1 << 20) / 3).into_bytes());
    for data in &cases {
        check::process_bytes(&PIPELINE, data);
    }
}
