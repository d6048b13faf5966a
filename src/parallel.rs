//! Work spread over the cores only when there is enough of it: starting rayon's pool, and its
//! threads spinning while they wait, cost more than a whole one-file run.

use rayon::prelude::*;

/// Below this many items, the work runs on the calling thread.
const ENOUGH: usize = 8;

/// `items` mapped by `f`, in order.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < ENOUGH { items.into_iter().map(f).collect() } else { items.into_par_iter().map(f).collect() }
}

/// `items` mapped by `f`, in order, borrowing them.
pub fn map_ref<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < ENOUGH { items.iter().map(f).collect() } else { items.par_iter().map(f).collect() }
}

/// `items` mapped by `f`, in order, on all cores however few they are: for a caller that knows
/// each item is large work.
pub fn map_ref_on_all_cores<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(f).collect()
}

/// `a` and `b`, on two cores when `worth_it` (the caller knows both are large work).
pub fn both<A: Send, B: Send>(worth_it: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if worth_it { rayon::join(a, b) } else { (a(), b()) }
}

/// The parts of a parallel map in order, as one list. 400,000 findings are 70 MB: a list grown
/// one at a time copies them again at every doubling, and a lone part is taken as it is.
pub fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut filled = parts.into_iter().filter(|part| !part.is_empty());
    let Some(first) = filled.next() else { return Vec::new() };
    appended(first, filled.collect())
}

/// The parts as one list in no particular order: the others appended to the largest, where room
/// for them may already be (see `Ctx::reserve`), so that 400,000 findings are not copied again.
pub fn onto_largest<T>(mut parts: Vec<Vec<T>>) -> Vec<T> {
    let Some(largest) = (0..parts.len()).max_by_key(|&index| parts[index].len()) else { return Vec::new() };
    let all = parts.swap_remove(largest);
    appended(all, parts)
}

/// `all`, then each of `rest`, with room made once.
fn appended<T>(mut all: Vec<T>, rest: Vec<Vec<T>>) -> Vec<T> {
    all.reserve(rest.iter().map(Vec::len).sum());
    for mut part in rest {
        all.append(&mut part);
    }
    all
}
