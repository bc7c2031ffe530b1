//! A memory cap for a query: its size ([`MemoryCap`], read from `512MiB` or `1GiB`), the
//! memory this process uses ([`used`]), and the kernel's limit on it ([`limit_data`]); also
//! the resident memory of a process ([`resident`]), which `serve` keeps its workers within.
//!
//! [`super::TimeLimit`] samples [`used`] while the query runs and cancels it past the cap. The
//! measure is the process's anonymous resident memory (`/proc/self/statm`: resident minus
//! file-backed pages), so that the program's own code, paged in from its file, does not count.
//! It exists on Linux only: elsewhere [`used`] is `None` and the cap is not enforced.
//!
//! Sampling sees memory that is already used; Oxigraph also checks the cancellation only as it
//! reads the store, not while it sorts or joins what it has read (oxigraph#1336). A process
//! that must never pass a size (a query worker of `cica-kg serve`) also asks the kernel for a
//! hard limit a margin above the cap with [`limit_data`]: an allocation past it fails, and the
//! process aborts.

use std::fmt;
use std::str::FromStr;

const MIB: u64 = 1024 * 1024;

/// The most memory a query may use, in bytes: from [`MemoryCap::MIN`] to [`MemoryCap::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MemoryCap(u64);

impl MemoryCap {
    /// 16 MiB: less would stop ordinary queries, whose evaluation needs a few MiB.
    pub const MIN: Self = Self(16 * MIB);
    /// 1 TiB.
    pub const MAX: Self = Self(1024 * 1024 * MIB);
    /// 512 MiB: a hundred times what the catalogue's queries need on the article's graph, and
    /// with one query worker per core still a fraction of a machine's memory.
    pub const DEFAULT: Self = Self(512 * MIB);

    /// A cap of `bytes`, if in range.
    pub fn new(bytes: u64) -> Result<Self, MemoryCapError> {
        let cap = Self(bytes);
        if (Self::MIN..=Self::MAX).contains(&cap) {
            Ok(cap)
        } else {
            Err(MemoryCapError::OutOfRange(bytes_text(bytes)))
        }
    }

    /// The cap in bytes.
    pub fn bytes(self) -> u64 {
        self.0
    }

    /// The cap in whole MiB (rounded up), as messages give it.
    pub fn mib(self) -> u64 {
        self.0.div_ceil(MIB)
    }
}

impl fmt::Display for MemoryCap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bytes_text(self.0))
    }
}

fn bytes_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * MIB && b % (1024 * MIB) == 0 => format!("{}GiB", b / (1024 * MIB)),
        b if b >= MIB && b % MIB == 0 => format!("{}MiB", b / MIB),
        b if b >= 1024 && b % 1024 == 0 => format!("{}KiB", b / 1024),
        b => format!("{b}B"),
    }
}

/// Why a size is not a memory cap.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryCapError {
    /// Not a number with a unit.
    #[error("'{0}' is not a size: give a number and a unit, such as 512MiB or 1GiB (units B, KiB, MiB, GiB, TiB)")]
    NotASize(String),
    /// Outside the range.
    #[error("{0} is out of range: give a size from 16MiB to 1TiB")]
    OutOfRange(String),
}

impl FromStr for MemoryCap {
    type Err = MemoryCapError;

    /// A number and a binary unit (`B`, `KiB`, `MiB`, `GiB`, `TiB`; `K`, `M`, `G`, `T` and
    /// their `KB` forms are read the same, as powers of 1024).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let not = || MemoryCapError::NotASize(text.to_owned());
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        let (number, unit) = trimmed.split_at(split);
        let number: u64 = number.parse().map_err(|_| not())?;
        let shift = match unit.trim().to_ascii_lowercase().as_str() {
            "b" => 0,
            "k" | "kb" | "kib" => 10,
            "m" | "mb" | "mib" => 20,
            "g" | "gb" | "gib" => 30,
            "t" | "tb" | "tib" => 40,
            _ => return Err(not()),
        };
        let bytes = number
            .checked_mul(1 << shift)
            .ok_or_else(|| MemoryCapError::OutOfRange(trimmed.to_owned()))?;
        Self::new(bytes).map_err(|_| MemoryCapError::OutOfRange(trimmed.to_owned()))
    }
}

/// The query's memory passed its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the query used more than {} MiB", .cap.mib())]
pub struct MemoryLimitExceeded {
    /// The cap.
    pub cap: MemoryCap,
}

/// The memory this process uses, in bytes: its anonymous resident memory; `None` where it is
/// not known (not Linux).
pub fn used() -> Option<u64> {
    statm().map(|s| s.resident.saturating_sub(s.shared))
}

/// The size of this process's data (its writable private mappings, which the kernel's
/// RLIMIT_DATA counts), in bytes; `None` where it is not known.
pub fn data_size() -> Option<u64> {
    statm().map(|s| s.data)
}

struct Statm {
    resident: u64,
    shared: u64,
    data: u64,
}

/// The resident memory of the process `pid` (this process with `None`), in bytes: all its
/// resident pages, shared ones included, as `ps` shows its RSS; `None` where it is not known
/// (not Linux, or no such process).
pub fn resident(pid: Option<u32>) -> Option<u64> {
    statm_of(&match pid {
        Some(pid) => format!("/proc/{pid}/statm"),
        None => "/proc/self/statm".to_owned(),
    })
    .map(|s| s.resident)
}

/// `/proc/self/statm`: size resident shared text lib data dt, in pages.
fn statm() -> Option<Statm> {
    statm_of("/proc/self/statm")
}

fn statm_of(path: &str) -> Option<Statm> {
    let text = std::fs::read_to_string(path).ok()?;
    let pages: Vec<u64> = text
        .split_whitespace()
        .map(|field| field.parse().ok())
        .collect::<Option<_>>()?;
    let page = page_size();
    Some(Statm {
        resident: pages.get(1)? * page,
        shared: pages.get(2)? * page,
        data: pages.get(5)? * page,
    })
}

#[cfg(target_os = "linux")]
fn page_size() -> u64 {
    rustix::param::page_size() as u64
}

#[cfg(not(target_os = "linux"))]
fn page_size() -> u64 {
    4096
}

/// Asks the kernel to refuse this process more than `bytes` of data (RLIMIT_DATA): past it an
/// allocation fails and the process aborts. Linux only; elsewhere nothing is done.
#[cfg(target_os = "linux")]
pub fn limit_data(bytes: u64) -> std::io::Result<()> {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let current = getrlimit(Resource::Data);
    // A limit already lower stays: this only ever lowers the soft limit.
    let bytes = [current.current, current.maximum]
        .into_iter()
        .flatten()
        .fold(bytes, u64::min);
    setrlimit(
        Resource::Data,
        Rlimit {
            current: Some(bytes),
            maximum: current.maximum,
        },
    )
    .map_err(std::io::Error::from)
}

/// Asks the kernel to refuse this process more than `bytes` of data: not done here (not Linux).
#[cfg(not(target_os = "linux"))]
pub fn limit_data(_bytes: u64) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_binary_units() {
        let mib = |n: u64| MemoryCap::new(n * MIB).unwrap();
        assert_eq!("512MiB".parse(), Ok(mib(512)));
        assert_eq!("1GiB".parse(), Ok(mib(1024)));
        assert_eq!("1g".parse(), Ok(mib(1024)));
        assert_eq!("200 MB".parse(), Ok(mib(200)));
        assert_eq!("16777216B".parse(), Ok(mib(16)));
        assert_eq!("1TiB".parse(), Ok(MemoryCap::MAX));
        assert_eq!(mib(512).to_string(), "512MiB");
        assert_eq!(mib(2048).to_string(), "2GiB");
        assert_eq!(mib(100).mib(), 100);
    }

    #[test]
    fn sizes_out_of_range_or_without_unit_are_refused() {
        let error = |text: &str| text.parse::<MemoryCap>().unwrap_err().to_string();
        assert_eq!(
            error("15MiB"),
            "15MiB is out of range: give a size from 16MiB to 1TiB"
        );
        assert_eq!(
            error("2TiB"),
            "2TiB is out of range: give a size from 16MiB to 1TiB"
        );
        assert_eq!(
            error("99999999999999999999GiB"),
            "'99999999999999999999GiB' is not a size: give a number and a unit, such as 512MiB or 1GiB (units B, KiB, MiB, GiB, TiB)"
        );
        assert!(error("512").contains("is not a size"));
        assert!(error("-1GiB").contains("is not a size"));
        assert!(error("1.5GiB").contains("is not a size"));
        assert!(error("18446744073709551615TiB").contains("out of range"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_memory_used_grows_with_an_allocation() {
        // The measure is the whole process's, and other tests free memory meanwhile: 128 MiB
        // must show as at least 96.
        let before = used().unwrap();
        let block = vec![1u8; 128 << 20];
        let after = used().unwrap();
        assert!(after >= before + (96 << 20), "{before} -> {after}");
        assert!(data_size().unwrap() >= 128 << 20);
        drop(block);
    }
}
