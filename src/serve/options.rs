//! The limits of a server, each with its default, and its other options.

use crate::query::MemoryCap;
use std::time::Duration;

/// The limits of a server, each with its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// How long a query may take, from the request's arrival to its answer.
    pub timeout: Duration,
    /// How many queries may be evaluated at once (the number of worker processes).
    pub concurrent_queries: usize,
    /// How many of them one client (an IP address, or an IPv6 /64) may have running at once;
    /// its other queries wait for one of its own to end.
    pub max_queries_per_client: usize,
    /// How long a connection may take to send a request's head, and then its body (each from
    /// when the server starts reading it); also how long it may stay idle between requests,
    /// and how long its client may take nothing of an answer.
    pub read_timeout: Duration,
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// The largest query answer, in bytes.
    pub max_result_bytes: usize,
    /// How many connections are served at once (more wait to be accepted).
    pub max_connections: usize,
    /// The most memory a query may use in its worker.
    pub max_query_memory: MemoryCap,
    /// The most resident memory the server and its workers may use together: another worker
    /// is started only within it (one always runs).
    pub max_memory: MemoryCap,
}

impl Limits {
    /// 10 seconds.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
    /// 1 MiB.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
    /// 16 MiB.
    pub const DEFAULT_MAX_RESULT_BYTES: usize = 16 * 1024 * 1024;
    /// 512: connections are cheap (no thread until a request's head has arrived), and a few
    /// hundred that trickle their heads must not keep other clients out.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
    /// 10 seconds.
    pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);
    /// 1.5 GiB (in MiB): the server and one worker with 80,000 statements, or a few workers
    /// with the shipped article.
    pub const DEFAULT_MAX_MEMORY_MIB: u64 = 1536;

    /// The default number of concurrent queries: one more than the number of CPU cores, so
    /// that a cheap query finds a worker (and the kernel a share of a core for it) while
    /// every core runs a long one.
    pub fn default_concurrent_queries() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get()) + 1
    }

    /// The default number of queries of one client: all the workers but one (at least one),
    /// so that one client always leaves a worker to the others.
    pub fn default_queries_per_client(concurrent_queries: usize) -> usize {
        concurrent_queries.saturating_sub(1).max(1)
    }
}

impl Default for Limits {
    fn default() -> Self {
        let concurrent_queries = Self::default_concurrent_queries();
        Self {
            timeout: Self::DEFAULT_TIMEOUT,
            concurrent_queries,
            max_queries_per_client: Self::default_queries_per_client(concurrent_queries),
            read_timeout: Self::DEFAULT_READ_TIMEOUT,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            max_result_bytes: Self::DEFAULT_MAX_RESULT_BYTES,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            max_query_memory: MemoryCap::DEFAULT,
            max_memory: MemoryCap::new(Self::DEFAULT_MAX_MEMORY_MIB << 20)
                .unwrap_or(MemoryCap::MAX),
        }
    }
}

/// How the server behaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The limits.
    pub limits: Limits,
    /// Whether responses allow any origin (CORS), so that a web page elsewhere can query.
    pub cors: bool,
    /// The SERVICE endpoints queries may call (none by default).
    pub services: Vec<String>,
}
