//! Bytes to text: UTF-8, UTF-16 by its byte-order mark, or an encoding
//! the user names.
//!
//! wasl works on UTF-8 text, and nearly all input is UTF-8. Two other
//! kinds are common with Arabic: "Unicode Text" as Word and many Windows
//! tools save it (UTF-16 with a byte-order mark), and the legacy code pages
//! archives are still full of (windows-1256, ISO-8859-6). A file that
//! starts with a UTF-16 byte-order mark is read as UTF-16, always; any
//! other encoding is read when the user names it (`--encoding`, the WHATWG
//! Encoding Standard's labels, decoded by `encoding_rs`, the decoder
//! Firefox uses). wasl never decodes a legacy encoding on a guess: a wrong
//! guess would silently give wrong text. It guesses only to say which
//! `--encoding` to try when bytes are not UTF-8.
//!
//! Text decoded from anything but UTF-8 is a new string, so byte spans
//! index that UTF-8 text, not the file ([`Decoded::offset`] is 0 for it).

use std::path::Path;

pub use encoding_rs::Encoding;
use encoding_rs::{DecoderResult, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};
use crate::input::line_of;
use crate::langcheck::Writing;

/// Text decoded from a file's bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Bytes of the file before `text` starts when the file is UTF-8 (3
    /// for a byte-order mark, else 0), so spans plus this index the file.
    /// 0 for text decoded from another encoding: its spans index `text`.
    pub offset: usize,
    /// The encoding the bytes were read as.
    pub encoding: &'static Encoding,
}

/// The encoding a WHATWG label names (`windows-1256`, `iso-8859-6`,
/// `utf-16le`, `cp1256`, `arabic`, …), for `--encoding`.
///
/// ```
/// let e = wasl::encoding::for_label("CP1256").unwrap();
/// assert_eq!(e.name(), "windows-1256");
/// assert!(wasl::encoding::for_label("klingon").is_err());
/// ```
pub fn for_label(label: &str) -> std::result::Result<&'static Encoding, String> {
    match Encoding::for_label_no_replacement(label.trim().as_bytes()) {
        Some(e) => Ok(e),
        None => Err(format!(
            "'{label}' is not an encoding wasl knows: use a WHATWG name such as utf-8, \
             utf-16le, utf-16be, windows-1256, iso-8859-6, windows-1252, iso-8859-1"
        )),
    }
}

/// Decodes `bytes` read from `path`: UTF-16 when they start with its
/// byte-order mark, else `declared` (UTF-8 when `None`). Errors name the
/// file, the byte and the line, and for bytes that are not UTF-8 but look
/// like a known encoding, which `--encoding` to try. A NUL character is an
/// error in every encoding: no text format wasl reads holds one.
pub fn decode(path: &Path, bytes: Vec<u8>, declared: Option<&'static Encoding>) -> Result<Decoded> {
    let bom = if bytes.starts_with(b"\xFF\xFE") {
        Some(UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(UTF_16BE)
    } else if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some(UTF_8)
    } else {
        None
    };
    let encoding = bom.or(declared).unwrap_or(UTF_8);
    if encoding == UTF_8 {
        return decode_utf8(path, bytes);
    }
    let body = &bytes[if bom.is_some() { 2 } else { 0 }..];
    let text = match strict(encoding, body) {
        Ok(t) => t,
        Err((offset, so_far)) => {
            return Err(Error::Decode {
                path: path.to_path_buf(),
                what: format!("invalid {}", encoding.name()),
                offset: offset + (bytes.len() - body.len()),
                line: line_of(so_far.as_bytes(), so_far.len()),
                hint: String::new(),
            })
        }
    };
    if let Some(at) = text.find('\0') {
        return Err(Error::Decode {
            path: path.to_path_buf(),
            what: "NUL character".into(),
            offset: at,
            line: line_of(text.as_bytes(), at),
            hint: format!(
                " of the text decoded from {}; is this a binary file?",
                encoding.name()
            ),
        });
    }
    Ok(Decoded {
        text,
        offset: 0,
        encoding,
    })
}

/// UTF-8, validated in place (no copy), a byte-order mark dropped.
fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = line_of(&bytes, offset);
            return Err(match guess(&bytes) {
                Some((encoding, what)) => Error::Decode {
                    path: path.to_path_buf(),
                    what: "invalid UTF-8".into(),
                    offset,
                    line,
                    hint: format!(
                        "; it looks like {what}: try --encoding {}",
                        encoding.name().to_ascii_lowercase()
                    ),
                },
                None => Error::Utf8 {
                    path: path.to_path_buf(),
                    offset,
                    line,
                },
            });
        }
    };
    // `contains` on bytes is a vectorised memchr; the position is only
    // needed for the error.
    if text.as_bytes().contains(&0) {
        let offset = text.bytes().position(|b| b == 0).unwrap_or(0);
        let line = line_of(text.as_bytes(), offset);
        return Err(match utf16_without_bom(text.as_bytes()) {
            Some(e) => Error::Decode {
                path: path.to_path_buf(),
                what: "NUL byte".into(),
                offset,
                line,
                hint: format!(
                    "; it looks like {} without a byte-order mark: try --encoding {}",
                    e.name(),
                    e.name().to_ascii_lowercase()
                ),
            },
            None => Error::Nul {
                path: path.to_path_buf(),
                offset,
                line,
            },
        });
    }
    let (text, offset) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest.to_string(), 3),
        None => (text, 0),
    };
    Ok(Decoded {
        text,
        offset,
        encoding: UTF_8,
    })
}

/// Decodes without replacement characters: the text, or the byte offset
/// of the first malformed sequence and the text decoded before it.
fn strict(
    encoding: &'static Encoding,
    bytes: &[u8],
) -> std::result::Result<String, (usize, String)> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // `None` only on overflow, for inputs far beyond memory anyway.
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX / 2);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => Err((read - bad as usize - after as usize, text)),
        // The buffer was sized for the worst case; report where it stopped.
        DecoderResult::OutputFull => Err((read, text)),
    }
}

/// UTF-16 without a byte-order mark: many NUL bytes, nearly all on one
/// parity (the high byte of ASCII characters, white space included).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let nuls = even + odd;
    if nuls * 20 < head.len() || head.len() < 8 {
        return None;
    }
    if odd * 10 >= nuls * 9 {
        Some(UTF_16LE)
    } else if even * 10 >= nuls * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Legacy encodings the error for non-UTF-8 bytes may suggest, in the
/// order they are tried, with what each is for and the script its
/// letters above ASCII are in.
const LEGACY: [(&str, &str, Writing); 6] = [
    (
        "windows-1256",
        "windows-1256 (Arabic, Windows)",
        Writing::Arabic,
    ),
    ("iso-8859-6", "ISO-8859-6 (Arabic)", Writing::Arabic),
    (
        "windows-1252",
        "windows-1252 (Western European)",
        Writing::Latin,
    ),
    ("windows-1251", "windows-1251 (Cyrillic)", Writing::Cyrillic),
    ("iso-8859-7", "ISO-8859-7 (Greek)", Writing::Greek),
    ("windows-1255", "windows-1255 (Hebrew)", Writing::Hebrew),
];

/// Which legacy encoding bytes that are not UTF-8 look like: the first of
/// [`LEGACY`] that decodes them cleanly into text that reads like its
/// script — nearly all letters above ASCII in that script, no control
/// characters, mostly lower case where the script has case, and for the
/// Latin code page, accented letters a minority (Arabic read as
/// windows-1252 is all accented capitals).
fn guess(bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    let head = &bytes[..bytes.len().min(1 << 20)];
    if let Some(e) = utf16_without_bom(head) {
        let what = if e == UTF_16LE {
            "UTF-16LE without a byte-order mark"
        } else {
            "UTF-16BE without a byte-order mark"
        };
        return Some((e, what));
    }
    for (label, what, script) in &LEGACY {
        let encoding = Encoding::for_label(label.as_bytes())?;
        // A cut-off last character is no evidence against the encoding.
        let Ok(text) = strict(encoding, head).or_else(|(at, t)| {
            if head.len() - at < 4 && head.len() == bytes.len().min(1 << 20) {
                Ok(t)
            } else {
                Err(())
            }
        }) else {
            continue;
        };
        let (mut letters, mut high, mut in_script, mut lower, mut cased, mut odd) =
            (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
        for c in text.chars() {
            if c.is_alphabetic() {
                letters += 1;
            }
            if c.is_ascii() {
                continue;
            }
            if c.is_control() || c == '\u{FFFD}' {
                odd += 1;
            } else if c.is_alphabetic() {
                high += 1;
                if Writing::of(c) == Some(*script) {
                    in_script += 1;
                }
                if c.is_lowercase() {
                    lower += 1;
                    cased += 1;
                } else if c.is_uppercase() {
                    cased += 1;
                }
            }
        }
        let plausible = high >= 3
            && odd * 100 <= high
            && in_script * 10 >= high * 9
            && (cased == 0 || lower * 5 >= cased * 3)
            && (*script != Writing::Latin || high * 10 <= letters * 3);
        if plausible {
            return Some((encoding, what));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const ARABIC: &str = "نقلت شبكة سي إن إن عن مصادر مطلعة أن مسؤولين أمريكيين ناقشوا الأمر.\nوقال الرئيس: «سأفعل ذلك».\n";

    #[test]
    fn utf16_with_a_bom_is_read_whatever_is_declared() {
        for le in [true, false] {
            let d = decode(Path::new("x"), utf16(ARABIC, le, true), None).unwrap();
            assert_eq!(d.text, ARABIC);
            assert_eq!(d.offset, 0);
            let e = for_label("windows-1256").unwrap();
            assert_eq!(
                decode(Path::new("x"), utf16(ARABIC, le, true), Some(e))
                    .unwrap()
                    .text,
                ARABIC
            );
        }
    }

    #[test]
    fn a_named_encoding_is_decoded() {
        for label in ["windows-1256", "iso-8859-6"] {
            let e = for_label(label).unwrap();
            let text = ARABIC.replace(['«', '»'], "\"");
            let (bytes, _, bad) = e.encode(&text);
            assert!(!bad);
            let d = decode(Path::new("x"), bytes.into_owned(), Some(e)).unwrap();
            assert_eq!(d.text, text);
        }
    }

    #[test]
    fn not_utf8_says_which_encoding_to_try() {
        let cases = [
            ("windows-1256", ARABIC.replace(['«', '»'], "\"")),
            ("iso-8859-6", ARABIC.replace(['«', '»'], "\"")),
            ("windows-1252", "Der Gipfel war frei. Wir sind um fünf Uhr aufgebrochen; über uns lag Zermatt, größer als gedacht.".to_string()),
            ("windows-1251", "Комитет заявил, что доклад не был готов к заседанию.".to_string()),
        ];
        for (label, text) in cases {
            let e = for_label(label).unwrap();
            let (bytes, _, bad) = e.encode(&text);
            assert!(!bad, "{label}");
            let msg = decode(Path::new("f.txt"), bytes.into_owned(), None)
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains("f.txt: invalid UTF-8 at byte")
                    && msg.contains(&format!("--encoding {label}")),
                "{label}: {msg}"
            );
        }
        let msg = decode(Path::new("f.txt"), utf16(ARABIC, true, false), None)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("--encoding utf-16le"), "{msg}");
        // Random high bytes look like nothing: no suggestion.
        let msg = decode(Path::new("f.txt"), b"ok \xff\xfe\x80\x81 no".to_vec(), None)
            .unwrap_err()
            .to_string();
        assert!(!msg.contains("--encoding "), "{msg}");
    }

    #[test]
    fn a_bad_byte_in_a_named_encoding_is_placed() {
        let e = for_label("iso-8859-6").unwrap();
        // 0xA1 is unassigned in ISO-8859-6.
        let msg = decode(Path::new("f.txt"), b"ab\ncd\xA1".to_vec(), Some(e))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("invalid ISO-8859-6 at byte 5 (line 2)"),
            "{msg}"
        );
    }
}
