//! Passages aligned across sources, per issue: which sentences of different
//! articles say the same thing, and which only one source says.
//!
//! Sentences are compared by TF-IDF cosine over their folded, stemmed content
//! words (stopwords out; IDF over every body sentence of the corpus, so words
//! every article repeats weigh little). Within one issue, pairs from
//! different articles at or above `THRESHOLD` are merged greedily, most
//! similar first (average linkage: a passage joins a group only if its mean
//! similarity to the group's passages also reaches the threshold), never two
//! passages of the same article in a group. Whatever stays alone is a
//! single-source group.
//!
//! Cost: the pairwise step is quadratic, so it runs per issue and on at most
//! `MAX_CANDIDATES` sentences per issue, those densest in the issue's keywords.
use super::issues::Matcher;
use super::words::{SentenceWords, Word};
use super::{AlignedGroup, Issue, IssueId, Sentence, SentenceId};
use crate::corpus::{Article, BlockKind};
use rayon::prelude::*;

/// Cosine at which two passages count as saying the same thing. Tuned on
/// the seeds, whose three articles share few facts. Cross-article pairs on
/// one issue score: 0.31 `migration remains a central political issue in
/// the United States` / `…issues such as hemispheric security, migration`
/// (spurious: place name plus issue word); 0.25 two agenda lists naming
/// drug trafficking (fair); 0.22 Petro's green transition / his `Climate,
/// green investment` priority (true); 0.21 Colombia as migrants' transit
/// country and host, told twice (true); 0.20 an official delegation vs an
/// agenda list (spurious); below 0.2 mostly shared vocabulary only. 0.2 keeps
/// the two true pairs at the cost of two spurious ones; generic words
/// (`issue`, `political`, `meeting`) are left out of the vectors so they
/// cannot carry a pair on their own.
pub const THRESHOLD: f32 = 0.2;

/// Per issue, at most this many sentences are compared pairwise.
pub const MAX_CANDIDATES: usize = 200;

/// A sparse unit vector: (term, weight), sorted by term.
type Vector = Vec<(u32, f32)>;

/// The plain sparse dot product `row_dot` must equal, bit for bit.
#[cfg(test)]
fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// The dot product of the vector spread over `row` with `b`.
fn row_dot(row: &[f32], b: &Vector) -> f32 {
    let mut s = 0.0;
    for &(t, w) in b {
        s += row.get(t as usize).copied().unwrap_or(0.0) * w;
    }
    s
}

/// Sentences that state something: body text, headings excluded.
fn is_passage(articles: &[Article], s: &Sentence) -> bool {
    articles
        .get(s.article as usize)
        .and_then(|a| a.blocks.get(s.block as usize))
        .is_some_and(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Table
            )
        })
}

/// TF-IDF vectors of every passage (`None` for sentences that are not).
#[cfg(test)]
fn vectors(articles: &[Article], sentences: &[Sentence]) -> Vec<Option<Vector>> {
    let words = super::words::of_sentences(articles, sentences);
    let passages = Passages {
        articles,
        sentences,
        words: &words,
    };
    let terms = Terms::of(passages.len(), &|i, f| passages.with(i, f));
    (0..passages.len())
        .map(|i| passages.with(i, |ws| ws.map(|ws| terms.vector(ws))))
        .collect()
}

/// Every passage's words (`None` for sentences that are not passages), out
/// of each sentence's words, read when asked: a list of them would be 16
/// bytes a sentence held through alignment, its peak at a large corpus.
#[derive(Clone, Copy)]
struct Passages<'a> {
    articles: &'a [Article],
    sentences: &'a [Sentence],
    words: &'a SentenceWords,
}

impl Passages<'_> {
    /// `f` of passage `i`'s words (`None` when sentence `i` is not one).
    fn with<R>(&self, i: usize, f: impl FnOnce(Option<&[Word]>) -> R) -> R {
        match self.sentences.get(i) {
            Some(s) if is_passage(self.articles, s) => self.words.with(i, f),
            _ => f(None),
        }
    }

    fn len(&self) -> usize {
        self.sentences.len().min(self.words.len())
    }
}

/// Passages per piece of `Terms::of`'s parallel term numbering.
const PIECE: usize = 4096;

/// The words a vector is made of: content words that are not generic.
fn is_term(w: &Word) -> bool {
    w.is_content() && !w.is_generic()
}

/// What TF-IDF needs of the whole corpus: each term's id, numbered in order
/// of first use so vectors (and float sums over them) come out the same on
/// every run, its document frequency, and the number of passages.
///
/// Only these counts are kept for every passage; vectors are made for the
/// few hundred candidates an issue compares (`vector`), not for the
/// million passages a large corpus has.
struct Terms {
    /// By stem number (`Word::stem_id`: equal exactly when the stems are),
    /// so counting hashes an integer per word, not its stem.
    ids: foldhash::HashMap<u32, u32>,
    df: Vec<u32>,
    passages: f32,
}

/// One piece of passages: its terms numbered locally in order of first use,
/// how many of its passages hold each, and how many passages it has.
struct Piece {
    /// Stem numbers.
    terms: Vec<u32>,
    df: Vec<u32>,
    passages: usize,
}

/// Pieces numbered in parallel before their terms are merged. One in unit
/// tests, so the proptest's two pieces cross a batch boundary too.
const PIECES_AT_ONCE: usize = if cfg!(test) { 1 } else { 16 };

/// `passage(i, f)` calls `f` with the words of passage `i`, `None` for a
/// sentence that is not one.
type PassageWords<'p> = dyn Fn(usize, &mut dyn FnMut(Option<&[Word]>)) + Sync + 'p;

impl Piece {
    /// The piece of passages `range`.
    fn of(range: std::ops::Range<usize>, passage: &PassageWords) -> Piece {
        let mut local: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
        let mut piece = Piece {
            terms: Vec::new(),
            df: Vec::new(),
            passages: 0,
        };
        // `seen[t]`: the last passage (numbered from 1) that counted term t.
        let mut seen: Vec<u32> = Vec::new();
        for (k, i) in range.enumerate() {
            let stamp = k as u32 + 1;
            passage(i, &mut |ws| {
                piece.passages += usize::from(ws.is_some());
                for w in ws.iter().flat_map(|ws| ws.iter()).filter(|w| is_term(w)) {
                    let next = piece.terms.len() as u32;
                    let id = *local.entry(w.stem_id()).or_insert(next);
                    if id == next {
                        piece.terms.push(w.stem_id());
                        piece.df.push(0);
                        seen.push(0);
                    }
                    if seen[id as usize] != stamp {
                        seen[id as usize] = stamp;
                        piece.df[id as usize] += 1;
                    }
                }
            });
        }
        piece
    }
}

impl Terms {
    /// The terms of passages `0..n` (see `PassageWords`).
    fn of(n: usize, passage: &PassageWords) -> Terms {
        let mut terms = Terms {
            ids: foldhash::HashMap::default(),
            df: Vec::new(),
            passages: 0.0,
        };
        let mut passages = 0usize;
        // Pieces number their own terms in parallel; a pass over each
        // piece's distinct terms, in reading order, then gives the same ids
        // one pass over every word would. Pieces are made a batch at a time,
        // so their term lists are never all held at once.
        let starts: Vec<usize> = (0..n).step_by(PIECE).collect();
        crate::windows::gather_by(
            &starts,
            PIECES_AT_ONCE,
            || (),
            |_, _, &start| Piece::of(start..n.min(start + PIECE), passage),
            |p| {
                passages += p.passages;
                for (t, df) in p.terms.into_iter().zip(p.df) {
                    let next = terms.df.len() as u32;
                    let id = *terms.ids.entry(t).or_insert(next);
                    if id == next {
                        terms.df.push(0);
                    }
                    terms.df[id as usize] += df;
                }
            },
        );
        terms.passages = passages as f32;
        terms
    }

    /// The TF-IDF unit vector of passage words `ws`.
    fn vector(&self, ws: &[Word]) -> Vector {
        let mut v: Vector = ws
            .iter()
            .filter(|w| is_term(w))
            .filter_map(|w| Some((*self.ids.get(&w.stem_id())?, 1.0)))
            .collect();
        // Sentences are short: sorting and merging beats a map per sentence.
        v.sort_unstable_by_key(|x| x.0);
        v.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        let n = self.passages;
        for x in v.iter_mut() {
            x.1 *= ((n + 1.0) / (self.df[x.0 as usize] as f32 + 1.0)).ln() + 1.0;
        }
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v
    }
}

/// The sentences of one issue to compare (`c`: its passages with a
/// non-empty vector, in reading order), densest in its keywords first when
/// there are too many (`density[s]`: per issue, keyword hits over words),
/// then back in reading order.
fn candidates(
    mut c: Vec<SentenceId>,
    density: &(dyn Fn(SentenceId, IssueId) -> f32 + Sync),
    issue: IssueId,
) -> Vec<SentenceId> {
    if c.len() > MAX_CANDIDATES {
        let mut scored: Vec<(f32, SentenceId)> = c.iter().map(|&id| (density(id, issue), id)).collect();
        // Only which are the first `MAX_CANDIDATES` matters (they go back
        // into reading order), and the order is total (ties by id): a
        // selection, not a sort of a crowded issue's every sentence.
        scored.select_nth_unstable_by(MAX_CANDIDATES - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        c = scored.into_iter().take(MAX_CANDIDATES).map(|x| x.1).collect();
        c.sort_unstable();
    }
    c
}

/// Per issue, the sentences that speak to it and have a non-empty vector,
/// in reading order (one pass over the sentences for all issues).
fn per_issue(sentences: &[Sentence], passages: Passages, n_issues: usize) -> Vec<Vec<SentenceId>> {
    let mut out = vec![Vec::new(); n_issues];
    for (i, s) in sentences.iter().enumerate() {
        if s.issues.is_empty() || !passages.with(i, |ws| ws.is_some_and(|ws| ws.iter().any(is_term))) {
            continue;
        }
        for &is in &s.issues {
            if let Some(v) = out.get_mut(is as usize) {
                // An issue listed twice on a sentence still counts it once.
                if v.last() != Some(&(i as SentenceId)) {
                    v.push(i as SentenceId);
                }
            }
        }
    }
    out
}

/// Keyword density of passage words `ws` for `issue`: its keyword hits over
/// its words. Only read to rank the candidates of a crowded issue, so worked
/// out for those alone, when asked: a table of them for every candidate
/// would hold one entry per sentence and issue through alignment, its peak
/// at a large corpus.
fn density(matcher: &Matcher, ws: Option<&[Word]>, issue: IssueId) -> f32 {
    let mut d = 0.0;
    for ws in ws.iter() {
        for h in matcher.hits(ws) {
            if h.issue as IssueId == issue {
                d += 1.0 / ws.len().max(1) as f32;
            }
        }
    }
    d
}

/// A pair of passages `i < j` with similarity `s` as one number that sorts
/// most similar first, then by `(i, j)`. For `s >= 0` (similarities are
/// dot products of non-negative weights), a float's bits order as the
/// float does.
fn pair_key(s: f32, i: usize, j: usize) -> u128 {
    debug_assert!(s >= 0.0);
    (u128::from(!s.to_bits()) << 64) | ((i as u128) << 32) | j as u128
}

/// The passages of a `pair_key`.
fn pair_of(key: u128) -> (usize, usize) {
    (((key >> 32) as u32) as usize, (key as u32) as usize)
}

/// Groups one issue's candidates (indices into `ids`).
/// `vecs[i]` is the vector of `ids[i]`.
fn group(ids: &[SentenceId], sentences: &[Sentence], vecs: &[Vector]) -> Vec<(Vec<usize>, f32)> {
    let n = ids.len();
    let vec_of = |i: usize| vecs.get(i);
    let art = |i: usize| sentences[ids[i] as usize].article;
    let mut sim = vec![0f32; n * n];
    let mut pairs = Vec::new();
    // Passage i's weights spread over a dense row, so each dot product with
    // it walks only the other vector (the sum adds the same products in the
    // same term order as `dot`, plus exact zeros).
    let dims = (0..n)
        .filter_map(|i| vec_of(i)?.last().map(|x| x.0 as usize + 1))
        .max()
        .unwrap_or(0);
    let mut row = vec![0f32; dims];
    for i in 0..n {
        let Some(a) = vec_of(i) else { continue };
        for &(t, w) in a {
            row[t as usize] = w;
        }
        for j in i + 1..n {
            if art(i) == art(j) {
                continue;
            }
            let Some(b) = vec_of(j) else { continue };
            let s = row_dot(&row, b);
            sim[i * n + j] = s;
            sim[j * n + i] = s;
            if s >= THRESHOLD {
                pairs.push(pair_key(s, i, j));
            }
        }
        for &(t, _) in a {
            row[t as usize] = 0.0;
        }
    }
    // Most similar first, then by passages: keys sort as numbers, no two
    // alike, so an unstable sort orders them as the stable one did.
    pairs.sort_unstable();
    // Clusters: members, their articles (sorted), and `link[c * n + d]`, the
    // sum of similarities between clusters c and d, kept up to date on each
    // merge so average linkage costs O(n) per merge.
    let mut of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut arts: Vec<Vec<u32>> = (0..n).map(|i| vec![art(i)]).collect();
    let mut link = sim.clone();
    for key in pairs {
        let (i, j) = pair_of(key);
        let (ci, cj) = (of[i], of[j]);
        if ci == cj {
            continue;
        }
        if arts[ci].iter().any(|a| arts[cj].binary_search(a).is_ok()) {
            continue;
        }
        let mean = link[ci * n + cj] / (members[ci].len() * members[cj].len()) as f32;
        if mean < THRESHOLD {
            continue;
        }
        for k in 0..n {
            let v = link[cj * n + k];
            link[ci * n + k] += v;
            link[k * n + ci] += v;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            of[m] = ci;
        }
        members[ci].extend(moved);
        let moved = std::mem::take(&mut arts[cj]);
        arts[ci].extend(moved);
        arts[ci].sort_unstable();
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_unstable();
            let k = m.len();
            let s = if k < 2 {
                1.0
            } else {
                let mut t = 0.0;
                for (x, &a) in m.iter().enumerate() {
                    for &b in &m[x + 1..] {
                        t += sim[a * n + b];
                    }
                }
                t / (k * (k - 1) / 2) as f32
            };
            (m, s)
        })
        .collect()
}

/// Aligned groups for every issue: by issue, then larger groups first, then
/// the more similar, then reading order.
/// `words` holds each sentence's words (see `words::of_sentences`).
pub fn align(
    articles: &[Article],
    sentences: &[Sentence],
    words: &SentenceWords,
    issues: &[Issue],
) -> Vec<AlignedGroup> {
    let passages = Passages {
        articles,
        sentences,
        words,
    };
    let terms = Terms::of(passages.len(), &|i, f| passages.with(i, f));
    let lists = per_issue(sentences, passages, issues.len());
    let matcher = lists
        .iter()
        .any(|c| c.len() > MAX_CANDIDATES)
        .then(|| Matcher::for_issues(issues));
    // Candidates are passages (`per_issue` keeps no other sentence): their
    // words are read without looking up their blocks again, a cache miss
    // each for candidates spread over the corpus.
    let density = |s: SentenceId, i: IssueId| {
        debug_assert!(is_passage(articles, &sentences[s as usize]));
        matcher
            .as_ref()
            .map_or(0.0, |m| words.with(s as usize, |ws| density(m, ws, i)))
    };
    // Issues are independent once the term counts exist: group them in parallel.
    issues
        .par_iter()
        .zip(lists)
        .map(|(issue, c)| {
            let ids = candidates(c, &density, issue.id);
            let vecs: Vec<Vector> = ids
                .iter()
                .map(|&s| words.with(s as usize, |ws| terms.vector(ws.unwrap_or_default())))
                .collect();
            let mut groups: Vec<AlignedGroup> = group(&ids, sentences, &vecs)
                .into_iter()
                .map(|(m, similarity)| {
                    let passages: Vec<SentenceId> = m.iter().map(|&i| ids[i]).collect();
                    AlignedGroup {
                        issue: issue.id,
                        single_source: passages.len() == 1,
                        passages,
                        similarity,
                    }
                })
                .collect();
            groups.sort_by(|a, b| {
                b.passages
                    .len()
                    .cmp(&a.passages.len())
                    .then(b.similarity.total_cmp(&a.similarity))
                    .then(a.passages.cmp(&b.passages))
            });
            groups
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Format};
    use crate::text::Span;
    use proptest::prelude::*;

    /// A sparse vector: distinct sorted terms below 64, weights in (0, 1].
    fn vector() -> impl Strategy<Value = Vector> {
        proptest::collection::btree_map(0u32..64, 1u32..1000, 0..12)
            .prop_map(|m| m.into_iter().map(|(t, w)| (t, w as f32 / 1000.0)).collect())
    }

    proptest! {
        #[test]
        fn row_dot_equals_the_sparse_dot_bit_for_bit(a in vector(), b in vector()) {
            let mut row = vec![0f32; 64];
            for &(t, w) in &a {
                row[t as usize] = w;
            }
            prop_assert_eq!(row_dot(&row, &b).to_bits(), dot(&a, &b).to_bits());
        }
    }

    /// TF-IDF the plain way: one pass numbering terms in order of first
    /// use, counts per passage, then weights.
    fn reference_vectors(passages: &[Option<&[Word]>]) -> Vec<Option<Vector>> {
        let mut ids: std::collections::HashMap<&str, u32> = Default::default();
        let tfs: Vec<Option<Vector>> = passages
            .iter()
            .map(|ws| {
                ws.map(|ws| {
                    let mut tf: Vector = Vec::new();
                    for w in ws.iter().filter(|w| is_term(w)) {
                        let next = ids.len() as u32;
                        let id = *ids.entry(w.stem()).or_insert(next);
                        match tf.iter_mut().find(|x| x.0 == id) {
                            Some(x) => x.1 += 1.0,
                            None => tf.push((id, 1.0)),
                        }
                    }
                    tf.sort_by_key(|x| x.0);
                    tf
                })
            })
            .collect();
        let mut df = vec![0u32; ids.len()];
        for tf in tfs.iter().flatten() {
            for &(t, _) in tf {
                df[t as usize] += 1;
            }
        }
        let n = tfs.iter().filter(|t| t.is_some()).count() as f32;
        tfs.into_iter()
            .map(|tf| {
                let mut v = tf?;
                for x in v.iter_mut() {
                    x.1 *= ((n + 1.0) / (df[x.0 as usize] as f32 + 1.0)).ln() + 1.0;
                }
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|x| x.1 /= norm);
                }
                Some(v)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// Counted in parallel pieces, vectors made one at a time: the same
        /// bits as the plain way, across piece boundaries too.
        #[test]
        fn term_counts_give_the_plain_vectors(
            texts in proptest::collection::vec(
                proptest::option::weighted(0.9, proptest::collection::vec(0usize..14, 0..6)),
                PIECE - 20..PIECE + 300,
            ),
        ) {
            const VOCAB: [&str; 14] = [
                "quota", "quotas", "the", "fishing", "cut", "said", "policy",
                "fleet", "Harbour", "harbours", "spring", "of", "trawler", "Bogotá",
            ];
            let words: Vec<Option<Box<[Word]>>> = texts
                .iter()
                .map(|t| {
                    t.as_ref().map(|t| {
                        let text: Vec<&str> = t.iter().map(|&i| VOCAB[i]).collect();
                        super::super::words::words(&text.join(" ")).into_boxed_slice()
                    })
                })
                .collect();
            let passages: Vec<Option<&[Word]>> = words.iter().map(|w| w.as_deref()).collect();
            let terms = Terms::of(passages.len(), &|i, f| f(passages[i]));
            let want = reference_vectors(&passages);
            for (ws, want) in passages.iter().zip(&want) {
                let got = ws.map(|ws| terms.vector(ws));
                let bits = |v: &Option<Vector>| {
                    v.as_ref().map(|v| v.iter().map(|x| (x.0, x.1.to_bits())).collect::<Vec<_>>())
                };
                prop_assert_eq!(bits(&got), bits(want));
            }
        }
    }

    proptest! {
        /// Pairs sorted by their keys come in the order of the comparison
        /// they replace: most similar first, then by passages.
        #[test]
        fn pair_keys_sort_like_similarity_then_passages(
            pairs in proptest::collection::vec((0.0f32..2.0, 0usize..300, 0usize..300), 0..200),
        ) {
            let mut want = pairs.clone();
            want.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            let mut keys: Vec<u128> = pairs.iter().map(|&(s, i, j)| pair_key(s, i, j)).collect();
            keys.sort_unstable();
            let got: Vec<(usize, usize)> = keys.into_iter().map(pair_of).collect();
            let want: Vec<(usize, usize)> = want.into_iter().map(|p| (p.1, p.2)).collect();
            prop_assert_eq!(got, want);
        }
    }

    fn art(lines: &[&str]) -> Article {
        let mut a = Article::new("t", Format::Plain);
        for l in lines {
            a.blocks
                .push(Block::new(BlockKind::Paragraph, *l, 1, Span::default()));
        }
        a
    }

    fn sents(arts: &[Article], issue: &[Vec<IssueId>]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut k = 0;
        for (ai, a) in arts.iter().enumerate() {
            for (bi, b) in a.blocks.iter().enumerate() {
                out.push(Sentence {
                    article: ai as u32,
                    block: bi as u32,
                    span: Span::new(0, b.text.len()),
                    issues: issue[k].clone().into(),
                });
                k += 1;
            }
        }
        out
    }

    fn issue(id: IssueId, kw: &str) -> Issue {
        Issue {
            id,
            name: kw.into(),
            labels: vec![],
            keywords: vec![kw.into()],
            mentions: 1,
            mentions_by_article: Default::default(),
            discovered: false,
        }
    }

    #[test]
    fn paraphrases_group_and_the_rest_stand_alone() {
        let arts = [
            art(&[
                "Fishing quotas in the northern sea will be cut by a third next spring.",
                "The fleet owners protested in the harbour.",
            ]),
            art(&[
                "Northern sea fishing quotas are to be cut by a third from spring.",
                "A new ferry route opens in May.",
            ]),
            art(&["Inspectors found the quotas were widely ignored last season by trawlers."]),
        ];
        let s = sents(&arts, &[vec![0], vec![0], vec![0], vec![], vec![0]]);
        let g = align(
            &arts,
            &s,
            &crate::analysis::words::of_sentences(&arts, &s),
            &[issue(0, "quotas")],
        );
        assert_eq!(g[0].passages, [0, 2]);
        assert!(!g[0].single_source);
        assert!(g[0].similarity >= THRESHOLD);
        let singles: Vec<_> = g
            .iter()
            .filter(|x| x.single_source)
            .map(|x| x.passages[0])
            .collect();
        assert_eq!(singles.len(), 2, "{g:?}");
        assert!(singles.contains(&1) && singles.contains(&4));
    }

    #[test]
    fn never_two_passages_of_one_article() {
        let arts = [
            art(&[
                "Quotas will be cut by a third.",
                "Quotas will be cut by a third, again.",
            ]),
            art(&["Quotas will be cut by a third, officials say."]),
        ];
        let s = sents(&arts, &[vec![0], vec![0], vec![0]]);
        for g in align(
            &arts,
            &s,
            &crate::analysis::words::of_sentences(&arts, &s),
            &[issue(0, "quotas")],
        ) {
            let mut a: Vec<u32> = g.passages.iter().map(|&p| s[p as usize].article).collect();
            a.dedup();
            assert_eq!(a.len(), g.passages.len());
        }
    }

    #[test]
    fn identical_vectors_have_unit_cosine() {
        let arts = [art(&["Quotas cut sharply."]), art(&["Quotas cut sharply."])];
        let s = sents(&arts, &[vec![0], vec![0]]);
        let v = vectors(&arts, &s);
        let (a, b) = (v[0].as_ref().unwrap(), v[1].as_ref().unwrap());
        assert!((dot(a, b) - 1.0).abs() < 1e-5);
    }
}
