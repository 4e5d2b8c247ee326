//! Dates as written in news (`Written on 02/02/2026`, `February 3, 2026`,
//! `Feb. 3, 2026`, `3 February 2026`, `2026-02-03`) normalised to ISO 8601.
//!
//! Ambiguous numeric dates: `02/03/2026` is read month-first, as US news
//! writes it, unless the first number cannot be a month (> 12), in which case
//! it is day-first (`23/02/2026`). With dots as separators (`03.02.2026`) the
//! European day-first convention is assumed, since US writing never uses dots.
//! Two-digit years are not accepted: `1/2/26` is too easily something else.
//! Month names are English or Spanish (`3 de febrero de 2026`); a weekday in
//! front is simply skipped over.

use std::ops::Range;

/// The ISO form (`YYYY-MM-DD`) of the first date found in `s`, if any.
pub fn find_date(s: &str) -> Option<String> {
    find_date_at(s).map(|(_, iso)| iso)
}

/// The ISO form of `s` when `s` is, apart from surrounding spaces and
/// punctuation, exactly one date.
pub fn normalize(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let (r, iso) = find_date_at(t)?;
    let rest = &t[r.end..];
    (r.start == 0
        && rest
            .trim_matches(|c: char| c.is_whitespace() || c == '.')
            .is_empty())
    .then_some(iso)
}

/// The byte range and ISO form of the first date found in `s`.
pub fn find_date_at(s: &str) -> Option<(Range<usize>, String)> {
    // Every form read here has a four-digit year: most lines asked about
    // have none, and need no closer look.
    let mut run = 0;
    if !s.bytes().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    }) {
        return None;
    }
    let toks = tokens(s);
    for (i, t) in toks.iter().enumerate() {
        // A date never starts in the middle of a word or a number.
        let found = match t.kind {
            Kind::Num(_) => numeric(s, t.start).or_else(|| day_month_year(s, &toks, i)),
            Kind::Word => month_day_year(s, &toks, i),
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num(u32),
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// ASCII digit runs and ASCII letter runs; everything else separates. Runs
/// glued to non-ASCII letters are still tokens, which is harmless: they only
/// matter when they spell a month or a plausible number.
fn tokens(s: &str) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // Long digit runs are ids or phone numbers, never part of a date.
            let n = if i - st <= 4 {
                s[st..i].parse().unwrap_or(u32::MAX)
            } else {
                u32::MAX
            };
            out.push(Tok {
                kind: Kind::Num(n),
                start: st,
                end: i,
            });
        } else if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Tok {
                kind: Kind::Word,
                start: st,
                end: i,
            });
        } else {
            i += 1;
        }
    }
    out
}

fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 || word.len() > 10 {
        return None;
    }
    const NAMES: [(&str, u32); 36] = [
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("sept", 9),
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        ("ene", 1),
        ("abr", 4),
        ("ago", 8),
        ("dic", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
    ];
    const SHORT: [(&str, u32); 5] = [("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12)];
    NAMES
        .iter()
        .chain(SHORT.iter())
        .find(|(n, _)| n.eq_ignore_ascii_case(word))
        .map(|&(_, m)| m)
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    ((1900..=2199).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in(month, year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Reads a run of 1..=max digits at `i`.
fn digits(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() && j - i < max {
        j += 1;
    }
    if j == i || (j < b.len() && b[j].is_ascii_digit()) {
        return None;
    }
    let mut n = 0u32;
    for &d in &b[i..j] {
        n = n * 10 + u32::from(d - b'0');
    }
    Some((n, j))
}

/// `YYYY-MM-DD` (also with `/` or `.`) or `M/D/YYYY`, `D.M.YYYY`, … at `at`.
fn numeric(s: &str, at: usize) -> Option<(Range<usize>, String)> {
    let b = s.as_bytes();
    let (first, i1) = digits(b, at, 4)?;
    let sep = *b.get(i1)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let (second, i2) = digits(b, i1 + 1, 2)?;
    if b.get(i2) != Some(&sep) {
        return None;
    }
    if i1 - at == 4 {
        let (day, i3) = digits(b, i2 + 1, 2)?;
        return iso(first, second, day).map(|d| (at..i3, d));
    }
    let (year, i3) = digits(b, i2 + 1, 4)?;
    if i3 - (i2 + 1) != 4 {
        return None;
    }
    let (month, day) = if sep == b'.' || first > 12 {
        (second, first)
    } else {
        (first, second)
    };
    iso(year, month, day).map(|d| (at..i3, d))
}

/// Gap between two tokens: at most a few spaces, commas and dots.
fn small_gap(s: &str, a: &Tok, b: &Tok) -> bool {
    let g = &s[a.end..b.start];
    g.len() <= 3 && g.chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}'))
}

fn is_word(s: &str, t: &Tok, options: &[&str]) -> bool {
    t.kind == Kind::Word && options.iter().any(|o| s[t.start..t.end].eq_ignore_ascii_case(o))
}

/// Index of the token after a day number, skipping an ordinal suffix glued
/// to it (`3rd`).
fn after_day(s: &str, toks: &[Tok], i: usize) -> usize {
    match toks.get(i + 1) {
        Some(t) if t.start == toks[i].end && is_word(s, t, &["st", "nd", "rd", "th"]) => i + 2,
        _ => i + 1,
    }
}

fn year_at(toks: &[Tok], i: usize) -> Option<u32> {
    match toks.get(i)?.kind {
        Kind::Num(y) if toks[i].end - toks[i].start == 4 => Some(y),
        _ => None,
    }
}

/// `February 3, 2026`, `Feb. 3 2026`, `febrero 3 de 2026`.
fn month_day_year(s: &str, toks: &[Tok], i: usize) -> Option<(Range<usize>, String)> {
    let month = month_of(&s[toks[i].start..toks[i].end])?;
    let d = toks.get(i + 1)?;
    let Kind::Num(day) = d.kind else { return None };
    if !small_gap(s, &toks[i], d) || d.end - d.start > 2 {
        return None;
    }
    let after = after_day(s, toks, i + 1);
    let (j, prev) = skip_connector(s, toks, after, toks[after - 1], &["de", "of"]);
    let y = toks.get(j)?;
    let year = year_at(toks, j)?;
    if !small_gap(s, &prev, y) {
        return None;
    }
    iso(year, month, day).map(|d| (toks[i].start..y.end, d))
}

/// Steps over an optional connector word (`de`, `of`) at `j` that follows
/// `prev` closely: the index after it and the token before what comes next.
fn skip_connector(s: &str, toks: &[Tok], j: usize, prev: Tok, words: &[&str]) -> (usize, Tok) {
    match toks.get(j) {
        Some(t) if is_word(s, t, words) && small_gap(s, &prev, t) => (j + 1, *t),
        _ => (j, prev),
    }
}

/// `3 February 2026`, `3rd of Feb. 2026`, `3 de febrero de 2026`.
fn day_month_year(s: &str, toks: &[Tok], i: usize) -> Option<(Range<usize>, String)> {
    let Kind::Num(day) = toks[i].kind else { return None };
    if toks[i].end - toks[i].start > 2 {
        return None;
    }
    let after = after_day(s, toks, i);
    let (j, prev) = skip_connector(s, toks, after, toks[after - 1], &["de", "of"]);
    let m = toks.get(j)?;
    if m.kind != Kind::Word || !small_gap(s, &prev, m) {
        return None;
    }
    let month = month_of(&s[m.start..m.end])?;
    let (k, prev) = skip_connector(s, toks, j + 1, *m, &["de", "del"]);
    let y = toks.get(k)?;
    let year = year_at(toks, k)?;
    if !small_gap(s, &prev, y) {
        return None;
    }
    iso(year, month, day).map(|d| (toks[i].start..y.end, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form() {
        let cases = [
            ("Written on 02/02/2026", "2026-02-02"),
            ("2026-02-03", "2026-02-03"),
            ("Published 2026-02-03T10:00:00Z", "2026-02-03"),
            ("February 3, 2026", "2026-02-03"),
            ("Feb. 3, 2026", "2026-02-03"),
            ("Feb 3 2026", "2026-02-03"),
            ("Tuesday, February 3rd, 2026 at 11 a.m.", "2026-02-03"),
            ("3 February 2026", "2026-02-03"),
            ("3rd of February, 2026", "2026-02-03"),
            ("3 Feb. 2026", "2026-02-03"),
            ("3 de febrero de 2026", "2026-02-03"),
            ("Sept. 30, 2025", "2025-09-30"),
            ("Updated: 29 Feb 2024", "2024-02-29"),
        ];
        for (s, want) in cases {
            assert_eq!(find_date(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn ambiguous_numeric_dates_are_month_first_unless_impossible() {
        assert_eq!(find_date("02/03/2026").as_deref(), Some("2026-02-03"));
        assert_eq!(find_date("23/02/2026").as_deref(), Some("2026-02-23"));
        assert_eq!(find_date("3.2.2026").as_deref(), Some("2026-02-03"));
        assert_eq!(find_date("2/3/26"), None);
    }

    #[test]
    fn impossible_or_partial_dates_are_not_dates() {
        for s in [
            "February 30, 2026",
            "13/13/2026",
            "2026-13-01",
            "May 2026",
            "in 2026 the",
            "may 3 people",
            "Call 555-12-2026",
            "12345/1/2026",
            "",
            "////",
            "Feb 3, 20261",
        ] {
            assert_eq!(find_date(s), None, "{s}");
        }
    }

    #[test]
    fn normalize_needs_the_whole_string() {
        assert_eq!(normalize(" Feb. 3, 2026. ").as_deref(), Some("2026-02-03"));
        assert_eq!(normalize("Written on 02/02/2026"), None);
        assert_eq!(normalize("3 February 2026 in Bogotá"), None);
    }

    #[test]
    fn range_points_at_the_date() {
        let s = "Written on 02/02/2026";
        let (r, _) = find_date_at(s).unwrap();
        assert_eq!(&s[r], "02/02/2026");
        let s = "Posted — Feb. 3, 2026, 9:00";
        let (r, _) = find_date_at(s).unwrap();
        assert_eq!(&s[r], "Feb. 3, 2026");
    }
}
