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

/// `wasl align` of presegmented German `s` and French `t`, written as
/// beads, with `extra` flags after.
fn align_beads<'a>(s: &'a str, t: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "align",
        "--presegmented",
        "--force",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "-f",
        "beads",
        s,
        t,
    ];
    args.extend_from_slice(extra);
    args
}

/// Beads output without its scores: the path alone.
fn without_scores(out: &str) -> String {
    out.lines()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string() + "\n")
        .collect()
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
    let base = align_beads(p(&s), p(&t), &[]);
    let with: Vec<&str> = base
        .iter()
        .copied()
        .chain(["--src-embed", p(&sn), "--tgt-embed", p(&tn)])
        .collect();
    let embedded = without_scores(&ok(&with));
    assert_eq!(embedded, gold, "with embeddings");
    let blind = without_scores(&ok(&base));
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
    let out = ok(&align_beads(
        p(&s),
        p(&t),
        &["--src-embed", p(&sn), "--tgt-embed", p(&tn)],
    ));
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
    // So does the evidence against boundaries, learned with them.
    assert!(model.boundary.is_some());
    assert_eq!(back.boundary, model.boundary);
    let shown = ok(&["model", "show", p(&path)]);
    assert!(shown.contains("embedding LLR"), "{shown}");
    assert!(shown.contains("boundary LLR, embeddings"), "{shown}");
    // The same document aligned with the model (one pass) and embeddings.
    let (sp, tp) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&sp, &src).unwrap();
    fs::write(&tp, &tgt).unwrap();
    let (sn, tn) = (dir.path().join("doc.de.npy"), dir.path().join("doc.fr.npy"));
    let (se, te) = (document(40, 12, 27).2, document(40, 12, 27).3);
    npy(&sn, &se);
    npy(&tn, &te);
    let out = ok(&align_beads(
        p(&sp),
        p(&tp),
        &[
            "--src-embed",
            p(&sn),
            "--tgt-embed",
            p(&tn),
            "--model",
            p(&path),
        ],
    ));
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
    assert!(!fs::read_to_string(&plain).unwrap().contains("boundary_llr"));
}

/// A document pair of `n` meanings, 1-1 but for source sentence `split_src`
/// and target sentence `split_tgt`, each split in two halves whose own
/// embeddings point away from their meaning, at the sentences two places off
/// (an OCR line break in the middle of a sentence, an encoder misled by
/// the fragments): only the halves read together say what they mean.
/// (Halves that read as their next neighbours' meanings would say, by the
/// evidence against boundaries, that the neighbours belong in their bead.) Returns the texts, each side's meaning of every sentence
/// (`None`: a half) with the vector of the whole split one, and the gold.
#[allow(clippy::type_complexity)]
fn split_document(
    n: usize,
    split_src: usize,
    split_tgt: usize,
) -> (
    String,
    String,
    Vec<Vec<f32>>,
    Vec<Vec<f32>>,
    Vec<(String, Vec<f32>)>,
    String,
) {
    let mut rng = Rng(5);
    let meanings: Vec<Vec<f32>> = (0..n)
        .map(|_| (0..DIM).map(|_| rng.unit()).collect())
        .collect();
    let mut noisy = |v: &[f32]| -> Vec<f32> { v.iter().map(|x| x + 0.15 * rng.unit()).collect() };
    let mut rng2 = Rng(13);
    let (mut src, mut tgt, mut se, mut te) = (vec![], vec![], vec![], vec![]);
    // The text of each split sentence's two halves read together, with
    // its meaning: what an encoder sees in a block of both.
    let mut wholes = vec![];
    let mut halves = vec![];
    let mut gold = String::new();
    let (mut i, mut j) = (0, 0);
    for (k, m) in meanings.iter().enumerate() {
        let (a, b) = (
            usize::from(k == split_src) + 1,
            usize::from(k == split_tgt) + 1,
        );
        // A split sentence: one sentence's words cut in two, so that the
        // lengths say a block of both is the other side's sentence.
        let side = |letters: &[u8], parts: usize, rng2: &mut Rng| -> Vec<String> {
            let whole = rng2.sentence(letters);
            if parts == 1 {
                return vec![whole];
            }
            let words: Vec<&str> = whole.trim_end_matches('.').split(' ').collect();
            let cut = words.len().div_ceil(2);
            vec![
                format!("{}.", words[..cut].join(" ")),
                format!("{}.", words[cut..].join(" ")),
            ]
        };
        let s = side(b"abcdefghijklm", a, &mut rng2);
        let t = side(b"nopqrstuvwxyz", b, &mut rng2);
        for (texts, out, emb) in [(&s, &mut src, &mut se), (&t, &mut tgt, &mut te)] {
            if texts.len() == 2 {
                // Each half on its own reads as a sentence further off (the
                // encoder misled by a fragment); in a block with others,
                // it adds half its own meaning.
                let half: Vec<f32> = m.iter().map(|x| x / 2.0).collect();
                wholes.push((texts.join(" "), noisy(m)));
                halves.push((texts[0].clone(), half.clone()));
                halves.push((texts[1].clone(), half));
                emb.push(noisy(&meanings[k - 2]));
                emb.push(noisy(&meanings[k + 2]));
            } else {
                emb.push(noisy(m));
            }
            out.extend(texts.iter().cloned());
        }
        let ids = |from: usize, len: usize| {
            (from..from + len)
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        gold += &format!("[{}]:[{}]\n", ids(i, a), ids(j, b));
        (i, j) = (i + a, j + b);
    }
    wholes.extend(halves);
    (
        src.join("\n") + "\n",
        tgt.join("\n") + "\n",
        se,
        te,
        wholes,
        gold,
    )
}

/// The embedding an encoder would give each line `wasl overlaps` lists:
/// a sentence, its row; a split sentence's two halves together, its
/// meaning; any other block, the sum of what its sentences mean (`read`:
/// a half's meaning in a block; sentences end at the only full stops).
fn embed_listing(
    listing: &str,
    sentences: &[&str],
    rows: &[Vec<f32>],
    read: &[(String, Vec<f32>)],
) -> Vec<f32> {
    let mut out = vec![];
    let of = |text: &str| read.iter().find(|(t, _)| t == text).map(|(_, v)| v);
    for line in listing.lines() {
        let parts: Vec<&str> = line.split_inclusive('.').map(str::trim).collect();
        let row = |s: &str| &rows[sentences.iter().position(|x| *x == s).unwrap()];
        let mut v = vec![0f32; DIM];
        if parts.len() == 1 {
            v.copy_from_slice(row(line));
        } else if let Some(w) = of(line) {
            v.copy_from_slice(w);
        } else {
            for s in parts {
                let w = of(s).unwrap_or_else(|| row(s));
                v.iter_mut().zip(w).for_each(|(x, y)| *x += y);
            }
        }
        out.extend(v);
    }
    out
}

#[test]
fn overlaps_lists_blocks_one_a_line_in_the_order_embeddings_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.de");
    fs::write(&f, "Eins.\nZwei.\n\nDrei.\n").unwrap();
    let listing = ok(&["overlaps", "--presegmented", "--max", "3", p(&f)]);
    assert_eq!(
        listing,
        "Eins.\nZwei.\n\nDrei.\nEins. Zwei.\nZwei.\nDrei.\nEins. Zwei.\nZwei. Drei.\n"
    );
    // Raw text: the sentences `wasl segment --lang` prints, and -o.
    let raw = dir.path().join("raw.de");
    fs::write(&raw, "Eins. Zwei.\nDrei.\n").unwrap();
    let out = dir.path().join("raw.blocks");
    ok(&[
        "overlaps",
        "--lang",
        "de",
        "--max",
        "2",
        p(&raw),
        "-o",
        p(&out),
    ]);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "Eins.\nZwei.\nDrei.\nEins. Zwei.\nZwei. Drei.\n"
    );
    // A file of two scripts needs --section, and says so.
    let both = dir.path().join("both.txt");
    fs::write(&both, "مرحبا بالعالم.\nHello world.\n").unwrap();
    let err = refused(&["overlaps", p(&both)]);
    assert!(
        err.contains("both.txt") && err.contains("--section"),
        "{err}"
    );
    assert_eq!(
        ok(&["overlaps", "--section", "en", p(&both)]),
        "Hello world.\n"
    );
}

#[test]
fn embeddings_of_blocks_find_the_sentences_split_in_two() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt, se, te, wholes, gold) = split_document(30, 9, 20);
    let (s, t) = (dir.path().join("doc.de"), dir.path().join("doc.fr"));
    fs::write(&s, &src).unwrap();
    fs::write(&t, &tgt).unwrap();
    let base = align_beads(p(&s), p(&t), &[]);
    let run = |src_npy: &Path, tgt_npy: &Path| {
        let args: Vec<&str> = base
            .iter()
            .copied()
            .chain(["--src-embed", p(src_npy), "--tgt-embed", p(tgt_npy)])
            .collect();
        without_scores(&ok(&args))
    };
    // The two split sentences' beads.
    let splits: Vec<&str> = gold.lines().filter(|l| l.contains(',')).collect();
    assert_eq!(splits, ["[9, 10]:[9]", "[21]:[20, 21]"]);
    // One row per sentence: the halves' sums mislead.
    let (sn, tn) = (dir.path().join("s.npy"), dir.path().join("t.npy"));
    npy(&sn, &se.concat());
    npy(&tn, &te.concat());
    let sums = run(&sn, &tn);
    let sums_f1 = strict_f1(dir.path(), &gold, &sums);
    assert!(
        !splits.iter().all(|b| sums.lines().any(|l| l == *b)),
        "sums alone found both splits: the test document is too easy\n{sums}"
    );
    // One row per block `wasl overlaps` lists: both splits found, and
    // more beads right than with sums.
    let (so, to) = (dir.path().join("so.npy"), dir.path().join("to.npy"));
    for (file, sentences, rows, out) in [(&s, &src, &se, &so), (&t, &tgt, &te, &to)] {
        let listing = ok(&["overlaps", "--presegmented", "--max", "3", p(file)]);
        let sentences: Vec<&str> = sentences.lines().collect();
        npy(out, &embed_listing(&listing, &sentences, rows, &wholes));
    }
    let blocks = run(&so, &to);
    for b in &splits {
        assert!(blocks.lines().any(|l| l == *b), "{b} not found:\n{blocks}");
    }
    let blocks_f1 = strict_f1(dir.path(), &gold, &blocks);
    assert!(
        blocks_f1 > sums_f1,
        "strict F1 {blocks_f1} with blocks, {sums_f1} with sums"
    );
    // A row count that is neither: the file named, the counts it wants.
    let mut rows = se.concat();
    rows.extend_from_slice(&se[0]);
    let odd = dir.path().join("odd.npy");
    npy(&odd, &rows);
    let args: Vec<&str> = base
        .iter()
        .copied()
        .chain(["--src-embed", p(&odd), "--tgt-embed", p(&to)])
        .collect();
    let err = refused(&args);
    assert!(
        err.contains("odd.npy: 32 rows") && err.contains("61 for --max 2"),
        "{err}"
    );
}
