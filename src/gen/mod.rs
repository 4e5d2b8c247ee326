//! A deterministic synthetic news corpus, for benchmarks and for testing
//! analysis on text nobody tuned it to. Articles are plain text shaped like
//! the real thing: title, dek, `By NAME` byline, a date line, headings,
//! paragraphs with direct quotes (`“…,” NAME said.`) and reported speech
//! (`NAME argued that …`), list items, and now and then a pipe table whose
//! columns are headed by actors.
//!
//! The same seed always gives the same bytes (a hand-written splitmix64;
//! no platform-dependent randomness).

mod vocab;

use std::fmt::Write as _;
use std::path::Path;
use vocab::*;

/// splitmix64: tiny, fast, good enough for choosing words.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; 0 gives 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// One of `xs` (which must not be empty).
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Options for a corpus.
#[derive(Debug, Clone)]
pub struct Options {
    pub articles: usize,
    pub seed: u64,
    /// Body words per article, on average (±40%).
    pub words_per_article: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            articles: 100,
            seed: 1,
            words_per_article: 400,
        }
    }
}

struct Person {
    first: &'static str,
    last: &'static str,
    title: Option<&'static str>,
    role: &'static str,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// The cast: a few hundred people drawn from the name lists, fixed by seed.
fn cast(seed: u64) -> Vec<Person> {
    let mut rng = Rng::new(seed ^ 0x5EED_CA57);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < 600 && seen.len() < FIRST.len() * LAST.len() {
        let f = rng.below(FIRST.len());
        let l = rng.below(LAST.len());
        if !seen.insert((f, l)) {
            continue;
        }
        out.push(Person {
            first: FIRST[f],
            last: LAST[l],
            title: rng.chance(40).then(|| rng.pick(TITLES)),
            role: rng.pick(ROLES),
        });
    }
    out
}

/// Writes `opts.articles` files into `dir`. Refuses a non-empty `dir`
/// unless `force` (and then only writes its own `article-NNNNNN.txt` files,
/// overwriting those, never removing anything). Returns bytes written.
pub fn write_corpus(dir: &Path, opts: &Options, force: bool) -> anyhow::Result<u64> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
            .next()
            .is_some();
        if non_empty && !force {
            anyhow::bail!(
                "{}: directory is not empty (use --force to write into it anyway)",
                dir.display()
            );
        }
    } else {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    let g = Generator::new(opts);
    let mut bytes = 0u64;
    for i in 0..opts.articles {
        let (name, text) = g.article(i);
        let p = dir.join(name);
        std::fs::write(&p, &text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

/// The corpus as the loader reads it, without files: every article
/// generated and parsed as plain text (tests and the bench's sample).
pub fn loaded(opts: &Options) -> crate::corpus::Loaded {
    let g = Generator::new(opts);
    let mut loaded = crate::corpus::Loaded::default();
    for i in 0..opts.articles {
        let (name, text) = g.article(i);
        loaded.articles.extend(crate::corpus::load::parse_text(
            &name,
            crate::corpus::Format::Plain,
            &text,
            &mut loaded.warnings,
        ));
    }
    loaded
}

pub struct Generator {
    seed: u64,
    words: usize,
    cast: Vec<Person>,
}

impl Generator {
    pub fn new(opts: &Options) -> Generator {
        Generator {
            seed: opts.seed,
            words: opts.words_per_article.max(20),
            cast: cast(opts.seed),
        }
    }

    /// Article `i`: its file name and text. Independent of other articles,
    /// so corpora can be written in parallel or in part.
    pub fn article(&self, i: usize) -> (String, String) {
        let mut rng =
            Rng::new(self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (i as u64).wrapping_mul(0x9E37_79B9));
        rng.next_u64();
        let mut a = ArticleGen::new(self, &mut rng);
        let text = a.write(self.words);
        (format!("article-{i:06}.txt"), text)
    }
}

struct ArticleGen<'a> {
    rng: &'a mut Rng,
    people: Vec<&'a Person>,
    introduced: Vec<bool>,
    issues: Vec<usize>,
    govs: Vec<&'static str>,
    out: String,
    words: usize,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl<'a> ArticleGen<'a> {
    fn new(g: &'a Generator, rng: &'a mut Rng) -> ArticleGen<'a> {
        let n = 3 + rng.below(5);
        let people: Vec<&Person> = (0..n).map(|_| &g.cast[rng.below(g.cast.len())]).collect();
        let issues: Vec<usize> = (0..2 + rng.below(3)).map(|_| rng.below(ISSUES.len())).collect();
        let first = rng.below(GOVS.len());
        let second = (first + 1 + rng.below(GOVS.len() - 1)) % GOVS.len();
        let govs = vec![GOVS[first], GOVS[second]];
        ArticleGen {
            introduced: vec![false; people.len()],
            rng,
            people,
            issues,
            govs,
            out: String::new(),
            words: 0,
        }
    }

    fn person(&mut self) -> usize {
        self.rng.below(self.people.len())
    }

    /// How to name person `p` here: in full with title or role the first
    /// time, by surname after.
    fn name(&mut self, p: usize) -> String {
        let per = self.people[p];
        if self.introduced[p] {
            return per.last.to_string();
        }
        self.introduced[p] = true;
        match per.title {
            Some(t) => format!("{t} {}", per.full()),
            None => per.full(),
        }
    }

    fn keyword(&mut self) -> &'static str {
        let i = self.issues[self.rng.below(self.issues.len())];
        let kws = ISSUES[i].1;
        kws[self.rng.below(kws.len())]
    }

    fn issue_name(&mut self) -> &'static str {
        ISSUES[self.issues[self.rng.below(self.issues.len())]].0
    }

    fn gov(&mut self) -> &'static str {
        self.govs[self.rng.below(self.govs.len())]
    }

    fn clause(&mut self) -> String {
        let adj = self.rng.pick(ADJ);
        let noun = self.rng.pick(NOUN);
        let verb = self.rng.pick(VERB);
        let kw = self.keyword();
        match self.rng.below(4) {
            0 => format!("the {adj} {noun} on {kw} {verb} the talks"),
            1 => format!("any {noun} that {verb} {kw} would be {adj}"),
            2 => format!("{kw} {verb} the {adj} {noun}"),
            _ => format!("the government’s {noun} on {kw} is {adj}"),
        }
    }

    fn sentence(&mut self) -> String {
        let r = self.rng.below(100);
        let s = if r < 22 {
            // Direct quote.
            let p = self.person();
            let who = self.name(p);
            let verb = self.rng.pick(SPEECH);
            let body = match self.rng.below(4) {
                0 => format!(
                    "We will not accept a {} {} on {}",
                    self.rng.pick(ADJ),
                    self.rng.pick(NOUN),
                    self.keyword()
                ),
                1 => format!(
                    "This {} is {} and, frankly, {}",
                    self.rng.pick(NOUN),
                    self.rng.pick(ADJ),
                    self.rng.pick(ADJ)
                ),
                2 => cap(&self.clause()),
                _ => format!("Nobody in {} wants {}", self.rng.pick(CITIES), self.keyword()),
            };
            if self.rng.chance(30) {
                let role = self.people[p].role;
                format!("“{body},” said {who}, {role}.")
            } else {
                format!("“{body},” {who} {verb}.")
            }
        } else if r < 40 {
            // Reported speech.
            let p = self.person();
            let who = self.name(p);
            let rep = self.rng.pick(REPORTED);
            let c = self.clause();
            format!("{who} {rep} {c}.")
        } else if r < 55 {
            let p = self.person();
            let who = self.name(p);
            let st = self.rng.pick(STANCE);
            let kw = self.keyword();
            let t = self.rng.pick(TIME);
            format!("{who} {st} {kw}, {t}.")
        } else if r < 70 {
            let c = self.rng.pick(CONNECT);
            let o = self.rng.pick(ORGS);
            let v = self.rng.pick(VERB);
            let adj = self.rng.pick(ADJ);
            let noun = self.rng.pick(NOUN);
            let kw = self.keyword();
            format!("{c} {o} {v} the {adj} {noun} on {kw}.")
        } else if r < 82 {
            let g = self.gov();
            let st = self.rng.pick(STANCE);
            let kw = self.keyword();
            let g2 = self.gov();
            let st2 = self.rng.pick(STANCE);
            let kw2 = self.keyword();
            let v = self.rng.pick(VERB);
            let adj = self.rng.pick(ADJ);
            let noun = self.rng.pick(NOUN);
            let t = self.rng.pick(TIME);
            format!(
                "{} {st} {kw}, while {g2} {st2} {kw2}, a gap that {v} the {adj} {noun} {t}.",
                cap(g)
            )
        } else if r < 92 {
            let city = self.rng.pick(CITIES);
            let t = self.rng.pick(TIME);
            let noun = self.rng.pick(NOUN);
            let adj = self.rng.pick(ADJ);
            let n = 2 + self.rng.below(90);
            format!("Officials in {city} {t} described the {noun} as {adj}, citing {n} percent of cases.")
        } else {
            let kw = self.keyword();
            let kw2 = self.keyword();
            let o = self.rng.pick(ORGS);
            format!("The dispute over {kw} and {kw2} has drawn in {o}.")
        };
        self.words += s.split_whitespace().count();
        s
    }

    fn paragraph(&mut self) {
        let n = 2 + self.rng.below(4);
        let mut p = Vec::with_capacity(n);
        for _ in 0..n {
            p.push(self.sentence());
        }
        let _ = writeln!(self.out, "{}\n", p.join(" "));
    }

    fn heading(&mut self) {
        let adj = cap(self.rng.pick(ADJ));
        let noun = self.rng.pick(NOUN);
        let issue = self.issue_name().to_lowercase();
        let _ = writeln!(self.out, "{adj} {noun} on {issue}\n");
    }

    fn list(&mut self) {
        let _ = writeln!(self.out, "Where the sides stand:\n");
        for _ in 0..3 + self.rng.below(3) {
            let issue = self.issue_name();
            let g = cap(self.gov());
            let st = self.rng.pick(STANCE);
            let kw = self.keyword();
            let g2 = self.gov();
            let st2 = self.rng.pick(STANCE);
            let kw2 = self.keyword();
            let _ = writeln!(self.out, "- {issue}: {g} {st} {kw}; {g2} {st2} {kw2}.");
            self.words += 10;
        }
        self.out.push('\n');
    }

    fn table(&mut self) {
        let a = self.person();
        let b = (a + 1) % self.people.len();
        let (na, nb) = (self.people[a].full(), self.people[b].full());
        let _ = writeln!(self.out, "| Issue | {na}’s position | {nb}’s position |");
        let _ = writeln!(self.out, "|---|---|---|");
        for _ in 0..2 + self.rng.below(3) {
            let issue = self.issue_name();
            let s1 = cap(&format!("{} {}", self.rng.pick(STANCE), self.keyword()));
            let s2 = cap(&format!("{} {}", self.rng.pick(STANCE), self.keyword()));
            let _ = writeln!(self.out, "| {issue} | {s1} | {s2} |");
            self.words += 8;
        }
        self.out.push('\n');
    }

    fn write(&mut self, target: usize) -> String {
        // ±40% around the target length.
        let target = target * (60 + self.rng.below(81)) / 100;
        let lead = self.people[0].full();
        let issue = self.issue_name().to_lowercase();
        let g = cap(self.gov());
        let st = self.rng.pick(STANCE);
        let kw = self.keyword();
        let _ = writeln!(self.out, "{lead} faces {issue} test as {g} {st} {kw}\n");
        let dek = self.clause();
        let _ = writeln!(self.out, "{}.\n", cap(&dek));
        let by1 = &self.cast_name();
        if self.rng.chance(30) {
            let by2 = self.cast_name();
            let _ = writeln!(self.out, "By {by1} and {by2}");
        } else {
            let _ = writeln!(self.out, "By {by1}");
        }
        let month = self.rng.pick(MONTHS);
        let day = 1 + self.rng.below(28);
        let year = 2020 + self.rng.below(6);
        let _ = writeln!(self.out, "Published {month} {day}, {year}\n");
        let mut paras = 0;
        while self.words < target {
            self.paragraph();
            paras += 1;
            if paras % 4 == 0 && self.words < target {
                match self.rng.below(10) {
                    0..=5 => self.heading(),
                    6..=7 => self.list(),
                    _ => self.table(),
                }
            }
        }
        std::mem::take(&mut self.out)
    }

    fn cast_name(&mut self) -> String {
        format!("{} {}", self.rng.pick(FIRST), self.rng.pick(LAST))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_seed_dependent() {
        let o = Options::default();
        let a = Generator::new(&o).article(7);
        let b = Generator::new(&o).article(7);
        assert_eq!(a, b);
        let c = Generator::new(&Options { seed: 2, ..o.clone() }).article(7);
        assert_ne!(a.1, c.1);
        assert_ne!(a.1, Generator::new(&o).article(8).1);
    }

    #[test]
    fn shaped_like_news() {
        let o = Options {
            words_per_article: 600,
            ..Options::default()
        };
        let g = Generator::new(&o);
        let all: String = (0..20).map(|i| g.article(i).1).collect();
        assert!(all.contains("\nBy "));
        assert!(all.contains("Published "));
        assert!(all.contains("”"));
        assert!(all.contains(" said"));
        assert!(all.contains("\n- "));
        assert!(all.contains("|---|"));
        let words = all.split_whitespace().count() / 20;
        assert!((300..1000).contains(&words), "{words} words an article");
    }

    #[test]
    fn rng_below_stays_in_range() {
        let mut r = Rng::new(3);
        assert!((0..10_000).all(|_| r.below(7) < 7));
        assert_eq!(r.below(0), 0);
    }
}
