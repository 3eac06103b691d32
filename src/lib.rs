pub mod model;
pub mod tls;
