//! Values many records hold equal copies of, allocated once and shared.
//!
//! The issues a sentence or quote speaks to: a corpus has few distinct lists
//! (4,509 among a million sentences of 28,201 generated articles) but a list
//! on most records, and each its own allocation cost a 32-byte heap chunk for
//! a 4-byte id. The words that named a quote's speaker (`he`, `the minister`):
//! 727 distinct among 298,345 quotes there. Values made through `IssueLists`
//! and `SharedStrs` are allocated once per distinct value.

use super::IssueId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// A list of issue ids, read as a slice (`&list[..]`, `list.contains(&i)`).
/// Cloning shares it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IssueList(Arc<[IssueId]>);

impl IssueList {
    pub fn new(ids: &[IssueId]) -> IssueList {
        if ids.is_empty() {
            return IssueList::default();
        }
        IssueList(Arc::from(ids))
    }
}

/// The empty list, one allocation for the whole program (most sentences
/// start, and many stay, without issues).
impl Default for IssueList {
    fn default() -> IssueList {
        static EMPTY: OnceLock<Arc<[IssueId]>> = OnceLock::new();
        IssueList(EMPTY.get_or_init(|| Arc::from(Vec::new())).clone())
    }
}

impl Deref for IssueList {
    type Target = [IssueId];
    fn deref(&self) -> &[IssueId] {
        &self.0
    }
}

impl Borrow<[IssueId]> for IssueList {
    fn borrow(&self) -> &[IssueId] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a IssueList {
    type Item = &'a IssueId;
    type IntoIter = std::slice::Iter<'a, IssueId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<IssueId>> for IssueList {
    fn from(v: Vec<IssueId>) -> IssueList {
        IssueList::new(&v)
    }
}

impl From<&[IssueId]> for IssueList {
    fn from(v: &[IssueId]) -> IssueList {
        IssueList::new(v)
    }
}

impl FromIterator<IssueId> for IssueList {
    fn from_iter<I: IntoIterator<Item = IssueId>>(it: I) -> IssueList {
        IssueList::new(&it.into_iter().collect::<Vec<_>>())
    }
}

/// Printed as the slice, as the `Vec` it replaces was.
impl std::fmt::Debug for IssueList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Serialised as the slice, byte for byte what the `Vec` it replaces gave.
impl Serialize for IssueList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for IssueList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IssueList, D::Error> {
        Ok(IssueList::from(Vec::<IssueId>::deserialize(d)?))
    }
}

/// Hands out one shared `IssueList` per distinct list of ids.
#[derive(Debug, Default)]
pub struct IssueLists {
    seen: foldhash::HashSet<IssueList>,
}

impl IssueLists {
    pub fn new() -> IssueLists {
        IssueLists::default()
    }

    /// The shared list equal to `ids`.
    pub fn get(&mut self, ids: &[IssueId]) -> IssueList {
        if ids.is_empty() {
            return IssueList::default();
        }
        if let Some(l) = self.seen.get(ids) {
            return l.clone();
        }
        let l = IssueList::new(ids);
        self.seen.insert(l.clone());
        l
    }

    /// How many distinct nonempty lists were handed out.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// A string read as `&str`, shared by the records that hold the same one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedStr(Arc<str>);

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Arc::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Arc::from(s))
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

/// Printed as the string, as the `String` it replaces was.
impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SharedStr, D::Error> {
        Ok(SharedStr::from(String::deserialize(d)?))
    }
}

/// Hands out one shared `SharedStr` per distinct string.
#[derive(Debug, Default)]
pub struct SharedStrs {
    seen: foldhash::HashSet<SharedStr>,
}

impl SharedStrs {
    pub fn new() -> SharedStrs {
        SharedStrs::default()
    }

    /// The shared string equal to `s`.
    pub fn get(&mut self, s: &str) -> SharedStr {
        if let Some(x) = self.seen.get(s) {
            return x.clone();
        }
        let x = SharedStr::from(s);
        self.seen.insert(x.clone());
        x
    }

    /// How many distinct strings were handed out.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_prints_as_a_slice() {
        let l = IssueList::from(vec![3, 1, 4]);
        assert_eq!(&l[..], &[3, 1, 4]);
        assert!(l.contains(&1) && !l.contains(&2));
        assert_eq!(l.iter().copied().collect::<Vec<_>>(), vec![3, 1, 4]);
        assert_eq!(format!("{l:?}"), "[3, 1, 4]");
        assert_eq!(l, [3, 1, 4].into_iter().collect::<IssueList>());
        assert!(IssueList::default().is_empty());
        assert_eq!(IssueList::from(Vec::new()), IssueList::default());
    }

    #[test]
    fn serde_is_the_slice_form() {
        let l = IssueList::from(vec![2, 0]);
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, serde_json::to_string(&vec![2u32, 0]).unwrap());
        let back: IssueList = serde_json::from_str(&json).unwrap();
        assert_eq!(back, l);
        assert_eq!(serde_json::to_string(&IssueList::default()).unwrap(), "[]");
        let empty: IssueList = serde_json::from_str("[]").unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn equal_lists_are_shared() {
        let mut lists = IssueLists::new();
        let a = lists.get(&[1, 2]);
        let b = lists.get(&(1..3).collect::<Vec<IssueId>>());
        let c = lists.get(&[2, 1]);
        assert!(Arc::ptr_eq(&a.0, &b.0), "one allocation for equal lists");
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!((&a[..], &c[..]), (&[1, 2][..], &[2, 1][..]));
        // Empty lists share the one empty allocation and are not counted.
        let e = lists.get(&[]);
        assert!(Arc::ptr_eq(&e.0, &IssueList::default().0));
        assert_eq!(lists.len(), 2);
    }

    #[test]
    fn shared_strings_read_print_and_serialise_as_str() {
        let mut strs = SharedStrs::new();
        let a = strs.get("the minister");
        let b = strs.get(&String::from("the minister"));
        let c = strs.get("he");
        assert!(Arc::ptr_eq(&a.0, &b.0), "one allocation for equal strings");
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!(strs.len(), 2);
        assert_eq!(&*a, "the minister");
        assert!(a == "the minister" && c != "she");
        assert_eq!(format!("{a:?} {c}"), "\"the minister\" he");
        let json = serde_json::to_string(&Some(a.clone())).unwrap();
        assert_eq!(json, serde_json::to_string(&Some("the minister")).unwrap());
        let back: Option<SharedStr> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.as_deref(), Some("the minister"));
    }
}
