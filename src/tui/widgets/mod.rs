pub mod doc;
pub mod table;
pub mod wrap;
