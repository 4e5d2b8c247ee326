//! Dates as written in news (`Written on 02/02/2026`, `February 3, 2026`,
//! ISO) normalised to ISO 8601.

/// The ISO form of a date found in `s`, if any.
pub fn find_date(_s: &str) -> Option<String> {
    None
}
