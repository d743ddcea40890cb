//! The one sort of the crate.

/// Sorts `v` by `key`, stably. An insertion sort: the lists sorted here hold at most
/// a few hundred items (findings of one form, communes of one postal code, the
/// 500 items `read::MAX_LIST` lets through), and the standard sorts cost several KB
/// of WebAssembly each.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let out_of_order = match (v.get(j - 1), v.get(j)) {
                (Some(a), Some(b)) => key(a) > key(b),
                _ => false,
            };
            if !out_of_order {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}
