//! plan
pub fn read_plan() {}
