//! `briefing bench --json`: the figures issue 5 names, one JSON object, with
//! memory in the same MB (10^6 bytes) as the text it is compared with.

use std::process::Command;

#[test]
fn bench_json_has_every_figure_and_compares_memory_with_text_in_one_unit() {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["bench", "--sentences", "1500", "--repeat", "1", "--json"])
        .output()
        .expect("bench runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let num = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or_else(|| panic!("no number {k} in {v}"))
    };
    for k in [
        "sentences",
        "search_keystroke_ms_p50",
        "search_keystroke_ms_p95",
        "search_keystroke_ms_max",
        "search_cold_ms",
        "load_s",
        "load_mb_per_s",
        "load_words_per_s",
        "peak_rss_mb",
        "text_mb",
        "first_frame_ms",
        "render_ms_max",
    ] {
        assert!(num(k) >= 0.0, "{k}");
    }
    assert!(num("sentences") >= 1500.0);
    // The process's peak holds at least its text, and the ratio is theirs
    // (figures are printed to three decimals, hence the tolerance).
    assert!(num("peak_rss_mb") > num("text_mb"));
    let ratio = num("peak_rss_mb") / num("text_mb");
    assert!((num("peak_rss_x_text") - ratio).abs() < 0.01 * ratio, "{v}");
    assert!(num("index_rss_mb") <= num("peak_rss_mb") + 1.0);
    // The phases' peaks are the high-water mark read as the run goes on.
    assert!(num("index_peak_rss_mb") >= num("index_rss_mb") - 1.0, "{v}");
    assert!(num("index_peak_rss_mb") <= num("search_peak_rss_mb"), "{v}");
    assert!(num("search_peak_rss_mb") <= num("peak_rss_mb"), "{v}");
}
