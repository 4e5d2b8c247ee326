pub mod wrap;
