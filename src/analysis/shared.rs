//! Values many records hold equal copies of, allocated once and shared.
//!
//! The issues a sentence or quote speaks to: a corpus has few distinct lists
//! (4,509 among a million sentences of 28,201 generated articles) but a list
//! on most records, and each its own allocation cost a 32-byte heap chunk for
//! a 4-byte id. The words that named a quote's speaker (`he`, `the minister`):
//! 727 distinct among 298,345 quotes there. Each is a 4-byte number naming
//! a value kept once for the life of the process; `IssueLists` and
//! `SharedStrs` hand them out without taking the process-wide lock for
//! every record.

use super::IssueId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;

use std::fmt;
use std::ops::Deref;

/// Distinct values kept for the life of the process, each numbered from 1
/// in the order first met. Appending never moves a value and reading takes
/// no lock; numbering a value takes the table's lock, which callers take
/// once per distinct value (see `IssueLists`, `SharedStrs`), not per record.
struct Table<T: ?Sized + 'static> {
    values: boxcar::Vec<Box<T>>,
    numbers: std::sync::LazyLock<std::sync::Mutex<foldhash::HashMap<&'static T, u32>>>,
}

impl<T> Table<T>
where
    T: ?Sized + Eq + std::hash::Hash + 'static,
    for<'a> &'a T: Into<Box<T>>,
{
    const fn new() -> Table<T> {
        Table {
            values: boxcar::Vec::new(),
            numbers: std::sync::LazyLock::new(Default::default),
        }
    }

    /// The number of `v`, which is kept if new.
    fn number(&'static self, v: &T) -> std::num::NonZeroU32 {
        let mut numbers = self
            .numbers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = match numbers.get(v) {
            Some(&n) => n,
            None => {
                let k = self.values.push(v.into());
                // More values than numbers would not fit in memory.
                let n = u32::try_from(k + 1).expect("fewer than 2^32 shared values");
                numbers.insert(&self.values[k], n);
                n
            }
        };
        std::num::NonZeroU32::new(n).expect("numbers start at 1")
    }

    /// The value numbered `n`.
    fn get(&'static self, n: std::num::NonZeroU32) -> Option<&'static T> {
        self.values.get(n.get() as usize - 1).map(|v| &**v)
    }
}

/// A list of issue ids, read as a slice (`&list[..]`, `list.contains(&i)`).
///
/// A number (4 bytes) naming a list kept for the life of the process: every
/// sentence and quote holds one, and a shared pointer to the list was 16
/// bytes (a fat `Arc`), 43 MB over the 3.6 million sentences of 100,000
/// articles. Equal lists are one list, so equal numbers mean equal lists;
/// a process meets few distinct lists (4,509 among a million sentences), so
/// keeping them all costs kilobytes.
/// `None` is the empty list: most sentences start, and many stay, without
/// issues.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct IssueList(Option<std::num::NonZeroU32>);

/// Every distinct nonempty list made.
static LISTS: Table<[IssueId]> = Table::new();

impl IssueList {
    pub fn new(ids: &[IssueId]) -> IssueList {
        IssueList((!ids.is_empty()).then(|| LISTS.number(ids)))
    }
}

impl Deref for IssueList {
    type Target = [IssueId];
    fn deref(&self) -> &[IssueId] {
        self.0.and_then(|n| LISTS.get(n)).unwrap_or_default()
    }
}

/// Hashes and orders a numbered value as the value it reads as, not its
/// number: hashing as `Borrow` requires, ordering as the value did before
/// it was numbered.
macro_rules! as_its_value {
    ($t:ty) => {
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                (**self).hash(h);
            }
        }

        impl PartialOrd for $t {
            fn partial_cmp(&self, o: &$t) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }

        impl Ord for $t {
            fn cmp(&self, o: &$t) -> std::cmp::Ordering {
                (**self).cmp(&**o)
            }
        }
    };
}

as_its_value!(IssueList);

impl Borrow<[IssueId]> for IssueList {
    fn borrow(&self) -> &[IssueId] {
        self
    }
}

impl<'a> IntoIterator for &'a IssueList {
    type Item = &'a IssueId;
    type IntoIter = std::slice::Iter<'a, IssueId>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
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
        (**self).fmt(f)
    }
}

/// Serialised as the slice, byte for byte what the `Vec` it replaces gave.
impl Serialize for IssueList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
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
            return *l;
        }
        let l = IssueList::new(ids);
        self.seen.insert(l);
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
///
/// Like `IssueList`, a number (4 bytes, none for `None`) naming a string
/// kept for the life of the process, equal strings one number: a quote's
/// speaker words were a 16-byte pointer on every quote. A process meets few
/// distinct ones (727 among 298,345 quotes), so keeping them costs little.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SharedStr(std::num::NonZeroU32);

/// Every distinct string made.
static STRS: Table<str> = Table::new();

impl SharedStr {
    fn new(s: &str) -> SharedStr {
        SharedStr(STRS.number(s))
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        STRS.get(self.0).unwrap_or_default()
    }
}

as_its_value!(SharedStr);

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr::new(s)
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr::new(&s)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

/// Printed as the string, as the `String` it replaces was.
impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
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
            return *x;
        }
        let x = SharedStr::from(s);
        self.seen.insert(x);
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
        assert_eq!(a.0, b.0, "one number for equal lists");
        assert_ne!(a.0, c.0);
        assert!(std::ptr::eq(&a[..], &b[..]), "one allocation for equal lists");
        assert_eq!((&a[..], &c[..]), (&[1, 2][..], &[2, 1][..]));
        // Equal lists made apart (another index, or read from JSON) are one.
        assert_eq!(IssueList::new(&[1, 2]).0, a.0);
        // Empty lists are the empty list and are not counted.
        let e = lists.get(&[]);
        assert_eq!(e.0, IssueList::default().0);
        assert_eq!(lists.len(), 2);
    }

    #[test]
    fn lists_order_and_hash_by_their_ids() {
        // Made in the other order, so their numbers are the other way round
        // (ids no other test's index has, as tests share the process).
        let late = IssueList::new(&[900_007, 900_009, 1]);
        let early = IssueList::new(&[900_007, 900_009, 0]);
        assert!(early < late && late.0 < early.0);
        let set: std::collections::HashSet<IssueList> = [late].into_iter().collect();
        assert!(set.contains(&[900_007, 900_009, 1][..]));
    }

    #[test]
    fn shared_strings_read_print_and_serialise_as_str() {
        let mut strs = SharedStrs::new();
        let a = strs.get("the minister");
        let b = strs.get(&String::from("the minister"));
        let c = strs.get("he");
        assert_eq!(a.0, b.0, "one number for equal strings");
        assert_ne!(a.0, c.0);
        assert!(std::ptr::eq(&*a, &*b), "one allocation for equal strings");
        // Made apart (another index, or read from JSON), equal strings are one.
        assert_eq!(SharedStr::from("the minister").0, a.0);
        // Ordered and hashed as text, whatever order they were made in.
        let (late, early) = (SharedStr::from("zz shared b"), SharedStr::from("zz shared a"));
        assert!(early < late && late.0 < early.0);
        let set: std::collections::HashSet<SharedStr> = [late].into_iter().collect();
        assert!(set.contains("zz shared b"));
        assert_eq!(strs.len(), 2);
        assert_eq!(&*a, "the minister");
        assert!(a == "the minister" && c != "she");
        assert_eq!(format!("{a:?} {c}"), "\"the minister\" he");
        let json = serde_json::to_string(&Some(a)).unwrap();
        assert_eq!(json, serde_json::to_string(&Some("the minister")).unwrap());
        let back: Option<SharedStr> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.as_deref(), Some("the minister"));
    }
}
