//! wasl's Python face: the `wasl._wasl` extension module.
//!
//! The binding only converts: Python strings and lists become the core's
//! [`Side`](wasl::Side)s, the core's [`Alignment`](wasl::Alignment)s become
//! [`Bead`](bead::Bead) objects, the core's errors become Python
//! exceptions ([`error`]). Every decision about text — segmentation,
//! alignment, the output formats, scoring — is the core's.
//!
//! Work that can take long runs outside the GIL on a worker thread, while
//! the calling thread waits in short slices and checks for signals between
//! them, so other Python threads run meanwhile and Ctrl-C interrupts the
//! wait ([`run`]).

mod align;
mod bead;
mod error;
mod eval;
mod run;
mod segment;
mod write;

use pyo3::prelude::*;

#[pymodule]
fn _wasl(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<bead::Bead>()?;
    m.add_class::<segment::Sentence>()?;
    m.add_class::<eval::Prf>()?;
    m.add_class::<eval::Evaluation>()?;
    m.add_class::<align::Dictionary>()?;
    m.add_function(wrap_pyfunction!(align::align, m)?)?;
    m.add_function(wrap_pyfunction!(align::align_file, m)?)?;
    m.add_function(wrap_pyfunction!(align::align_batch, m)?)?;
    m.add_function(wrap_pyfunction!(segment::segment, m)?)?;
    m.add_function(wrap_pyfunction!(segment::overlaps, m)?)?;
    m.add_function(wrap_pyfunction!(eval::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(write::write, m)?)?;
    m.add_function(wrap_pyfunction!(write::dumps, m)?)?;
    Ok(())
}
