//! The process heap (glibc's malloc on Linux): how many heaps it keeps,
//! and handing freed memory back. Both are only hints to the allocator; on
//! other platforms they do nothing.

/// Hands freed heap memory back to the OS. glibc keeps freed heap for
/// reuse, so after indexing the process would stay at its analysis peak:
/// at a million sentences 530 MB resident where the index needs 260 MB.
/// One trim takes about 35 ms there (3 ms at 2,225 articles), and a
/// browser over that corpus then holds 413 MB instead of 620 MB.
pub fn return_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap pages; it takes the
    // allocator's own locks and touches no memory we hold.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Caps glibc's heaps (arenas) at one per core. By default a thread gets a
/// heap of its own at its first allocation, up to eight per core: the
/// loader's sixteen reading threads and the cores' threads then spread the
/// index over many heaps, each grown, freed and faulted in again on its own
/// while analysis runs. With one per core, `check` peaked at 1.36 GB
/// instead of 1.42 GB on 100,000 articles, 411 MB instead of 443 MB on a
/// million sentences and 41 MB instead of 49 MB on 2,225 articles, with no
/// more CPU time.
pub fn one_per_core() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cores = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets a limit the allocator reads when it
        // next picks a heap for a thread; it touches no memory we hold.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, cores);
        }
    }
}
