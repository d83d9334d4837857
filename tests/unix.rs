//! The command line a Unix user expects (issue 21), through the real
//! binary: files the wrong way round or in another language are refused
//! with the fix; `-` and a pipe are standard input; UTF-16 and legacy
//! encodings are read; completions, a man page, `-j`, `-q`, and the exit
//! statuses in `--help`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

fn wasl_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .current_dir(dir)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wasl runs");
    if let Some(bytes) = stdin {
        // A refused run may exit before reading it all: ignore a closed pipe.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    ok_with(dir, args, None)
}

fn ok_with(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let out = wasl_in(dir, args, stdin);
    assert!(out.status.success(), "wasl {args:?}: {}", stderr(&out));
    out.stdout
}

/// Runs wasl expecting exit status 2 and nothing written; returns stderr.
fn refused(dir: &Path, args: &[&str]) -> String {
    refused_with(dir, args, None)
}

fn refused_with(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let out = wasl_in(dir, args, stdin);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "wasl {args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "wasl {args:?} wrote to standard output"
    );
    err
}

/// A fresh folder with the sample's two sections as `doc.ar` and
/// `doc.en`, and the German and French of a small Alpine text.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ar = ok(d, &["segment", "--section", "ar", DOC]);
    let en = ok(d, &["segment", "--section", "en", DOC]);
    fs::write(d.join("doc.ar"), ar).unwrap();
    fs::write(d.join("doc.en"), en).unwrap();
    fs::write(d.join("doc.de"), GERMAN).unwrap();
    fs::write(d.join("doc.fr"), FRENCH).unwrap();
    dir
}

const GERMAN: &str = "Die Hütte liegt auf 2800 Metern, und der Weg dorthin ist lang.\n\
    Wir sind um fünf Uhr aufgebrochen, als es noch dunkel war.\n\
    Der Gipfel war frei, und über uns lag der Himmel ohne eine Wolke.\n\
    Zermatt war unter uns, und das Matterhorn glänzte in der Sonne.\n\
    Auf dem Rückweg haben wir bei der Hütte eine lange Pause gemacht.\n\
    Es war ein Tag, den wir nicht vergessen werden, auch wenn die Beine müde sind.\n";

const FRENCH: &str = "La cabane est à 2800 mètres, et le chemin pour y arriver est long.\n\
    Nous sommes partis à cinq heures, quand il faisait encore nuit.\n\
    Le sommet était dégagé, et au-dessus de nous le ciel était sans un nuage.\n\
    Zermatt était sous nous, et le Cervin brillait dans le soleil.\n\
    Au retour, nous avons fait une longue pause à la cabane.\n\
    Ce fut une journée que nous n'oublierons pas, même si les jambes sont fatiguées.\n";

#[test]
fn files_the_wrong_way_round_are_refused_with_the_command_to_run() {
    let dir = workdir();
    let d = dir.path();
    let err = refused(d, &["align", "doc.en", "doc.ar", "-o", "tm.tmx"]);
    assert!(
        err.contains("doc.en and doc.ar are the wrong way round")
            && err.contains("run `wasl align doc.ar doc.en -o tm.tmx`")
            && err.contains("--force"),
        "{err}"
    );
    assert!(!d.join("tm.tmx").exists(), "nothing written");
    // Same-script languages: told apart by their function words.
    let err = refused(
        d,
        &[
            "align",
            "--presegmented",
            "--src-lang",
            "de",
            "--tgt-lang",
            "fr",
            "doc.fr",
            "doc.de",
        ],
    );
    assert!(
        err.contains("wrong way round")
            && err.contains(
                "run `wasl align --presegmented --src-lang de --tgt-lang fr doc.de doc.fr`"
            ),
        "{err}"
    );
    // --force aligns them as declared.
    let forced = ok(d, &["align", "--force", "-f", "beads", "doc.en", "doc.ar"]);
    assert!(!forced.is_empty());
}

#[test]
fn a_side_not_in_its_declared_language_is_refused_by_name() {
    let dir = workdir();
    let d = dir.path();
    // Two English files: the source is not Arabic.
    let err = refused(d, &["align", "doc.en", "doc.en"]);
    assert!(
        err.contains("doc.en: declared Arabic (--src-lang ar, the source)")
            && err.contains("is in Latin-script letters")
            && err.contains("give --src-lang en"),
        "{err}"
    );
    // French declared English: the same script, other function words.
    let err = refused(
        d,
        &[
            "align",
            "--presegmented",
            "doc.de",
            "doc.fr",
            "--src-lang",
            "de",
        ],
    );
    assert!(
        err.contains("doc.fr: declared English (--tgt-lang en, the target)")
            && err.contains("reads as French")
            && err.contains("give --tgt-lang fr"),
        "{err}"
    );
    // A bilingual file whose Latin side is French, declared English.
    let fr_bilingual = [
        fs::read_to_string(d.join("doc.ar")).unwrap(),
        FRENCH.repeat(3),
    ]
    .concat();
    fs::write(d.join("ar-fr.txt"), fr_bilingual).unwrap();
    let err = refused(d, &["align", "ar-fr.txt"]);
    assert!(
        err.contains("ar-fr.txt: declared English") && err.contains("French"),
        "{err}"
    );
    ok(d, &["align", "ar-fr.txt", "--tgt-lang", "fr"]);
}

#[test]
fn the_right_way_round_is_what_force_gives_byte_for_byte() {
    let dir = workdir();
    let d = dir.path();
    for format in ["tmx", "csv", "beads"] {
        let checked = ok(d, &["align", "-f", format, "doc.ar", "doc.en"]);
        let forced = ok(d, &["align", "-f", format, "--force", "doc.ar", "doc.en"]);
        assert_eq!(checked, forced, "{format}");
    }
    let checked = ok(d, &["align", "-f", "tmx", DOC]);
    assert_eq!(checked, ok(d, &["align", "-f", "tmx", "--force", DOC]));
}

#[test]
fn a_batch_reports_every_mislabelled_pair_before_aligning_any() {
    let dir = workdir();
    let d = dir.path();
    let corpus = d.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let (ar, en) = (
        fs::read(d.join("doc.ar")).unwrap(),
        fs::read(d.join("doc.en")).unwrap(),
    );
    for (name, a, e) in [
        ("good1", &ar, &en),
        ("good2", &ar, &en),
        ("swapped", &en, &ar),
        ("english", &en, &en),
    ] {
        fs::write(corpus.join(format!("{name}.ar")), a).unwrap();
        fs::write(corpus.join(format!("{name}.en")), e).unwrap();
    }
    let out = wasl_in(
        d,
        &["align", "--batch", "corpus", "-f", "beads", "-o", "out"],
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("english.ar: declared Arabic")
            && lines[0].contains("pair english skipped"),
        "{err}"
    );
    assert!(
        lines[1].contains("wrong way round") && lines[1].contains("pair swapped skipped"),
        "{err}"
    );
    assert!(lines[2].contains("aligned 2 document pairs"), "{err}");
    let mut written: Vec<String> = fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["good1.beads", "good2.beads"]);

    // Every pair the wrong way round: one cause, one message, the fix.
    fs::remove_file(corpus.join("english.ar")).unwrap();
    fs::remove_file(corpus.join("english.en")).unwrap();
    fs::remove_file(corpus.join("swapped.ar")).unwrap();
    fs::remove_file(corpus.join("swapped.en")).unwrap();
    let err = refused(
        d,
        &[
            "align",
            "--batch",
            "corpus",
            "--src-ext",
            "en",
            "--tgt-ext",
            "ar",
            "-o",
            "out2",
        ],
    );
    assert!(
        err.contains("every pair is the wrong way round")
            && err.contains("give --src-ext ar --tgt-ext en"),
        "{err}"
    );
    assert!(!d.join("out2").exists());
}

#[test]
fn a_mislabelled_stream_record_is_a_bad_record() {
    let dir = workdir();
    let d = dir.path();
    let (ar, en) = (
        fs::read_to_string(d.join("doc.ar")).unwrap(),
        fs::read_to_string(d.join("doc.en")).unwrap(),
    );
    let record = |id: &str, src: &str, tgt: &str| {
        serde_json::json!({"id": id, "src": src, "tgt": tgt}).to_string() + "\n"
    };
    let input = [
        record("good", &ar, &en),
        record("swapped", &en, &ar),
        record("french", &ar, FRENCH),
        record("good2", &ar, &en),
    ]
    .concat();
    let out = wasl_in(d, &["stream"], Some(input.as_bytes()));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("record \"swapped\"") && err.contains("wrong way round"),
        "{err}"
    );
    assert!(
        err.contains("record \"french\"") && err.contains("reads as French"),
        "{err}"
    );
    assert!(err.contains("4 records, 2 aligned, 2 skipped"), "{err}");
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("\"doc\":\"good2\"") && !out.contains("\"doc\":\"swapped\""));
    // --force aligns them all.
    let out = wasl_in(d, &["stream", "--force", "-q"], Some(input.as_bytes()));
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_dash_or_a_pipe_is_standard_input() {
    let dir = workdir();
    let d = dir.path();
    let ar = fs::read(d.join("doc.ar")).unwrap();
    let text = fs::read(DOC).unwrap();
    let from_file = ok(d, &["segment", DOC]);
    assert_eq!(ok_with(d, &["segment", "-"], Some(&text)), from_file);
    assert_eq!(ok_with(d, &["segment"], Some(&text)), from_file);
    let beads = ok(d, &["align", "-f", "beads", "doc.ar", "doc.en"]);
    assert_eq!(
        ok_with(d, &["align", "-f", "beads", "-", "doc.en"], Some(&ar)),
        beads
    );
    let en = fs::read(d.join("doc.en")).unwrap();
    assert_eq!(
        ok_with(d, &["align", "-f", "beads", "doc.ar", "-"], Some(&en)),
        beads
    );
    // One bilingual file on a pipe, no file named.
    assert_eq!(
        ok_with(d, &["align", "-f", "beads"], Some(&text)),
        ok(d, &["align", "-f", "beads", DOC])
    );
    // Named after standard input in CSV.
    let csv = String::from_utf8(ok_with(d, &["align", "-", "doc.en"], Some(&ar))).unwrap();
    assert!(
        csv.lines().nth(1).unwrap().starts_with("stdin,0,0,"),
        "{csv}"
    );
    let err = refused_with(d, &["align", "-", "-"], Some(&ar));
    assert!(
        err.contains("standard input (`-`) can be read once"),
        "{err}"
    );
    // wasl eval reads the alignment to score from a pipe.
    fs::write(d.join("gold"), &beads).unwrap();
    let table = ok(d, &["eval", "gold", "gold"]);
    assert_eq!(ok_with(d, &["eval", "gold", "-"], Some(&beads)), table);
    // Errors name it.
    let err = refused_with(d, &["segment", "-"], Some(b"\xff\xfe\xfd"));
    assert!(err.contains("<stdin>"), "{err}");
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_and_legacy_arabic_files_align_as_utf8_does() {
    let dir = workdir();
    let d = dir.path();
    let ar = fs::read_to_string(d.join("doc.ar")).unwrap();
    let sub = |name: &str, bytes: &[u8]| -> PathBuf {
        let folder = d.join(name);
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("doc.ar"), bytes).unwrap();
        folder.join("doc.ar")
    };
    let tmx = ok(d, &["align", "-f", "tmx", "doc.ar", "doc.en"]);
    let le = sub("le", &utf16(&ar, true));
    let be = sub("be", &utf16(&ar, false));
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&ar);
    assert!(!unmappable, "the sample is all in windows-1256");
    let cp = sub("cp", &cp1256);
    for path in [&le, &be] {
        let out = ok(d, &["align", "-f", "tmx", path.to_str().unwrap(), "doc.en"]);
        assert_eq!(
            out,
            tmx,
            "{}: output is UTF-8, the same TMX",
            path.display()
        );
    }
    let err = refused(d, &["align", cp.to_str().unwrap(), "doc.en"]);
    assert!(
        err.contains("cp/doc.ar: invalid UTF-8 at byte 0 (line 1)")
            && err.contains("try --encoding windows-1256"),
        "{err}"
    );
    let out = ok(
        d,
        &[
            "align",
            "-f",
            "tmx",
            "--encoding",
            "windows-1256",
            cp.to_str().unwrap(),
            "doc.en",
        ],
    );
    assert_eq!(out, tmx);
    // Standard input too (beads: the TMX would name the document stdin).
    assert_eq!(
        ok_with(
            d,
            &[
                "align",
                "-f",
                "beads",
                "--encoding",
                "cp1256",
                "-",
                "doc.en"
            ],
            Some(&cp1256)
        ),
        ok(d, &["align", "-f", "beads", "doc.ar", "doc.en"])
    );
    let err = refused(d, &["align", "--encoding", "klingon", "doc.ar", "doc.en"]);
    assert!(err.contains("'klingon' is not an encoding"), "{err}");

    // Spans of decoded text index the UTF-8 text wasl prints.
    let spans = String::from_utf8(ok(d, &["segment", "--spans", le.to_str().unwrap()])).unwrap();
    for line in spans.lines() {
        let mut f = line.splitn(3, '\t');
        let (s, e): (usize, usize) = (
            f.next().unwrap().parse().unwrap(),
            f.next().unwrap().parse().unwrap(),
        );
        assert_eq!(&ar[s..e], f.next().unwrap());
    }
}

#[test]
fn completions_and_man_pages_come_from_the_command_line_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = String::from_utf8(ok(d, &["completions", shell])).unwrap();
        assert!(
            script.contains("align") && script.contains("--src-lang"),
            "{shell}"
        );
    }
    let man = String::from_utf8(ok(d, &["man"])).unwrap();
    assert!(
        man.contains(".TH wasl 1") && man.contains("completions") && man.contains("Exit status")
    );
    let align = String::from_utf8(ok(d, &["man", "align"])).unwrap();
    assert!(
        align.contains(".TH wasl-align 1") && align.contains("\\-\\-encoding"),
        "{align}"
    );
    let err = refused(d, &["man", "nope"]);
    assert!(err.contains("no subcommand 'nope'"), "{err}");
}

#[test]
fn threads_quiet_and_exit_statuses() {
    let dir = workdir();
    let d = dir.path();
    let beads = ok(d, &["align", "-f", "beads", "doc.ar", "doc.en"]);
    assert_eq!(
        ok(d, &["-j", "1", "align", "-f", "beads", "doc.ar", "doc.en"]),
        beads
    );
    assert_eq!(
        ok(
            d,
            &["align", "--threads", "3", "-f", "beads", "doc.ar", "doc.en"]
        ),
        beads
    );
    refused(d, &["align", "-j", "0", "doc.ar", "doc.en"]);

    // What a batch wrote is a note, which -q drops; an error is not.
    fs::create_dir(d.join("corpus")).unwrap();
    fs::copy(d.join("doc.ar"), d.join("corpus/a.ar")).unwrap();
    fs::copy(d.join("doc.en"), d.join("corpus/a.en")).unwrap();
    let noisy = wasl_in(d, &["align", "--batch", "corpus", "-o", "out"], None);
    assert!(
        stderr(&noisy).contains("aligned 1 document pair"),
        "{}",
        stderr(&noisy)
    );
    for args in [
        &["-q", "align", "--batch", "corpus", "-o", "out"][..],
        &["align", "--batch", "corpus", "-o", "out", "--quiet"],
    ] {
        let quiet = wasl_in(d, args, None);
        assert!(
            quiet.status.success() && quiet.stderr.is_empty(),
            "{}",
            stderr(&quiet)
        );
    }
    let err = refused(d, &["-q", "align", "doc.en", "doc.ar"]);
    assert!(err.contains("wrong way round"));

    for args in [&["--help"][..], &["align", "--help"]] {
        let help = String::from_utf8(ok(d, args)).unwrap();
        assert!(
            help.contains("Exit status: 0 done") && help.contains("; 1 ") && help.contains("; 2 "),
            "{help}"
        );
        assert!(
            help.contains("-j, --threads") && help.contains("-q, --quiet"),
            "{help}"
        );
    }
}
