//! CFG rules: kensa's own configuration (kensa.toml). CFG001 (expired waivers) is judged by
//! the engine itself; the rules here read the model.

pub mod release_not_pinned;
