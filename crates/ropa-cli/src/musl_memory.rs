//! Tests of native/memory_x86_64.c, the `memcpy`, `memmove` and `memcmp`
//! linked into the static x86_64 musl binary (build.rs): every size up to
//! a few hundred bytes and around each size where the method changes, at
//! every alignment within 16 bytes, every overlap up to 70 bytes in either
//! direction, and a difference at every place of the first and last 16
//! bytes, through the safe calls that compile to them (`copy_from_slice`,
//! `copy_within`, and `cmp` and `==` on byte slices).

use std::hint::black_box;

/// Sizes where the copy changes method (2, 4, 8, 16 and 32 bytes, the
/// 32-byte steps, `rep movsb` from 2,048) and around them, and some large.
fn sizes() -> Vec<usize> {
    let mut sizes: Vec<usize> = (0..=300).collect();
    for edge in [1024usize, 2048, 4096, 65_536] {
        sizes.extend(edge - 33..=edge + 33);
    }
    sizes.push(1 << 20);
    sizes.push((1 << 20) + 7);
    sizes
}

/// What position `i` holds before copying: neighbours differ, and the
/// pattern does not repeat every 32 or 256 bytes.
fn pattern(i: usize) -> u8 {
    (i.wrapping_mul(7) ^ (i / 251)) as u8
}

/// Where blocks of `n` bytes start: at every alignment within 16 bytes,
/// the width of one load, for the sizes tested one by one.
fn offsets(n: usize) -> Vec<usize> {
    if n <= 300 { (0..16).collect() } else { vec![0, 5] }
}

/// `bytes` copied to start `offset` bytes into a new buffer.
fn placed(bytes: &[u8], offset: usize) -> Vec<u8> {
    let mut buffer = vec![0; offset];
    buffer.extend_from_slice(bytes);
    buffer
}

#[test]
fn memcpy_copies_every_size_at_every_alignment() {
    const MARGIN: usize = 40;
    for n in sizes() {
        let offsets = offsets(n);
        for &from in &offsets {
            let source: Vec<u8> = (0..from + n + MARGIN).map(pattern).collect();
            for &to in &offsets {
                let mut target = vec![0xA5u8; to + n + MARGIN];
                let len = black_box(n);
                target[to..to + len].copy_from_slice(&source[from..from + len]);
                for (j, &b) in target.iter().enumerate() {
                    let want = if (to..to + n).contains(&j) {
                        pattern(from + j - to)
                    } else {
                        0xA5
                    };
                    assert_eq!(b, want, "memcpy of {n} bytes from offset {from} to {to}: byte {j}");
                }
            }
        }
    }
}

#[test]
fn memmove_copies_every_size_over_every_overlap() {
    const ROOM: usize = 80;
    for n in sizes() {
        let shifts: Vec<isize> = if n <= 300 {
            (-70..=70).collect()
        } else {
            vec![-33, -32, -31, -1, 1, 31, 32, 33]
        };
        for shift in shifts {
            let from = ROOM;
            let to = from.wrapping_add_signed(shift);
            let mut buffer: Vec<u8> = (0..n + 2 * ROOM).map(pattern).collect();
            buffer.copy_within(from..from + black_box(n), to);
            for (j, &b) in buffer.iter().enumerate() {
                let want = if (to..to + n).contains(&j) {
                    pattern(from + j - to)
                } else {
                    pattern(j)
                };
                assert_eq!(b, want, "memmove of {n} bytes shifted by {shift}: byte {j}");
            }
        }
    }
}

#[test]
fn memcmp_orders_by_the_first_difference_as_unsigned_bytes() {
    use std::cmp::Ordering;
    for n in sizes().into_iter().filter(|&n| n <= 70_000) {
        // Where the blocks differ: every place of the first and the last
        // 16 bytes (within an 8-byte step and in the bytes after the last
        // step), and the middle.
        let mut places: Vec<usize> = (0..n.min(16)).chain(n.saturating_sub(16)..n).collect();
        places.push(n / 2);
        for from in offsets(n) {
            let left: Vec<u8> = (0..from + n).map(pattern).collect();
            let left = &left[from..];
            for &at in places.iter().filter(|&&at| at < n) {
                let to = (from + at) % 16;
                let mut right = placed(left, to);
                let right = &mut right[to..];
                // 0x10 against 0xF0: signed bytes would order them the other way.
                right[at] = 0xF0;
                let mut smaller = right.to_vec();
                smaller[at] = 0x10;
                // A later difference the other way must not count.
                if at + 1 < n {
                    right[at + 1] = 0x00;
                    smaller[at + 1] = 0xFF;
                }
                let len = black_box(n);
                assert_eq!(
                    smaller[..len].cmp(&right[..len]),
                    Ordering::Less,
                    "{n} bytes differing at {at}"
                );
                assert_eq!(
                    right[..len].cmp(&smaller[..len]),
                    Ordering::Greater,
                    "{n} bytes differing at {at}"
                );
                assert!(smaller[..len] != right[..len], "{n} bytes differing at {at}");
            }
            let start = (from + 3) % 16;
            let same = placed(left, start);
            let len = black_box(n);
            assert_eq!(
                left[..len].cmp(&same[start..start + len]),
                Ordering::Equal,
                "{n} equal bytes"
            );
            assert!(left[..len] == same[start..start + len], "{n} equal bytes");
        }
    }
}
