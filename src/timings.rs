//! Where the time and memory go while a corpus loads and is analysed:
//! printed to stderr when `BRIEFING_TIMINGS` is set, so a real corpus can be
//! profiled without a profiler.

/// Per-stage wall clock and CPU time, silent unless `BRIEFING_TIMINGS` is
/// set. CPU time (all threads) is the steadier figure on a shared machine,
/// where wall time mostly measures the neighbours.
pub struct StageClock {
    last: Option<(std::time::Instant, Option<f64>)>,
}

impl StageClock {
    pub fn from_env() -> StageClock {
        let on = std::env::var_os("BRIEFING_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        StageClock {
            last: on.then(|| (std::time::Instant::now(), cpu_ms())),
        }
    }

    /// Ends `stage`, printing its figures, and starts the next.
    pub fn lap(&mut self, stage: &str) {
        if let Some((last, last_cpu)) = self.last {
            let now = std::time::Instant::now();
            let cpu = cpu_ms();
            let cpu_text = match (cpu, last_cpu) {
                (Some(c), Some(l)) => format!("  cpu {:>7.0} ms", c - l),
                _ => String::new(),
            };
            let rss_text = rss_mb().map_or(String::new(), |r| format!("  rss {r:>6.1} MB"));
            let peak_text = peak_rss_mb().map_or(String::new(), |r| format!("  peak {r:>6.1} MB"));
            eprintln!(
                "{stage:<19} {:>9.1} ms{cpu_text}{rss_text}{peak_text}",
                (now - last).as_secs_f64() * 1e3
            );
            self.last = Some((now, cpu));
        }
    }
}

/// Resident memory now, in MB (Linux; `None` elsewhere).
pub fn rss_mb() -> Option<f64> {
    status_mb("VmRSS:")
}

/// Peak resident memory so far, in MB (Linux; `None` elsewhere).
pub fn peak_rss_mb() -> Option<f64> {
    status_mb("VmHWM:")
}

/// A memory figure of `/proc/self/status` (`field` with its colon), in MB.
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    field_mb(&status, field)
}

/// `field`'s figure in a `/proc/*/status` text, in MB. The kernel's "kB"
/// are KiB; MB here are 10^6 bytes, as `bench`'s `text_mb` is, so memory
/// and text compare without a unit's 5% between.
fn field_mb(status: &str, field: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0 / 1e6)
}

/// User + system CPU time of the whole process so far, from
/// `/proc/self/stat` (Linux; `None` elsewhere). Clock ticks are taken as
/// 100 per second, the value on every Linux port.
pub fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_kib_read_as_mb_of_a_million_bytes() {
        let status = "Name:\tbriefing\nVmHWM:\t  1000000 kB\nVmRSS:\t     500 kB\n";
        assert_eq!(field_mb(status, "VmHWM:"), Some(1024.0));
        assert_eq!(field_mb(status, "VmRSS:"), Some(0.512));
        assert_eq!(field_mb(status, "VmSwap:"), None);
    }
}
