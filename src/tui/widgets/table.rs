//! A table laid out to a width: columns share the width by what they need,
//! long cells wrap (with `wrap.rs`, so wide characters never break a line),
//! and the result is plain lines plus the line range of every row, so a pane
//! can scroll to a selected row and draw it with a `Paragraph`.

use super::wrap::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// One cell: its text, a base style, and styled byte ranges of the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellContent {
    pub text: String,
    pub style: Style,
    pub styles: Vec<(Range<usize>, Style)>,
}

impl CellContent {
    pub fn new(text: impl Into<String>) -> CellContent {
        CellContent {
            text: text.into(),
            ..CellContent::default()
        }
    }
    pub fn styled(text: impl Into<String>, style: Style) -> CellContent {
        CellContent {
            text: text.into(),
            style,
            styles: Vec::new(),
        }
    }
    /// Appends `s` in `style` (e.g. a `[2]` source marker after a summary).
    pub fn push(&mut self, s: &str, style: Style) {
        let start = self.text.len();
        self.text.push_str(s);
        self.styles.push((start..self.text.len(), style));
    }
}

impl From<&str> for CellContent {
    fn from(s: &str) -> CellContent {
        CellContent::new(s)
    }
}

impl From<String> for CellContent {
    fn from(s: String) -> CellContent {
        CellContent::new(s)
    }
}

/// How to draw: styles, and what is selected.
#[derive(Debug, Clone, Default)]
pub struct TableOpts {
    pub header: Style,
    /// Column separators and rules.
    pub border: Style,
    /// Patched over the selected row or cell.
    pub selected: Style,
    /// (row, Some(column)) selects a cell; (row, None) the whole row.
    pub selection: Option<(usize, Option<usize>)>,
    /// A rule between all rows (helps when cells wrap onto several lines).
    pub row_rules: bool,
    /// Rows that get a rule above them (groups of rows), besides `row_rules`.
    pub rule_before: Vec<usize>,
    /// Least width of each column (missing: none), so tables laid out one
    /// after another can line their columns up.
    pub min_widths: Vec<usize>,
}

/// The laid-out table.
#[derive(Debug, Clone, Default)]
pub struct TableLayout {
    pub lines: Vec<Line<'static>>,
    /// For each data row, its range in `lines`.
    pub rows: Vec<Range<usize>>,
    /// Lines taken by the header and its rule (0 without a header).
    pub header_lines: usize,
    /// Each column's width in cells.
    pub widths: Vec<u16>,
    /// Each column's horizontal extent in cells, from the table's left edge.
    pub xs: Vec<Range<u16>>,
    /// How many data rows were given; `rows` is shorter when a limit cut
    /// the layout (`within`).
    pub rows_given: usize,
}

/// Where a table's lines go as they are laid out.
pub trait LineSink {
    fn push_line(&mut self, line: Line<'static>);
    /// Lines taken so far.
    fn line_count(&self) -> usize;
}

impl LineSink for Vec<Line<'static>> {
    fn push_line(&mut self, line: Line<'static>) {
        self.push(line);
    }

    fn line_count(&self) -> usize {
        self.len()
    }
}

/// Most a column asks for before it wraps, so one long cell cannot starve the others.
const MAX_NATURAL: usize = 60;

impl TableLayout {
    /// Lays out `header` (may be empty: no header) and `rows` to `width`
    /// cells. Rows shorter than the header are padded with empty cells.
    pub fn new(
        header: &[CellContent],
        rows: &[Vec<CellContent>],
        width: u16,
        opts: &TableOpts,
    ) -> TableLayout {
        TableLayout::within(header, rows, width, opts, None)
    }

    /// Like `new`, but stops after the row that brings the table to
    /// `max_lines` lines. Columns are sized over every row, so the rows
    /// laid out are those of the whole table.
    pub fn within(
        header: &[CellContent],
        rows: &[Vec<CellContent>],
        width: u16,
        opts: &TableOpts,
        max_lines: Option<usize>,
    ) -> TableLayout {
        let mut lines = Vec::new();
        let mut t = TableLayout::into_sink(header, rows, width, opts, max_lines, &mut lines);
        t.lines = lines;
        t
    }

    /// `within`, with the lines handed to `sink` as they are made instead
    /// of kept in `lines` (left empty; `rows` count from the first line
    /// handed over), so a document that keeps only some of its lines never
    /// holds a whole table of thousands of rows laid out.
    pub fn into_sink(
        header: &[CellContent],
        rows: &[Vec<CellContent>],
        width: u16,
        opts: &TableOpts,
        max_lines: Option<usize>,
        sink: &mut dyn LineSink,
    ) -> TableLayout {
        let ncols = rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(header.len()))
            .max()
            .unwrap_or(0);
        let mut out = TableLayout {
            rows_given: rows.len(),
            ..TableLayout::default()
        };
        if ncols == 0 || width == 0 {
            out.rows = vec![0..0; rows.len()];
            return out;
        }
        let width = width as usize;
        // " │ " between columns when there is room, a bare "│" when tight.
        let sep = if width >= ncols * 6 { " │ " } else { "│" };
        let sep_w = if ncols > 1 { UnicodeWidthStr::width(sep) } else { 0 };
        let avail = width.saturating_sub(sep_w * ncols.saturating_sub(1));
        let (mut needs, full) = column_needs(header, rows, ncols);
        for (n, &m) in needs.iter_mut().zip(&opts.min_widths) {
            *n = (*n).max(m);
        }
        let widths = grow(share(&needs, avail), &full, avail);
        out.widths = widths.iter().map(|&w| w.min(u16::MAX as usize) as u16).collect();
        let mut x = 0usize;
        for (c, &w) in widths.iter().enumerate() {
            if c > 0 {
                x += sep_w;
            }
            let clamp = |v: usize| v.min(u16::MAX as usize) as u16;
            out.xs.push(clamp(x)..clamp(x + w));
            x += w;
        }

        let rule = |out: &mut dyn LineSink| {
            let parts: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
            let joint = if sep_w == 3 { "─┼─" } else { "┼" };
            out.push_line(Line::from(Span::styled(parts.join(joint), opts.border)));
        };
        let base = sink.line_count();
        let at = |sink: &dyn LineSink| sink.line_count() - base;
        if !header.is_empty() {
            // A header is one line: cut to its column once, never wrapped
            // after the cut.
            let cells: Vec<CellContent> = (0..ncols)
                .map(|c| {
                    let mut cell = header.get(c).cloned().unwrap_or_default();
                    cell.style = opts.header.patch(cell.style);
                    one_line(&cell, widths.get(c).copied().unwrap_or(0))
                })
                .collect();
            layout_row(&cells, &widths, sep, opts.border, None, sink);
            rule(sink);
            out.header_lines = at(sink);
        }
        // Looked up once a row: a table of a newsroom's evidence has
        // thousands of rows and of groups.
        let mut rule_before = opts.rule_before.clone();
        rule_before.sort_unstable();
        for (r, row) in rows.iter().enumerate() {
            if max_lines.is_some_and(|m| at(sink) >= m) {
                break;
            }
            if r > 0 && (opts.row_rules || rule_before.binary_search(&r).is_ok()) {
                rule(sink);
            }
            let sel = match opts.selection {
                Some((sr, col)) if sr == r => Some((col, opts.selected)),
                _ => None,
            };
            let start = at(sink);
            layout_row(row, &widths, sep, opts.border, sel, sink);
            out.rows.push(start..at(sink));
        }
        out
    }
}

/// For each column, its natural width capped so one long cell cannot
/// starve the others, and uncapped (the widest cell on one line).
fn column_needs(header: &[CellContent], rows: &[Vec<CellContent>], ncols: usize) -> (Vec<usize>, Vec<usize>) {
    let mut full = vec![1usize; ncols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in row.iter().enumerate().take(ncols) {
            let natural = cell
                .text
                .split('\n')
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            full[c] = full[c].max(natural);
        }
    }
    let needs = full.iter().map(|&n| n.min(MAX_NATURAL)).collect();
    (needs, full)
}

/// Width left over once every column has its capped need goes to the
/// columns whose text wanted more (the long text columns), evenly, each up
/// to its full width: a wide terminal shows more on each line.
fn grow(mut widths: Vec<usize>, full: &[usize], avail: usize) -> Vec<usize> {
    let mut left = avail.saturating_sub(widths.iter().sum());
    loop {
        let open: Vec<usize> = (0..widths.len())
            .filter(|&c| full.get(c).is_some_and(|&f| f > widths[c]))
            .collect();
        if left == 0 || open.is_empty() {
            return widths;
        }
        let fair = (left / open.len()).max(1);
        for c in open {
            let add = fair.min(full[c] - widths[c]).min(left);
            widths[c] += add;
            left -= add;
        }
    }
}

/// `cell` cut to one line of `width` cells (with `…` when cut); its styled
/// ranges are kept where the text still is.
fn one_line(cell: &CellContent, width: usize) -> CellContent {
    let first = cell.text.split('\n').next().unwrap_or("");
    let cut = super::doc::clip(first, width);
    let keep = if cut.len() == first.len() {
        first.len()
    } else {
        cut.len().saturating_sub('…'.len_utf8())
    };
    let styles = cell
        .styles
        .iter()
        .filter(|(r, _)| r.start < keep)
        .map(|(r, st)| (r.start..r.end.min(keep), *st))
        .collect();
    CellContent {
        text: cut,
        style: cell.style,
        styles,
    }
}

/// Shares `avail` cells among columns: everyone gets what they need when it
/// fits; otherwise columns that need less than a fair share keep their need
/// and the rest split what remains (water-filling), never below 1 cell while
/// there is room for it.
fn share(needs: &[usize], avail: usize) -> Vec<usize> {
    let n = needs.len();
    let total: usize = needs.iter().sum();
    if total <= avail {
        return needs.to_vec();
    }
    let mut widths = vec![0usize; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = avail;
    loop {
        if open.is_empty() {
            break;
        }
        let fair = left / open.len();
        let (small, big): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&c| needs[c] <= fair);
        if small.is_empty() {
            // Everyone left wants more than a fair share: split evenly, the
            // remainder to the first columns.
            let extra = left % open.len();
            for (i, &c) in open.iter().enumerate() {
                widths[c] = fair + usize::from(i < extra);
            }
            break;
        }
        for &c in &small {
            widths[c] = needs[c];
            left = left.saturating_sub(needs[c]);
        }
        open = big;
    }
    // So tight that some columns got nothing: take one cell each from the widest.
    for c in 0..n {
        if widths[c] == 0 {
            if let Some(donor) = (0..n).filter(|&d| widths[d] > 1).max_by_key(|&d| widths[d]) {
                widths[donor] -= 1;
                widths[c] = 1;
            }
        }
    }
    widths
}

fn layout_row(
    cells: &[CellContent],
    widths: &[usize],
    sep: &str,
    border: Style,
    sel: Option<(Option<usize>, Style)>,
    out: &mut dyn LineSink,
) {
    let empty = CellContent::default();
    let wrapped: Vec<Vec<Line<'static>>> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| {
            let cell = cells.get(c).unwrap_or(&empty);
            let w16 = w.min(u16::MAX as usize) as u16;
            wrap(&cell.text, cell.style, &cell.styles, w16)
                .into_iter()
                .map(|l| l.line)
                .collect()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for i in 0..height {
        let mut spans: Vec<Span<'static>> = Vec::new();
        for (c, &w) in widths.iter().enumerate() {
            if c > 0 {
                spans.push(Span::styled(sep.to_string(), border));
            }
            let hl = match sel {
                Some((None, s)) => Some(s),
                Some((Some(sc), s)) if sc == c => Some(s),
                _ => None,
            };
            let mut used = 0;
            if let Some(line) = wrapped.get(c).and_then(|l| l.get(i)) {
                used = line.width();
                for sp in &line.spans {
                    let st = hl.map_or(sp.style, |h| sp.style.patch(h));
                    spans.push(Span::styled(sp.content.clone(), st));
                }
            }
            let pad = w.saturating_sub(used);
            if pad > 0 {
                spans.push(Span::styled(" ".repeat(pad), hl.unwrap_or_default()));
            }
        }
        out.push_line(Line::from(spans));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    fn cells(v: &[&str]) -> Vec<CellContent> {
        v.iter().map(|s| CellContent::new(*s)).collect()
    }

    #[test]
    fn fits_natural_widths_when_there_is_room() {
        let t = TableLayout::new(
            &cells(&["Actor", "Wants"]),
            &[cells(&["Petro", "talks"]), cells(&["Trump", "tariffs now"])],
            80,
            &TableOpts::default(),
        );
        assert_eq!(t.widths, vec![5, 11]);
        assert_eq!(t.header_lines, 2);
        assert_eq!(text(&t.lines[0]), "Actor │ Wants      ");
        assert_eq!(text(&t.lines[1]), "──────┼────────────");
        assert_eq!(t.rows, vec![2..3, 3..4]);
        assert_eq!(t.xs, vec![0..5, 8..19]);
    }

    #[test]
    fn long_cells_wrap_and_rows_know_their_lines() {
        let long = "a long cell that must wrap over several lines of the table";
        let t = TableLayout::new(
            &cells(&["A", "B"]),
            &[cells(&["x", long]), cells(&["y", "z"])],
            24,
            &TableOpts {
                row_rules: true,
                ..TableOpts::default()
            },
        );
        assert!(t.rows[0].len() > 1);
        assert_eq!(t.rows[1].start, t.rows[0].end + 1, "a rule between rows");
        for l in &t.lines {
            assert!(l.width() <= 24, "{:?}", text(l));
        }
    }

    #[test]
    fn never_wider_than_asked_and_never_panics() {
        let wide = "日本語のテキスト 👩\u{200d}🔬 e\u{301}te\u{301} words words";
        for w in 0..40u16 {
            for n in 1..6 {
                let row: Vec<CellContent> = (0..n).map(|_| CellContent::new(wide)).collect();
                let t = TableLayout::new(&row, &[row.clone(), vec![]], w, &TableOpts::default());
                assert_eq!(t.rows.len(), 2);
                if w as usize >= n * 2 {
                    for l in &t.lines {
                        assert!(l.width() <= w as usize, "w={w} n={n} {:?}", text(l));
                    }
                }
            }
        }
    }

    #[test]
    fn selection_styles_one_cell_or_the_row() {
        let rev = Style::default().add_modifier(Modifier::REVERSED);
        let rows = [cells(&["a", "b"]), cells(&["c", "d"])];
        let t = TableLayout::new(
            &[],
            &rows,
            20,
            &TableOpts {
                selected: rev,
                selection: Some((1, Some(1))),
                ..TableOpts::default()
            },
        );
        assert_eq!(t.header_lines, 0);
        let l = &t.lines[t.rows[1].start];
        let d = l.spans.iter().find(|s| s.content == "d").unwrap();
        assert!(d.style.add_modifier.contains(Modifier::REVERSED));
        let c = l.spans.iter().find(|s| s.content == "c").unwrap();
        assert!(!c.style.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn wide_tables_give_extra_width_to_long_text() {
        let long = "word ".repeat(40);
        let t = TableLayout::new(
            &cells(&["Actor", "Wants"]),
            &[cells(&["Petro", long.trim()])],
            150,
            &TableOpts::default(),
        );
        assert_eq!(t.widths, vec![5, 150 - 5 - 3], "the text column takes the rest");
        let short = TableLayout::new(
            &cells(&["A", "B"]),
            &[cells(&["x", "y"])],
            150,
            &TableOpts::default(),
        );
        assert_eq!(short.widths, vec![1, 1], "short columns do not stretch");
    }

    #[test]
    fn headers_are_cut_once_to_one_line() {
        let t = TableLayout::new(
            &cells(&["[3] Trump Changes Tone, Invites Talks", "B"]),
            &[cells(&["short", "y"])],
            20,
            &TableOpts::default(),
        );
        assert_eq!(t.header_lines, 2, "one header line and its rule");
        let h = text(&t.lines[0]);
        assert!(h.contains('…') && h.starts_with("[3] Trump"), "{h:?}");
    }

    #[test]
    fn min_widths_line_columns_up() {
        let opts = TableOpts {
            min_widths: vec![12],
            ..TableOpts::default()
        };
        let a = TableLayout::new(&[], &[cells(&["Petro", "x"])], 40, &opts);
        let b = TableLayout::new(&[], &[cells(&["Trump", "y"])], 40, &opts);
        assert_eq!(a.xs[1], b.xs[1]);
        assert_eq!(a.widths[0], 12);
    }

    #[test]
    fn share_gives_small_columns_their_need() {
        assert_eq!(share(&[3, 50, 50], 43), vec![3, 20, 20]);
        assert_eq!(share(&[5, 5], 1), vec![1, 0]);
    }
}
