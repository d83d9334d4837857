//! wasl's TMX checked by the tools translators' pipelines use, for real:
//!
//! - `xmllint` validates it against the TMX 1.4 DTD (`tmx14.dtd`, from
//!   OmegaT), both through the file's own `<!DOCTYPE>` and with
//!   `--dtdvalid`;
//! - translate-toolkit's TMX reader (`translate.storage.tmx.tmxfile`, what
//!   Pootle/Weblate-era tooling and `tmx2po` use) loads it, and the units it
//!   finds hold exactly the pairs and texts wasl's CSV output holds, with
//!   the right language codes.
//!
//! The tests need `xmllint` (Debian: libxml2-utils), the DTD's path in
//! `WASL_TMX_DTD` and `python3` with translate-toolkit, so they are ignored
//! by a plain `cargo test`; `.ci/run` installs all three and runs them with
//! `--include-ignored`. Run by hand without the tools, they fail saying what
//! is missing: a check that cannot run must not pass.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

/// Loads a TMX with translate-toolkit and prints what it read as JSON.
const READ_TMX_PY: &str = r#"
import json, sys
from translate.storage import lisa
from translate.storage.tmx import tmxfile

with open(sys.argv[1], "rb") as f:
    store = tmxfile(f)
units = []
for unit in store.units:
    nodes = unit.getlanguageNodes()
    units.append({
        "id": unit.getid(),
        "langs": [lisa.getXMLlang(n) for n in nodes],
        "texts": [unit.getNodeText(n) for n in nodes],
        "source": unit.source,
        "target": unit.target,
    })
json.dump({"srclang": store.sourcelanguage, "units": units}, sys.stdout, ensure_ascii=False)
"#;

fn wasl_ok(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("the wasl binary runs");
    assert!(
        out.status.success(),
        "wasl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs an external tool; a missing tool fails the test with what to
/// install.
fn tool(program: &str, args: &[&str], install: &str) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}): install {install}"))
}

/// The DTD, copied beside the TMX so the file's own `<!DOCTYPE tmx SYSTEM
/// "tmx14.dtd">` resolves too.
fn dtd_into(dir: &Path) -> PathBuf {
    let from = std::env::var_os("WASL_TMX_DTD").unwrap_or_else(|| {
        panic!(
            "WASL_TMX_DTD is not set: point it at tmx14.dtd (.ci/run extracts it from \
             Debian's omegat package: schemas/tmx14.dtd inside OmegaT.jar)"
        )
    });
    let to = dir.join("tmx14.dtd");
    fs::copy(&from, &to)
        .unwrap_or_else(|e| panic!("WASL_TMX_DTD={}: {e}", PathBuf::from(&from).display()));
    to
}

fn xmllint_valid(tmx: &Path, dtd: &Path) {
    let tmx_s = tmx.to_str().unwrap();
    for args in [
        vec![
            "--noout",
            "--nonet",
            "--dtdvalid",
            dtd.to_str().unwrap(),
            tmx_s,
        ],
        vec!["--noout", "--nonet", "--valid", tmx_s],
    ] {
        let out = tool("xmllint", &args, "libxml2-utils");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "xmllint {args:?}: {err}");
        assert!(err.trim().is_empty(), "xmllint {args:?} warned: {err}");
    }
}

#[derive(Debug)]
struct TkUnit {
    id: String,
    langs: Vec<String>,
    texts: Vec<String>,
    source: String,
    target: String,
}

/// What translate-toolkit reads from `tmx`: the header's srclang and the
/// units.
fn translate_toolkit_read(tmx: &Path) -> (String, Vec<TkUnit>) {
    let python = std::env::var("WASL_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = tool(
        &python,
        &["-c", READ_TMX_PY, tmx.to_str().unwrap()],
        "python3 and translate-toolkit (pip install translate-toolkit)",
    );
    assert!(
        out.status.success(),
        "translate-toolkit could not load {}: {}",
        tmx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the script's JSON");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("an array")
            .iter()
            .map(|s| s.as_str().expect("a string").to_string())
            .collect()
    };
    let units = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| TkUnit {
            id: u["id"].as_str().expect("id").to_string(),
            langs: strings(&u["langs"]),
            texts: strings(&u["texts"]),
            source: u["source"].as_str().expect("source").to_string(),
            target: u["target"].as_str().expect("target").to_string(),
        })
        .collect();
    (v["srclang"].as_str().expect("srclang").to_string(), units)
}

/// CSV rows: (doc, src_text, tgt_text) for every bead, in order.
fn csv_rows(csv: &[u8]) -> Vec<(String, String, String)> {
    csv::Reader::from_reader(csv)
        .records()
        .map(|r| {
            let r = r.expect("valid CSV");
            (r[0].to_string(), r[3].to_string(), r[4].to_string())
        })
        .collect()
}

/// What XML 1.0 can hold of `s`: wasl's TMX drops the rest.
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

/// Writes TMX and CSV for the same input and checks the TMX against both
/// tools and against the CSV. `strict`: the texts must be equal byte for
/// byte with no character dropped.
fn check_tmx(dir: &Path, input: &[&str], langs: (&str, &str), strict: bool) -> usize {
    let tmx = dir.join("out.tmx");
    let mut args = input.to_vec();
    args.extend(["-o", tmx.to_str().unwrap()]);
    wasl_ok(&[&["align"], args.as_slice()].concat());
    let mut csv_args = vec!["align"];
    csv_args.extend(input);
    csv_args.extend(["--format", "csv"]);
    let rows = csv_rows(&wasl_ok(&csv_args));

    xmllint_valid(&tmx, &dtd_into(dir));

    let (srclang, units) = translate_toolkit_read(&tmx);
    assert_eq!(srclang, langs.0, "header srclang");
    // TUs are the beads with text on both sides, tuid DOC-N with N the
    // bead's index, so each unit lines up with its CSV row.
    let want: Vec<(usize, &(String, String, String))> = rows
        .iter()
        .enumerate()
        .filter(|(_, (_, s, t))| !s.trim().is_empty() && !t.trim().is_empty())
        .collect();
    assert_eq!(units.len(), want.len(), "one unit per two-sided bead");
    for (unit, (n, (doc, src, tgt))) in units.iter().zip(want) {
        assert_eq!(unit.id, format!("{doc}-{n}"));
        assert_eq!(unit.langs, [langs.0, langs.1], "languages of {}", unit.id);
        let (src, tgt) = if strict {
            (src.clone(), tgt.clone())
        } else {
            (xml_chars(src), xml_chars(tgt))
        };
        assert_eq!(
            unit.texts,
            [src.clone(), tgt.clone()],
            "texts of {}",
            unit.id
        );
        assert_eq!(
            unit.source.as_bytes(),
            src.as_bytes(),
            "source of {}",
            unit.id
        );
        assert_eq!(
            unit.target.as_bytes(),
            tgt.as_bytes(),
            "target of {}",
            unit.id
        );
    }
    units.len()
}

#[test]
#[ignore = "needs xmllint, the TMX DTD and translate-toolkit; run by .ci/run"]
fn tmx_of_the_sample_document_passes_xmllint_and_translate_toolkit() {
    let dir = tempfile::tempdir().unwrap();
    let units = check_tmx(dir.path(), &[DOC], ("ar", "en"), true);
    assert!(units > 5, "the sample gives units: {units}");
}

#[test]
#[ignore = "needs xmllint, the TMX DTD and translate-toolkit; run by .ci/run"]
fn tmx_of_hostile_text_passes_xmllint_and_translate_toolkit() {
    let dir = tempfile::tempdir().unwrap();
    let ar = [
        "قال: \"نعم\" & <لا> 'ربما'، ثم ذهب.",
        "\u{200F}عمود\tعمود, مع فاصلة\u{200F}",
        "تحكم\u{1}\u{7}\u{1b} هنا\u{7f}\u{85} وفصل\u{2028}سطر",
        "\u{202B}نص مضمن\u{202C} ]]> <!-- --> <![CDATA[ x ]]> &amp; &#0; \u{FFFE}\u{FFFF}",
        "سطر\u{b}مع جدولة\u{c}عمودية",
        "",
        "\u{200E}LTR mark, \u{2067}isolate\u{2069} and emoji 🙂 𝔸",
    ];
    let en = [
        "He said: \"yes\" & <no> 'maybe', then left.",
        "col\tcol, with a comma",
        "control\u{1}\u{7}\u{1b} here\u{7f}\u{85} and line\u{2028}break",
        "\u{202A}embedded\u{202C} ]]> <!-- --> <![CDATA[ x ]]> &amp; &#0; \u{FFFE}",
        "line\u{b}with a vertical\u{c}tab (a CR ends a line)",
        "A line facing a blank one.",
        "emoji 🙂 𝔸",
        "One more, with no counterpart.",
    ];
    let (a, e) = (dir.path().join("in.ar"), dir.path().join("in.en"));
    fs::write(&a, ar.join("\n") + "\n").unwrap();
    fs::write(&e, en.join("\n") + "\n").unwrap();
    let input = [
        "--presegmented",
        a.to_str().unwrap(),
        e.to_str().unwrap(),
        "--tgt-lang",
        "en-GB",
    ];
    let units = check_tmx(dir.path(), &input, ("ar", "en-gb"), false);
    assert_eq!(units, 6, "8 beads less the two one-sided ones");
}
