//! Per-item work in parallel (the loader's files, analysis's articles),
//! gathered a window of items at a time.
//!
//! Collecting every article's results first and then copying them into one
//! list holds both at once: at a million sentences the quotes alone were
//! 42 MB of per-article lists beside their 29 MB copy, and glibc keeps the
//! freed lists resident. A window's lists are small, and the one list grows
//! by `realloc`, which moves no pages once it is large (`mremap`).

use rayon::prelude::*;

/// Items (articles, files) read in parallel before their results are
/// gathered: enough to keep every core busy, few enough that a window's
/// results stay small.
pub const WINDOW: usize = 1024;

/// Runs `each(state, i, &items[i])` for every item, in parallel within
/// windows of `WINDOW` items (`init` makes a thread's `state`, as in rayon's
/// `map_init`), and hands the results to `gather` in item order.
pub fn gather<A, S, R>(
    items: &[A],
    init: impl Fn() -> S + Sync + Send,
    each: impl Fn(&mut S, usize, &A) -> R + Sync + Send,
    gather: impl FnMut(R) + Send,
) where
    A: Sync,
    R: Send,
{
    gather_by(items, WINDOW, init, each, gather);
}

/// `gather` with windows of `window` items (at least one), for items that
/// are themselves large pieces of work.
pub fn gather_by<A, S, R>(
    items: &[A],
    window: usize,
    init: impl Fn() -> S + Sync + Send,
    each: impl Fn(&mut S, usize, &A) -> R + Sync + Send,
    mut gather: impl FnMut(R) + Send,
) where
    A: Sync,
    R: Send,
{
    let window = window.max(1);
    // A window's results are gathered while the next window runs (two
    // windows' results are held, not one): gathering is sequential, and a
    // core idled through it at every window's end. The actor stage at a
    // million sentences kept its two cores 1.80 busy instead of 1.74.
    let mut pending: Vec<R> = Vec::new();
    for (w, chunk) in items.chunks(window).enumerate() {
        let first = w * window;
        let ((), results) = rayon::join(
            || pending.drain(..).for_each(&mut gather),
            || {
                // In pieces of at most a 32nd of the window: rayon splits
                // a list only as deep as it has threads, and further only
                // where work is stolen, so a core that finished its part
                // first waited on the other's last large piece at every
                // window's end.
                chunk
                    .par_iter()
                    .with_max_len(window.div_ceil(32))
                    .enumerate()
                    .map_init(&init, |state, (k, item)| each(state, first + k, item))
                    .collect::<Vec<R>>()
            },
        );
        pending = results;
    }
    pending.into_iter().for_each(gather);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_across_windows() {
        let items: Vec<usize> = (0..WINDOW * 2 + 7).collect();
        let mut seen = Vec::new();
        gather(
            &items,
            || 0usize,
            |calls, i, &x| {
                *calls += 1;
                assert_eq!(i, x);
                x * 3
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, items.iter().map(|x| x * 3).collect::<Vec<_>>());
        let mut none = Vec::new();
        gather(&[] as &[u8], || (), |_, _, _| 1, |r| none.push(r));
        assert!(none.is_empty());
        // Windows of one and of a size that does not divide the items.
        for window in [0, 1, 7] {
            let mut seen = Vec::new();
            gather_by(&items[..50], window, || (), |_, i, &x| (i, x), |r| seen.push(r));
            assert_eq!(
                seen,
                (0..50).map(|x| (x, x)).collect::<Vec<_>>(),
                "window {window}"
            );
        }
    }
}
