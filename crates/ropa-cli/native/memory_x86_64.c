/*
 * memcpy, memmove and memcmp for the static x86_64 Linux binary (musl),
 * linked before musl's own: see build.rs and README.md ("Memory functions on
 * musl").
 *
 * musl's x86_64 memcpy starts `rep movsq` and then copies the last bytes
 * one `movsb` at a time, whatever the size. Most copies ropa makes are of
 * a few bytes (a number, an id, a word of a message), and that start-up
 * cost made copying a quarter of the CPU of `ropa check` on a large
 * record. These copy a small block with two loads and two stores that may
 * overlap, a middle-sized one 32 bytes at a time, and leave large ones to
 * `rep movsb`, which processors since 2012 run at full speed.
 *
 * musl's memcmp compares a byte at a time; this one compares eight bytes
 * at a time (byte-swapped, so that the first differing byte decides, as
 * an unsigned number) and the last few one by one.
 *
 * Every load of a step is made before its stores, so the small cases are
 * correct for overlapping blocks too; memmove picks the direction for the
 * rest. Compiled with -fno-builtin and -fno-tree-loop-distribute-patterns,
 * so that the compiler does not turn these loops into calls to memcpy.
 */

#include <emmintrin.h>
#include <stddef.h>
#include <stdint.h>

typedef unsigned char byte;

static inline __m128i load16(const byte *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline void store16(byte *p, __m128i v) { _mm_storeu_si128((__m128i *)p, v); }

/* The first and the last sizeof(type) bytes of a block of n, at most
 * twice that: both loaded before either is stored. */
#define COPY_ENDS(type)                                                  \
    do {                                                                 \
        type head, tail;                                                 \
        __builtin_memcpy(&head, s, sizeof(type));                        \
        __builtin_memcpy(&tail, s + n - sizeof(type), sizeof(type));     \
        __builtin_memcpy(d, &head, sizeof(type));                        \
        __builtin_memcpy(d + n - sizeof(type), &tail, sizeof(type));     \
    } while (0)

/* Up to 32 bytes. */
static inline void copy_small(byte *d, const byte *s, size_t n) {
    if (n >= 16) {
        __m128i head = load16(s), tail = load16(s + n - 16);
        store16(d, head);
        store16(d + n - 16, tail);
    } else if (n >= 8) {
        COPY_ENDS(uint64_t);
    } else if (n >= 4) {
        COPY_ENDS(uint32_t);
    } else if (n >= 2) {
        COPY_ENDS(uint16_t);
    } else if (n == 1) {
        *d = *s;
    }
}

/* From this size on, `rep movsb` is faster than the loop. */
#define LARGE 2048

/* More than 32 bytes, front to back: 32 bytes at a time, then the last 32
 * (loaded first, stored last). Correct when the destination starts before
 * the source, even if they overlap: each step reads bytes no earlier step
 * has written. */
static void copy_forward(byte *d, const byte *s, size_t n) {
    __m128i last0 = load16(s + n - 32), last1 = load16(s + n - 16);
    if (n >= LARGE) {
        /* Byte by byte as the architecture defines it: correct forward
         * over an overlap too. */
        size_t count = n - 32;
        __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(count) : : "memory");
        store16(d, last0);
        store16(d + 16, last1);
        return;
    }
    size_t i = 0;
    for (; i + 32 < n; i += 32) {
        __m128i a = load16(s + i), b = load16(s + i + 16);
        store16(d + i, a);
        store16(d + i + 16, b);
    }
    store16(d + n - 32, last0);
    store16(d + n - 16, last1);
}

/* More than 32 bytes, back to front, for a destination after an
 * overlapping source: the first 32 bytes are loaded first and stored last. */
static void copy_backward(byte *d, const byte *s, size_t n) {
    __m128i first0 = load16(s), first1 = load16(s + 16);
    size_t i = n;
    for (; i > 32; i -= 32) {
        __m128i a = load16(s + i - 32), b = load16(s + i - 16);
        store16(d + i - 32, a);
        store16(d + i - 16, b);
    }
    store16(d, first0);
    store16(d + 16, first1);
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    if (n <= 32) {
        copy_small(dst, src, n);
    } else {
        copy_forward(dst, src, n);
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    byte *d = dst;
    const byte *s = src;
    if (n <= 32) {
        copy_small(d, s, n);
    } else if ((uintptr_t)d - (uintptr_t)s >= n) {
        /* The destination starts before the source, or after its end. */
        copy_forward(d, s, n);
    } else {
        copy_backward(d, s, n);
    }
    return dst;
}

int memcmp(const void *left, const void *right, size_t n) {
    const byte *a = left, *b = right;
    for (; n >= 8; n -= 8, a += 8, b += 8) {
        uint64_t x, y;
        __builtin_memcpy(&x, a, 8);
        __builtin_memcpy(&y, b, 8);
        if (x != y) {
            /* Little-endian: swapped, the first byte is the most significant. */
            x = __builtin_bswap64(x);
            y = __builtin_bswap64(y);
            return x < y ? -1 : 1;
        }
    }
    for (; n > 0; n--, a++, b++) {
        if (*a != *b) {
            return *a < *b ? -1 : 1;
        }
    }
    return 0;
}
