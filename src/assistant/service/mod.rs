//! The assistant's rules. `intent` understands a request (English or Spanish) with no model;
//! `when` reads the dates in it relative to the member's local today.

pub mod intent;
pub mod when;

#[cfg(test)]
mod intent_table;
