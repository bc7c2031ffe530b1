//! The pool of query worker processes: up to as many workers as queries may run at once, each
//! a `cica-kg serve-worker` process (the command comes from the binary) that loaded the graph
//! once.
//!
//! Each worker holds a copy of the graph (with 80,000 statements, some 500 MB), so they are
//! started as queries need them: one when the pool starts (its process at once, its loading in
//! the background, so that the server listens meanwhile), another when a query finds every
//! worker busy and none already starting for it, up to the pool's size. A query waits for a
//! worker, within its deadline, as it waits for a busy one. A memory budget, if any, may hold
//! another worker back ([`budget`]): queries then wait for a busy one; one worker always runs.
//!
//! A query takes an idle worker (waiting, if every one is busy, until its deadline), sends the
//! job and waits for the reply until the deadline. When the deadline passes first, or when the
//! query's client disconnects (its [`Cancel`] flag, looked at every 50 ms), the worker is
//! killed (SIGKILL, then reaped), so the query stops using the CPU at once, and a new worker is
//! started to take its place; the query's thread waits (up to the start-up limit) until the new
//! worker is ready, so that the client's slot ([`super::clients`]) stays taken meanwhile and a
//! client that disconnects and sends again cannot hold more workers than its limit. A worker
//! that dies is replaced the same way.
//!
//! Workers run under the memory cap they were started with (see [`super::worker`]). A query
//! stopped at the cap is answered [`RunError::OutOfMemory`] and its worker is replaced too (a
//! fresh process gives its memory back to the system); so is a worker that ended itself past
//! the cap ([`EXIT_OUT_OF_MEMORY`]) or that the kernel's limit aborted (SIGABRT: an allocation
//! failed), and the client is told the cap.

mod budget;
mod process;
#[cfg(all(test, unix))]
mod tests;

use super::clients::Cancel;
use super::engine::{Job, RunError};
use super::log::{Event, Log};
use super::worker::{write_frame, Reply};
use crate::query::MemoryCap;
use budget::{Budget, Process};
use process::{out_of_memory, Worker, STARTUP};
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often a query's thread looks whether its client went away.
const POLL: Duration = Duration::from_millis(50);

/// Why the workers could not be started.
#[derive(Debug, thiserror::Error)]
#[error("cannot start a query worker process: {0}")]
pub struct PoolError(String);

/// Builds the command line of a worker.
type Spawner = dyn Fn() -> Command + Send + Sync;

/// The worker processes.
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    command: Box<Spawner>,
    memory: Option<MemoryCap>,
    budget: Budget,
    log: Log,
    size: usize,
    idle: Mutex<Workers>,
    returned: Condvar,
    /// Set (under the lock of `threads`) when the pool shuts down.
    closed: AtomicBool,
    /// The threads bringing workers up, joined at [`Pool::shutdown`].
    threads: Mutex<Vec<JoinHandle<()>>>,
}

/// The idle workers, and how many there are in all, are starting, and are waited for.
#[derive(Default)]
struct Workers {
    idle: Vec<Worker>,
    /// Idle, busy or starting (a replacement included).
    live: usize,
    /// Starting: not yet ready.
    starting: usize,
    /// Queries waiting for an idle worker.
    waiting: usize,
    /// The live workers' processes (for the memory budget).
    processes: Vec<Process>,
}

impl Workers {
    /// The worker process `pid` ended.
    fn forget(&mut self, pid: u32) {
        self.processes.retain(|process| process.pid != pid);
    }
}

impl Pool {
    /// A pool of up to `size` workers started with `command`: the first one's process is
    /// started now, and loads the graph in the background; the command gives them `memory`,
    /// their cap, if any. Another worker is started only if the server and its workers stay
    /// within `budget`, if any (see the `budget` module). Workers killed or not started, and the first
    /// worker the budget holds back, are told to `log`.
    pub fn start(
        size: usize,
        memory: Option<MemoryCap>,
        budget: Option<MemoryCap>,
        command: impl Fn() -> Command + Send + Sync + 'static,
        log: Log,
    ) -> Result<Self, PoolError> {
        let inner = Arc::new(Inner {
            command: Box::new(command),
            memory,
            budget: Budget::new(budget),
            log,
            size: size.max(1),
            idle: Mutex::new(Workers::default()),
            returned: Condvar::new(),
            closed: AtomicBool::new(false),
            threads: Mutex::new(Vec::new()),
        });
        let first = Worker::launch(&*inner.command)?;
        {
            let mut workers = lock(&inner.idle);
            workers.live = 1;
            workers.starting = 1;
        }
        bring_up(&inner, Some(first), None);
        Ok(Self { inner })
    }

    /// Runs `job` on a worker, by `deadline`, stopping it when `cancel` is raised.
    pub(crate) fn run_cancellable(
        &self,
        job: &Job,
        deadline: Instant,
        cancel: &Cancel,
    ) -> Result<Vec<u8>, RunError> {
        let started = Instant::now();
        let seconds = |since: Instant| (Instant::now() - since).as_secs_f64();
        let Some(mut worker) = self.checkout(deadline, cancel) else {
            return Err(if cancel.is_cancelled() {
                gone()
            } else {
                RunError::Busy {
                    seconds: seconds(started),
                }
            });
        };
        if let Err(error) = write_frame(&mut worker.stdin, job, &[]) {
            self.replace(worker);
            return Err(RunError::Failed(format!(
                "the query worker stopped ({error})"
            )));
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            return match worker.replies.recv_timeout(left.min(POLL)) {
                Ok(Ok((Reply::Answer, body))) => {
                    self.checkin(worker);
                    Ok(body)
                }
                Ok(Ok((Reply::Error(error @ RunError::OutOfMemory { .. }), _))) => {
                    self.replace_and_wait(worker);
                    Err(error)
                }
                Ok(Ok((Reply::Error(error), _))) => {
                    self.checkin(worker);
                    Err(error)
                }
                Err(RecvTimeoutError::Timeout) if cancel.is_cancelled() => {
                    (self.inner.log)(&Event::WorkerKilled {
                        pid: worker.child.id(),
                        client_gone: true,
                    });
                    self.replace_and_wait(worker);
                    Err(gone())
                }
                Err(RecvTimeoutError::Timeout) if !left.is_zero() => continue,
                Err(RecvTimeoutError::Timeout) => {
                    (self.inner.log)(&Event::WorkerKilled {
                        pid: worker.child.id(),
                        client_gone: false,
                    });
                    self.replace_and_wait(worker);
                    Err(RunError::Timeout {
                        seconds: job.timeout_ms as f64 / 1000.0,
                    })
                }
                Ok(Ok((Reply::Ready, _))) | Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                    let pid = worker.child.id();
                    let (status, _) = self.replace(worker);
                    match (self.inner.memory, status) {
                        (Some(cap), Some(status)) if out_of_memory(status) => {
                            (self.inner.log)(&Event::WorkerOutOfMemory {
                                pid,
                                status: status.to_string(),
                            });
                            Err(RunError::OutOfMemory { mib: cap.mib() })
                        }
                        _ => Err(RunError::Failed(
                            "the query worker stopped unexpectedly; try again".to_owned(),
                        )),
                    }
                }
            };
        }
    }

    /// Kills the idle workers and starts no new ones, joining the threads bringing workers up
    /// (a worker still loading is killed at once); a busy worker is killed when its query ends
    /// or passes its deadline. Called again, or when the pool is dropped, it does nothing more.
    pub fn shutdown(&self) {
        let threads: Vec<_> = {
            let mut threads = lock(&self.inner.threads);
            self.inner.closed.store(true, Ordering::SeqCst);
            threads.drain(..).collect()
        };
        self.inner.returned.notify_all();
        for thread in threads {
            let _ = thread.join();
        }
        let idle: Vec<_> = lock(&self.inner.idle).idle.drain(..).collect();
        for worker in idle {
            worker.kill();
        }
    }

    /// An idle worker, waiting until `deadline` for one (or until `cancel` is raised).
    fn checkout(&self, deadline: Instant, cancel: &Cancel) -> Option<Worker> {
        let mut workers = lock(&self.inner.idle);
        workers.waiting += 1;
        let found = loop {
            if self.inner.closed.load(Ordering::SeqCst) || cancel.is_cancelled() {
                break None;
            }
            if let Some(worker) = workers.idle.pop() {
                break Some(worker);
            }
            // Every worker busy: one more, unless enough are starting for those who wait, or
            // the memory budget has no room for one more.
            if workers.live < self.inner.size
                && workers.starting < workers.waiting
                && (self.inner.budget).allows_another(&workers.processes, &self.inner.log)
            {
                workers.live += 1;
                workers.starting += 1;
                bring_up(&self.inner, None, None);
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break None;
            };
            workers = self
                .inner
                .returned
                .wait_timeout(workers, left.min(POLL))
                .map(|(guard, _)| guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner().0);
        };
        workers.waiting -= 1;
        found
    }

    fn checkin(&self, worker: Worker) {
        if self.inner.closed.load(Ordering::SeqCst) {
            worker.kill();
            return;
        }
        lock(&self.inner.idle).idle.push(worker);
        self.inner.returned.notify_one();
    }

    /// Kills `worker` and starts another in the background: how the worker ended, and a
    /// receiver told once the first try to start the new one is done.
    fn replace(&self, worker: Worker) -> (Option<ExitStatus>, Receiver<()>) {
        let pid = worker.child.id();
        let status = worker.kill();
        {
            let mut workers = lock(&self.inner.idle);
            workers.forget(pid);
            workers.starting += 1;
        }
        let (tried, first_try) = mpsc::channel();
        bring_up(&self.inner, None, Some(tried));
        (status, first_try)
    }

    /// Kills `worker` and waits until its replacement is ready (or failed to start once);
    /// how the worker ended.
    fn replace_and_wait(&self, worker: Worker) -> Option<ExitStatus> {
        let (status, first_try) = self.replace(worker);
        let _ = first_try.recv_timeout(STARTUP);
        status
    }
}

/// Brings a worker up on a thread of the pool's (`launched`, or a new one), trying again every
/// second until one is ready or the pool is closed, then adds it to the idle workers; `tried`
/// is told once the first try is done. The thread is kept, to be joined at
/// [`Pool::shutdown`]; once the pool is closed none is started (`launched` is killed).
fn bring_up(inner: &Arc<Inner>, launched: Option<Worker>, tried: Option<mpsc::Sender<()>>) {
    let mut threads = lock(&inner.threads);
    if inner.closed.load(Ordering::SeqCst) {
        drop(threads);
        if let Some(worker) = launched {
            worker.kill();
        }
        return;
    }
    threads.retain(|thread| !thread.is_finished());
    let inner = Arc::clone(inner);
    threads.push(std::thread::spawn(move || {
        let mut launched = launched;
        loop {
            let started = match launched.take() {
                Some(worker) => Ok(worker),
                None => Worker::launch(&*inner.command),
            };
            let ready = started.and_then(|worker| {
                let pid = worker.child.id();
                let process = Process { pid, ready: false };
                lock(&inner.idle).processes.push(process);
                worker
                    .ready(&inner.closed)
                    .inspect_err(|_| lock(&inner.idle).forget(pid))
            });
            if let Some(tried) = &tried {
                let _ = tried.send(());
            }
            let closed = inner.closed.load(Ordering::SeqCst);
            match ready {
                Ok(worker) => {
                    let mut workers = lock(&inner.idle);
                    workers.starting -= 1;
                    let pid = worker.child.id();
                    if closed {
                        workers.forget(pid);
                        drop(workers);
                        worker.kill();
                    } else {
                        let known = workers.processes.iter_mut().find(|p| p.pid == pid);
                        if let Some(process) = known {
                            process.ready = true;
                        }
                        workers.idle.push(worker);
                        inner.returned.notify_one();
                    }
                    return;
                }
                Err(_) if closed => return,
                Err(error) => {
                    (inner.log)(&Event::WorkerNotStarted(error.to_string()));
                    std::thread::sleep(Duration::from_secs(1));
                    if inner.closed.load(Ordering::SeqCst) {
                        return;
                    }
                }
            }
        }
    }));
}

impl Drop for Pool {
    /// A pool dropped without [`Pool::shutdown`] (a server that failed to start) shuts down
    /// all the same, so that none of its threads or processes is left behind.
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The error of a query whose client went away (nobody reads it).
fn gone() -> RunError {
    RunError::Failed("the client went away; the query was stopped".to_owned())
}

/// Locks a mutex, going on after a panic elsewhere (the idle list stays consistent).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
