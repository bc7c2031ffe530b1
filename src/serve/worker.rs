//! The query worker process and the frames it exchanges with the server.
//!
//! `cica-kg serve` evaluates the queries of its clients in worker processes (see
//! [`super::pool`]): each worker loads the knowledge graph once, says it is ready, then reads
//! one [`Job`] at a time on its standard input and writes one [`Reply`] with the answer's bytes
//! on its standard output. A frame is a JSON header (its length as 4 bytes, big-endian, then
//! the JSON) and a body (its length as 8 bytes, then the bytes).
//!
//! The server kills a worker whose query runs past the time limit. As a second guard, a worker
//! also stops itself when its query runs well past the limit it was given, or when the server
//! that started it is gone, so that no query keeps a core busy after the server stopped: the
//! library says so to the binary's `stop` ([`WorkerStop`]), which ends the process with
//! [`WorkerStop::exit_code`] (only the program ends a process).
//!
//! A worker started with a memory cap cancels a query whose memory grows past it (the answer
//! is [`RunError::OutOfMemory`]); when the query goes on growing all the same (Oxigraph does not
//! check cancellation inside a sort), the worker ends itself with [`EXIT_OUT_OF_MEMORY`]. As a
//! hard backstop the kernel refuses the worker more data than its size after loading the graph
//! plus [`backstop`]: an allocation past it aborts the process. Either way the server reports
//! the cap to the client and starts a new worker. Parsed queries are kept within a budget of
//! text bytes ([`TextCache`]): the parse of a text can be a hundred times its size.

use super::cache::TextCache;
use super::engine::{execute_prepared, prepare, Job, RunError, Services};
use crate::query::memory::{self, MemoryCap, MemoryLimitExceeded};
use crate::query::{Overran, Overrun, Watch};
use crate::rdf::KnowledgeGraph;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What a worker says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The graph is loaded: the worker takes jobs.
    Ready,
    /// The answer is the frame's body.
    Answer,
    /// The job has no answer.
    Error(RunError),
}

/// The largest frame header accepted, a guard against a corrupt stream.
const MAX_HEADER: usize = 64 * 1024 * 1024;

/// The longest query text whose parse a worker keeps: the parse of a text of `VALUES` can be
/// a hundred times its size.
const PARSED_LONGEST: usize = 16 * 1024;

/// The most bytes of query text whose parses a worker keeps (about 12 MiB of parses at most,
/// and some hundreds of ordinary queries).
const PARSED_TOTAL: usize = 128 * 1024;

/// The exit status of a worker that ended itself because its query's memory went on growing
/// past the cap after the query was cancelled.
pub const EXIT_OUT_OF_MEMORY: i32 = 4;

/// Why a worker must end while a query runs (the query does not stop): the binary ends the
/// process with [`WorkerStop::exit_code`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WorkerStop {
    /// A query ran well past its time limit (exit status 3).
    Overdue,
    /// A query's memory went on growing past the cap after it was cancelled (exit status
    /// `EXIT_OUT_OF_MEMORY`, 4).
    OutOfMemory(MemoryLimitExceeded),
    /// The server that started the worker is gone (exit status 0).
    Orphaned,
}

impl WorkerStop {
    /// The exit status of the worker process: 3, `EXIT_OUT_OF_MEMORY` (4), or 0.
    pub fn exit_code(self) -> i32 {
        match self {
            Self::Overdue => 3,
            Self::OutOfMemory(_) => EXIT_OUT_OF_MEMORY,
            Self::Orphaned => 0,
        }
    }
}

impl std::fmt::Display for WorkerStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Overdue => f.write_str("a query ran past its limit; stopping"),
            Self::OutOfMemory(exceeded) => write!(f, "{exceeded} and did not stop; stopping"),
            Self::Orphaned => f.write_str("the server that started it is gone; stopping"),
        }
    }
}

/// What the binary does when a worker must end (see [`WorkerStop`]); called from a watching
/// thread while a query runs, it is expected to end the process.
pub type StopWorker = Arc<dyn Fn(WorkerStop) + Send + Sync>;

/// How long past its own limit a worker lets a query run before it stops itself (the server
/// normally kills it first, at the limit).
const GRACE: Duration = Duration::from_secs(2);

/// Writes one frame and flushes.
pub fn write_frame(out: &mut impl Write, header: &impl Serialize, body: &[u8]) -> io::Result<()> {
    let header = serde_json::to_vec(header)?;
    let length = u32::try_from(header.len()).map_err(io::Error::other)?;
    out.write_all(&length.to_be_bytes())?;
    out.write_all(&header)?;
    out.write_all(&(body.len() as u64).to_be_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// Reads one frame; `None` at the end of the stream, between frames.
pub fn read_frame<T: DeserializeOwned>(input: &mut impl Read) -> io::Result<Option<(T, Vec<u8>)>> {
    let mut length = [0; 4];
    match input.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let length = u32::from_be_bytes(length) as usize;
    if length > MAX_HEADER {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame header too large",
        ));
    }
    let mut header = vec![0; length];
    input.read_exact(&mut header)?;
    let header = serde_json::from_slice(&header)?;
    let mut length = [0; 8];
    input.read_exact(&mut length)?;
    let length = usize::try_from(u64::from_be_bytes(length)).map_err(io::Error::other)?;
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some((header, body)))
}

/// The kernel's limit on a worker's data above its size once the graph is loaded: twice the
/// cap (a growing vector reserves its next size before it uses it, and the sampled cap
/// cancels only what it has seen), plus 64 MiB for the parses kept, thread stacks and answers.
pub fn backstop(cap: MemoryCap) -> u64 {
    2 * cap.bytes() + (64 << 20)
}

/// The worker's loop: says it is ready, then answers jobs until its input ends. With `memory`,
/// each query runs under that cap, and the process under the kernel's limit (see the module
/// documentation). `stop` is told when a query does not stop or the server is gone. The
/// worker's watching threads end before this returns.
pub fn run_worker(
    kg: &KnowledgeGraph,
    services: &Services,
    memory: Option<MemoryCap>,
    input: impl Read,
    output: impl Write,
    stop: StopWorker,
) -> io::Result<()> {
    std::thread::scope(|scope| {
        let busy = Watchdog::start(scope, Arc::clone(&stop));
        answer(kg, services, memory, &busy, &stop, input, output)
    })
}

/// Answers jobs until the input ends, the time limits of their queries watched by a [`Watch`]
/// of the worker's life.
fn answer(
    kg: &KnowledgeGraph,
    services: &Services,
    memory: Option<MemoryCap>,
    busy: &Watchdog,
    stop: &StopWorker,
    mut input: impl Read,
    mut output: impl Write,
) -> io::Result<()> {
    let prefixes = kg.iris().prefixes();
    let watch = Watch::start();
    if let (Some(cap), Some(size)) = (memory, memory::data_size()) {
        memory::limit_data(size + backstop(cap))?;
    }
    // Clients repeat their queries: each text is parsed once.
    let mut parsed = TextCache::new(PARSED_LONGEST, PARSED_TOTAL);
    write_frame(&mut output, &Reply::Ready, &[])?;
    while let Some((job, _)) = read_frame::<Job>(&mut input)? {
        busy.begin(Duration::from_millis(job.timeout_ms) + GRACE);
        let query = match parsed.get(&job.query) {
            Some(query) => Ok(query),
            None => prepare(&job.query, &prefixes)
                .inspect(|query| parsed.insert(&job.query, query.clone())),
        };
        let answer = query.and_then(|query| {
            let overrun = memory.map(|cap| {
                let stop = Arc::clone(stop);
                // The watchdog also stops a query overdue (and covers its parse).
                let overrun: Overrun = Box::new(move |overran| {
                    stop(match overran {
                        Overran::Memory(exceeded) => WorkerStop::OutOfMemory(exceeded),
                        Overran::Time(_) => WorkerStop::Overdue,
                    })
                });
                (cap, overrun)
            });
            execute_prepared(
                kg.store(),
                &prefixes,
                services,
                &job,
                query,
                &watch,
                overrun,
            )
        });
        busy.end();
        match answer {
            Ok(bytes) => write_frame(&mut output, &Reply::Answer, &bytes)?,
            Err(error) => write_frame(&mut output, &Reply::Error(error), &[])?,
        }
    }
    Ok(())
}

/// The worker's own guard: a scoped thread that tells `stop` when the current job runs past its
/// deadline, or when the parent process is gone; it ends when the guard is dropped.
struct Watchdog {
    shared: Arc<(Mutex<Watched>, Condvar)>,
}

/// The current job's deadline, and whether the watchdog is to end.
#[derive(Default)]
struct Watched {
    deadline: Option<Instant>,
    ended: bool,
}

impl Watchdog {
    fn start<'scope>(scope: &'scope std::thread::Scope<'scope, '_>, stop: StopWorker) -> Self {
        let shared: Arc<(Mutex<Watched>, Condvar)> = Arc::default();
        let watched = Arc::clone(&shared);
        let parent = parent_id();
        scope.spawn(move || {
            let (state, wake) = &*watched;
            let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                state = wake
                    .wait_timeout(state, Duration::from_millis(200))
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
                if state.ended {
                    return;
                }
                let why = if state.deadline.is_some_and(|d| Instant::now() > d) {
                    WorkerStop::Overdue
                } else if parent_id() != parent {
                    WorkerStop::Orphaned
                } else {
                    continue;
                };
                drop(state);
                stop(why);
                return;
            }
        });
        Self { shared }
    }

    fn set(&self, deadline: Option<Instant>) {
        let mut state = self.shared.0.lock().unwrap_or_else(|p| p.into_inner());
        state.deadline = deadline;
    }

    fn begin(&self, limit: Duration) {
        self.set(Some(Instant::now() + limit));
    }

    fn end(&self) {
        self.set(None);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (state, wake) = &*self.shared;
        state.lock().unwrap_or_else(|p| p.into_inner()).ended = true;
        wake.notify_one();
    }
}

#[cfg(unix)]
fn parent_id() -> u32 {
    std::os::unix::process::parent_id()
}

#[cfg(not(unix))]
fn parent_id() -> u32 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut stream = Vec::new();
        write_frame(&mut stream, &Reply::Answer, b"abc").unwrap();
        write_frame(
            &mut stream,
            &Reply::Error(RunError::Failed("x".into())),
            b"",
        )
        .unwrap();
        let mut input = stream.as_slice();
        let (reply, body): (Reply, Vec<u8>) = read_frame(&mut input).unwrap().unwrap();
        assert_eq!((reply, body.as_slice()), (Reply::Answer, &b"abc"[..]));
        let (reply, _): (Reply, Vec<u8>) = read_frame(&mut input).unwrap().unwrap();
        assert_eq!(reply, Reply::Error(RunError::Failed("x".into())));
        assert!(read_frame::<Reply>(&mut input).unwrap().is_none());
    }

    #[test]
    fn the_binary_ends_a_stopped_worker_with_the_status_the_server_reads() {
        // docs/serve.md: 3 past the time limit, 4 past the memory cap, 0 with the server gone.
        assert_eq!(WorkerStop::Overdue.exit_code(), 3);
        let exceeded = MemoryLimitExceeded {
            cap: MemoryCap::MIN,
        };
        assert_eq!(WorkerStop::OutOfMemory(exceeded).exit_code(), 4);
        assert_eq!(WorkerStop::Orphaned.exit_code(), 0);
        assert_eq!(
            WorkerStop::OutOfMemory(exceeded).to_string(),
            "the query used more than 16 MiB and did not stop; stopping"
        );
    }

    #[test]
    fn a_cut_frame_is_an_error() {
        let mut stream = Vec::new();
        write_frame(&mut stream, &Reply::Answer, b"abcdef").unwrap();
        stream.truncate(stream.len() - 2);
        assert!(read_frame::<Reply>(&mut stream.as_slice()).is_err());
    }
}
