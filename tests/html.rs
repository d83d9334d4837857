//! The HTML review page (`-f html`) through the real binary on real files,
//! read back with a real HTML5 parser (html5ever, through `scraper`):
//!
//! - the page parses without a single parse error, in no-quirks mode;
//! - it holds every bead once, in order, with the texts and scores of the
//!   CSV output, and draws each bead once in the path picture;
//! - it refers to nothing outside itself (no element, attribute or style
//!   that loads anything) and its only script is the page's own;
//! - hostile text (markup, `</script>`, bidi overrides, control
//!   characters, in the texts and in the file name) is shown as text;
//! - an `-o` extension wasl does not know is an error listing the formats;
//! - progress goes to standard error only when it is a terminal.
//!
//! The ignored tests need tools from outside Rust: `script` (util-linux, a
//! pseudo-terminal for the progress bar) and Chromium (the page rendered
//! for real). `.ci/run` installs them and runs them with
//! `--include-ignored`; run by hand without them, they fail saying what is
//! missing: a check that cannot run must not pass.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{CaseSensitivity, ElementRef, Html, Node, Selector};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("the wasl binary runs")
}

fn wasl_ok(args: &[&str]) -> String {
    let out = wasl(args);
    assert!(
        out.status.success(),
        "wasl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// Parses a page, requiring no parse error at all and standards mode.
fn parse(page: &str) -> Html {
    let html = Html::parse_document(page);
    assert!(html.errors.is_empty(), "parse errors: {:?}", html.errors);
    // (html5ever's QuirksMode is not re-exported by scraper.)
    assert_eq!(format!("{:?}", html.quirks_mode), "NoQuirks");
    html
}

/// One bead as the page shows it.
#[derive(Debug, PartialEq)]
struct Bead {
    src_ids: Vec<usize>,
    tgt_ids: Vec<usize>,
    src: String,
    tgt: String,
    score: String,
}

fn ids(field: &str) -> Vec<usize> {
    field
        .split_whitespace()
        .map(|i| i.parse().expect("an id is a number"))
        .collect()
}

/// A sentence's text as the page holds it: its text nodes, with each
/// visible mark of a hidden character (`abbr.cc`) read back as the
/// character it stands for. Any other element inside a sentence fails.
fn sentence_text(p: ElementRef) -> String {
    let mut out = String::new();
    for child in p.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e)
                if e.name() == "abbr" && e.has_class("cc", CaseSensitivity::CaseSensitive) =>
            {
                let code = u32::from_str_radix(e.attr("data-u").expect("data-u"), 16).unwrap();
                out.push(char::from_u32(code).expect("a character"));
            }
            other => panic!("unexpected node in a sentence: {other:?}"),
        }
    }
    out
}

/// The ids and texts of one side of a bead; the ids in `data-i` must be
/// the bead's own.
fn side(cell: ElementRef, want_ids: &[usize]) -> String {
    let ps: Vec<ElementRef> = cell.select(&sel("p[data-i]")).collect();
    let got: Vec<usize> = ps
        .iter()
        .map(|p| p.value().attr("data-i").unwrap().parse().unwrap())
        .collect();
    assert_eq!(got, want_ids, "sentence ids in the cell");
    if want_ids.is_empty() {
        assert_eq!(
            cell.select(&sel("p.none")).count(),
            1,
            "an empty side says so"
        );
    }
    ps.into_iter()
        .map(sentence_text)
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every bead row of the page, in page order.
fn beads(html: &Html) -> Vec<Bead> {
    html.select(&sel("div.b"))
        .map(|b| {
            let e = b.value();
            let (src_ids, tgt_ids) = (
                ids(e.attr("data-src").unwrap()),
                ids(e.attr("data-tgt").unwrap()),
            );
            let cells: Vec<ElementRef> = b.select(&sel(":scope > div.t")).collect();
            assert_eq!(cells.len(), 2, "two sides");
            Bead {
                src: side(cells[0], &src_ids),
                tgt: side(cells[1], &tgt_ids),
                src_ids,
                tgt_ids,
                score: e.attr("data-score").unwrap().to_string(),
            }
        })
        .collect()
}

/// The CSV output's beads, the same shape.
fn csv_beads(csv: &str) -> Vec<Bead> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            Bead {
                src_ids: ids(&r[1]),
                tgt_ids: ids(&r[2]),
                src: r[3].to_string(),
                tgt: r[4].to_string(),
                score: r[5].to_string(),
            }
        })
        .collect()
}

/// Elements the page may hold: none of them loads anything by itself.
const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "fieldset",
    "legend",
    "label",
    "input",
    "output",
    "main",
    "section",
    "nav",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "div",
    "p",
    "a",
    "span",
    "small",
    "abbr",
    "table",
    "caption",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "path",
    "rect",
    "script",
];

/// Attributes that can name a resource: on this page only a fragment of
/// the page itself may be there.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
    "manifest",
    "xlink:href",
    "longdesc",
    "usemap",
];

/// Nothing on the page loads anything from outside it, every link goes to
/// an element of the page, and no input text became markup or script.
fn check_self_contained(html: &Html) {
    let ids: HashSet<&str> = html
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let mut all_ids = Vec::new();
    for node in html.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        assert!(ALLOWED.contains(&e.name()), "element <{}>", e.name());
        for (name, value) in e.attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value:?}");
            if URL_ATTRS.contains(&name) {
                let target = value
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("{name}={value:?} leaves the page"));
                assert!(ids.contains(target), "{name}={value:?}: no such id");
            }
            if name == "style" {
                assert!(!value.contains("url("), "style={value:?}");
            }
            if name == "http-equiv" {
                panic!("meta http-equiv={value:?}");
            }
            if name == "id" {
                all_ids.push(value.to_string());
            }
        }
    }
    let unique: HashSet<&String> = all_ids.iter().collect();
    assert_eq!(unique.len(), all_ids.len(), "ids are unique");
    for style in html.select(&sel("style")) {
        let css: String = style.text().collect();
        for bad in ["url(", "@import", "@font-face", "image-set("] {
            assert!(!css.contains(bad), "the style sheet holds {bad}");
        }
    }
    let scripts: Vec<ElementRef> = html.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1, "one script: the page's own");
    let js: String = scripts[0].text().collect();
    for bad in [
        "http",
        "fetch",
        "XMLHttpRequest",
        "import",
        "WebSocket",
        "src",
        "eval",
    ] {
        assert!(!js.contains(bad), "the script holds {bad}");
    }
}

#[test]
fn the_sample_page_parses_and_holds_every_bead_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    wasl_ok(&["align", DOC, "-o", path_str(&out)]);
    let page = fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert_eq!(
        page,
        wasl_ok(&["align", DOC, "-f", "html"]),
        "-o FILE.html writes what -f html prints"
    );
    let html = parse(&page);
    check_self_contained(&html);

    let want = csv_beads(&wasl_ok(&["align", DOC]));
    let got = beads(&html);
    assert_eq!(
        got, want,
        "the CSV's beads, in order, with texts and scores"
    );
    assert_eq!(got.len(), 18, "the sample aligns into 18 beads");

    // The path picture: one rectangle per bead, linking to its row, in order.
    let links: Vec<String> = html
        .select(&sel("figure.path svg a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let rows: Vec<String> = html
        .select(&sel("div.b"))
        .map(|b| format!("#{}", b.value().attr("id").unwrap()))
        .collect();
    assert_eq!(links, rows);
    assert_eq!(
        html.select(&sel("figure.path svg rect")).count(),
        rows.len()
    );

    // The Arabic side reads right to left, the English left to right.
    for b in html.select(&sel("div.b")) {
        let dirs: Vec<(&str, &str)> = b
            .select(&sel(":scope > div.t"))
            .map(|t| {
                (
                    t.value().attr("lang").unwrap(),
                    t.value().attr("dir").unwrap(),
                )
            })
            .collect();
        assert_eq!(dirs, [("ar", "rtl"), ("en", "ltr")]);
    }

    // The summary: sentences per side, beads by kind, the settings.
    let text: String = html.root_element().text().collect();
    for want in [
        "18 Arabic · 20 English",
        "1-1",
        "1-3",
        "left out",
        "Beads by score",
        "--max-bead",
        "ar → en",
    ] {
        assert!(text.contains(want), "the page says {want:?}");
    }
}

/// A presegmented pair whose texts and file names try to break out.
fn hostile_pair(dir: &Path) -> (PathBuf, PathBuf, Vec<&'static str>, Vec<&'static str>) {
    let ar = vec![
        "قال: </script><script>alert(1)</script> ثم ذهب.",
        "\u{202E}معكوس\u{202C} <img src=x onerror=alert(1)> و&amp; و&lt;",
        "تحكم\u{1}\u{7}\u{1b} هنا\u{7f}\u{85} وفصل\u{2028}سطر \u{FFFE}\u{FFFF}",
        "",
        "\u{2067}عزل\u{2069} ]]> <!-- تعليق --> <style>*{display:none}</style>",
        "سطر\rمع عودة 'مفرد' \"مزدوج\"",
    ];
    let en = vec![
        "He said: </script><script>alert(1)</script> then left.",
        "\u{202E}reversed\u{202C} <img src=x onerror=alert(1)> &amp; &lt;",
        "control\u{1}\u{7}\u{1b} here\u{7f}\u{85} and line\u{2028}break",
        "A line facing a blank one.",
        "<a href=\"https://example.org/\">link</a> <link rel=stylesheet href=//x.css>",
        "line\rwith return 'single' \"double\"",
        "One more, with no counterpart: <iframe src=https://example.org>",
    ];
    let (a, e) = (dir.join("x<b>&'y.ar"), dir.join("x<b>&'y.en"));
    fs::write(&a, ar.join("\n") + "\n").unwrap();
    fs::write(&e, en.join("\n") + "\n").unwrap();
    (a, e, ar, en)
}

#[test]
fn hostile_text_is_shown_as_text_and_runs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (a, e, _, _) = hostile_pair(dir.path());
    let (a, e) = (path_str(&a), path_str(&e));
    let page = wasl_ok(&["align", "--presegmented", a, e, "-f", "html"]);
    let html = parse(&page);
    check_self_contained(&html);

    let want = csv_beads(&wasl_ok(&["align", "--presegmented", a, e]));
    assert_eq!(beads(&html), want, "every text exactly as the CSV holds it");
    assert!(
        page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the script tag is text"
    );
    // No override reaches the page as a character: it is a visible mark.
    for c in ['\u{202E}', '\u{2067}', '\u{1b}', '\u{FFFE}', '\u{85}'] {
        assert!(!page.contains(c), "{c:?} written raw");
    }
    assert!(html
        .select(&sel("abbr.cc"))
        .any(|m| m.text().collect::<String>() == "RLO"));
    // The file name is the document's title, as text.
    let h2: Vec<String> = html
        .select(&sel("section.doc h2"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h2, ["x<b>&'y"]);
}

#[test]
fn a_batch_review_is_one_page_linking_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    // The sample's two sections as one presegmented pair, and the hostile
    // pair beside it.
    for (lang, name) in [("ar", "sample.ar"), ("en", "sample.en")] {
        let text = wasl_ok(&["segment", "--section", lang, DOC]);
        fs::write(corpus.join(name), text).unwrap();
    }
    hostile_pair(&corpus);
    let page_path = dir.path().join("review.html");
    let out = wasl(&[
        "align",
        "--batch",
        path_str(&corpus),
        "--presegmented",
        "-o",
        path_str(&page_path),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        page_path.is_file(),
        "-o NAME.html is one page, not a folder"
    );
    let html = parse(&fs::read_to_string(&page_path).unwrap());
    check_self_contained(&html);
    assert_eq!(html.select(&sel("section.doc")).count(), 2);
    let index: Vec<String> = html
        .select(&sel("nav.docs a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(index, ["#d0", "#d1"]);
    assert_eq!(html.select(&sel(".docnav a")).count(), 2, "next, previous");
    // Each document's beads, with ids counted from 0 in each.
    let starts = html
        .select(&sel("div.b"))
        .filter(|b| b.value().attr("id").unwrap().ends_with("-b0"))
        .count();
    assert_eq!(starts, 2);

    // -f html onto a folder: the page needs a file name.
    let out = wasl(&[
        "align",
        "--batch",
        path_str(&corpus),
        "--presegmented",
        "-f",
        "html",
        "-o",
        path_str(dir.path()),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("is a directory") && err.contains("review.html"),
        "{err}"
    );
}

#[test]
fn an_output_extension_wasl_does_not_know_is_an_error_listing_the_formats() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["review.xlsx", "pairs.tsv"] {
        let target = dir.path().join(name);
        let out = wasl(&["align", DOC, "-o", path_str(&target)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name), "names the file: {err}");
        for format in ["csv", "tmx", "beads", "text", "jsonl", "html"] {
            assert!(err.contains(format), "lists {format}: {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(!target.exists(), "nothing written");
    }
    // --format says what the extension does not.
    let target = dir.path().join("pairs.tsv");
    wasl_ok(&["align", DOC, "-f", "csv", "-o", path_str(&target)]);
    assert!(fs::read_to_string(&target)
        .unwrap()
        .starts_with("doc_id,src_ids,"));
}

#[test]
fn no_progress_when_standard_error_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(["align", DOC, "-o", path_str(&dir.path().join("p.html"))])
        .env("WASL_PROGRESS_DELAY_MS", "0")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "stderr is a pipe");
}

/// Runs `wasl ARGS` under `script`, on a pseudo-terminal, with the
/// progress bar's delay at 0; returns what the terminal received.
fn on_a_terminal(args: &[&str]) -> String {
    let cmd = std::iter::once(env!("CARGO_BIN_EXE_wasl"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("WASL_PROGRESS_DELAY_MS", "0")
        .output()
        .unwrap_or_else(|e| panic!("cannot run script ({e}): install util-linux (bsdutils)"));
    assert!(
        out.status.success(),
        "wasl under script: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "needs util-linux's script for a pseudo-terminal; run by .ci/run"]
fn progress_shows_on_a_terminal_and_not_with_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    // A batch long enough to be seen: the sample's sections, 15 times.
    for lang in ["ar", "en"] {
        let text = wasl_ok(&["segment", "--section", lang, DOC]).repeat(15);
        for doc in ["a", "b"] {
            fs::write(corpus.join(format!("{doc}.{lang}")), &text).unwrap();
        }
    }
    let out_dir = dir.path().join("out");
    let batch = [
        "align",
        "--batch",
        path_str(&corpus),
        "--presegmented",
        "-f",
        "beads",
        "-o",
        path_str(&out_dir),
    ];
    let shown = on_a_terminal(&batch);
    assert!(shown.contains("aligning 2 documents"), "{shown:?}");
    assert!(shown.contains("aligned 2 document pairs"), "{shown:?}");

    let mut quiet = batch.to_vec();
    quiet.push("--quiet");
    let shown = on_a_terminal(&quiet);
    assert_eq!(shown.trim(), "", "--quiet shows nothing");
}

/// Chromium: `WASL_CHROMIUM`, else Debian's `chromium`.
fn chromium(dir: &Path, args: &[&str]) -> Output {
    let program = std::env::var("WASL_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let profile = dir.join("profile");
    let mut all = vec![
        "--headless".to_string(),
        // Root (CI) cannot use Chromium's sandbox; the page is our own.
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--no-first-run".into(),
        "--hide-scrollbars".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    all.extend(args.iter().map(|a| a.to_string()));
    let out = Command::new(&program)
        .args(&all)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} ({e}): install Debian's chromium, or set WASL_CHROMIUM")
        });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs after the page has loaded and writes what the layout engine made
/// of it into a `<pre id="probe">`, for `--dump-dom` to hand back: the
/// computed direction of the first sentence of each side, and where its
/// first and last characters and its cell are on screen.
const PROBE: &str = r#"<script>
addEventListener("load", () => {
  const place = (p) => {
    const t = [...p.childNodes].find((n) => n.nodeType === 3);
    const r = document.createRange();
    r.setStart(t, 0); r.setEnd(t, 1);
    const first = r.getBoundingClientRect();
    r.setStart(t, t.length - 1); r.setEnd(t, t.length);
    const last = r.getBoundingClientRect();
    const cell = p.getBoundingClientRect();
    return { dir: getComputedStyle(p).direction, first: first.left, last: last.left,
             left: cell.left, right: cell.right };
  };
  const out = {
    ar: place(document.querySelector("div.b .t[lang=ar] p")),
    en: place(document.querySelector("div.b .t[lang=en] p")),
    arColumn: document.querySelector("div.b .t[lang=ar]").getBoundingClientRect().left,
    enColumn: document.querySelector("div.b .t[lang=en]").getBoundingClientRect().left,
    beads: document.querySelectorAll("div.b").length,
    shown: {},
    rects: document.querySelectorAll("figure.path rect").length,
    svg: document.querySelector("figure.path svg").getBoundingClientRect().width,
  };
  // The filters, as a reader clicks them (their labels).
  for (const f of ["fu90", "fu50", "fone", "fall"]) {
    document.querySelector(`label[for=${f}]`).click();
    out.shown[f] = [...document.querySelectorAll("div.b")]
      .filter((b) => getComputedStyle(b).display !== "none").length;
  }
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
});
</script>
"#;

#[test]
#[ignore = "needs Chromium (Debian: chromium, fonts-noto-core); run by .ci/run"]
fn chromium_renders_the_sample_page_with_arabic_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let page_path = dir.path().join("review.html");
    wasl_ok(&["align", DOC, "-o", path_str(&page_path)]);
    let page = fs::read_to_string(&page_path).unwrap();

    // The screenshot: not blank, and in colour (the score colours).
    let shot = dir.path().join("shot.png");
    chromium(
        dir.path(),
        &[
            "--window-size=1280,1000",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page_path.display()),
        ],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let ink = pixels
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 200))
        .count();
    let coloured = pixels
        .iter()
        .filter(|p| p[1] as i32 - p[0] as i32 > 40 && p[1] as i32 - p[2] as i32 > 40)
        .count();
    let share = ink as f64 / pixels.len() as f64;
    assert!(
        share > 0.02,
        "the screenshot is blank: {share:.4} of it inked"
    );
    assert!(coloured > 500, "no green score colour: {coloured} pixels");

    // The layout, measured by the browser.
    let probed = dir.path().join("probe.html");
    fs::write(&probed, page.replace("</body>", &format!("{PROBE}</body>"))).unwrap();
    let out = chromium(
        dir.path(),
        &[
            "--virtual-time-budget=10000",
            "--dump-dom",
            &format!("file://{}", probed.display()),
        ],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let html = Html::parse_document(&dom);
    let json: String = html
        .select(&sel("pre#probe"))
        .next()
        .unwrap_or_else(|| panic!("the probe ran: {dom:.2000}"))
        .text()
        .collect();
    let v: serde_json::Value = serde_json::from_str(&json).expect("the probe's JSON");
    let f = |side: &str, k: &str| v[side][k].as_f64().expect("a number");
    assert_eq!(v["ar"]["dir"], "rtl", "{v}");
    assert_eq!(v["en"]["dir"], "ltr", "{v}");
    // Arabic starts at the right of its cell and runs leftwards; English
    // starts at the left and runs rightwards.
    let (ar_mid, en_mid) = (
        (f("ar", "left") + f("ar", "right")) / 2.0,
        (f("en", "left") + f("en", "right")) / 2.0,
    );
    assert!(f("ar", "first") > ar_mid, "Arabic starts on the right: {v}");
    assert!(
        f("ar", "first") > f("ar", "last"),
        "Arabic runs leftwards: {v}"
    );
    assert!(f("en", "first") < en_mid, "English starts on the left: {v}");
    assert!(
        f("en", "first") < f("en", "last"),
        "English runs rightwards: {v}"
    );
    assert!(
        v["arColumn"].as_f64() < v["enColumn"].as_f64(),
        "side by side: {v}"
    );
    assert_eq!(v["beads"], 18, "{v}");
    assert_eq!(v["rects"], 18, "{v}");
    // Filters: as many beads as scored below each mark (or are one-sided).
    let scores: Vec<f64> = csv_beads(&wasl_ok(&["align", DOC]))
        .iter()
        .map(|b| b.score.parse().unwrap())
        .collect();
    let below = |x: f64| scores.iter().filter(|&&s| s < x).count();
    assert_eq!(v["shown"]["fu90"], below(0.9), "{v}");
    assert_eq!(v["shown"]["fu50"], below(0.5), "{v}");
    assert_eq!(v["shown"]["fone"], 0, "{v}");
    assert_eq!(v["shown"]["fall"], 18, "{v}");
    assert!(v["svg"].as_f64().unwrap() > 100.0, "the path picture: {v}");
}
