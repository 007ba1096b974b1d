//! Who may post: addresses and networks (`203.0.113.7`, `203.0.113.0/24`,
//! `2001:db8::/32`), and the secret path compared in constant time.

use std::net::IpAddr;

use sha2::{Digest, Sha256};

/// An address or a network allowed to post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllowedNet {
    addr: IpAddr,
    prefix: u8,
}

impl AllowedNet {
    /// `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or network.
    pub fn parse(s: &str) -> Option<AllowedNet> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().ok()?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(AllowedNet { addr, prefix })
    }

    /// Whether `ip` is in it (an IPv4 address written as IPv6, `::ffff:a.b.c.d`,
    /// is the IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for AllowedNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// SHA-256 of `bytes`.
pub(super) fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Whether `path` is the secret path whose digest is `want`: digests of
/// one length compared without an early exit, so the time taken says
/// nothing about how much of a guess was right.
pub(super) fn is_path(path: &str, want: &[u8; 32]) -> bool {
    let got = digest(path.as_bytes());
    got.iter().zip(want).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_contain_their_addresses_only() {
        let n = AllowedNet::parse("203.0.113.0/24").unwrap();
        assert!(n.contains("203.0.113.9".parse().unwrap()));
        assert!(n.contains("::ffff:203.0.113.9".parse().unwrap()));
        assert!(!n.contains("203.0.114.9".parse().unwrap()));
        let one = AllowedNet::parse("127.0.0.1").unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let all = AllowedNet::parse("0.0.0.0/0").unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
        assert!(!all.contains("2001:db8::1".parse().unwrap()));
        let v6 = AllowedNet::parse("2001:db8::/32").unwrap();
        assert!(v6.contains("2001:db8:1::1".parse().unwrap()));
        assert!(!v6.contains("2001:db9::1".parse().unwrap()));
        for bad in ["", "10.0.0.0/33", "::/129", "example.com", "10.0.0.1/x"] {
            assert_eq!(AllowedNet::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_secret_path_matches_only_itself() {
        let want = digest(b"/hook/abcdefghijklmnop");
        assert!(is_path("/hook/abcdefghijklmnop", &want));
        assert!(!is_path("/hook/abcdefghijklmnoq", &want));
        assert!(!is_path("/hook/abcdefghijklmnop/", &want));
        assert!(!is_path("/hook", &want));
    }
}
