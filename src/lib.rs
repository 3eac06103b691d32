pub mod model;
pub mod probe;
