//! Scoring alignments against gold (strict and lax precision/recall/F1).
