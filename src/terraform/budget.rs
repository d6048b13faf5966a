//! The limits that keep evaluation of hostile input bounded in time and memory.

/// Work units for one evaluation: one per expression evaluated, plus the size of every value copied.
pub const MAX_WORK: usize = 2_000_000;
/// Instances one `count`, `for_each` or `dynamic` block may expand to.
pub const MAX_INSTANCES: usize = 10_000;
/// Nesting of expressions, `for` inside `for` included.
pub const MAX_NESTING: usize = 64;
/// Nesting of local module calls.
pub const MAX_MODULE_DEPTH: usize = 16;
/// Bound on one template's or function call's result (bytes times iterations).
pub const MAX_LEAF_COST: usize = 1 << 22;

#[derive(Debug, Default)]
pub(super) struct Budget {
    spent: usize,
    /// The reason the budget ran out, once it has.
    pub exhausted: bool,
}

impl Budget {
    /// Spends `units`; false once the budget is gone (and from then on).
    pub fn spend(&mut self, units: usize) -> bool {
        self.spent = self.spent.saturating_add(units);
        if self.spent > MAX_WORK {
            self.exhausted = true;
        }
        !self.exhausted
    }
}
