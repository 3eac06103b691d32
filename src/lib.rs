pub mod model;
pub mod probe;
pub mod tls;
