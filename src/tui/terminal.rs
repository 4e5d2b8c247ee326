//! The terminal: set up (alternate screen, raw mode, mouse), the event
//! loop, and restoring it on every way out — quit, error and panic.

use super::app::App;
use super::clipboard;
use super::theme::Theme;
use super::view;
use crate::corpus::load::Progress;
use crate::Index;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{stdout, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::Duration;

/// The bytes that put the terminal back: mouse off, main screen, cursor shown.
pub fn restore_sequence() -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = crossterm::execute!(
        buf,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    buf
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = out.write_all(&restore_sequence());
    let _ = out.flush();
}

/// Makes a panic run `restore_fn` before the previous hook prints the
/// panic, so the message lands on a usable terminal.
pub fn install_panic_hook_with(restore_fn: fn()) {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_fn();
        prev(info);
    }));
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| install_panic_hook_with(restore));
}

type Term = Terminal<CrosstermBackend<std::io::Stdout>>;

fn setup() -> anyhow::Result<Term> {
    use anyhow::Context;
    enable_raw_mode().context(
        "cannot use this terminal (the browser needs one; `briefing index` and `briefing check` do not)",
    )?;
    let mut out = stdout();
    crossterm::execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::cursor::Hide
    )?;
    Ok(Terminal::new(CrosstermBackend::new(out))?)
}

/// Runs the UI until the user quits. The terminal is restored on every exit
/// path, a panic included.
pub fn run(index: Arc<Index>) -> anyhow::Result<()> {
    install_panic_hook();
    let r = setup().and_then(|mut term| {
        let app = App::new(index, Theme::from_env()).with_searcher();
        event_loop(&mut term, app)
    });
    restore();
    r
}

/// Reports the analysis stage that has started (an index into
/// `analysis::STAGES`), for `Index::build_with`.
pub type StageProgress = Arc<dyn Fn(usize) + Send + Sync>;

/// Like `run`, but builds the index on a thread while the screen shows a
/// progress gauge, so a big corpus never leaves a blank terminal. `build`
/// gets a progress callback for the loader (`LoadOptions.progress`) and one
/// for the analysis stages (`Index::build_with`).
/// Returns the index built (None if the user quit while it loaded); when it
/// holds no article the browser is not opened, so the caller can say why.
pub fn run_loading<F>(build: F) -> anyhow::Result<Option<Arc<Index>>>
where
    F: FnOnce(Progress, StageProgress) -> Arc<Index> + Send + 'static,
{
    install_panic_hook();
    let r = setup().and_then(|mut term| {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        // The stage under way plus one (0: still reading files).
        let stage = Arc::new(AtomicUsize::new(0));
        let (d, t, st) = (done.clone(), total.clone(), stage.clone());
        let progress: Progress = Arc::new(move |n, of| {
            d.store(n, Ordering::Relaxed);
            t.store(of, Ordering::Relaxed);
        });
        let on_stage: StageProgress = Arc::new(move |k| st.store(k + 1, Ordering::Relaxed));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(build(progress, on_stage));
        });
        let theme = Theme::from_env();
        let index = loop {
            let (n, of) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
            let k = stage.load(Ordering::Relaxed).checked_sub(1);
            term.draw(|f| view::loading_stage(f, &theme, n, of, k))?;
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(ix) => break ix,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    anyhow::bail!("loading failed")
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            while event::poll(Duration::ZERO)? {
                if let Event::Key(k) = event::read()? {
                    if super::keys::action_for(super::keys::Mode::Normal, &k)
                        == Some(super::action::Action::Quit)
                    {
                        return Ok(None);
                    }
                }
            }
        };
        if index.articles.is_empty() {
            return Ok(Some(index));
        }
        let app = App::new(index.clone(), theme).with_searcher();
        event_loop(&mut term, app).map(|()| Some(index))
    });
    restore();
    r
}

/// Applies one event; the view is laid out once the burst it came in is
/// taken (`App::prepare`), so keys held down do not lay out every view
/// they pass over.
fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) => app.key_unprepared(k),
        Event::Mouse(m) => app.mouse_unprepared(m),
        Event::Resize(w, h) => app.apply(super::action::Action::Resize(w, h)),
        _ => {}
    }
}

fn event_loop(term: &mut Term, mut app: App) -> anyhow::Result<()> {
    let size = term.size()?;
    app.update(super::action::Action::Resize(size.width, size.height));
    loop {
        term.draw(|f| view::draw(f, &app))?;
        let copies = app.take_clipboard();
        if !copies.is_empty() {
            let mut out = stdout();
            for c in copies {
                out.write_all(clipboard::osc52(&c).as_bytes())?;
            }
            out.flush()?;
        }
        if app.should_quit() {
            return Ok(());
        }
        // Poll briskly while a search runs so results stream in as they come.
        let wait = if app.search_pending() { 15 } else { 250 };
        if event::poll(Duration::from_millis(wait))? {
            handle(&mut app, event::read()?);
            // Take whatever else is queued before drawing again, so a burst
            // of keys or a drag of resizes costs one frame.
            while !app.should_quit() && event::poll(Duration::ZERO)? {
                handle(&mut app, event::read()?);
            }
        }
        app.poll_search();
        app.prepare();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    static CALLED: AtomicBool = AtomicBool::new(false);
    fn fake_restore() {
        CALLED.store(true, Ordering::SeqCst);
    }

    #[test]
    fn restore_leaves_alternate_screen_and_shows_cursor() {
        let s = String::from_utf8(restore_sequence()).unwrap();
        assert!(s.contains("\x1b[?1049l"), "{s:?}");
        assert!(s.contains("\x1b[?25h"), "{s:?}");
        assert!(s.contains("\x1b[?1000l"), "{s:?}");
    }

    #[test]
    fn panic_hook_restores_before_reporting() {
        install_panic_hook_with(fake_restore);
        let r = std::panic::catch_unwind(|| panic!("boom"));
        assert!(r.is_err());
        assert!(CALLED.load(Ordering::SeqCst));
    }
}
