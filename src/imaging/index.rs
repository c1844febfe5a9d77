//! In-memory search index over stored fingerprints: multi-index hashing on the 64-bit pHash
//! (four 16-bit chunks; for each probe view every chunk value within Hamming radius 2 is looked
//! up), exact for matches. Compact CSR tables in a few size-tiered levels (merged like an LSM
//! tree, so inserts stay cheap) plus a small brute-force buffer of the latest inserts.

use std::collections::HashMap;
use std::hash::Hash;

use super::hash::{Fingerprint, MATCH_THRESHOLD, Probe, combine};

const CHUNKS: usize = 4;
const CHUNK_BITS: u32 = 16;
const BUCKETS: usize = 1 << CHUNK_BITS;
/// Per-chunk lookup radius. Pigeonhole: a pHash distance ≤ `CHUNKS * (RADIUS + 1) - 1` = 11 has
/// at least one chunk within `RADIUS`, so every match (score ≤ MATCH_THRESHOLD ≤ 11) is found.
const RADIUS: u32 = 2;
const _: () = assert!(MATCH_THRESHOLD < CHUNKS as u32 * (RADIUS + 1));
/// Non-matching candidates up to this score are reported too ("nearest: distance 16").
const NEAR_CUTOFF: u32 = 16;
/// The brute-force buffer of latest inserts becomes a level when it exceeds this many hashes.
const RECENT_MAX: usize = 4096;
/// A level is merged into the one before it once it reaches 1/`LEVEL_RATIO` of its size.
const LEVEL_RATIO: usize = 8;

/// All 16-bit masks with at most `RADIUS` bits set (1 + 16 + 120 = 137).
fn masks() -> Vec<u16> {
    let mut m = vec![0u16];
    for i in 0..CHUNK_BITS {
        m.push(1 << i);
    }
    for i in 0..CHUNK_BITS {
        for j in (i + 1)..CHUNK_BITS {
            m.push((1 << i) | (1 << j));
        }
    }
    m
}

#[inline]
fn chunk(h: u64, c: usize) -> usize {
    ((h >> (c as u32 * CHUNK_BITS)) & 0xffff) as usize
}

/// The four chunk tables over one set of stored views.
struct Level {
    tables: Vec<Table>,
}

impl Level {
    fn build(entries: &[(u64, u32)]) -> Level {
        Level { tables: (0..CHUNKS).map(|c| Table::build(c, entries)).collect() }
    }

    fn len(&self) -> usize {
        self.tables.first().map_or(0, |t| t.phash.len())
    }

    fn entries(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.tables.iter().take(1).flat_map(|t| t.phash.iter().copied().zip(t.id.iter().copied()))
    }
}

/// One chunk's table in CSR form: entries sorted by chunk value.
#[derive(Default)]
struct Table {
    /// `offsets[v]..offsets[v + 1]` are the entries whose chunk equals `v` (empty if unbuilt).
    offsets: Vec<u32>,
    phash: Vec<u64>,
    id: Vec<u32>,
}

impl Table {
    fn build(c: usize, entries: &[(u64, u32)]) -> Table {
        let mut counts = vec![0u32; BUCKETS + 1];
        for &(p, _) in entries {
            counts[chunk(p, c) + 1] += 1;
        }
        for v in 0..BUCKETS {
            counts[v + 1] += counts[v];
        }
        let offsets = counts.clone();
        let mut fill = counts;
        let mut phash = vec![0u64; entries.len()];
        let mut id = vec![0u32; entries.len()];
        for &(p, i) in entries {
            let slot = &mut fill[chunk(p, c)];
            phash[*slot as usize] = p;
            id[*slot as usize] = i;
            *slot += 1;
        }
        Table { offsets, phash, id }
    }

    #[inline]
    fn bucket(&self, v: usize) -> (&[u64], &[u32]) {
        if self.offsets.len() <= v + 1 {
            return (&[], &[]);
        }
        let (a, b) = (self.offsets[v] as usize, self.offsets[v + 1] as usize);
        match (self.phash.get(a..b), self.id.get(a..b)) {
            (Some(p), Some(i)) => (p, i),
            _ => (&[], &[]),
        }
    }
}

/// Index of stored photo fingerprints keyed by `K` (e.g. a database row id).
pub struct PhotoIndex<K> {
    /// Per stored view: the double-gradient hash.
    dgrads: Vec<u64>,
    /// Per stored view: the slot of its key.
    owner: Vec<u32>,
    keys: Vec<K>,
    slots: HashMap<K, u32>,
    /// Size-tiered levels, largest first.
    levels: Vec<Level>,
    /// Latest views not yet in a level: (pHash, id), scanned exhaustively.
    recent: Vec<(u64, u32)>,
    masks: Vec<u16>,
}

impl<K: Copy + Eq + Hash> Default for PhotoIndex<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Copy + Eq + Hash> PhotoIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        PhotoIndex {
            dgrads: Vec::new(),
            owner: Vec::new(),
            keys: Vec::new(),
            slots: HashMap::new(),
            levels: Vec::new(),
            recent: Vec::new(),
            masks: masks(),
        }
    }

    fn slot_of(&mut self, key: K) -> u32 {
        match self.slots.get(&key) {
            Some(s) => *s,
            None => {
                let s = self.keys.len() as u32;
                self.keys.push(key);
                self.slots.insert(key, s);
                s
            }
        }
    }

    /// Add (the views of) a fingerprint under `key`. Inserting the same key again adds views.
    pub fn insert(&mut self, key: K, fp: &Fingerprint) {
        let slot = self.slot_of(key);
        for v in fp.views() {
            self.insert_hash(slot, v.phash, v.dgrad);
        }
    }

    /// Add one raw view (pHash, double-gradient hash) under `key` (bulk loading, benchmarks).
    pub fn insert_raw(&mut self, key: K, phash: u64, dgrad: u64) {
        let slot = self.slot_of(key);
        self.insert_hash(slot, phash, dgrad);
    }

    fn insert_hash(&mut self, slot: u32, phash: u64, dgrad: u64) {
        let id = self.dgrads.len() as u32;
        self.dgrads.push(dgrad);
        self.owner.push(slot);
        self.recent.push((phash, id));
        if self.recent.len() >= RECENT_MAX {
            self.flush();
        }
    }

    /// Turn the buffer of latest inserts into a level and merge levels of similar size
    /// (done automatically as the buffer fills).
    pub fn flush(&mut self) {
        if self.recent.is_empty() {
            return;
        }
        let mut entries = std::mem::take(&mut self.recent);
        while let Some(last) = self.levels.last() {
            if last.len() > entries.len() * LEVEL_RATIO {
                break;
            }
            if let Some(last) = self.levels.pop() {
                entries.extend(last.entries());
            }
        }
        self.levels.push(Level::build(&entries));
    }

    /// Merges every level and the buffer of latest inserts into one level. After a bulk load,
    /// a search then looks each chunk value up in one table instead of one per level, and
    /// scans no buffer: at 1,000,000 hashes the tiered levels made three to four lookups of
    /// every bucket, plus up to 4,096 buffered hashes compared with every probe view.
    pub fn compact(&mut self) {
        if self.levels.len() <= 1 && self.recent.is_empty() {
            return;
        }
        let mut entries = std::mem::take(&mut self.recent);
        for level in self.levels.drain(..) {
            entries.extend(level.entries());
        }
        self.levels.push(Level::build(&entries));
    }

    /// Number of stored photos (keys).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True if nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of stored view hashes.
    pub fn hash_count(&self) -> usize {
        self.dgrads.len()
    }

    /// Approximate heap memory in bytes (allocated capacity of all parts).
    pub fn memory_bytes(&self) -> usize {
        let tables: usize = self
            .levels
            .iter()
            .flat_map(|l| l.tables.iter())
            .map(|t| t.offsets.capacity() * 4 + t.phash.capacity() * 8 + t.id.capacity() * 4)
            .sum();
        tables
            + self.recent.capacity() * 16
            + self.dgrads.capacity() * 8
            + self.owner.capacity() * 4
            + self.keys.capacity() * std::mem::size_of::<K>()
            + self.slots.capacity() * (std::mem::size_of::<K>() + 4 + 1)
    }

    #[inline]
    fn consider(&self, q: &super::ViewHash, p: u64, id: u32, best: &mut HashMap<u32, u32>) {
        let dp = (p ^ q.phash).count_ones();
        if dp > NEAR_CUTOFF {
            return;
        }
        let (Some(&d), Some(&slot)) = (self.dgrads.get(id as usize), self.owner.get(id as usize)) else {
            return;
        };
        let score = combine(dp, (d ^ q.dgrad).count_ones());
        if score <= NEAR_CUTOFF {
            let e = best.entry(slot).or_insert(score);
            if score < *e {
                *e = score;
            }
        }
    }

    /// Candidates nearest first, at most `limit`, with their distance (as [`super::distance`]).
    /// Every key within `MATCH_THRESHOLD` is found (exact); non-matching keys met on the way
    /// with a distance up to 16 follow them, as a "nearest" hint.
    pub fn search(&self, probe: &Probe, limit: usize) -> Vec<(K, u32)> {
        if limit == 0 || self.dgrads.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<u32, u32> = HashMap::new();
        for q in probe.views() {
            for level in &self.levels {
                for (c, table) in level.tables.iter().enumerate() {
                    let v = chunk(q.phash, c);
                    for &m in &self.masks {
                        let (ps, ids) = table.bucket(v ^ m as usize);
                        for (&p, &id) in ps.iter().zip(ids) {
                            self.consider(q, p, id, &mut best);
                        }
                    }
                }
            }
            for &(p, id) in &self.recent {
                self.consider(q, p, id, &mut best);
            }
        }
        let mut out: Vec<(K, u32)> =
            best.into_iter().filter_map(|(s, d)| self.keys.get(s as usize).map(|k| (*k, d))).collect();
        out.sort_by_key(|&(_, d)| d);
        out.truncate(limit);
        out
    }
}
