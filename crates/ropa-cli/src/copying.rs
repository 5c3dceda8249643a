//! Tests of native/copy_x86_64.c, the `memcpy` and `memmove` linked into
//! the static x86_64 musl binary (build.rs): every size up to a few
//! hundred bytes and around each size where the method changes, at every
//! alignment within 16 bytes and every overlap up to 70 bytes in either
//! direction, through the safe calls that compile to them
//! (`copy_from_slice`, `copy_within`).

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

#[test]
fn memcpy_copies_every_size_at_every_alignment() {
    const MARGIN: usize = 40;
    for n in sizes() {
        // Every alignment within 16 bytes, the width of one load.
        let offsets: Vec<usize> = if n <= 300 { (0..16).collect() } else { vec![0, 5] };
        for &from in &offsets {
            for &to in &offsets {
                let source: Vec<u8> = (0..from + n + MARGIN).map(pattern).collect();
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
