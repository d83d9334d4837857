//! The core's errors as Python exceptions, with the core's message.
//!
//! A file the operating system could not read or write is an `OSError`
//! (the subclass Python picks from the errno, `FileNotFoundError` and the
//! like); everything else the core refuses — invalid UTF-8, a NUL byte, an
//! empty side, a bilingual text with one language missing, a malformed
//! bead or dictionary line, an impossible request — is a `ValueError`.

use std::io::ErrorKind;

use pyo3::exceptions::{
    PyFileExistsError, PyFileNotFoundError, PyIsADirectoryError, PyNotADirectoryError, PyOSError,
    PyPermissionError, PyValueError,
};
use pyo3::prelude::*;

/// The Python exception for a core error.
pub fn to_py(e: wasl::Error) -> PyErr {
    let message = e.to_string();
    match &e {
        wasl::Error::Io { source, .. } => match source.raw_os_error() {
            // `OSError(errno, message)` becomes the errno's subclass
            // (FileNotFoundError, PermissionError, …) by itself; the
            // message already names the path.
            Some(errno) => PyOSError::new_err((errno, message)),
            // An error the core made up (no errno) still gets the subclass
            // of its kind.
            None => match source.kind() {
                ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                ErrorKind::IsADirectory => PyIsADirectoryError::new_err(message),
                ErrorKind::NotADirectory => PyNotADirectoryError::new_err(message),
                ErrorKind::AlreadyExists => PyFileExistsError::new_err(message),
                _ => PyOSError::new_err(message),
            },
        },
        _ => PyValueError::new_err(message),
    }
}

/// An I/O error from a writer (the core's writers return `io::Result`),
/// named by the path it happened on.
pub fn io_to_py(path: &std::path::Path, e: std::io::Error) -> PyErr {
    if e.kind() == std::io::ErrorKind::InvalidData || e.kind() == std::io::ErrorKind::InvalidInput {
        // The writers' own refusals (a bead pointing past its side), not
        // the operating system's.
        return PyValueError::new_err(format!("{}: {e}", path.display()));
    }
    to_py(wasl::Error::io(path, e))
}

/// `Result` of the core, as a `PyResult`.
pub trait IntoPy<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for wasl::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

/// The Python type name of `obj`, for "expected …, not TYPE" messages
/// (`?` if Python cannot tell it).
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string())
}
