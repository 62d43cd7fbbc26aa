//! Lane kernels compiled for the widest vectors the CPU has.
//!
//! The crate is built for baseline x86-64 (SSE2: two doubles per
//! instruction). [`wide`] runs a kernel compiled again with AVX2 (four
//! doubles) when the CPU has it. The results are the same bits: the kernels
//! are plain IEEE additions, multiplications, divisions and square roots, each
//! rounded exactly on any vector width, sums keep their written grouping, and
//! AVX2 does not include fused multiply-add (a separate feature, never
//! enabled), so nothing is contracted.

/// Calls `f`, compiled for AVX2 when the CPU has it (see the module docs).
#[inline(always)]
pub fn wide<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2.
            return unsafe { avx2(f) };
        }
    }
    f()
}

/// `f()` with AVX2 enabled for the code inlined into it.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}
