//! Neutralising text that could drive a terminal. Articles come from anywhere;
//! nothing in them may move the cursor, clear the screen, retitle the window or
//! write the clipboard, so every control character and bidi override is turned
//! into a visible stand-in at load, before any stage sees it.

use std::borrow::Cow;

/// Stand-in for C1 controls, bidi overrides and other invisible format
/// controls that have no control picture of their own.
pub const STAND_IN: char = '\u{2426}'; // ␦

/// True for chars that must never reach a terminal as they are.
#[inline]
pub fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}')
}

/// The visible stand-in for a hostile char.
pub fn stand_in(c: char) -> char {
    match c {
        // Control pictures: ␀ … ␟ for C0, ␡ for DEL; ESC shows as ␛.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(STAND_IN),
        '\u{7f}' => '\u{2421}',
        _ => STAND_IN,
    }
}

/// Returns `s` with line endings normalised to `\n`, tabs as spaces, a
/// leading byte-order mark dropped, and every hostile char replaced by its
/// stand-in. Borrowed when nothing needed changing (the common case).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if !s.chars().any(|c| c == '\r' || c == '\t' || is_hostile(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    continue; // CRLF → LF
                }
                out.push('\u{240d}'); // a lone CR would return the cursor: ␍
            }
            '\t' => out.push(' '),
            c if is_hostile(c) => out.push(stand_in(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Exactly `sanitize`, found faster: clean text (the common case) is
/// recognised by a byte scan that skips eight plain ASCII bytes at a time,
/// instead of decoding every char. Loading runs this over every file.
pub fn sanitize_fast(s: &str) -> Cow<'_, str> {
    let t = s.strip_prefix('\u{feff}').unwrap_or(s);
    if is_clean(t) {
        Cow::Borrowed(t)
    } else {
        sanitize(s)
    }
}

/// True when `s` holds no `\r`, no tab and no hostile char (what `sanitize`
/// would change, the byte-order mark aside), judged on UTF-8 bytes: the
/// hostile chars are C0 controls and DEL (one byte), C1 controls (`C2 80`–`C2
/// 9F`), and the bidi and annotation controls, three bytes led by `E2 80`,
/// `E2 81` or `EF BF`.
pub fn is_clean(s: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            // A byte below 0x20 (bar none of them spared here), a byte with
            // the high bit, or DEL: look at these eight bytes one by one.
            let below_space = x.wrapping_sub(LO * 0x20) & !x & HI;
            let del = {
                let y = x ^ (LO * 0x7f);
                y.wrapping_sub(LO) & !y & HI
            };
            if (below_space | (x & HI) | del) == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        match c {
            b'\n' | 0x20..=0x7e => i += 1,
            0..=0x1f | 0x7f => return false,
            0xc2 => {
                if matches!(b.get(i + 1), Some(0x80..=0x9f)) {
                    return false;
                }
                i += 2;
            }
            0xe2 => {
                match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xaf)) => return false,
                    _ => {}
                }
                i += 3;
            }
            0xef => {
                if let (Some(0xbf), Some(0xb9..=0xbb)) = (b.get(i + 1), b.get(i + 2)) {
                    return false;
                }
                i += 3;
            }
            // Any other lead or continuation byte: a char that is never
            // hostile (continuation bytes are passed one at a time, which
            // is harmless: none of them is a lead byte looked at above).
            _ => i += 1,
        }
    }
    true
}

/// Sanitises a single-line field (title, author…): newlines become spaces too.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace('\n', " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("plain “text” — fine\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        let evil = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\u{9b}31mc\u{8}d\re\u{202e}f\u{1b}]52;c;aGk=\u{7}";
        let out = sanitize(evil);
        assert!(!out.chars().any(is_hostile), "{out:?}");
        assert!(!out.contains('\r'));
        assert!(out.contains('\u{241b}'));
        assert!(out.starts_with('a') && out.contains('f'));
    }

    #[test]
    fn clean_scan_agrees_with_chars() {
        let slow = |s: &str| !s.chars().any(|c| c == '\r' || c == '\t' || is_hostile(c));
        for s in [
            "",
            "plain text\n",
            "a\tb",
            "exactly8",
            "exactly8\r",
            "“curly” — dash … ok ok ok",
            "bidi \u{202e} here",
            "iso \u{2066}x",
            "ann \u{fffa}",
            "c1 \u{85} next line",
            "nbsp\u{a0}is fine",
            "\u{7f}del",
            "ΑΒΓ 日本語 😀\u{2069}",
            "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ \u{2028}\u{202f}\u{2060}\u{fffd}\u{fff8}\u{fffc}",
        ] {
            assert_eq!(is_clean(s), slow(s), "{s:?}");
            assert_eq!(sanitize_fast(s), sanitize(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn sanitize_fast_is_sanitize(s in "(?s)[\\x00-\\x7f\u{80}-\u{a0}\u{2000}-\u{2070}\u{feff}\u{fff0}-\u{ffff}a-z é“”—]{0,40}") {
            proptest::prop_assert_eq!(sanitize_fast(&s), sanitize(&s));
        }

        #[test]
        fn sanitize_fast_is_sanitize_any(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(sanitize_fast(&s), sanitize(&s));
        }
    }

    #[test]
    fn crlf_and_bom() {
        assert_eq!(sanitize("\u{feff}a\r\nb\r\n"), "a\nb\n");
        assert_eq!(sanitize_line(" x\ty\nz "), "x y z");
    }
}
