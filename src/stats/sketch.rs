//! The log-linear histogram of a series' values (see the parent module).

use super::weights::BlockWeights;

/// Mantissa bits kept in a bucket index: 256 buckets per power of two.
pub const SUB_BITS: u32 = 8;
const SHIFT: u32 = 52 - SUB_BITS;
/// Most buckets a store keeps (a dynamic range of 2^96); below that the
/// smallest magnitudes are folded into the lowest bucket, as in DDSketch.
const MAX_BUCKETS: usize = 96 << SUB_BITS;

/// What a bucket holds: a count of values (a [`Count`], exact and
/// order-free) or a sum of importance weights (`f64`).
pub(super) trait Tally:
    Copy + Default + PartialEq + std::ops::AddAssign + std::iter::Sum + std::fmt::Debug
{
    /// Whether nothing is in the bucket.
    fn is_zero(self) -> bool;
    /// As a real number.
    fn to_f64(self) -> f64;
}

impl Tally for u64 {
    fn is_zero(self) -> bool {
        self == 0
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Tally for u32 {
    fn is_zero(self) -> bool {
        self == 0
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Tally for f64 {
    fn is_zero(self) -> bool {
        self == 0.0
    }
    fn to_f64(self) -> f64 {
        self
    }
}

/// A count of values: `u32` while a sketch holds fewer than 2^32 values
/// (half the memory, so that the buckets of every series of a run stay in
/// the cache), `u64` beyond.
pub(super) trait Count: Tally + Into<u64> {
    /// One value.
    const ONE: Self;
    /// `n` values, which the sketch's kind has room for.
    fn of(n: u64) -> Self;
}

impl Count for u32 {
    const ONE: u32 = 1;
    fn of(n: u64) -> u32 {
        u32::try_from(n).expect("32-bit counts are widened before they overflow")
    }
}

impl Count for u64 {
    const ONE: u64 = 1;
    fn of(n: u64) -> u64 {
        n
    }
}

/// Dense bucket tallies over a window of bucket indices.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct Store<T> {
    offset: u64,
    counts: Vec<T>,
}

impl<T: Tally> Store<T> {
    #[inline]
    fn add(&mut self, idx: u64, c: T) {
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

    /// Widens the window to cover `lo..=hi` (`lo <= hi`) with room to spare
    /// on each side it grows, so a batch's buckets are one slice and later
    /// batches rarely reallocate. False, and nothing changed, when the
    /// buckets would span more than [`MAX_BUCKETS`] (then values fold, one
    /// by one in [`Store::add`]).
    fn cover(&mut self, lo: u64, hi: u64) -> bool {
        if self.covers(lo, hi) {
            return true;
        }
        let (old_lo, old_hi) = if self.counts.is_empty() {
            (lo, hi)
        } else {
            (self.offset, self.offset + self.counts.len() as u64 - 1)
        };
        let (need_lo, need_hi) = (lo.min(old_lo), hi.max(old_hi));
        let need = need_hi - need_lo + 1;
        if need > MAX_BUCKETS as u64 {
            return false;
        }
        // Room of an eighth of the span on each side that grows, within the limit.
        let spare = (MAX_BUCKETS as u64 - need).min((need / 8).max(16));
        let below = if need_lo < old_lo || self.counts.is_empty() {
            spare.min(need_lo)
        } else {
            0
        };
        let above = if need_hi > old_hi || self.counts.is_empty() {
            spare.min(MAX_BUCKETS as u64 - need - below)
        } else {
            0
        };
        let new_lo = need_lo - below;
        let mut counts = vec![T::default(); (need + below + above) as usize];
        if !self.counts.is_empty() {
            let at = (self.offset - new_lo) as usize;
            counts[at..at + self.counts.len()].copy_from_slice(&self.counts);
        }
        self.offset = new_lo;
        self.counts = counts;
        true
    }

    #[cold]
    fn add_slow(&mut self, idx: u64, c: T) {
        if self.cover(idx, idx) {
            self.counts[(idx - self.offset) as usize] += c;
            return;
        }
        // The window would span more than MAX_BUCKETS: fold the lowest.
        let zero = T::default();
        if idx >= self.offset {
            // Above: keep the MAX_BUCKETS highest buckets, the dropped ones
            // folded into the lowest kept.
            let drop = (idx - self.offset + 1) as usize - MAX_BUCKETS;
            let folded: T = self.counts[..drop.min(self.counts.len())]
                .iter()
                .copied()
                .sum();
            self.counts.drain(..drop.min(self.counts.len()));
            self.counts.resize(MAX_BUCKETS, zero);
            self.offset = idx + 1 - MAX_BUCKETS as u64;
            self.counts[0] += folded;
            self.counts[(idx - self.offset) as usize] += c;
        } else {
            // Below: grow down to MAX_BUCKETS, then into the lowest kept bucket.
            let extra = (self.offset - idx) as usize;
            let grow = extra.min(MAX_BUCKETS - self.counts.len().min(MAX_BUCKETS));
            let mut v = vec![zero; grow];
            v.extend_from_slice(&self.counts);
            self.counts = v;
            self.offset -= grow as u64;
            self.counts[0] += c;
        }
    }

    /// Adds the tallies of `o`, which may be narrower (32-bit counts into
    /// 64-bit ones).
    fn merge<S: Tally + Into<T>>(&mut self, o: &Store<S>) {
        let first = o.counts.iter().position(|c| !c.is_zero());
        let last = o.counts.iter().rposition(|c| !c.is_zero());
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let (lo, hi) = (o.offset + first as u64, o.offset + last as u64);
        if self.cover(lo, hi) {
            let at = (lo - self.offset) as usize;
            for (a, &c) in self.counts[at..].iter_mut().zip(&o.counts[first..=last]) {
                *a += c.into();
            }
            return;
        }
        for (i, &c) in o.counts.iter().enumerate() {
            if !c.is_zero() {
                self.add(o.offset + i as u64, c.into());
            }
        }
    }

    /// The same window with every tally converted by `f`.
    fn map<U>(&self, f: impl Fn(T) -> U) -> Store<U> {
        Store {
            offset: self.offset,
            counts: self.counts.iter().map(|&c| f(c)).collect(),
        }
    }

    fn total(&self) -> T {
        self.counts.iter().copied().sum()
    }

    /// Iterates `(bucket index, tally)` over non-empty buckets, ascending.
    fn iter(&self) -> impl DoubleEndedIterator<Item = (u64, T)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_zero())
            .map(|(i, &c)| (self.offset + i as u64, c))
    }
}

/// The buckets of one sign and the zero bucket.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct Buckets<T> {
    zero: T,
    pos: Store<T>,
    neg: Store<T>,
}

impl<T: Tally> Buckets<T> {
    /// Adds `c` to the bucket of `x` (finite).
    #[inline]
    fn add(&mut self, x: f64, c: T) {
        if x > 0.0 {
            self.pos.add(x.to_bits() >> SHIFT, c);
        } else if x < 0.0 {
            self.neg.add((-x).to_bits() >> SHIFT, c);
        } else {
            self.zero += c;
        }
    }

    fn merge<S: Tally + Into<T>>(&mut self, o: &Buckets<S>) {
        self.zero += o.zero.into();
        self.pos.merge(&o.pos);
        self.neg.merge(&o.neg);
    }

    /// The same buckets with every tally converted by `f`.
    fn map<U>(&self, f: impl Fn(T) -> U) -> Buckets<U> {
        Buckets {
            zero: f(self.zero),
            pos: self.pos.map(&f),
            neg: self.neg.map(&f),
        }
    }

    fn total(&self) -> T {
        let mut t = self.zero;
        t += self.pos.total();
        t += self.neg.total();
        t
    }

    /// Non-empty buckets in ascending order of value: `(start, end, tally)`,
    /// the zero bucket as `(0, 0, tally)`.
    fn buckets(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        self.neg
            .iter()
            .rev()
            .map(|(i, c)| {
                let (lo, hi) = bounds(i);
                (-hi, -lo, c.to_f64())
            })
            .chain(std::iter::once((0.0, 0.0, self.zero.to_f64())).filter(|b| b.2 > 0.0))
            .chain(self.pos.iter().map(|(i, c)| {
                let (lo, hi) = bounds(i);
                (lo, hi, c.to_f64())
            }))
    }
}

impl<T: Count> Buckets<T> {
    /// Counts a batch of finite values whose smallest and largest are `lo`
    /// and `hi`.
    fn count(&mut self, xs: &[f64], lo: f64, hi: f64) {
        if lo == hi {
            // A constant batch (fixed inputs, years before a schedule): one bucket.
            self.add(lo, T::of(xs.len() as u64));
            return;
        }
        if lo > 0.0 {
            let (a, z) = (lo.to_bits() >> SHIFT, hi.to_bits() >> SHIFT);
            if self.pos.cover(a, z) {
                // The buckets `a..=z` as a slice: its length stays in a
                // register through the loop.
                let first = (a - self.pos.offset) as usize;
                let span = &mut self.pos.counts[first..=first + (z - a) as usize];
                for &x in xs {
                    span[((x.to_bits() >> SHIFT) - a) as usize] += T::ONE;
                }
                return;
            }
        }
        for &x in xs {
            self.add(x, T::ONE);
        }
    }

    /// [`Sketch::order_stats`] of counts, walking the counts alone and
    /// stopping at the last rank (the same values as walking
    /// [`Buckets::buckets`]).
    fn order_stats(&self, ranks: &[u64]) -> Vec<f64> {
        let mut walk = RankWalk::new(ranks);
        for (i, &c) in self.neg.counts.iter().enumerate().rev() {
            walk.bucket(c.into(), || {
                let (lo, hi) = bounds(self.neg.offset + i as u64);
                (-hi, -lo)
            });
        }
        walk.bucket(self.zero.into(), || (0.0, 0.0));
        for (i, &c) in self.pos.counts.iter().enumerate() {
            if walk.done() {
                break;
            }
            walk.bucket(c.into(), || bounds(self.pos.offset + i as u64));
        }
        walk.out
    }

    /// Checks counts read from a file: within the bucket range, `n` in all.
    fn check(&self, n: u64) -> Result<(), String> {
        for store in [&self.pos, &self.neg] {
            let end = store.offset.checked_add(store.counts.len() as u64);
            if store.counts.len() > MAX_BUCKETS || end.is_none_or(|e| e > 1 << (64 - SHIFT)) {
                return Err("sketch buckets out of range".into());
            }
        }
        if self.checked_total() != Some(n) {
            return Err("sketch counts that do not add up to the count".into());
        }
        Ok(())
    }

    /// The number of values, or `None` beyond `u64::MAX` (counts read
    /// from a file).
    fn checked_total(&self) -> Option<u64> {
        [&self.pos, &self.neg]
            .iter()
            .flat_map(|s| s.counts.iter())
            .try_fold(self.zero.into(), |t: u64, &c| t.checked_add(c.into()))
    }
}

/// Order statistics read off bucket counts in ascending order of value.
struct RankWalk<'a> {
    /// Ranks still to place (ascending).
    ranks: &'a [u64],
    out: Vec<f64>,
    /// Values in the buckets walked so far.
    before: u64,
}

impl RankWalk<'_> {
    fn new(ranks: &[u64]) -> RankWalk<'_> {
        RankWalk {
            ranks,
            out: Vec::with_capacity(ranks.len()),
            before: 0,
        }
    }

    fn done(&self) -> bool {
        self.ranks.is_empty()
    }

    /// The next bucket: `c` values spread evenly over `span()`.
    #[inline]
    fn bucket(&mut self, c: u64, span: impl Fn() -> (f64, f64)) {
        while let Some((&r, rest)) = self.ranks.split_first() {
            if r >= self.before + c {
                break;
            }
            let (start, end) = span();
            let f = ((r - self.before) as f64 + 0.5) / c as f64;
            self.out.push(start + f * (end - start));
            self.ranks = rest;
        }
        self.before += c;
    }
}

/// Log-linear histogram of finite values (see the module docs): counts of
/// values, or sums of their weights for a weighted (calibrated) run.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub struct Sketch(Kind);

/// What the buckets of a sketch hold.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Each bucket counts its values, `total` in all (at most 2^32 - 1).
    Counts { buckets: Buckets<u32>, total: u32 },
    /// The same with 64-bit counts, once the total does not fit in 32 bits.
    ManyCounts(Buckets<u64>),
    /// Each bucket sums its values' weights; `unit` while every weight was
    /// exactly 1 (then the sums are exact counts).
    Weights { buckets: Buckets<f64>, unit: bool },
}

impl Default for Kind {
    fn default() -> Self {
        Kind::Counts {
            buckets: Buckets::default(),
            total: 0,
        }
    }
}

/// A sketch as files hold it: counts are 64-bit whatever their width in
/// memory.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Stored {
    Counts(Buckets<u64>),
    Weights { buckets: Buckets<f64>, unit: bool },
}

impl From<Sketch> for Stored {
    fn from(s: Sketch) -> Stored {
        match s.0 {
            Kind::Counts { buckets, .. } => Stored::Counts(buckets.map(u64::from)),
            Kind::ManyCounts(buckets) => Stored::Counts(buckets),
            Kind::Weights { buckets, unit } => Stored::Weights { buckets, unit },
        }
    }
}

impl From<Stored> for Sketch {
    /// Counts that add up to less than 2^32 are kept in 32 bits; counts
    /// that overflow are kept as they are, for [`Sketch::check_counts`] to
    /// refuse.
    fn from(s: Stored) -> Sketch {
        Sketch(match s {
            Stored::Counts(buckets) => match buckets.checked_total() {
                Some(total) if total <= u64::from(u32::MAX) => Kind::Counts {
                    buckets: buckets.map(u32::of),
                    total: u32::of(total),
                },
                _ => Kind::ManyCounts(buckets),
            },
            Stored::Weights { buckets, unit } => Kind::Weights { buckets, unit },
        })
    }
}

impl Sketch {
    /// Checks a sketch read from a file: counts (not weights) within the
    /// bucket range, `n` in all.
    pub fn check_counts(&self, n: u64) -> Result<(), String> {
        match &self.0 {
            Kind::Counts { buckets, .. } => buckets.check(n),
            Kind::ManyCounts(buckets) => buckets.check(n),
            Kind::Weights { .. } => Err("a weighted sketch in an unweighted run".into()),
        }
    }

    /// An empty sketch of weighted values.
    pub fn weighted() -> Sketch {
        Sketch(Kind::Weights {
            buckets: Buckets::default(),
            unit: true,
        })
    }

    /// Whether the buckets hold weights.
    pub fn is_weighted(&self) -> bool {
        matches!(self.0, Kind::Weights { .. })
    }

    /// Whether every value counts the same: unweighted, or every weight was
    /// exactly 1 (equal importance weights are all 1, since the largest
    /// weight is 1). Such a sketch gives the same percentiles as counts.
    pub fn counts_alike(&self) -> bool {
        match self.0 {
            Kind::Counts { .. } | Kind::ManyCounts(_) => true,
            Kind::Weights { unit, .. } => unit,
        }
    }

    /// The number of values counted, `None` for weights.
    fn count(&self) -> Option<u64> {
        match self.0 {
            Kind::Counts { total, .. } => Some(total.into()),
            Kind::ManyCounts(ref buckets) => Some(buckets.total()),
            Kind::Weights { .. } => None,
        }
    }

    /// Makes 32-bit counts 64-bit when `n` more values would not fit.
    fn room(&mut self, n: u64) {
        if let Kind::Counts { buckets, total } = &self.0
            && u64::from(*total).saturating_add(n) > u64::from(u32::MAX)
        {
            self.0 = Kind::ManyCounts(buckets.map(u64::from));
        }
    }

    /// Adds one value. Non-finite values are not allowed (the engine never
    /// makes them); a weighted sketch takes it with weight 1.
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.add_slice(&[x], x, x);
    }

    /// Adds a batch of values whose smallest and largest are `lo` and `hi`.
    pub fn add_slice(&mut self, xs: &[f64], lo: f64, hi: f64) {
        let n = xs.len() as u64;
        self.room(n);
        match &mut self.0 {
            Kind::Counts { buckets, total } => {
                buckets.count(xs, lo, hi);
                *total += u32::of(n);
            }
            Kind::ManyCounts(buckets) => buckets.count(xs, lo, hi),
            Kind::Weights { buckets, .. } => xs.iter().for_each(|&x| buckets.add(x, 1.0)),
        }
    }

    /// Makes an empty counting sketch a weighted one (a weighted sketch
    /// stays as it is).
    ///
    /// # Panics
    /// If the sketch already counts values: it holds counts or weights, not
    /// both.
    pub fn make_weighted(&mut self) {
        if let Some(n) = self.count() {
            assert!(n == 0, "a sketch holds counts or weights, not both");
            *self = Sketch::weighted();
        }
    }

    /// Adds finite values `xs` with weights `w` (same length), whose
    /// smallest and largest are `lo` and `hi`. An empty counting sketch
    /// becomes a weighted one.
    pub fn add_weighted(&mut self, xs: &[f64], w: &BlockWeights, lo: f64, hi: f64) {
        self.make_weighted();
        let Kind::Weights { buckets: b, unit } = &mut self.0 else {
            unreachable!("made weighted above")
        };
        *unit &= w.all_one();
        let ws = w.as_slice();
        if lo >= 0.0 {
            if lo == 0.0 && hi == 0.0 {
                b.zero += w.sum();
                return;
            }
            // Zeros go to the zero bucket; the positive values span `a..=z`.
            let low = if lo > 0.0 { lo } else { smallest_positive(xs) };
            let (a, z) = (low.to_bits() >> SHIFT, hi.to_bits() >> SHIFT);
            if b.pos.cover(a, z) {
                let off = b.pos.offset;
                let counts = &mut b.pos.counts[..];
                if lo > 0.0 {
                    for (&x, &w) in xs.iter().zip(ws) {
                        counts[((x.to_bits() >> SHIFT) - off) as usize] += w;
                    }
                } else {
                    for (&x, &w) in xs.iter().zip(ws) {
                        if x > 0.0 {
                            counts[((x.to_bits() >> SHIFT) - off) as usize] += w;
                        } else {
                            b.zero += w;
                        }
                    }
                }
                return;
            }
        }
        for (&x, &w) in xs.iter().zip(ws) {
            if w > 0.0 {
                b.add(x, w);
            }
        }
    }

    /// Multiplies every bucket's weight by `factor` (see
    /// [`crate::stats::SeriesStats::rescale`]); an empty sketch stays as it is.
    ///
    /// # Panics
    /// If the sketch counts values.
    pub fn rescale(&mut self, factor: f64) {
        match &mut self.0 {
            Kind::Counts { total, .. } => assert!(*total == 0, "counts are not weights"),
            Kind::ManyCounts(_) => panic!("counts are not weights"),
            Kind::Weights { buckets, unit } => {
                *unit &= factor == 1.0;
                buckets.zero *= factor;
                for c in buckets.pos.counts.iter_mut().chain(&mut buckets.neg.counts) {
                    *c *= factor;
                }
            }
        }
    }

    /// Adds the finite value `x` with weight `w` (above 0), as many values
    /// of one value (a constant batch). An empty counting sketch becomes a
    /// weighted one.
    pub fn add_constant_weight(&mut self, x: f64, w: f64) {
        self.make_weighted();
        let Kind::Weights { buckets, unit } = &mut self.0 else {
            unreachable!("made weighted above")
        };
        *unit = false;
        buckets.add(x, w);
    }

    /// Adds every value of another sketch of the same kind (an empty sketch
    /// takes the other's kind).
    pub fn merge(&mut self, o: &Sketch) {
        match o.0 {
            Kind::Counts { total, .. } => self.room(total.into()),
            // 64-bit counts into 64-bit counts.
            Kind::ManyCounts(_) => self.room(u64::MAX),
            Kind::Weights { .. } => {}
        }
        match (&mut self.0, &o.0) {
            (
                Kind::Counts { buckets: a, total },
                Kind::Counts {
                    buckets: b,
                    total: n,
                },
            ) => {
                a.merge(b);
                *total += n;
            }
            (Kind::ManyCounts(a), Kind::Counts { buckets: b, .. }) => a.merge(b),
            (Kind::ManyCounts(a), Kind::ManyCounts(b)) => a.merge(b),
            (
                Kind::Weights { buckets: a, unit },
                Kind::Weights {
                    buckets: b,
                    unit: u,
                },
            ) => {
                a.merge(b);
                *unit &= u;
            }
            (Kind::Counts { total: 0, .. }, Kind::Weights { .. }) => self.0 = o.0.clone(),
            (Kind::Weights { .. }, Kind::Counts { total: 0, .. }) => {}
            _ => panic!("a sketch holds counts or weights, not both"),
        }
    }

    /// Number of values (unweighted) or their total weight.
    pub fn total(&self) -> f64 {
        match &self.0 {
            Kind::Counts { total, .. } => f64::from(*total),
            Kind::ManyCounts(buckets) => buckets.total() as f64,
            Kind::Weights { buckets, .. } => buckets.total(),
        }
    }

    /// Non-empty buckets in ascending order of value: `(start, end, tally)`,
    /// the zero bucket as `(0, 0, tally)`.
    pub(super) fn buckets(&self) -> Box<dyn Iterator<Item = (f64, f64, f64)> + '_> {
        match &self.0 {
            Kind::Counts { buckets, .. } => Box::new(buckets.buckets()),
            Kind::ManyCounts(buckets) => Box::new(buckets.buckets()),
            Kind::Weights { buckets, .. } => Box::new(buckets.buckets()),
        }
    }

    /// Estimates of the order statistics with ranks `ranks` (0-based,
    /// ascending) of a sketch whose values count alike: the values of a bucket are taken as
    /// evenly spread over its width.
    pub(super) fn order_stats(&self, ranks: &[u64]) -> Vec<f64> {
        match &self.0 {
            Kind::Counts { buckets, .. } => return buckets.order_stats(ranks),
            Kind::ManyCounts(buckets) => return buckets.order_stats(ranks),
            Kind::Weights { .. } => {}
        }
        let mut walk = RankWalk::new(ranks);
        for (start, end, c) in self.buckets() {
            walk.bucket(c as u64, || (start, end));
        }
        walk.out
    }

    /// The values below which the given shares of the total weight lie
    /// (`shares` ascending in `[0, 1]`): the weight of a bucket is taken as
    /// evenly spread over its width.
    pub(super) fn weighted_quantiles(&self, shares: &[f64]) -> Vec<f64> {
        let total = self.total();
        let mut out = Vec::with_capacity(shares.len());
        let mut next = shares.iter().peekable();
        let mut before = 0.0;
        let mut last = f64::NAN;
        for (start, end, c) in self.buckets() {
            while let Some(&&p) = next.peek() {
                let m = p * total;
                if m <= before + c {
                    let f = ((m - before) / c).clamp(0.0, 1.0);
                    out.push(start + f * (end - start));
                    next.next();
                } else {
                    break;
                }
            }
            before += c;
            last = end;
        }
        // Rounding can leave the top shares past the last bucket.
        out.resize(shares.len(), last);
        out
    }

    /// Share of the values (or of the weight) below `x`, the weight of a
    /// bucket taken as evenly spread over its width.
    pub(super) fn share_below(&self, x: f64) -> f64 {
        let total = self.total();
        let mut below = 0.0;
        for (start, end, c) in self.buckets() {
            if end <= x && start < end || start < x && start == end {
                below += c;
            } else if start < x {
                below += c * (x - start) / (end - start);
            } else {
                break;
            }
        }
        if total > 0.0 { below / total } else { f64::NAN }
    }
}

/// The smallest value of `xs` above 0 (`+inf` when none is).
fn smallest_positive(xs: &[f64]) -> f64 {
    xs.iter()
        .filter(|&&x| x > 0.0)
        .fold(f64::INFINITY, |m, &x| m.min(x))
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
    fn counts_order_stats_match_the_bucket_walk_and_batches_any_split() {
        // Values of both signs, zeros, a wide range; added one by one, in
        // one batch of positives, and in batches that grow the window. A
        // weighted sketch of weights 1 reads its order statistics by the
        // general walk over every bucket.
        let xs: Vec<f64> = (0..5000)
            .map(|i| {
                let t = f64::from(i) * 0.618_033_988_749_895 % 1.0;
                match i % 7 {
                    0 => 0.0,
                    1 | 2 => -(1.0 + 40.0 * t),
                    _ => 1e-3 * (1.0 + 1e6 * t * t),
                }
            })
            .collect();
        let (mut one, mut walked) = (Sketch::default(), Sketch::weighted());
        xs.iter().for_each(|&x| one.add(x));
        xs.iter().for_each(|&x| walked.add(x));
        let ranks: Vec<u64> = [0, 1, 700, 1429, 2500, 4000, 4998, 4999].to_vec();
        assert_eq!(one.order_stats(&ranks), walked.order_stats(&ranks));

        let pos: Vec<f64> = xs.iter().copied().filter(|&x| x > 0.0).collect();
        let mut batched = Sketch::default();
        for chunk in pos.chunks(37) {
            let lo = chunk.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = chunk.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            batched.add_slice(chunk, lo, hi);
        }
        let (mut single, mut pos_walked) = (Sketch::default(), Sketch::weighted());
        pos.iter().for_each(|&x| single.add(x));
        pos.iter().for_each(|&x| pos_walked.add(x));
        let r: Vec<u64> = (0..pos.len() as u64).step_by(97).collect();
        assert_eq!(batched.order_stats(&r), single.order_stats(&r));
        assert_eq!(batched.order_stats(&r), pos_walked.order_stats(&r));
        // Merging in either order gives the same order statistics.
        let (mut ab, mut ba) = (batched.clone(), one.clone());
        ab.merge(&one);
        ba.merge(&batched);
        walked.merge(&pos_walked);
        let r: Vec<u64> = (0..(xs.len() + pos.len()) as u64).step_by(131).collect();
        assert_eq!(ab.order_stats(&r), ba.order_stats(&r));
        assert_eq!(ab.order_stats(&r), walked.order_stats(&r));
    }

    /// Counts read from a file: `counts` values in one bucket at 1.0.
    fn stored(counts: Vec<u64>) -> Sketch {
        Sketch::from(Stored::Counts(Buckets {
            zero: 0,
            pos: Store {
                offset: 1f64.to_bits() >> SHIFT,
                counts,
            },
            neg: Store::default(),
        }))
    }

    #[test]
    fn counts_widen_to_64_bits_before_they_overflow() {
        let near = u64::from(u32::MAX) - 3;
        let mut s = stored(vec![near]);
        assert!(matches!(s.0, Kind::Counts { .. }));
        // Exactly 2^32 - 1 values still fit in 32 bits; two more do not.
        s.add_slice(&[2.0, 3.0, 4.0], 2.0, 4.0);
        assert!(matches!(s.0, Kind::Counts { .. }));
        s.add_slice(&[6.0, 5.0], 5.0, 6.0);
        assert!(matches!(s.0, Kind::ManyCounts(_)));
        assert_eq!(s.total(), (near + 5) as f64);
        assert_eq!(s.check_counts(near + 5), Ok(()));
        // The values above the big bucket are where a small sketch has them.
        let mut small = Sketch::default();
        small.add_slice(&[2.0, 3.0, 4.0, 5.0, 6.0], 2.0, 6.0);
        let top: Vec<u64> = (near..near + 5).collect();
        assert_eq!(s.order_stats(&top), small.order_stats(&[0, 1, 2, 3, 4]));
        // Merging 32-bit counts that fit together (2^32 - 1 in all) and
        // that overflow together, in either order.
        let (a, b) = (stored(vec![near]), stored(vec![3]));
        let (mut ab, mut ba, mut aa) = (a.clone(), b.clone(), a.clone());
        ab.merge(&b);
        ba.merge(&a);
        aa.merge(&a);
        assert_eq!(ab, ba);
        assert!(matches!(ab.0, Kind::Counts { .. }));
        assert!(matches!(aa.0, Kind::ManyCounts(_)));
        assert_eq!(aa.check_counts(2 * near), Ok(()));
        // 64-bit counts into 32-bit ones and back.
        let mut wide = small.clone();
        wide.merge(&aa);
        aa.merge(&small);
        let ranks = [0, near, 2 * near, 2 * near + 4];
        assert_eq!(wide.order_stats(&ranks), aa.order_stats(&ranks));
        assert_eq!(wide.check_counts(2 * near + 5), Ok(()));
        assert_eq!(aa.check_counts(2 * near + 5), Ok(()));
        // Files hold 64-bit counts either way; reading them back gives
        // the same sketch.
        for x in [&small, &s, &aa] {
            let json = serde_json::to_string(x).expect("serialises");
            assert_eq!(&serde_json::from_str::<Sketch>(&json).expect("reads"), x);
        }
        let json = serde_json::to_string(&aa).expect("serialises");
        assert!(json.contains(&(2 * near).to_string()), "{json}");
        // Counts that overflow 64 bits are refused, not read as a wrapped total.
        let bad = stored(vec![u64::MAX, 2]);
        assert!(bad.check_counts(1).is_err());
    }

    #[test]
    fn wide_dynamic_range_folds_instead_of_growing() {
        let mut s = Sketch::default();
        for e in -300..300 {
            s.add(10f64.powi(e));
        }
        let Kind::Counts { buckets: b, .. } = &s.0 else {
            unreachable!()
        };
        assert!(b.pos.counts.len() <= MAX_BUCKETS);
        assert_eq!(s.total(), 600.0);
    }
}
