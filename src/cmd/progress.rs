//! Progress on stderr while a command loads and analyses many files, so a
//! large archive never looks hung. Shown only when stderr is a terminal:
//! scripts and pipes get no progress text and no escape sequences.

use crate::analysis::STAGES;
use crate::corpus::load::Progress;
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Below this many files a load is over before a line could be read.
const MIN_FILES: usize = 200;
/// Redraws at most this often.
const EVERY: Duration = Duration::from_millis(100);

/// One status line on stderr, rewritten in place and cleared when done.
pub struct StderrProgress {
    state: Mutex<State>,
}

struct State {
    last: Option<Instant>,
    shown: bool,
    files: usize,
}

impl StderrProgress {
    /// `None` when stderr is not a terminal.
    pub fn new() -> Option<Arc<StderrProgress>> {
        std::io::stderr().is_terminal().then(|| {
            Arc::new(StderrProgress {
                state: Mutex::new(State {
                    last: None,
                    shown: false,
                    files: 0,
                }),
            })
        })
    }

    /// The loader's callback: `loading N/M files`.
    pub fn files(self: &Arc<Self>) -> Progress {
        let me = Arc::clone(self);
        Arc::new(move |done, total| {
            if total >= MIN_FILES {
                me.show(&loading_line(done, total), done == total);
            }
            if let Ok(mut st) = me.state.lock() {
                st.files = total;
            }
        })
    }

    /// Analysis stage `k` of `STAGES` has started.
    pub fn stage(&self, k: usize) {
        let files = self.state.lock().map_or(0, |st| st.files);
        if files >= MIN_FILES {
            self.show(&stage_line(k), true);
        }
    }

    fn show(&self, line: &str, force: bool) {
        let Ok(mut st) = self.state.lock() else { return };
        let now = Instant::now();
        if !force && st.last.is_some_and(|t| now - t < EVERY) {
            return;
        }
        st.last = Some(now);
        st.shown = true;
        let mut err = std::io::stderr().lock();
        // Carriage return and erase-line: the line is rewritten in place.
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Clears the status line, if one was drawn.
    pub fn finish(&self) {
        let Ok(st) = self.state.lock() else { return };
        if st.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

fn loading_line(done: usize, total: usize) -> String {
    format!("briefing: loading {done}/{total} files {}", bar(done, total))
}

fn stage_line(k: usize) -> String {
    let name = STAGES.get(k).copied().unwrap_or("");
    format!(
        "briefing: analysing ({}/{}: {name}) {}",
        k + 1,
        STAGES.len(),
        bar(k, STAGES.len())
    )
}

/// A 20-cell bar, ASCII so any terminal draws it.
fn bar(done: usize, total: usize) -> String {
    let n = (done.min(total) * 20).checked_div(total).unwrap_or(20);
    format!("[{}{}]", "#".repeat(n), ".".repeat(20 - n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_the_phase_and_fill_the_bar() {
        assert_eq!(
            loading_line(50, 200),
            "briefing: loading 50/200 files [#####...............]"
        );
        assert_eq!(
            loading_line(0, 0),
            "briefing: loading 0/0 files [####################]"
        );
        let last = stage_line(STAGES.len() - 1);
        assert!(
            last.contains(&format!("{}/{}", STAGES.len(), STAGES.len())),
            "{last}"
        );
        assert!(last.contains("align"), "{last}");
        assert!(stage_line(0).contains("[....................]"));
    }
}
