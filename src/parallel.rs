//! One helper for spreading independent work over the cores, keeping the input's order.

/// Maps `f` over `items` on up to `available_parallelism` threads (at most 16), one contiguous
/// chunk each, and returns the results in the order of `items`. Fewer than `min_parallel` items
/// are mapped on the calling thread. If a worker panics, each item of its chunk gets
/// `on_panic(item)` instead, so results never shift onto the wrong item.
pub fn map<T, R>(items: &[T], min_parallel: usize, f: impl Fn(&T) -> R + Sync, on_panic: impl Fn(&T) -> R) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(16);
    if threads <= 1 || items.len() < min_parallel.max(2) {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        let mut out = Vec::with_capacity(items.len());
        for (handle, part) in handles.into_iter().zip(items.chunks(chunk)) {
            match handle.join() {
                Ok(results) => out.extend(results),
                Err(_) => out.extend(part.iter().map(&on_panic)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn keeps_order_and_replaces_a_panicking_chunk() {
        let items: Vec<u32> = (0..10_000).collect();
        assert_eq!(map(&items, 1, |x| x * 2, |_| 0), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let out = map(&items, 1, |&x| if x == 9_999 { panic!("boom") } else { Some(x) }, |_| None);
        assert_eq!(out.len(), items.len());
        assert_eq!(out[0], Some(0));
        assert_eq!(out[9_999], None);
        // Items processed on the calling thread when the input is small.
        assert_eq!(map(&items[..3], 100, |x| x + 1, |_| 0), vec![1, 2, 3]);
    }
}
