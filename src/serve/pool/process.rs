//! One query worker process of the pool: started ([`Worker::launch`]), waited for until it has
//! loaded the graph ([`Worker::ready`]), and killed and reaped with the thread that reads its
//! replies ([`Worker::kill`]), which also tells whether it ended past its memory cap.

use super::super::worker::{read_frame, Reply, EXIT_OUT_OF_MEMORY};
use super::{PoolError, Spawner, POLL};
use std::io::{self, BufReader, BufWriter};
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a new worker may take to load the graph.
pub(super) const STARTUP: Duration = Duration::from_secs(120);

/// A frame read from a worker.
pub(super) type Frame = io::Result<(Reply, Vec<u8>)>;

/// A worker process, its input, and the replies read from its output.
pub(super) struct Worker {
    pub(super) child: Child,
    pub(super) stdin: BufWriter<ChildStdin>,
    pub(super) replies: Receiver<Frame>,
    /// The thread reading the worker's replies, ended by the end of its output.
    reader: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts a worker process; [`Worker::ready`] waits for it to load the graph.
    pub(super) fn launch(command: &Spawner) -> Result<Self, PoolError> {
        let mut child = command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| PoolError(e.to_string()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(PoolError("its standard input or output is missing".into()));
        };
        let (sender, replies) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let frame = match read_frame::<Reply>(&mut stdout) {
                    Ok(Some(frame)) => Ok(frame),
                    Ok(None) => Err(io::ErrorKind::UnexpectedEof.into()),
                    Err(error) => Err(error),
                };
                let last = frame.is_err();
                if sender.send(frame).is_err() || last {
                    return;
                }
            }
        });
        Ok(Self {
            child,
            stdin: BufWriter::new(stdin),
            replies,
            reader: Some(reader),
        })
    }

    /// The worker once it says it loaded the graph (within the start-up limit); killed at
    /// once if `closed` is set meanwhile.
    pub(super) fn ready(self, closed: &AtomicBool) -> Result<Self, PoolError> {
        let until = Instant::now() + STARTUP;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left.min(POLL)) {
                Ok(Ok((Reply::Ready, _))) => return Ok(self),
                Err(RecvTimeoutError::Timeout)
                    if !left.is_zero() && !closed.load(Ordering::SeqCst) => {}
                _ => {
                    self.kill();
                    return Err(PoolError(
                        "it did not load the graph (see its message above)".into(),
                    ));
                }
            }
        }
    }

    /// Kills the process and reaps it, and joins the thread reading its replies (its output
    /// is closed); how it ended. A worker that already ended (its output was closed) keeps its
    /// own status: it is given a moment to finish exiting first.
    pub(super) fn kill(mut self) -> Option<ExitStatus> {
        let status = self.end();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        status
    }

    fn end(&mut self) -> Option<ExitStatus> {
        if matches!(self.replies.try_recv(), Err(TryRecvError::Disconnected)) {
            let until = Instant::now() + EXITING;
            while Instant::now() < until {
                match self.child.try_wait() {
                    Ok(Some(status)) => return Some(status),
                    Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                    Err(_) => break,
                }
            }
        }
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

/// How long a worker whose output closed may take to exit.
const EXITING: Duration = Duration::from_millis(500);

/// Whether a worker ended past its memory cap: it ended itself so, or an allocation failed
/// under the kernel's limit (Rust's allocation failure aborts, SIGABRT).
pub(super) fn out_of_memory(status: ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        const SIGABRT: i32 = 6;
        if status.signal() == Some(SIGABRT) {
            return true;
        }
    }
    status.code() == Some(EXIT_OUT_OF_MEMORY)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    #[test]
    fn a_worker_that_ended_itself_or_aborted_passed_its_memory_cap() {
        // wait(2) statuses: an exit code in the second byte, a signal in the first.
        assert!(out_of_memory(ExitStatus::from_raw(EXIT_OUT_OF_MEMORY << 8)));
        assert!(out_of_memory(ExitStatus::from_raw(6)));
        assert!(!out_of_memory(ExitStatus::from_raw(3 << 8)));
        assert!(!out_of_memory(ExitStatus::from_raw(9)));
        assert!(!out_of_memory(ExitStatus::from_raw(0)));
    }
}
