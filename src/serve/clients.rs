//! Who sent a request, and how many queries each client may have running at once.
//!
//! The connection layer ([`super::connection`]) puts a [`Client`] into each request's
//! extensions: its key (the peer's IP address; for IPv6 its /64 network, which one host
//! usually holds whole) and a [`Cancel`] flag that is raised when the client disconnects
//! before its answer is written. [`Clients`] counts the queries each key has running: a query
//! over its client's limit (`--max-queries-per-client`) waits for one of the client's own
//! queries to end, within its time limit, so that one client cannot hold every worker process
//! and leave none for the others. A request made in-process, without a [`Client`], is not
//! limited.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How often a waiting query looks whether its client went away.
const POLL: Duration = Duration::from_millis(50);

/// A flag raised when the client of a request is gone: its query is stopped.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Raises the flag.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the flag is raised.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The client of a request, as the connection layer saw it.
#[derive(Debug, Clone)]
pub struct Client {
    /// The key its queries are counted under: see [`Client::key_of`].
    pub key: IpAddr,
    /// Raised when it disconnects.
    pub cancel: Cancel,
}

impl Client {
    /// The client at this peer address, not cancelled.
    pub fn new(peer: IpAddr) -> Self {
        Self {
            key: Self::key_of(peer),
            cancel: Cancel::default(),
        }
    }

    /// The key of a peer: an IPv4 address (also when mapped into IPv6), or an IPv6 address's
    /// /64 network.
    pub fn key_of(peer: IpAddr) -> IpAddr {
        match peer {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        }
    }
}

/// Why a query did not get a slot of its client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The client's queries stayed at the limit until the deadline.
    Full,
    /// The client went away while waiting.
    Gone,
}

/// The number of queries each client has running, and waiting.
#[derive(Debug, Default)]
pub struct Clients {
    clients: Mutex<HashMap<IpAddr, Entry>>,
}

/// One client: its queries running and waiting, and the signal that one of its slots is free
/// (one per client, so that a freed slot wakes one of that client's waiting queries, not all
/// the waiting queries of every client).
#[derive(Debug, Default)]
struct Entry {
    running: usize,
    waiting: usize,
    freed: Arc<Condvar>,
}

impl Clients {
    /// A slot for one query of `client`, waiting until `deadline` while it has `limit` running.
    pub fn enter(
        &self,
        client: &Client,
        limit: usize,
        deadline: Instant,
    ) -> Result<Slot<'_>, Refused> {
        let limit = limit.max(1);
        let mut clients = self.lock();
        let mut waiting = false;
        let entered = loop {
            let entry = clients.entry(client.key).or_default();
            if client.cancel.is_cancelled() {
                break Err(Refused::Gone);
            }
            if entry.running < limit {
                entry.running += 1;
                break Ok(());
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break Err(Refused::Full);
            };
            if !waiting {
                entry.waiting += 1;
                waiting = true;
            }
            let freed = Arc::clone(&entry.freed);
            clients = freed
                .wait_timeout(clients, left.min(POLL))
                .map(|(guard, _)| guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner().0);
        };
        if let Some(entry) = clients.get_mut(&client.key) {
            if waiting {
                entry.waiting -= 1;
            }
            // A query that leaves without the slot it was woken for passes the signal on.
            if entered.is_err() && entry.running < limit && entry.waiting > 0 {
                entry.freed.notify_one();
            }
            if entry.running == 0 && entry.waiting == 0 {
                clients.remove(&client.key);
            }
        }
        entered.map(|()| Slot {
            clients: self,
            key: client.key,
        })
    }

    /// How many queries `key` has running.
    #[cfg(test)]
    pub fn running(&self, key: IpAddr) -> usize {
        self.lock().get(&key).map_or(0, |entry| entry.running)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<IpAddr, Entry>> {
        self.clients
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running query of a client; dropping it frees the slot.
#[derive(Debug)]
pub struct Slot<'a> {
    clients: &'a Clients,
    key: IpAddr,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut clients = self.clients.lock();
        if let Some(entry) = clients.get_mut(&self.key) {
            entry.running = entry.running.saturating_sub(1);
            if entry.waiting > 0 {
                entry.freed.notify_one();
            } else if entry.running == 0 {
                clients.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_waits_for_its_own_slot_and_others_do_not() {
        let clients = Clients::default();
        let one = Client::new("127.0.0.2".parse().unwrap());
        let other = Client::new("127.0.0.3".parse().unwrap());
        let soon = || Instant::now() + Duration::from_millis(100);
        let held = clients.enter(&one, 1, soon()).unwrap();
        assert_eq!(clients.enter(&one, 1, soon()).unwrap_err(), Refused::Full);
        let _other = clients.enter(&other, 1, soon()).unwrap();
        drop(held);
        assert_eq!(clients.running(one.key), 0);
        let _again = clients.enter(&one, 1, soon()).unwrap();
        one.cancel.cancel();
        assert_eq!(clients.enter(&one, 2, soon()).unwrap_err(), Refused::Gone);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        let key = |s: &str| Client::key_of(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:a::1"), key("2001:db8:1:2:b::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:10.0.0.1"), key("10.0.0.1"));
    }
}
