#!/usr/bin/env python3
"""Derives the jump-ahead constants of cuRAND's XORWOW generator and writes them as a C header.

XORWOW (Marsaglia 2003, as cuRAND uses it) is a 160-bit xorshift state v[0..4] stepped by a linear map T over
GF(2), plus a Weyl counter d. Advancing the xorshift part by N steps is T^N, and by Cayley-Hamilton
T^N = q(T) with q(x) = x^N mod p(x), p the characteristic polynomial of T (degree 160). So a jump needs
only q's 160 coefficients: T^N s = sum of q_i T^i s over the set bits of q.

This script finds p with Berlekamp-Massey on an output bit of T (its minimal polynomial, of degree 160 since
T's period is 2^160 - 1), checks p(T) = 0 on random states, then tabulates, for the hexadecimal digits of
a jump (16 digits of 64 bits, digit values 1..15, so a jump multiplies at most 16 factors and a small
subsequence number only a few):
  x^(d 16^i)        mod p  (skipahead: offsets)
  x^(d 16^i 2^67)   mod p  (skipahead_sequence: a subsequence is 2^67 steps)
and checks them against stepping (small N) and against the 160x160 matrix T^(2^67) built by squaring.

    scripts/curand/xorwow_jumps.py > cuda/include/crt/curand_xorwow_jumps.h
"""
import random
import sys

MASK = 0xFFFFFFFF


def step(v):
    t = v[0] ^ (v[0] >> 2)
    return [v[1], v[2], v[3], v[4], ((v[4] ^ ((v[4] << 4) & MASK)) ^ (t ^ ((t << 1) & MASK))) & MASK]


def to_int(v):
    return sum(w << (32 * i) for i, w in enumerate(v))


def from_int(x):
    return [(x >> (32 * i)) & MASK for i in range(5)]


def berlekamp_massey(bits):
    """The connection polynomial (as an int, bit i = coefficient of x^i) of a GF(2) sequence."""
    c, b = 1, 1
    length, m = 0, 1
    for n, _ in enumerate(bits):
        d = bits[n]
        for i in range(1, length + 1):
            d ^= ((c >> i) & 1) & bits[n - i]
        if d == 0:
            m += 1
        elif 2 * length <= n:
            t = c
            c ^= b << m
            length, b, m = n + 1 - length, t, 1
        else:
            c ^= b << m
            m += 1
    return c, length


def poly_mulmod(a, b, p, degree):
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if (a >> degree) & 1:
            a ^= p
    return result


def apply_poly(q, v, degree):
    """q(T) v."""
    acc = 0
    s = v
    for i in range(degree):
        if (q >> i) & 1:
            acc ^= to_int(s)
        s = step(s)
    return from_int(acc)


def matrix_of_T():
    cols = []
    for k in range(160):
        cols.append(to_int(step(from_int(1 << k))))
    return cols


def mat_apply(cols, x):
    out = 0
    k = 0
    while x:
        if x & 1:
            out ^= cols[k]
        x >>= 1
        k += 1
    return out


def mat_square(cols):
    return [mat_apply(cols, c) for c in cols]


def main():
    rng = random.Random(2026)
    seed_state = [rng.getrandbits(32) for _ in range(5)]
    bits, s = [], seed_state
    for _ in range(2 * 160 + 40):
        bits.append(s[4] & 1)
        s = step(s)
    connection, degree = berlekamp_massey(bits)
    assert degree == 160, degree
    # Connection polynomial C(x) = 1 + c1 x + ... + cL x^L; the characteristic polynomial is its reciprocal.
    p = 0
    for i in range(degree + 1):
        if (connection >> i) & 1:
            p |= 1 << (degree - i)
    assert (p >> degree) & 1
    # p(T) = 0 on random states.
    for _ in range(4):
        v = [rng.getrandbits(32) for _ in range(5)]
        acc, s = 0, v
        for i in range(degree + 1):
            if (p >> i) & 1:
                acc ^= to_int(s)
            s = step(s)
        assert acc == 0

    def x_pow_2k(k):
        q = 2  # x
        for _ in range(k):
            q = poly_mulmod(q, q, p, degree)
        return q

    def digit_table(base):
        """table[i][d - 1] = base^(d 16^i) mod p."""
        table = []
        power = base  # base^(16^i)
        for _ in range(16):
            row, acc = [], 1
            for _ in range(15):
                acc = poly_mulmod(acc, power, p, degree)
                row.append(acc)
            table.append(row)
            power = poly_mulmod(acc, power, p, degree)  # base^(16^(i+1)) = base^(15 16^i) base^(16^i)
        return table

    offsets = [x_pow_2k(i) for i in range(64)]
    sequences = [x_pow_2k(67 + i) for i in range(64)]
    offset_digits = digit_table(2)
    sequence_digits = digit_table(sequences[0])
    for i in range(16):  # the digit tables agree with the binary ones
        assert offset_digits[i][0] == offsets[4 * i] and sequence_digits[i][0] == sequences[4 * i]
        assert offset_digits[i][2] == poly_mulmod(offsets[4 * i], offsets[4 * i + 1], p, degree)
    # Checks: small jumps against stepping; 2^67 against the squared matrix.
    for n in (1, 2, 3, 5, 100, 1000, 4097):
        q = 1
        for i in range(64):
            if (n >> i) & 1:
                q = poly_mulmod(q, offsets[i], p, degree)
        s = seed_state
        for _ in range(n):
            s = step(s)
        assert apply_poly(q, seed_state, degree) == s, n
    cols = matrix_of_T()
    for _ in range(67):
        cols = mat_square(cols)
    assert from_int(mat_apply(cols, to_int(seed_state))) == apply_poly(sequences[0], seed_state, degree)

    def words(x):
        return "{" + ", ".join(f"0x{w:08x}u" for w in from_int(x)) + "}"

    out = sys.stdout
    out.write("/* Generated by scripts/curand/xorwow_jumps.py: do not edit. The jump-ahead constants of XORWOW\n"
              "   (cuRAND's default generator) as polynomials over GF(2), 160 coefficients in five 32-bit words,\n"
              "   bit i of word w the coefficient of x^(32 w + i). See the script for their derivation. */\n")
    out.write("#ifndef CANOPY_CURAND_XORWOW_JUMPS_H\n#define CANOPY_CURAND_XORWOW_JUMPS_H\n\n")
    out.write("/* The characteristic polynomial of the xorshift map, without its x^160 term. */\n")
    out.write(f"static __device__ const unsigned int __canopy_xorwow_charpoly[5] = {words(p & ((1 << 160) - 1))};\n\n")
    def write_table(name, comment, table):
        out.write(f"/* {comment} */\n")
        out.write(f"static __device__ const unsigned int {name}[16][15][5] = {{\n")
        for row in table:
            out.write("    {\n")
            for q in row:
                out.write(f"        {words(q)},\n")
            out.write("    },\n")
        out.write("};\n\n")

    write_table("__canopy_xorwow_offset_jumps", "[i][d - 1] = x^(d 16^i) mod p: the jump by d 16^i steps.",
                offset_digits)
    write_table("__canopy_xorwow_sequence_jumps",
                "[i][d - 1] = x^(d 16^i 2^67) mod p: the jump by d 16^i subsequences of 2^67 steps.",
                sequence_digits)
    out.write("#endif\n")


if __name__ == "__main__":
    main()
