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
    fn crlf_and_bom() {
        assert_eq!(sanitize("\u{feff}a\r\nb\r\n"), "a\nb\n");
        assert_eq!(sanitize_line(" x\ty\nz "), "x y z");
    }
}
