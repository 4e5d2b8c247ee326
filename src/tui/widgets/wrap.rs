//! Word wrapping of styled text to a width, in display cells. Every pane
//! lays out text with this, so scroll positions are known exactly (the line
//! a byte offset lands on) and wide characters and combining marks never
//! break the layout.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One wrapped line: its spans, and the byte range of the source text it shows.
#[derive(Debug, Clone)]
pub struct WrappedLine {
    pub line: Line<'static>,
    pub source: Range<usize>,
}

/// The style at byte `at`: the last of `styles` whose range holds it, patched
/// over `base` (later ranges win, so callers list the strongest last).
fn style_at(at: usize, base: Style, styles: &[(Range<usize>, Style)]) -> Style {
    styles
        .iter()
        .filter(|(r, _)| r.contains(&at))
        .fold(base, |acc, (_, s)| acc.patch(*s))
}

/// Wraps `text` to `width` cells. `styles` are byte ranges of `text` with the
/// style to patch over `base` there. Breaks at spaces; a word longer than the
/// width is broken by grapheme. Newlines in `text` start new lines. A width
/// of 0 yields no lines.
pub fn wrap(text: &str, base: Style, styles: &[(Range<usize>, Style)], width: u16) -> Vec<WrappedLine> {
    let width = width as usize;
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    for para in text.split('\n') {
        let para_off = para.as_ptr() as usize - text.as_ptr() as usize;
        // Graphemes with their byte offsets, grouped into words and spaces.
        let mut cur: Vec<(usize, &str)> = Vec::new();
        let mut cur_w = 0usize;
        let mut pending_space: Option<(usize, &str)> = None;
        let flush = |cur: &mut Vec<(usize, &str)>, out: &mut Vec<WrappedLine>| {
            out.push(make_line(cur, base, styles));
            cur.clear();
        };
        let words = glued_words(para);
        let mut any = false;
        for (i, w) in words {
            any = true;
            let at = para_off + i;
            if w.chars().all(char::is_whitespace) {
                if !cur.is_empty() {
                    pending_space = Some((at, " "));
                }
                continue;
            }
            let ww = UnicodeWidthStr::width(w);
            let space_w = usize::from(pending_space.is_some());
            if !cur.is_empty() && cur_w + space_w + ww > width {
                flush(&mut cur, &mut out);
                cur_w = 0;
                pending_space = None;
            }
            if let Some(sp) = pending_space.take() {
                cur.push(sp);
                cur_w += 1;
            }
            if ww <= width - cur_w.min(width) {
                cur.push((at, w));
                cur_w += ww;
            } else {
                // Longer than a whole line: break it by grapheme.
                for (gi, g) in w.grapheme_indices(true) {
                    let gw = UnicodeWidthStr::width(g);
                    if cur_w + gw > width && !cur.is_empty() {
                        flush(&mut cur, &mut out);
                        cur_w = 0;
                    }
                    if gw > width {
                        continue; // a grapheme wider than the whole line cannot be shown
                    }
                    cur.push((at + gi, g));
                    cur_w += gw;
                }
            }
        }
        if !cur.is_empty() || !any {
            if cur.is_empty() {
                out.push(WrappedLine {
                    line: Line::default(),
                    source: para_off..para_off,
                });
            } else {
                flush(&mut cur, &mut out);
            }
        }
    }
    out
}

/// Closing punctuation never starts a line and opening punctuation never
/// ends one: both stick to the word beside them (`refresh.`, `“We`).
fn glued_words(para: &str) -> Vec<(usize, &str)> {
    const CLOSE: &[char] = &[
        '.', ',', ';', ':', '!', '?', ')', ']', '}', '”', '’', '»', '…', '%', '"', '\'',
    ];
    const OPEN: &[char] = &['(', '[', '{', '“', '‘', '«', '"', '\''];
    let mut out: Vec<(usize, &str)> = Vec::new();
    for (i, w) in para.split_word_bound_indices() {
        let ws = w.chars().all(char::is_whitespace);
        if let Some(last) = out.last_mut() {
            let last_ws = last.1.chars().all(char::is_whitespace);
            let closes = w.chars().next().is_some_and(|c| CLOSE.contains(&c));
            let opened = last.1.chars().last().is_some_and(|c| OPEN.contains(&c));
            if !ws && !last_ws && (closes || opened) {
                if let Some(joined) = para.get(last.0..i + w.len()) {
                    last.1 = joined;
                    continue;
                }
            }
        }
        out.push((i, w));
    }
    out
}

fn make_line(pieces: &[(usize, &str)], base: Style, styles: &[(Range<usize>, Style)]) -> WrappedLine {
    let start = pieces.first().map_or(0, |p| p.0);
    let end = pieces.last().map_or(0, |p| p.0 + p.1.len());
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut buf = String::new();
    let mut buf_style: Option<Style> = None;
    for &(at, piece) in pieces {
        // Style changes can fall inside a word (a match in the middle of it),
        // so walk chars.
        for (ci, c) in piece.char_indices() {
            let s = style_at(at + ci, base, styles);
            if buf_style != Some(s) {
                if let Some(bs) = buf_style {
                    spans.push(Span::styled(std::mem::take(&mut buf), bs));
                }
                buf_style = Some(s);
            }
            buf.push(c);
        }
    }
    if let Some(bs) = buf_style {
        spans.push(Span::styled(buf, bs));
    }
    WrappedLine {
        line: Line::from(spans),
        source: start..end,
    }
}

/// Index of the wrapped line holding byte `at` (the last line if past the end).
pub fn line_of(lines: &[WrappedLine], at: usize) -> usize {
    lines
        .iter()
        .position(|l| at < l.source.end || (l.source.is_empty() && at <= l.source.start))
        .unwrap_or(lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn plain(lines: &[WrappedLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.line.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let l = wrap("the quick brown fox jumps", Style::default(), &[], 10);
        assert_eq!(plain(&l), vec!["the quick", "brown fox", "jumps"]);
        for x in &l {
            assert!(x.line.width() <= 10);
        }
    }

    #[test]
    fn wide_and_combining_chars_fit() {
        let text = "日本語のテキストです e\u{301}te\u{301} 👩\u{200d}🔬👩\u{200d}🔬👩\u{200d}🔬";
        for w in 1..12 {
            for l in wrap(text, Style::default(), &[], w) {
                assert!(l.line.width() <= w as usize, "width {w}: {:?}", l.line);
            }
        }
    }

    #[test]
    fn styles_follow_byte_ranges_and_lines_know_their_source() {
        let text = "say hello world";
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let l = wrap(text, Style::default(), &[(4..9, bold)], 9);
        assert_eq!(plain(&l), vec!["say hello", "world"]);
        let hello = l[0].line.spans.iter().find(|s| s.content == "hello").unwrap();
        assert_eq!(hello.style, bold);
        assert_eq!(line_of(&l, text.find("world").unwrap()), 1);
        assert_eq!(&text[l[1].source.clone()], "world");
    }

    #[test]
    fn punctuation_sticks_to_its_word() {
        let l = wrap("a strategic refresh. “We go”", Style::default(), &[], 17);
        assert_eq!(plain(&l), vec!["a strategic", "refresh. “We go”"]);
        let l = wrap("abc “quoted words”.", Style::default(), &[], 12);
        assert_eq!(plain(&l), vec!["abc “quoted", "words”."]);
    }

    #[test]
    fn zero_width_and_newlines() {
        assert!(wrap("abc", Style::default(), &[], 0).is_empty());
        assert_eq!(
            plain(&wrap("a\n\nb", Style::default(), &[], 5)),
            vec!["a", "", "b"]
        );
    }
}
