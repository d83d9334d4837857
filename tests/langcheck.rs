//! The language check on real documents: no false refusal on any
//! document of the evaluation sets or of `data/`, and every pair of the
//! evaluation sets refused when its files are given the wrong way round.
//!
//! The evaluation sets are not part of the repository: they are read from
//! `$WASL_EVAL_DIR`, else `../shared/eval` beside the project. Where they
//! are absent the test says so and passes, so `cargo test` works in a plain
//! clone; under `CI=true` their absence is a failure, so CI cannot go green
//! without having looked.

use std::fs;
use std::path::{Path, PathBuf};

use wasl::input::split_sections;
use wasl::langcheck::{check_pair, Mismatch, Profile, SideText};
use wasl::{Document, Error, Lang};

/// The languages the sets are in, source before target.
const LANGS: [&str; 4] = ["ar", "de", "en", "fr"];

fn eval_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("WASL_EVAL_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{}: no evaluation sets here, and CI=true: set WASL_EVAL_DIR",
            dir.display()
        );
    }
    eprintln!(
        "{}: not found; the language check on the evaluation sets is skipped",
        dir.display()
    );
    None
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The language of a document of the sets: its extension (`doc.ar`,
/// `dev.de`) or its folder (`law/ar/005`).
fn lang_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension().and_then(|e| e.to_str());
    let parent = path.parent()?.file_name()?.to_str();
    LANGS
        .into_iter()
        .find(|l| ext == Some(l))
        .or_else(|| LANGS.into_iter().find(|l| parent == Some(l)))
}

/// The document in `lang` that `path` (in `of`) is the translation of.
fn partner(path: &Path, of: &str, lang: &str) -> Option<PathBuf> {
    let by_ext = path.with_extension(lang);
    if path.extension().and_then(|e| e.to_str()) == Some(of) && by_ext.is_file() {
        return Some(by_ext);
    }
    let by_dir = path.parent()?.parent()?.join(lang).join(path.file_name()?);
    by_dir.is_file().then_some(by_dir)
}

fn doc(path: &Path) -> Document {
    Document::read(path).unwrap()
}

fn side<'a>(d: &'a Document, lang: &'a Lang) -> SideText<'a> {
    SideText::of(d, lang)
}

#[test]
fn no_document_of_the_eval_sets_is_refused_and_every_swapped_pair_is() {
    let Some(dir) = eval_dir() else { return };
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    let mut documents = 0;
    let mut pairs = 0;
    let mut refused = Vec::new();
    let mut swapped_let_through = Vec::new();
    for path in &files {
        let Some(lang) = lang_of(path) else { continue };
        documents += 1;
        let declared = Lang::new(lang);
        let text = doc(path);
        if let Some(v) = Profile::of(&text.text).verdict(&declared) {
            refused.push(format!("{} as {lang}: {v}", path.display()));
        }
        // Pairs, once each: from the source side.
        let target = match lang {
            "ar" => "en",
            "de" => "fr",
            _ => continue,
        };
        let Some(other) = partner(path, lang, target) else {
            continue;
        };
        pairs += 1;
        let (s, t) = (Lang::new(lang), Lang::new(target));
        let tgt = doc(&other);
        if let Err(e) = check_pair(side(&text, &s), side(&tgt, &t)) {
            refused.push(e.to_string());
        }
        match check_pair(side(&tgt, &s), side(&text, &t)) {
            Err(Error::Lang(m)) if matches!(*m, Mismatch::Swapped { .. }) => {}
            other => swapped_let_through.push(format!("{}: {other:?}", path.display())),
        }
    }
    eprintln!(
        "{documents} documents, {pairs} pairs: {} refused as declared, {} of {pairs} swapped pairs not refused",
        refused.len(),
        swapped_let_through.len()
    );
    assert!(
        documents >= 120 && pairs >= 60,
        "{documents} documents, {pairs} pairs"
    );
    assert!(
        refused.is_empty(),
        "false refusals:\n{}",
        refused.join("\n")
    );
    assert!(
        swapped_let_through.is_empty(),
        "swapped pairs let through:\n{}",
        swapped_let_through.join("\n")
    );
}

#[test]
fn no_sample_article_is_refused() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    assert!(files.len() >= 5);
    let (ar, en) = (Lang::ar(), Lang::en());
    for path in files {
        let d = doc(&path);
        match split_sections(&d, &ar, &en) {
            Ok(sections) => {
                let join = |r: &[std::ops::Range<usize>]| {
                    r.iter()
                        .map(|r| &d.text[r.clone()])
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let (s, t) = (join(&sections.source), join(&sections.target));
                let side = |text, lang| SideText {
                    path: &path,
                    text,
                    lang,
                };
                check_pair(side(&s, &ar), side(&t, &en)).unwrap();
            }
            // Arabic only.
            Err(_) => assert_eq!(
                Profile::of(&d.text).verdict(&ar),
                None,
                "{}",
                path.display()
            ),
        }
    }
}
