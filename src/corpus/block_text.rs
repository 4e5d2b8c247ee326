//! A block's display text. Once its article is built (`Article::seal`),
//! every block's text is a slice of one string holding the article's
//! blocks back to back: each stage reads an article's blocks in order, and
//! they then lie together in memory instead of one allocation per block
//! scattered over the heap (a million sentences make 361,612 blocks).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Reads as a `str` (it derefs to one); cloning shares the text. 16
/// bytes: the shared string is behind one pointer (a block's own string
/// moves in without a copy).
#[derive(Clone)]
pub struct BlockText {
    all: Arc<String>,
    start: u32,
    /// `WHOLE`: to the end of `all`, for a text longer than `u32` counts
    /// (`start` is then 0).
    end: u32,
}

const WHOLE: u32 = u32::MAX;

impl BlockText {
    /// The string this text is a slice of (an article's whole text, once
    /// sealed), and where in it this text starts: search reads many
    /// blocks' texts through one string per article instead of block by
    /// block.
    pub fn backing(&self) -> (&Arc<String>, usize) {
        (&self.all, self.start as usize)
    }

    pub fn as_str(&self) -> &str {
        let end = match self.end {
            WHOLE => self.all.len(),
            e => e as usize,
        };
        // Built only from char-boundary ranges of `all` (see `seal`).
        self.all.get(self.start as usize..end).unwrap_or("")
    }

    /// Makes the text of each of `items` (`text` finds it) a slice of one
    /// string holding them all, in order, unless together they are too
    /// long for `u32` offsets.
    pub fn seal<T>(items: &mut [T], text: impl Fn(&mut T) -> &mut BlockText) {
        let total: usize = items.iter_mut().map(|i| text(i).len()).sum();
        if u32::try_from(total).map_or(true, |t| t == WHOLE) {
            return;
        }
        let mut all = String::with_capacity(total);
        for i in items.iter_mut() {
            all.push_str(text(i));
        }
        let all = Arc::new(all);
        let mut at = 0u32;
        for i in items.iter_mut() {
            let t = text(i);
            // Each length is at most `total`, which fits below WHOLE.
            let end = at + t.len() as u32;
            *t = BlockText {
                all: all.clone(),
                start: at,
                end,
            };
            at = end;
        }
    }
}

impl Deref for BlockText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for BlockText {
    fn from(s: String) -> BlockText {
        let end = u32::try_from(s.len())
            .ok()
            .filter(|&e| e != WHOLE)
            .unwrap_or(WHOLE);
        BlockText {
            all: Arc::new(s),
            start: 0,
            end,
        }
    }
}

impl From<&str> for BlockText {
    fn from(s: &str) -> BlockText {
        BlockText::from(s.to_string())
    }
}

impl PartialEq for BlockText {
    fn eq(&self, o: &BlockText) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for BlockText {}

impl PartialEq<&str> for BlockText {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<BlockText> for &str {
    fn eq(&self, o: &BlockText) -> bool {
        *self == o.as_str()
    }
}

impl PartialEq<String> for BlockText {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

impl fmt::Debug for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for BlockText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BlockText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<BlockText, D::Error> {
        String::deserialize(d).map(BlockText::from)
    }
}

const _: () = assert!(std::mem::size_of::<BlockText>() == 16);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_texts_read_as_before_and_share_one_string() {
        let mut ts: Vec<BlockText> = ["Bogotá said", "", "“quoted”", "x"]
            .into_iter()
            .map(BlockText::from)
            .collect();
        BlockText::seal(&mut ts, |t| t);
        let read: Vec<&str> = ts.iter().map(|t| t.as_str()).collect();
        assert_eq!(read, ["Bogotá said", "", "“quoted”", "x"]);
        assert!(ts.windows(2).all(|w| Arc::ptr_eq(&w[0].all, &w[1].all)));
        assert_eq!(ts[2], "“quoted”");
        assert_eq!(format!("{:?}", ts[0]), "\"Bogotá said\"");
        assert_eq!(serde_json::to_string(&ts[2]).unwrap(), "\"“quoted”\"");
        let back: BlockText = serde_json::from_str("\"a\\nb\"").unwrap();
        assert_eq!(back, "a\nb");
    }

    #[test]
    fn loaded_articles_are_sealed() {
        let loaded = crate::corpus::load_embedded();
        let mut warnings = Vec::new();
        for (path, format, body) in [
            (
                "a.md",
                crate::corpus::Format::Markdown,
                "# T\n\nOne.\n\n- two\n- three\n",
            ),
            (
                "a.jsonl",
                crate::corpus::Format::Jsonl,
                "{\"title\":\"T\",\"body\":\"One.\\n\\nTwo.\"}\n",
            ),
        ] {
            let arts = crate::corpus::load::parse_text(path, format, body, &mut warnings);
            assert!(!arts.is_empty(), "{path}");
            for a in &arts {
                assert!(a.blocks.len() >= 2, "{path}: {:?}", a.blocks);
                assert!(
                    a.blocks
                        .windows(2)
                        .all(|w| Arc::ptr_eq(&w[0].text.all, &w[1].text.all)),
                    "{path}"
                );
            }
        }
        for a in &loaded.articles {
            assert!(a
                .blocks
                .windows(2)
                .all(|w| Arc::ptr_eq(&w[0].text.all, &w[1].text.all)));
            let joined: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(a.blocks[0].text.all.as_str(), joined);
        }
    }

    /// The loader lays the articles of many files out in one string, in
    /// order, and each reads as it does loaded alone.
    #[test]
    fn the_loader_lays_articles_out_together() {
        use crate::corpus::{load_paths, LoadOptions};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
        let all = load_paths(std::slice::from_ref(&dir), &LoadOptions::default());
        let texts: Vec<&BlockText> = all
            .articles
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| &b.text))
            .collect();
        assert!(all.articles.len() >= 5 && texts.len() > 20);
        assert!(texts.windows(2).all(|w| Arc::ptr_eq(&w[0].all, &w[1].all)));
        let joined: String = texts.iter().map(|t| t.as_str()).collect();
        assert_eq!(texts[0].all.as_str(), joined);
        let mut alone = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            alone.extend(load_paths(&[f], &LoadOptions::default()).articles);
        }
        assert_eq!(all.articles, alone);
    }
}
