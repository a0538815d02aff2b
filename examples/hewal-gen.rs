//! Deterministic synthetic Sorani news corpus generator.
//!
//! ```text
//! cargo run --release --example hewal-gen -- --count N [--seed S] [--out FILE] [--threads T]
//! ```
//!
//! Writes N articles as JSON Lines (the format `hewal import` reads) to FILE,
//! or to standard output without `--out`, and a one-line summary to standard
//! error. The same `--seed` and `--count` always give byte-identical output
//! (whatever `--threads`); article `n` does not depend on `--count`. See
//! `examples/gen/mod.rs` for how the text is made.

mod gen;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

#[derive(Parser, Debug)]
#[command(name = "hewal-gen", about = "Generate a deterministic synthetic Sorani news corpus (JSON Lines)")]
struct Args {
    /// Number of articles.
    #[arg(long, required_unless_present = "print_vocab")]
    count: Option<u64>,
    /// Seed; the same seed and count give byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (standard output if not given).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Generator threads (default: available cores, at most 4). The output
    /// does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Print the vocabulary built from the samples (rank, count in the
    /// samples, word) instead of generating articles.
    #[arg(long)]
    print_vocab: bool,
}

/// A closed pipe (`hewal-gen … | head`) ends the run quietly.
fn quiet_pipe<T: Default>(r: io::Result<T>) -> io::Result<T> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(T::default()),
        r => r,
    }
}

fn print_vocab(model: &gen::Model, out: &mut dyn Write) -> io::Result<()> {
    for rank in 0..model.vocabulary_len() {
        let (word, count) = model.word(rank);
        writeln!(out, "{rank}\t{count}\t{word}")?;
    }
    out.flush()
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let start = Instant::now();
    let model = gen::Model::new();

    let stdout = io::stdout();
    if args.print_vocab {
        let mut w = BufWriter::new(stdout.lock());
        quiet_pipe(print_vocab(&model, &mut w))?;
        return Ok(());
    }

    let threads =
        args.threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get().min(4)).unwrap_or(1));
    let opts = gen::Options { count: args.count.unwrap_or(0), seed: args.seed, threads };
    let summary = match &args.out {
        Some(path) => {
            let file = File::create(path).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            gen::generate(&model, &opts, &mut w)?
        }
        None => {
            let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
            // (BufWriter's drop ignores a second error on a closed pipe.)
            match quiet_pipe(gen::generate(&model, &opts, &mut w).map(Some))? {
                Some(s) => s,
                None => return Ok(()),
            }
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let mb = summary.bytes as f64 / 1e6;
    eprintln!(
        "hewal-gen: {} articles, {} words, {:.1} MB in {:.2} s, {:.1} MB/s \
         (seed {}, {} vocabulary words, {} threads)",
        summary.articles,
        summary.words,
        mb,
        secs,
        mb / secs.max(1e-9),
        opts.seed,
        model.vocabulary_len(),
        threads,
    );
    Ok(())
}
