//! Sentence embeddings through the real binary (issue 18): `--src-embed`
//! and `--tgt-embed`, and `--batch --embed` with `NAME.EXT.npy` beside each
//! file. Embeddings are evidence: on a document whose lengths and words say
//! nothing, they alone find the alignment. Files that do not fit (a row
//! count that is not the sentence count, NaNs, a wrong shape, two
//! dimensions) are an error naming the file, exit 2, never a panic.

use std::fs;
use std::path::Path;

mod common;
use common::{ok, p, refused, wasl};

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn unit(&mut self) -> f32 {
        (self.next() % 10_000) as f32 / 10_000.0 - 0.5
    }

    /// A word of `letters`, 3 to 8 long.
    fn word(&mut self, letters: &[u8]) -> String {
        let n = 3 + self.next() as usize % 6;
        (0..n)
            .map(|_| letters[self.next() as usize % letters.len()] as char)
            .collect()
    }

    /// A sentence of 3 to 14 words: lengths say nothing about which
    /// sentence translates which.
    fn sentence(&mut self, letters: &[u8]) -> String {
        let n = 3 + self.next() as usize % 12;
        let words: Vec<String> = (0..n).map(|_| self.word(letters)).collect();
        format!("{}.", words.join(" "))
    }
}

const DIM: usize = 32;

/// A document pair of `n` meanings whose words share nothing (disjoint
/// alphabets, no numbers) and whose lengths are drawn independently: the
/// source leaves out meaning `omitted`, the target has an extra sentence
/// after meaning `inserted_after`. Returns the two texts, their
/// embeddings (each meaning a random vector, each side's row it plus
/// noise) and the gold beads.
fn document(
    n: usize,
    omitted: usize,
    inserted_after: usize,
) -> (String, String, Vec<f32>, Vec<f32>, String) {
    let mut rng = Rng(7);
    let meanings: Vec<Vec<f32>> = (0..n + 1)
        .map(|_| (0..DIM).map(|_| rng.unit()).collect())
        .collect();
    let mut noisy = |v: &[f32]| -> Vec<f32> { v.iter().map(|x| x + 0.15 * rng.unit()).collect() };
    let (mut src, mut tgt, mut se, mut te) = (vec![], vec![], vec![], vec![]);
    let mut gold = String::new();
    let mut rng2 = Rng(11);
    for k in 0..n {
        if k != omitted {
            src.push(rng2.sentence(b"abcdefghijklm"));
            se.extend(noisy(&meanings[k]));
        }
        tgt.push(rng2.sentence(b"nopqrstuvwxyz"));
        te.extend(noisy(&meanings[k]));
        if k == inserted_after {
            tgt.push(rng2.sentence(b"nopqrstuvwxyz"));
            te.extend(noisy(&meanings[n]));
        }
    }
    // Gold: 1-1 everywhere, the target sentence with no source an
    // insertion, the meaning the source lacks a target-only bead too.
    let (mut i, mut j) = (0, 0);
    for k in 0..n {
        if k == omitted {
            gold += &format!("[]:[{j}]\n");
        } else {
            gold += &format!("[{i}]:[{j}]\n");
            i += 1;
        }
        j += 1;
        if k == inserted_after {
            gold += &format!("[]:[{j}]\n");
            j += 1;
        }
    }
    (src.join("\n") + "\n", tgt.join("\n") + "\n", se, te, gold)
}

fn npy(path: &Path, data: &[f32]) {
    fs::write(path, wasl::npy::to_bytes(data.len() / DIM, DIM, data)).unwrap();
}

/// Strict F1 of `beads` against `gold` (both in the beads format).
fn strict_f1(dir: &Path, gold: &str, beads: &str) -> f64 {
    let (g, t) = (dir.join("gold.beads"), dir.join("test.beads"));
    fs::write(&g, gold).unwrap();
    fs::write(&t, beads).unwrap();
    let json = ok(&["eval", "--json", p(&g), p(&t)]);
    let at = json.find("\"strict\"").unwrap();
    let f1 = &json[at..];
    let f1 = &f1[f1.find("\"f1\":").unwrap() + 5..];
    f1[..f1.find(['}', ',']).unwrap()].trim().parse().unwrap()
}

#[test]
fn embeddings_find_what_lengths_and_words_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt, se, te, gold) = document(40, 12, 27);
    let (s, t) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&s, src).unwrap();
    fs::write(&t, tgt).unwrap();
    let (sn, tn) = (dir.path().join("doc.de.npy"), dir.path().join("doc.fr.npy"));
    npy(&sn, &se);
    npy(&tn, &te);
    let base = [
        "align",
        "--presegmented",
        "--force",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-f",
        "beads",
        p(&s),
        p(&t),
    ];
    let with: Vec<&str> = base
        .iter()
        .copied()
        .chain(["--src-embed", p(&sn), "--tgt-embed", p(&tn)])
        .collect();
    let strip = |out: String| -> String {
        out.lines()
            .map(|l| l.rsplit_once(':').unwrap().0.to_string() + "\n")
            .collect()
    };
    let embedded = strip(ok(&with));
    assert_eq!(embedded, gold, "with embeddings");
    let blind = strip(ok(&base));
    let f1 = strict_f1(dir.path(), &gold, &blind);
    assert!(
        f1 < 0.8,
        "without embeddings strict F1 is {f1}: the test document is too easy"
    );
}

#[test]
fn batch_reads_embeddings_beside_each_file_and_skips_a_pair_without() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let (src, tgt, se, te, gold) = document(30, 5, 20);
    for name in ["a", "b"] {
        fs::write(input.join(format!("{name}.de")), &src).unwrap();
        fs::write(input.join(format!("{name}.fr")), &tgt).unwrap();
    }
    npy(&input.join("a.de.npy"), &se);
    npy(&input.join("a.fr.npy"), &te);
    let out = dir.path().join("out");
    let args = [
        "align",
        "--batch",
        p(&input),
        "--embed",
        "--presegmented",
        "--force",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-f",
        "beads",
        "-o",
        p(&out),
    ];
    let run = wasl(&args);
    let err = String::from_utf8_lossy(&run.stderr);
    // b has no embeddings: reported by file, skipped, exit 1.
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("b.de.npy"), "{err}");
    assert!(!out.join("b.beads").exists());
    let beads = fs::read_to_string(out.join("a.beads")).unwrap();
    let f1 = strict_f1(dir.path(), &gold, &beads);
    assert_eq!(f1, 1.0, "{beads}");
}

#[test]
fn embeddings_that_do_not_fit_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt, se, te, _) = document(20, 3, 10);
    let (s, t) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&s, src).unwrap();
    fs::write(&t, tgt).unwrap();
    let good_t = dir.path().join("good.fr.npy");
    npy(&good_t, &te);
    let run = |src_npy: &Path| {
        refused(&[
            "align",
            "--presegmented",
            "--force",
            "--src-lang",
            "de",
            "--tgt-lang",
            "fr",
            p(&s),
            p(&t),
            "--src-embed",
            p(src_npy),
            "--tgt-embed",
            p(&good_t),
        ])
    };
    // One row short of the source's 19 sentences.
    let short = dir.path().join("short.npy");
    npy(&short, &se[..se.len() - DIM]);
    let err = run(&short);
    assert!(
        err.contains("short.npy: 18 rows") && err.contains("19 sentences"),
        "{err}"
    );
    // A NaN.
    let mut bad = se.clone();
    bad[3 * DIM + 1] = f32::NAN;
    let nan = dir.path().join("nan.npy");
    npy(&nan, &bad);
    let err = run(&nan);
    assert!(err.contains("nan.npy: row 3"), "{err}");
    // Another dimension than the target's.
    let narrow = dir.path().join("narrow.npy");
    let rows = se.len() / DIM;
    fs::write(
        &narrow,
        wasl::npy::to_bytes(rows, DIM / 2, &se[..rows * DIM / 2]),
    )
    .unwrap();
    let err = run(&narrow);
    assert!(
        err.contains("good.fr.npy: dimension 32") && err.contains("narrow.npy"),
        "{err}"
    );
    // Not a matrix: a 1-D array, and not .npy at all.
    let flat = dir.path().join("flat.npy");
    let mut bytes = wasl::npy::to_bytes(1, se.len(), &se);
    let header = String::from_utf8_lossy(&bytes[10..70]).into_owned();
    let fixed = header.replace(&format!("(1, {})", se.len()), &format!("({},)", se.len()));
    let fixed = format!("{fixed:<width$}", width = header.len());
    bytes.splice(10..70, fixed.bytes());
    fs::write(&flat, bytes).unwrap();
    let err = run(&flat);
    assert!(
        err.contains("flat.npy: shape") && err.contains("2-D"),
        "{err}"
    );
    let text = dir.path().join("text.npy");
    fs::write(&text, "hello").unwrap();
    assert!(run(&text).contains("text.npy: not a NumPy .npy file"));
    let missing = dir.path().join("missing.npy");
    assert!(run(&missing).contains("missing.npy"));
}

#[test]
fn float16_embeddings_align_as_float32_do() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt, se, te, gold) = document(25, 4, 15);
    let (s, t) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&s, src).unwrap();
    fs::write(&t, tgt).unwrap();
    // float16 by hand: values here are small, so truncating the mantissa
    // of the float32 bits is enough (sign, exponent rebiased, 10 bits).
    let half = |x: f32| -> u16 {
        let b = x.to_bits();
        let sign = ((b >> 16) & 0x8000) as u16;
        let exp = ((b >> 23) & 0xff) as i32 - 127 + 15;
        if exp <= 0 {
            return sign;
        }
        sign | ((exp as u16) << 10) | ((b >> 13) & 0x3ff) as u16
    };
    let write16 = |path: &Path, data: &[f32]| {
        let mut bytes = wasl::npy::to_bytes(data.len() / DIM, DIM, data);
        let start = bytes.len() - data.len() * 4;
        bytes.truncate(start);
        let header = String::from_utf8_lossy(&bytes[10..]).replace("<f4", "<f2");
        bytes.truncate(10);
        bytes.extend_from_slice(header.as_bytes());
        for x in data {
            bytes.extend_from_slice(&half(*x).to_le_bytes());
        }
        fs::write(path, bytes).unwrap();
    };
    let (sn, tn) = (dir.path().join("s.npy"), dir.path().join("t.npy"));
    write16(&sn, &se);
    write16(&tn, &te);
    let out = ok(&[
        "align",
        "--presegmented",
        "--force",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-f",
        "beads",
        p(&s),
        p(&t),
        "--src-embed",
        p(&sn),
        "--tgt-embed",
        p(&tn),
    ]);
    assert_eq!(strict_f1(dir.path(), &gold, &out), 1.0, "{out}");
}

/// A corpus model learned with embeddings keeps their map (and nothing
/// of the embeddings themselves), reads back the same, and a document
/// aligned with it and its embeddings alone comes out right.
#[test]
fn a_model_learned_with_embeddings_keeps_the_map() {
    use wasl::align::embedding::Embeddings;
    use wasl::align::model::CorpusModel;
    use wasl::{Aligner, Lang, Side};
    let (src, tgt, se, te, gold) = document(40, 12, 27);
    let lang = |t: &str| Lang::parse(t).unwrap();
    let (s, t) = (
        Side::presegmented(lang("de"), &src),
        Side::presegmented(lang("fr"), &tgt),
    );
    let se = Embeddings::new("s.npy", se.len() / DIM, DIM, se).unwrap();
    let te = Embeddings::new("t.npy", te.len() / DIM, DIM, te).unwrap();
    let aligner = Aligner::default();
    let (_, model) = aligner
        .learn_embedded(&[(&s, &t)], &[Some((&se, &te))], None, &|_| {})
        .unwrap();
    assert!(model.embedding.is_some());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    model.write(&path).unwrap();
    let back = CorpusModel::read(&path).unwrap();
    assert_eq!(back.embedding, model.embedding);
    assert!(ok(&["model", "show", p(&path)]).contains("embedding LLR"));
    // The same document aligned with the model (one pass) and embeddings.
    let (sp, tp) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&sp, &src).unwrap();
    fs::write(&tp, &tgt).unwrap();
    let (sn, tn) = (dir.path().join("doc.de.npy"), dir.path().join("doc.fr.npy"));
    let (se, te) = (document(40, 12, 27).2, document(40, 12, 27).3);
    npy(&sn, &se);
    npy(&tn, &te);
    let out = ok(&[
        "align",
        "--presegmented",
        "--force",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-f",
        "beads",
        p(&sp),
        p(&tp),
        "--src-embed",
        p(&sn),
        "--tgt-embed",
        p(&tn),
        "--model",
        p(&path),
    ]);
    assert_eq!(strict_f1(dir.path(), &gold, &out), 1.0, "{out}");
}

/// `wasl learn --batch DIR --embed` reads the embeddings `align --batch
/// --embed` reads, and its model keeps their map.
#[test]
fn learn_with_embeddings_writes_their_map() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let (src, tgt, se, te, _) = document(30, 5, 20);
    fs::write(input.join("a.de"), &src).unwrap();
    fs::write(input.join("a.fr"), &tgt).unwrap();
    npy(&input.join("a.de.npy"), &se);
    npy(&input.join("a.fr.npy"), &te);
    let model = dir.path().join("m.json");
    ok(&[
        "learn",
        "--batch",
        p(&input),
        "--embed",
        "--presegmented",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-o",
        p(&model),
    ]);
    assert!(fs::read_to_string(&model)
        .unwrap()
        .contains("embedding_llr"));
    // Without --embed, no map: the field is left out.
    let plain = dir.path().join("plain.json");
    ok(&[
        "learn",
        "--batch",
        p(&input),
        "--presegmented",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-o",
        p(&plain),
    ]);
    assert!(!fs::read_to_string(&plain)
        .unwrap()
        .contains("embedding_llr"));
}
