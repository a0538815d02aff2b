//! Background work. The UI thread never waits on tantivy or on a slow disk:
//! workers own the heavy objects and answer over channels.

pub mod fetch;
pub mod import;
pub mod search;
