//! The lookup of the store's host name for ureq, on the calling thread. ureq's own resolver,
//! when a timeout is set, looks the name up on a thread of its own and stops waiting at the
//! deadline, leaving that thread behind; push leaves none, so the lookup is the system's
//! (`getaddrinfo`), bounded by its own timeouts (`/etc/resolv.conf`), and what is left of
//! `--timeout` bounds the rest of the exchange. An address such as `127.0.0.1` is not looked up.

use std::net::ToSocketAddrs;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How many addresses [`ResolvedSocketAddrs`] holds (ureq keeps as many from its own lookup).
const MOST: usize = 16;

/// Looks host names up on the calling thread.
#[derive(Debug)]
pub(crate) struct OnThisThread;

impl Resolver for OnThisThread {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let bad = || ureq::Error::BadUri(format!("{uri} has no host or port"));
        let (scheme, authority) = uri.scheme().zip(uri.authority()).ok_or_else(bad)?;
        let address = DefaultResolver::host_and_port(scheme, authority).ok_or_else(bad)?;
        let mut found = self.empty();
        for address in config
            .ip_family()
            .keep_wanted(address.to_socket_addrs()?)
            .take(MOST)
        {
            found.push(address);
        }
        if found.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(found)
    }
}
