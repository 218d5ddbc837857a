//! Part III, Writing your own futures: small futures by hand and the
//! contract of `poll`.
