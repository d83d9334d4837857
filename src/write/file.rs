//! Output files: written whole or not at all, never over an input.
//!
//! Three promises, kept here for every writer:
//!
//! - **Atomic**: output goes to a temporary file beside the target, renamed
//!   over it only when complete, so an interrupted or failed run leaves the
//!   old file (or none), never half a TMX.
//! - **The file stays the user's**: a replaced file keeps its permission
//!   bits (a mode-600 TMX stays 600) and, where the process may set them,
//!   its owner and group. A device, FIFO or process substitution is written
//!   in place (renaming over `/dev/null` as root would replace the device
//!   with a regular file); a symbolic link keeps pointing where it did.
//! - **Never over an input**: [`check_outputs`] compares every file a run
//!   will write with every file it reads, as files (device and inode), not
//!   as names, so `./x.ar`, a symbolic link or a hard link to an input are
//!   caught too. The command line calls it before anything is read or
//!   written.

use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Refuses a run that would write over a file it reads: every path in
/// `outputs` that names the same file as a path in `inputs` is an
/// [`Error::OutputIsInput`] naming both.
///
/// Only regular input files are compared: standard input and a terminal
/// can be both read and written (`/dev/stdin` and `/dev/stdout` are one
/// terminal), and an output that does not exist yet cannot be an input.
///
/// ```
/// use std::path::PathBuf;
/// let dir = tempfile::tempdir().unwrap();
/// let input = dir.path().join("doc.ar");
/// std::fs::write(&input, "نص").unwrap();
/// let same = dir.path().join(".").join("doc.ar");
/// assert!(wasl::write::check_outputs(&[same], &[input.clone()]).is_err());
/// assert!(wasl::write::check_outputs(&[dir.path().join("out.csv")], &[input]).is_ok());
/// ```
pub fn check_outputs(outputs: &[PathBuf], inputs: &[PathBuf]) -> Result<()> {
    let inputs: Vec<(&PathBuf, Metadata)> = inputs
        .iter()
        .filter_map(|p| Some((p, std::fs::metadata(p).ok()?)))
        .filter(|(_, m)| m.is_file())
        .collect();
    if inputs.is_empty() {
        return Ok(());
    }
    for output in outputs {
        let Ok(meta) = std::fs::metadata(output) else {
            continue;
        };
        for (input, input_meta) in &inputs {
            if same_file(output, &meta, input, input_meta) {
                return Err(Error::OutputIsInput {
                    output: output.clone(),
                    input: (*input).clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(_: &Path, a: &Metadata, _: &Path, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Path, _: &Metadata, b: &Path, _: &Metadata) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Where the bytes for `path` go.
pub(crate) enum Target {
    /// Not a regular file (a device, a FIFO): write into it as it is.
    InPlace,
    /// A regular file to create or replace by renaming a temporary file
    /// over `file` (the path with symbolic links resolved). `existing` is
    /// the file being replaced, whose mode and owner the new one keeps.
    Replace {
        file: PathBuf,
        existing: Option<Metadata>,
    },
}

/// Decides how `path` is written; a directory is an error naming it.
pub(crate) fn target(path: &Path) -> Result<Target> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::io(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
        )),
        Ok(meta) if !meta.is_file() => Ok(Target::InPlace),
        Ok(meta) => Ok(Target::Replace {
            file: std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
            existing: Some(meta),
        }),
        Err(_) => Ok(Target::Replace {
            file: path.to_path_buf(),
            existing: None,
        }),
    }
}

/// A temporary file in `file`'s directory, to be renamed over `file`, with
/// the permissions (and, where allowed, the owner) of `existing`.
pub(crate) fn temp_beside(
    file: &Path,
    existing: Option<&Metadata>,
) -> Result<tempfile::NamedTempFile> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".wasl-");
    // tempfile creates files readable by their owner only. A new output is
    // for sharing, so it gets the mode a plain `File::create` gets (0666
    // less the umask, which the kernel applies); a replaced file keeps its
    // own mode, which the umask must not narrow, so it is set again below.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).map_err(|e| {
        // tempfile's error names its random temporary file, which means
        // nothing to the user: say what is wrong with the directory instead.
        let message = if dir.is_dir() {
            // `From<ErrorKind>` gives the kind's plain description
            // ("permission denied", "no storage space").
            let reason = io::Error::from(e.kind());
            format!("cannot create a file in {}: {reason}", dir.display())
        } else {
            format!("no such directory: {}", dir.display())
        };
        Error::io(file, io::Error::new(e.kind(), message))
    })?;
    if let Some(meta) = existing {
        keep_owner_and_mode(tmp.as_file(), meta).map_err(|e| Error::io(file, e))?;
    }
    Ok(tmp)
}

/// Gives `file` the owner, group and mode of `meta`. The owner and group
/// are set first (changing them can clear set-id bits) and only as far as
/// the process may: an ordinary user cannot give a file away, and then the
/// new file is theirs, as it is after any editor's save-by-rename.
fn keep_owner_and_mode(file: &std::fs::File, meta: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            // Not allowed to give it away: keep at least the group if we
            // belong to it, and otherwise leave our own.
            let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
        }
        file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(meta.permissions())
    }
}

/// Writes a file atomically: `body` writes into a temporary file in the
/// same directory, which is renamed over `path` only when `body` succeeded.
/// An interrupted or failed run therefore never leaves a truncated output;
/// a replaced file keeps its mode (see the module doc).
pub fn write_atomically<F>(path: &Path, body: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let (file, existing) = match target(path)? {
        Target::InPlace => return write_in_place(path, body),
        Target::Replace { file, existing } => (file, existing),
    };
    let tmp = temp_beside(&file, existing.as_ref())?;
    let mut w = io::BufWriter::new(tmp);
    body(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(path, e))?;
    let tmp = w
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    tmp.persist(&file).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes straight into a file that is not a regular file (a device or a
/// pipe), where there is nothing to truncate and no rename is possible.
fn write_in_place<F>(path: &Path, body: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let mut w = io::BufWriter::new(file);
    body(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_dotted_names_of_an_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("doc.ar");
        std::fs::write(&input, "x").unwrap();
        let hard = dir.path().join("hard");
        std::fs::hard_link(&input, &hard).unwrap();
        let mut names = vec![hard, dir.path().join("sub/../doc.ar")];
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft");
            std::os::unix::fs::symlink(&input, &soft).unwrap();
            names.push(soft);
        }
        for name in names {
            let err = check_outputs(std::slice::from_ref(&name), std::slice::from_ref(&input))
                .unwrap_err();
            assert!(
                matches!(&err, Error::OutputIsInput { output, input: i } if *output == name && i == &input),
                "{err}"
            );
        }
        let other = dir.path().join("other");
        std::fs::write(&other, "x").unwrap();
        check_outputs(&[other], &[input]).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&out, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
