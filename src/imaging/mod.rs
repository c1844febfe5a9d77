//! Perceptual photo matching: safe decoding, multi-view perceptual fingerprints and a fast
//! index to find stolen / stock profile photos (offline reverse image search).
//!
//! Reference photos are stored as a [`Fingerprint`] (whole frame + three central crops,
//! each a 64-bit pHash and a 40-bit double-gradient hash). A query photo becomes a [`Probe`]
//! with more views (mirrored, crops, detected screenshot rectangle); [`distance`] is the
//! minimum over view pairs, and `<= MATCH_THRESHOLD` is a match.

mod decode;
mod hash;
mod index;
pub mod views;

pub use decode::{ImageError, MAX_ALLOC, MAX_BYTES, MAX_SIDE, decode_untrusted, sniff_format};
pub use hash::{
    CROP_SCALES, Fingerprint, MATCH_THRESHOLD, Probe, ROTATED_SCALE, ROTATIONS, VIEW_SIDE, ViewHash, ViewKind,
    distance, fingerprint, fingerprint_and_probe, probe,
};
pub use index::PhotoIndex;

#[cfg(test)]
mod tests;
