//! The log-linear histogram of a series' values (see the parent module).

/// Mantissa bits kept in a bucket index: 256 buckets per power of two.
pub const SUB_BITS: u32 = 8;
const SHIFT: u32 = 52 - SUB_BITS;
/// Most buckets a store keeps (a dynamic range of 2^96); below that the
/// smallest magnitudes are folded into the lowest bucket, as in DDSketch.
const MAX_BUCKETS: usize = 96 << SUB_BITS;

/// Dense bucket counts over a window of bucket indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Store {
    offset: u64,
    counts: Vec<u64>,
}

impl Store {
    #[inline]
    fn add(&mut self, idx: u64, c: u64) {
        let i = idx.wrapping_sub(self.offset) as usize;
        if i < self.counts.len() {
            self.counts[i] += c;
        } else {
            self.add_slow(idx, c);
        }
    }

    /// Whether the window covers `lo..=hi` without folding.
    fn covers(&self, lo: u64, hi: u64) -> bool {
        !self.counts.is_empty() && lo >= self.offset && hi < self.offset + self.counts.len() as u64
    }

    #[cold]
    fn add_slow(&mut self, idx: u64, c: u64) {
        if self.counts.is_empty() {
            self.offset = idx;
            self.counts.push(c);
            return;
        }
        let hi = self.offset + self.counts.len() as u64 - 1;
        if idx > hi {
            // Grow upwards; fold the lowest buckets if the window gets too wide.
            let new_len = (idx - self.offset + 1) as usize;
            if new_len > MAX_BUCKETS {
                let drop = new_len - MAX_BUCKETS;
                let folded: u64 = self.counts[..drop.min(self.counts.len())].iter().sum();
                if drop >= self.counts.len() {
                    self.counts.clear();
                    self.counts.resize(MAX_BUCKETS, 0);
                } else {
                    self.counts.drain(..drop);
                    self.counts.resize(MAX_BUCKETS, 0);
                }
                self.offset = idx + 1 - MAX_BUCKETS as u64;
                self.counts[0] += folded;
            } else {
                self.counts
                    .resize((new_len + new_len / 8).min(MAX_BUCKETS), 0);
            }
            self.counts[(idx - self.offset) as usize] += c;
        } else {
            // idx < offset: grow downwards, or fold into the lowest kept bucket.
            let extra = (self.offset - idx) as usize;
            let room = MAX_BUCKETS - self.counts.len().min(MAX_BUCKETS);
            if extra <= room {
                let mut v = vec![0; extra];
                v.extend_from_slice(&self.counts);
                self.counts = v;
                self.offset = idx;
                self.counts[0] += c;
            } else {
                let grow = room;
                let mut v = vec![0; grow];
                v.extend_from_slice(&self.counts);
                self.counts = v;
                self.offset -= grow as u64;
                self.counts[0] += c;
            }
        }
    }

    fn merge(&mut self, o: &Store) {
        for (i, &c) in o.counts.iter().enumerate() {
            if c > 0 {
                self.add(o.offset + i as u64, c);
            }
        }
    }

    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Iterates `(bucket index, count)` over non-empty buckets, ascending.
    fn iter(&self) -> impl DoubleEndedIterator<Item = (u64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, &c)| (self.offset + i as u64, c))
    }
}

/// Log-linear histogram of finite values (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    zero: u64,
    pos: Store,
    neg: Store,
}

impl Sketch {
    /// Adds one value. Non-finite values are not allowed (the engine never makes them).
    #[inline]
    pub fn add(&mut self, x: f64) {
        if x > 0.0 {
            self.pos.add(x.to_bits() >> SHIFT, 1);
        } else if x < 0.0 {
            self.neg.add((-x).to_bits() >> SHIFT, 1);
        } else {
            self.zero += 1;
        }
    }

    /// Adds a batch of values whose smallest and largest are `lo` and `hi`.
    pub fn add_slice(&mut self, xs: &[f64], lo: f64, hi: f64) {
        if lo == hi {
            // A constant batch (fixed inputs, years before a schedule): one bucket.
            if lo > 0.0 {
                self.pos.add(lo.to_bits() >> SHIFT, xs.len() as u64);
            } else if lo < 0.0 {
                self.neg.add((-lo).to_bits() >> SHIFT, xs.len() as u64);
            } else {
                self.zero += xs.len() as u64;
            }
            return;
        }
        if lo > 0.0 {
            let (a, b) = (lo.to_bits() >> SHIFT, hi.to_bits() >> SHIFT);
            self.pos.add(a, 0);
            self.pos.add(b, 0);
            if self.pos.covers(a, b) {
                let off = self.pos.offset;
                let counts = &mut self.pos.counts;
                for &x in xs {
                    counts[((x.to_bits() >> SHIFT) - off) as usize] += 1;
                }
                return;
            }
        }
        for &x in xs {
            self.add(x);
        }
    }

    /// Adds every value of another sketch.
    pub fn merge(&mut self, o: &Sketch) {
        self.zero += o.zero;
        self.pos.merge(&o.pos);
        self.neg.merge(&o.neg);
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.zero + self.pos.total() + self.neg.total()
    }

    /// Non-empty buckets in ascending order of value: `(start, end, count)`,
    /// the zero bucket as `(0, 0, count)`.
    pub(super) fn buckets(&self) -> impl Iterator<Item = (f64, f64, u64)> + '_ {
        self.neg
            .iter()
            .rev()
            .map(|(i, c)| {
                let (lo, hi) = bounds(i);
                (-hi, -lo, c)
            })
            .chain(std::iter::once((0.0, 0.0, self.zero)).filter(|b| b.2 > 0))
            .chain(self.pos.iter().map(|(i, c)| {
                let (lo, hi) = bounds(i);
                (lo, hi, c)
            }))
    }

    /// Estimates of the order statistics with ranks `ranks` (0-based, ascending):
    /// the values of a bucket are taken as evenly spread over its width.
    pub(super) fn order_stats(&self, ranks: &[u64]) -> Vec<f64> {
        let mut out = Vec::with_capacity(ranks.len());
        let mut next = ranks.iter().peekable();
        let mut before = 0u64;
        let buckets = self.buckets();
        for (start, end, c) in buckets {
            while let Some(&&r) = next.peek() {
                if r < before + c {
                    let f = ((r - before) as f64 + 0.5) / c as f64;
                    out.push(start + f * (end - start));
                    next.next();
                } else {
                    break;
                }
            }
            before += c;
        }
        out
    }
}

/// Lower and upper bound of the magnitudes in bucket `idx`.
#[inline]
fn bounds(idx: u64) -> (f64, f64) {
    let lo = f64::from_bits(idx << SHIFT);
    let hi = f64::from_bits((idx + 1) << SHIFT);
    (lo, if hi.is_finite() { hi } else { lo })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_dynamic_range_folds_instead_of_growing() {
        let mut s = Sketch::default();
        for e in -300..300 {
            s.add(10f64.powi(e));
        }
        assert!(s.pos.counts.len() <= MAX_BUCKETS);
        assert_eq!(s.count(), 600);
    }
}
