//! A block of the slab: the packed conversations of up to
//! [`super::BLOCK`] slab indices, their bytes one after the other in one
//! buffer.
//!
//! One buffer rather than an allocation each: no allocator's overhead per
//! conversation (16 bytes or more, and a pointer and a length where it is
//! held), and a walk over every conversation (a view, a search) reads
//! memory in order. A conversation replaced is written again at the end;
//! its old bytes are left until they are half of the block, then the block
//! is written anew without them.

/// Bytes kept free at the end of a block as it grows, beyond what is
/// written: an eighth of what it holds (a block replaced into now and then
/// grows by a little, not to twice its size).
const SLACK: usize = 8;

#[derive(Clone, Debug, Default)]
pub struct Block {
    bytes: Vec<u8>,
    /// Where each conversation's bytes start and end in `bytes`.
    spans: Vec<(u32, u32)>,
    /// Bytes of `bytes` no conversation uses any more.
    garbage: usize,
}

impl Block {
    pub fn with_capacity(n: usize) -> Block {
        Block {
            spans: Vec::with_capacity(n),
            ..Block::default()
        }
    }

    /// The bytes of the `k`th conversation of the block.
    pub fn get(&self, k: usize) -> &[u8] {
        let (start, end) = self.spans[k];
        &self.bytes[start as usize..end as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans
            .iter()
            .map(|&(start, end)| &self.bytes[start as usize..end as usize])
    }

    /// The conversations of the block (their place in it) whose bytes
    /// hold what `finder` looks for, each once, in order.
    pub fn holding(&self, finder: &memchr::memmem::Finder) -> Vec<usize> {
        let mut found: Vec<usize> = finder
            .find_iter(&self.bytes)
            .filter_map(|at| {
                let at = at as u32;
                self.spans.iter().position(|&(s, e)| s <= at && at < e)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    pub fn push(&mut self, packed: &[u8]) {
        let span = self.append(packed);
        self.spans.push(span);
    }

    /// `packed` in place of the `k`th conversation.
    pub fn set(&mut self, k: usize, packed: &[u8]) {
        let (start, end) = self.spans[k];
        self.garbage += (end - start) as usize;
        self.spans[k] = self.append(packed);
        if self.garbage > self.bytes.len() / 2 {
            self.compact();
        }
    }

    /// Gives back the room kept for growth (the block is full).
    pub fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
    }

    fn append(&mut self, packed: &[u8]) -> (u32, u32) {
        let free = self.bytes.capacity() - self.bytes.len();
        if free < packed.len() {
            self.bytes
                .reserve_exact(packed.len() + self.bytes.len() / SLACK + 256);
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(packed);
        let at = |n: usize| u32::try_from(n).expect("a block holds less than 4 GiB");
        (at(start), at(self.bytes.len()))
    }

    /// The block written anew without the bytes no conversation uses.
    fn compact(&mut self) {
        let mut bytes = Vec::with_capacity(self.bytes.len() - self.garbage);
        for span in &mut self.spans {
            let (start, end) = (span.0 as usize, span.1 as usize);
            let at = bytes.len();
            bytes.extend_from_slice(&self.bytes[start..end]);
            *span = (at as u32, bytes.len() as u32);
        }
        self.bytes = bytes;
        self.garbage = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replaced over and over, a block keeps what each holds now and does
    /// not grow past twice what that is.
    #[test]
    fn replacing_keeps_the_block_small_and_right() {
        let mut b = Block::with_capacity(4);
        for k in 0..4u8 {
            b.push(&[k; 10]);
        }
        b.shrink();
        for round in 0..1_000usize {
            let k = round % 4;
            b.set(k, &vec![round as u8; 10 + k]);
            assert!(b.bytes.len() <= 2 * (40 + 6) + 16, "{}", b.bytes.len());
        }
        for k in 0..4 {
            let last = (996 + k) as u8;
            assert_eq!(b.get(k), vec![last; 10 + k].as_slice());
        }
        assert_eq!(b.iter().count(), 4);
    }
}
