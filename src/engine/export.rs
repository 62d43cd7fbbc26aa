//! Every draw as a CSV row, in the same pass as the statistics: a visitor of
//! the draw loop.
//!
//! A block whose rows come next in the file is written to the destination
//! at once; any other block goes to its leaf's anonymous temporary file (so
//! memory stays flat however many draws there are), and
//! [`ExportDraws::finish`] appends those files in draw order. The destination
//! therefore always holds a prefix of the rows, and the file does not depend
//! on the number of threads.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use ndarray::ArrayView2;

use super::{Block, Job, Visit, Visitor};
use crate::scenario::{MetricIndex, Series};

/// Writes one CSV row per draw: the draw index, every uncertain parameter's
/// sampled value (columns named by parameter path) and every metric at the
/// horizon (columns named `<metric>@<end_year>`), in draw order. Values are
/// written in the shortest form that reads back to the same number (`ryu`:
/// `1.0`, `0.25`, `1e-7`).
#[derive(Debug)]
pub struct ExportDraws {
    job: usize,
    /// The destination and the first draw not yet in it.
    out: Mutex<(File, u64)>,
    /// The first write error, if any.
    error: Mutex<Option<io::Error>>,
    spill_dir: PathBuf,
    n_params: usize,
    n_metrics: usize,
    metrics: MetricIndex,
}

impl ExportDraws {
    /// The export of `job` (job number `index` of the loop) to `out`, which
    /// receives the header at once; rows that cannot be written in order yet
    /// are spilled to temporary files in `spill_dir` (best: the
    /// destination's folder).
    pub fn new(
        job: &Job<'_>,
        index: usize,
        mut out: File,
        spill_dir: impl Into<PathBuf>,
    ) -> ExportDraws {
        let s = job.scenario;
        let mut header = String::from("draw");
        for u in &s.uncertain {
            header.push(',');
            header.push_str(&u.path);
        }
        for (_, info) in s.metrics.iter() {
            let _ = write!(header, ",{}@{}", info.name, s.end_year);
        }
        header.push('\n');
        let error = out.write_all(header.as_bytes()).err();
        ExportDraws {
            job: index,
            out: Mutex::new((out, 0)),
            error: Mutex::new(error),
            spill_dir: spill_dir.into(),
            n_params: s.uncertain.len(),
            n_metrics: s.metrics.len(),
            metrics: s.metrics.clone(),
        }
    }

    /// Appends the spilled rows to the destination, in draw order (a copy
    /// in the kernel where it can), and returns the first error.
    pub fn finish(&self, acc: ExportAcc<'_>) -> io::Result<()> {
        let shared = self.error.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(e) = acc.error.or(shared) {
            return Err(e);
        }
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let last = acc.current.map(into_file).transpose()?;
        for mut file in acc.spills.into_iter().chain(last) {
            file.rewind()?;
            io::copy(&mut file, &mut out.0)?;
        }
        Ok(())
    }
}

/// The rows of a range of draws, spilled to temporary files.
#[derive(Debug)]
pub struct ExportAcc<'a> {
    of: &'a ExportDraws,
    /// Earlier leaves' files, in order.
    spills: Vec<File>,
    /// This leaf's file, once it has a row.
    current: Option<BufWriter<File>>,
    error: Option<io::Error>,
    /// The block's parameters (row-major, parameters x draws).
    params: Vec<f64>,
    /// The block's metrics at the horizon (row-major, metrics x draws).
    horizon: Vec<f64>,
    text: String,
}

/// A spill file with its buffer flushed.
fn into_file(w: BufWriter<File>) -> io::Result<File> {
    w.into_inner().map_err(|e| e.into_error())
}

impl ExportAcc<'_> {
    fn write_block(&mut self, block: Block) -> io::Result<()> {
        let (of, n) = (self.of, block.n);
        let (mut int, mut float) = (itoa::Buffer::new(), ryu::Buffer::new());
        self.text.clear();
        for i in 0..n {
            self.text.push_str(int.format(block.start + i as u64));
            let params = (0..of.n_params).map(|k| self.params[k * n + i]);
            let metrics = (0..of.n_metrics).map(|m| self.horizon[m * n + i]);
            for v in params.chain(metrics) {
                self.text.push(',');
                self.text.push_str(float.format(v));
            }
            self.text.push('\n');
        }
        {
            // Next in the file: write it there at once.
            let mut out = of.out.lock().unwrap_or_else(|e| e.into_inner());
            if out.1 == block.start {
                out.0.write_all(self.text.as_bytes())?;
                out.1 += n as u64;
                return Ok(());
            }
        }
        if self.current.is_none() {
            let file = tempfile::tempfile_in(&of.spill_dir)?;
            self.current = Some(BufWriter::with_capacity(1 << 18, file));
        }
        let out = self.current.as_mut().expect("created above");
        out.write_all(self.text.as_bytes())
    }
}

impl Visitor for ExportAcc<'_> {
    fn params(&mut self, job: usize, block: Block, params: ArrayView2<'_, f64>) {
        if job != self.of.job {
            return;
        }
        self.params.clear();
        for row in params.rows() {
            self.params.extend(row.iter().take(block.n));
        }
        self.horizon.clear();
        self.horizon.resize(self.of.n_metrics * block.n, 0.0);
    }

    fn values(&mut self, job: usize, block: Block, series: Series, values: &[f64]) {
        let (m, t) = self.of.metrics.split(series);
        if job == self.of.job && t == self.of.metrics.years() - 1 {
            self.horizon[m * block.n..(m + 1) * block.n].copy_from_slice(values);
        }
    }

    fn end(&mut self, block: Block) {
        if self.error.is_none()
            && let Err(e) = self.write_block(block)
        {
            self.error = Some(e);
        }
    }
}

impl Visit for ExportDraws {
    type Acc<'a> = ExportAcc<'a>;

    fn leaf(&self) -> ExportAcc<'_> {
        ExportAcc {
            of: self,
            spills: Vec::new(),
            current: None,
            error: None,
            params: Vec::new(),
            horizon: Vec::new(),
            text: String::new(),
        }
    }

    fn merge<'a>(&'a self, a: &mut ExportAcc<'a>, b: ExportAcc<'a>) {
        let files = || -> io::Result<()> {
            if let Some(w) = a.current.take() {
                a.spills.push(into_file(w)?);
            }
            a.spills.extend(b.spills);
            if let Some(w) = b.current {
                a.spills.push(into_file(w)?);
            }
            Ok(())
        };
        let flushed = files();
        a.error = a.error.take().or(b.error).or(flushed.err());
    }
}
