//! Reading NumPy `.npy` files: the matrices of sentence embeddings that
//! `--src-embed` and `--tgt-embed` name.
//!
//! The format (NumPy's `format.py`, versions 1 to 3) is a magic string, a
//! version, a header length, a Python dict literal such as
//! `{'descr': '<f4', 'fortran_order': False, 'shape': (812, 384), }`, and
//! the raw array. It is small enough to read here: a crate would add a
//! dependency (and its dependencies) for forty lines, and the errors a
//! user sees must name the file and say what is wrong in wasl's words.
//! Floats of 2, 4 and 8 bytes in either byte order are read, in C or
//! Fortran order; anything else (integers, objects, pickles) is refused.

use std::path::Path;

use crate::error::{Error, Result};

/// A 2-D matrix read from a `.npy` file, as `f32`, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f32>,
}

/// Reads a 2-D float matrix from the `.npy` file at `path`.
///
/// The data is converted as it is read, a block at a time: a file of
/// 100 000 sentences of 384 dimensions is 150 MB, and holding its bytes
/// beside its floats would double that.
pub fn read(path: &Path) -> Result<Matrix> {
    use std::io::Read;
    let fail = |message: String| Error::Embedding {
        path: path.to_path_buf(),
        message,
    };
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // The magic, version and header length, then the header.
    let mut head = vec![0u8; 12];
    let got = read_full(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    head.truncate(got);
    let (header, start) = header_of(&head).map_err(fail)?;
    let mut rest = vec![0u8; (start + header).saturating_sub(head.len())];
    read_full(&mut file, &mut rest).map_err(|e| Error::io(path, e))?;
    head.extend_from_slice(&rest);
    let layout = layout_of(&head, header, start).map_err(fail)?;
    let mut data = Vec::with_capacity(layout.rows * layout.cols);
    // Bytes of the body past the header already read (none: the header
    // was read exactly).
    let mut pending: Vec<u8> = head[(start + header).min(head.len())..].to_vec();
    let mut block = vec![0u8; 1 << 20];
    let mut total = pending.len();
    loop {
        let n = file.read(&mut block).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        total += n;
        pending.extend_from_slice(&block[..n]);
        let whole = pending.len() / layout.size * layout.size;
        if data.len() + whole / layout.size > layout.rows * layout.cols {
            break;
        }
        layout.convert(&pending[..whole], &mut data);
        pending.drain(..whole);
    }
    let need = layout.rows * layout.cols * layout.size;
    if total != need || !pending.is_empty() {
        return Err(fail(layout.size_message(need, total)));
    }
    Ok(layout.finish(data))
}

/// Reads until `buf` is full or the file ends; how many bytes it read.
fn read_full(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// Parses `.npy` bytes; the error says what is wrong, without the path.
pub fn parse(bytes: &[u8]) -> std::result::Result<Matrix, String> {
    let (header, start) = header_of(bytes)?;
    let layout = layout_of(bytes, header, start)?;
    let body = &bytes[start + header..];
    let need = layout.rows * layout.cols * layout.size;
    if body.len() != need {
        return Err(layout.size_message(need, body.len()));
    }
    let mut flat = Vec::with_capacity(layout.rows * layout.cols);
    layout.convert(body, &mut flat);
    Ok(layout.finish(flat))
}

/// What the header says about the data.
struct Layout {
    rows: usize,
    cols: usize,
    /// Bytes per value: 2, 4 or 8.
    size: usize,
    little: bool,
    fortran: bool,
}

impl Layout {
    /// Appends the values in `bytes` (whole values) to `out`. The common
    /// case, little-endian float32, is a loop of its own: reading embeddings
    /// of 100 000 sentences is 38 million of them.
    fn convert(&self, bytes: &[u8], out: &mut Vec<f32>) {
        if self.size == 4 && self.little {
            out.extend(
                bytes
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        } else {
            out.extend(bytes.chunks_exact(self.size).map(|c| self.value(c)));
        }
    }

    fn value(&self, c: &[u8]) -> f32 {
        let little = self.little;
        match self.size {
            2 => {
                let b = [c[0], c[1]];
                f16_to_f32(if little {
                    u16::from_le_bytes(b)
                } else {
                    u16::from_be_bytes(b)
                })
            }
            4 => {
                let b = [c[0], c[1], c[2], c[3]];
                if little {
                    f32::from_le_bytes(b)
                } else {
                    f32::from_be_bytes(b)
                }
            }
            _ => {
                let b: [u8; 8] = c.try_into().expect("chunks of 8");
                (if little {
                    f64::from_le_bytes(b)
                } else {
                    f64::from_be_bytes(b)
                }) as f32
            }
        }
    }

    fn size_message(&self, need: usize, got: usize) -> String {
        format!(
            "shape ({}, {}) of {}-byte floats needs {need} bytes of data, the file has {got}",
            self.rows, self.cols, self.size
        )
    }

    /// The matrix, row-major.
    fn finish(&self, flat: Vec<f32>) -> Matrix {
        let (rows, cols) = (self.rows, self.cols);
        let data = if self.fortran && rows > 1 && cols > 1 {
            // Column-major on disk: element (r, c) is at c * rows + r.
            let mut t = vec![0f32; rows * cols];
            for c in 0..cols {
                for r in 0..rows {
                    t[r * cols + c] = flat[c * rows + r];
                }
            }
            t
        } else {
            flat
        };
        Matrix { rows, cols, data }
    }
}

/// The header's length and where it starts, from the first 12 bytes.
fn header_of(bytes: &[u8]) -> std::result::Result<(usize, usize), String> {
    const MAGIC: &[u8] = b"\x93NUMPY";
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err("not a NumPy .npy file (no \\x93NUMPY magic at its start)".into());
    }
    let major = bytes[6];
    match major {
        1 => Ok((u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10)),
        2 | 3 if bytes.len() >= 12 => Ok((
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        )),
        _ => Err(format!(
            ".npy format version {major} is not one wasl reads (1 to 3)"
        )),
    }
}

/// The layout the header (`bytes[start..start + header_len]`) describes.
fn layout_of(bytes: &[u8], header_len: usize, start: usize) -> std::result::Result<Layout, String> {
    let header = bytes
        .get(start..start + header_len)
        .ok_or("the .npy header is cut short")?;
    let header = std::str::from_utf8(header).map_err(|_| "the .npy header is not text")?;
    let descr = dict_value(header, "descr").ok_or("the .npy header has no 'descr'")?;
    let descr = descr.trim_matches(|c| c == '\'' || c == '"');
    let fortran =
        dict_value(header, "fortran_order").ok_or("the .npy header has no 'fortran_order'")?;
    let fortran = match fortran {
        "True" => true,
        "False" => false,
        other => return Err(format!("the .npy header's fortran_order is {other}")),
    };
    let shape = dict_value(header, "shape").ok_or("the .npy header has no 'shape'")?;
    let dims: Vec<usize> = shape
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('L').parse::<usize>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| format!("the .npy header's shape {shape} is not a tuple of sizes"))?;
    let [rows, cols] = dims[..] else {
        return Err(format!(
            "shape {shape}: want a 2-D array (sentences, dimension), one row per sentence"
        ));
    };
    let (little, size) = match descr.as_bytes() {
        [b'<' | b'|', b'f', s] => (true, *s),
        [b'>', b'f', s] => (false, *s),
        _ => {
            return Err(format!(
                "dtype '{descr}': want float32 or float16 (float64 is read too)"
            ))
        }
    };
    let size = match size {
        b'2' => 2,
        b'4' => 4,
        b'8' => 8,
        _ => return Err(format!("dtype '{descr}': want float32 or float16")),
    };
    rows.checked_mul(cols)
        .and_then(|c| c.checked_mul(size))
        .ok_or_else(|| format!("shape {shape} is too large"))?;
    Ok(Layout {
        rows,
        cols,
        size,
        little,
        fortran,
    })
}

/// The text of `key`'s value in a Python dict literal: up to the next
/// comma outside parentheses, trimmed.
fn dict_value<'h>(header: &'h str, key: &str) -> Option<&'h str> {
    let at = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))?;
    let rest = &header[at + key.len() + 2..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let mut depth = 0;
    for (k, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | '}' if depth == 0 => return Some(rest[..k].trim()),
            _ => {}
        }
    }
    None
}

/// IEEE 754 half precision to single.
fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h >> 15) as u32) << 31;
    let exp = ((h >> 10) & 0x1f) as u32;
    let frac = (h & 0x3ff) as u32;
    let bits = match (exp, frac) {
        (0, 0) => sign,
        (0, f) => {
            // Subnormal: f · 2⁻²⁴, exact in single precision.
            let v = f as f32 / 16_777_216.0;
            return if sign != 0 { -v } else { v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, f) => sign | 0x7f80_0000 | (f << 13),
        (e, f) => sign | ((e + 127 - 15) << 23) | (f << 13),
    };
    f32::from_bits(bits)
}

/// `.npy` bytes of a float32 matrix (row-major): for tests and for tools
/// that write embeddings from Rust.
pub fn to_bytes(rows: usize, cols: usize, data: &[f32]) -> Vec<u8> {
    assert_eq!(data.len(), rows * cols, "data must hold rows × cols values");
    let mut header =
        format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
    // Magic, version, length and header pad to a multiple of 64, ending in \n.
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    for x in data {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_header(header: &str, body: &[u8]) -> Vec<u8> {
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn float32_round_trips() {
        let data = [1.0, -2.5, 3.25, 0.0, 1e-3, 7.0];
        let m = parse(&to_bytes(2, 3, &data)).unwrap();
        assert_eq!((m.rows, m.cols), (2, 3));
        assert_eq!(m.data, data);
    }

    #[test]
    fn float16_is_read_as_numpy_writes_it() {
        // np.array([[1, -2], [0.5, 65504]], dtype='<f2').tobytes()
        let body = [0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38, 0xff, 0x7b];
        let h = "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }\n";
        let m = parse(&with_header(h, &body)).unwrap();
        assert_eq!(m.data, [1.0, -2.0, 0.5, 65504.0]);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert!(f16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn fortran_order_is_transposed() {
        let body: Vec<u8> = [1f32, 3.0, 2.0, 4.0]
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        let h = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n";
        assert_eq!(
            parse(&with_header(h, &body)).unwrap().data,
            [1.0, 2.0, 3.0, 4.0]
        );
    }

    #[test]
    fn what_is_not_a_matrix_of_floats_is_refused_with_the_reason() {
        let err = |b: &[u8]| parse(b).unwrap_err();
        assert!(err(b"hello world").contains("not a NumPy"));
        let h1 = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n";
        assert!(err(&with_header(h1, &[0; 12])).contains("2-D"));
        let hi = "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }\n";
        assert!(err(&with_header(hi, &[0; 8])).contains("float32"));
        let h2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n";
        assert!(err(&with_header(h2, &[0; 12])).contains("needs 16 bytes"));
    }
}
