/* Portable constant-time AES (FIPS 197), bitsliced on 64-bit words.
 *
 * Four blocks are processed at once. The 512 state bits are held in eight
 * 64-bit "planes": plane i holds bit i of every state byte. Inside a plane,
 * the byte s[r][c] of block b (FIPS 197 §3.4: input byte 4c + r) sits at bit
 * 16r + 4c + b. With that layout:
 *   - SubBytes is a Boolean circuit applied to the eight planes at once,
 *   - ShiftRows rotates each 16-bit row segment by 4r bits,
 *   - MixColumns reaches row r + 1 of the same column by a 16-bit rotation.
 * No memory access and no branch depends on key or data: there is no table
 * at all, so cache-timing attacks have nothing to observe. */
#include "crypto/aes_impl.h"

#include <string.h>

#include "core/ct.h"
#include "core/cursor.h"

static inline uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

/* The AES S-box as a circuit of 113 XOR/AND/XNOR gates: Boyar and Peralta,
 * "A depth-16 circuit for the AES S-box" (2011), the top linear layer, the
 * shared GF(2^4) inversion core and the bottom linear layer. x0 is the most
 * significant bit of each byte (plane 7). */
static void sbox(uint64_t q[8])
{
    uint64_t x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4];
    uint64_t x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];

    /* Top linear transformation. */
    uint64_t y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5;
    uint64_t t0 = x1 ^ x2, y1 = t0 ^ x7, y4 = y1 ^ x3, y12 = y13 ^ y14;
    uint64_t y2 = y1 ^ x0, y5 = y1 ^ x6, y3 = y5 ^ y8, t1 = x4 ^ y12;
    uint64_t y15 = t1 ^ x5, y20 = t1 ^ x1, y6 = y15 ^ x7, y10 = y15 ^ t0;
    uint64_t y11 = y20 ^ y9, y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8;
    uint64_t y16 = t0 ^ y11, y21 = y13 ^ y16, y18 = x0 ^ y16;

    /* Shared non-linear middle: inversion in GF(2^8) via GF(2^4). */
    uint64_t t2 = y12 & y15, t3 = y3 & y6, t4 = t3 ^ t2, t5 = y4 & x7;
    uint64_t t6 = t5 ^ t2, t7 = y13 & y16, t8 = y5 & y1, t9 = t8 ^ t7;
    uint64_t t10 = y2 & y7, t11 = t10 ^ t7, t12 = y9 & y11, t13 = y14 & y17;
    uint64_t t14 = t13 ^ t12, t15 = y8 & y10, t16 = t15 ^ t12, t17 = t4 ^ t14;
    uint64_t t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16, t21 = t17 ^ y20;
    uint64_t t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18;
    uint64_t t25 = t21 ^ t22, t26 = t21 & t23, t27 = t24 ^ t26, t28 = t25 & t27;
    uint64_t t29 = t28 ^ t22, t30 = t23 ^ t24, t31 = t22 ^ t26, t32 = t31 & t30;
    uint64_t t33 = t32 ^ t24, t34 = t23 ^ t33, t35 = t27 ^ t33, t36 = t24 & t35;
    uint64_t t37 = t36 ^ t34, t38 = t27 ^ t36, t39 = t29 & t38, t40 = t25 ^ t39;
    uint64_t t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37;
    uint64_t t45 = t42 ^ t41;
    uint64_t z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16;
    uint64_t z4 = t40 & y1, z5 = t29 & y7, z6 = t42 & y11, z7 = t45 & y17;
    uint64_t z8 = t41 & y10, z9 = t44 & y12, z10 = t37 & y3, z11 = t33 & y4;
    uint64_t z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2, z15 = t42 & y9;
    uint64_t z16 = t45 & y14, z17 = t41 & y8;

    /* Bottom linear transformation (includes the affine constant 0x63). */
    uint64_t t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10;
    uint64_t t50 = z2 ^ z12, t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3;
    uint64_t t54 = z6 ^ z7, t55 = z16 ^ z17, t56 = z12 ^ t48, t57 = t50 ^ t53;
    uint64_t t58 = z4 ^ t46, t59 = z3 ^ t54, t60 = t46 ^ t57, t61 = z14 ^ t57;
    uint64_t t62 = t52 ^ t58, t63 = t49 ^ t58, t64 = z4 ^ t59, t65 = t61 ^ t62;
    uint64_t t66 = z1 ^ t63, t67 = t64 ^ t65;
    uint64_t s0 = t59 ^ t63, s6 = t56 ^ ~t62, s7 = t48 ^ ~t60, s3 = t53 ^ t66;
    uint64_t s4 = t51 ^ t66, s5 = t47 ^ t65, s1 = t64 ^ ~s3, s2 = t55 ^ ~t67;

    q[7] = s0, q[6] = s1, q[5] = s2, q[4] = s3;
    q[3] = s4, q[2] = s5, q[1] = s6, q[0] = s7;
}

/* L(y) = A^-1(y ^ 0x63), with A the affine map of FIPS 197 §5.1.1. Since
 * S(x) = A(x^-1) ^ 0x63, S^-1 = L o S o L: the inverse S-box reuses the
 * forward circuit between two cheap linear layers (FIPS 197 §5.3.2). */
static void inv_affine(uint64_t q[8])
{
    uint64_t y[8];
    memcpy(y, q, sizeof y);
    for (unsigned i = 0; i < 8; i++)
        q[i] = y[(i + 2) & 7] ^ y[(i + 5) & 7] ^ y[(i + 7) & 7];
    q[0] = ~q[0]; /* the constant A^-1(0x63) = 0x05 */
    q[2] = ~q[2];
}

static void inv_sbox(uint64_t q[8])
{
    inv_affine(q);
    sbox(q);
    inv_affine(q);
}

/* FIPS 197 §5.1.2: row r rotates left by r columns, i.e. the 16-bit row
 * segment (4 bits per column) rotates right by 4r bits. */
static void shift_rows(uint64_t q[8])
{
    for (unsigned i = 0; i < 8; i++) {
        uint64_t x = q[i];
        q[i] = (x & 0x000000000000FFFF) | ((x & 0x00000000FFF00000) >> 4) |
               ((x & 0x00000000000F0000) << 12) | ((x & 0x0000FF0000000000) >> 8) |
               ((x & 0x000000FF00000000) << 8) | ((x & 0xF000000000000000) >> 12) |
               ((x & 0x0FFF000000000000) << 4);
    }
}

static void inv_shift_rows(uint64_t q[8])
{
    for (unsigned i = 0; i < 8; i++) {
        uint64_t x = q[i];
        q[i] = (x & 0x000000000000FFFF) | ((x & 0x000000000FFF0000) << 4) |
               ((x & 0x00000000F0000000) >> 12) | ((x & 0x0000FF0000000000) >> 8) |
               ((x & 0x000000FF00000000) << 8) | ((x & 0x000F000000000000) << 12) |
               ((x & 0xFFF0000000000000) >> 4);
    }
}

/* Multiplication by x in GF(2^8) mod x^8 + x^4 + x^3 + x + 1 (FIPS 197
 * §4.2.1), on planes: a shift across planes plus the reduction taps. */
static void xtime(uint64_t o[8], const uint64_t t[8])
{
    uint64_t hi = t[7];
    o[7] = t[6], o[6] = t[5], o[5] = t[4], o[4] = t[3] ^ hi;
    o[3] = t[2] ^ hi, o[2] = t[1], o[1] = t[0] ^ hi, o[0] = hi;
}

/* FIPS 197 §5.1.3: s'[r] = 2 s[r] + 3 s[r+1] + s[r+2] + s[r+3]
 *                        = 2 (s[r] + s[r+1]) + s[r+1] + (s[r+2] + s[r+3]).
 * rotr64 by 16 brings row r + 1 into row r. */
static void mix_columns(uint64_t q[8])
{
    uint64_t r1[8], t[8], x2[8];
    for (unsigned i = 0; i < 8; i++) {
        r1[i] = rotr64(q[i], 16);
        t[i] = q[i] ^ r1[i];
    }
    xtime(x2, t);
    for (unsigned i = 0; i < 8; i++)
        q[i] = x2[i] ^ r1[i] ^ rotr64(t[i], 32);
}

/* FIPS 197 §5.3.3's matrix {0e,0b,0d,09} is MixColumns times {05,00,04,00}
 * (as polynomials mod x^4 + 1), so first s'[r] = s[r] + 4 (s[r] + s[r+2]). */
static void inv_mix_columns(uint64_t q[8])
{
    uint64_t t[8], x2[8], x4[8];
    for (unsigned i = 0; i < 8; i++)
        t[i] = q[i] ^ rotr64(q[i], 32);
    xtime(x2, t);
    xtime(x4, x2);
    for (unsigned i = 0; i < 8; i++)
        q[i] ^= x4[i];
    mix_columns(q);
}

static void add_round_key(uint64_t q[8], const uint64_t *sk)
{
    for (unsigned i = 0; i < 8; i++)
        q[i] ^= sk[i];
}

/* Byte r of a 32-bit word goes to byte 2r of a 64-bit word. */
static inline uint64_t spread(uint32_t x)
{
    uint64_t v = x;
    v = (v | (v << 16)) & 0x0000FFFF0000FFFF;
    return (v | (v << 8)) & 0x00FF00FF00FF00FF;
}

static inline uint32_t unspread(uint64_t v)
{
    v &= 0x00FF00FF00FF00FF;
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFF;
    return (uint32_t)(v | (v >> 16));
}

/* Exchanges the bits of a selected by mask << s with the bits of b
 * selected by mask. */
#define SWAPMOVE(a, b, mask, s)                                                                    \
    do {                                                                                           \
        uint64_t t_ = (((a) >> (s)) ^ (b)) & (mask);                                               \
        (b) ^= t_;                                                                                 \
        (a) ^= t_ << (s);                                                                          \
    } while (0)

/* Transposes, in every byte lane, the 8x8 bit matrix (word j, bit i):
 * afterwards word i holds bit i of byte lane k of old word j at bit 8k + j.
 * It is its own inverse. */
static void ortho(uint64_t w[8])
{
    for (unsigned j = 0; j < 8; j += 2)
        SWAPMOVE(w[j], w[j + 1], 0x5555555555555555, 1);
    for (unsigned j = 0; j < 8; j += 4) {
        SWAPMOVE(w[j], w[j + 2], 0x3333333333333333, 2);
        SWAPMOVE(w[j + 1], w[j + 3], 0x3333333333333333, 2);
    }
    for (unsigned j = 0; j < 4; j++)
        SWAPMOVE(w[j], w[j + 4], 0x0F0F0F0F0F0F0F0F, 4);
}

/* Four blocks (64 bytes) to planes. Word 4p + b gathers columns p and p + 2
 * of block b, byte-interleaved, so that after ortho() the byte s[r][c] lands
 * at bit 8(2r + (c >> 1)) + 4(c & 1) + b = 16r + 4c + b. */
static void load4(uint64_t q[8], const uint8_t in[64])
{
    for (unsigned b = 0; b < 4; b++) {
        const uint8_t *p = in + 16 * b;
        for (unsigned c = 0; c < 2; c++)
            q[4 * c + b] = spread(gt_load32_le(p + 4 * c)) | spread(gt_load32_le(p + 4 * c + 8))
                                                                 << 8;
    }
    ortho(q);
}

static void store4(uint8_t out[64], uint64_t q[8])
{
    ortho(q);
    for (unsigned b = 0; b < 4; b++) {
        uint8_t *p = out + 16 * b;
        for (unsigned c = 0; c < 2; c++) {
            gt_store32_le(p + 4 * c, unspread(q[4 * c + b]));
            gt_store32_le(p + 4 * c + 8, unspread(q[4 * c + b] >> 8));
        }
    }
}

uint32_t gt_aes_ct_subword(uint32_t w)
{
    /* Byte r occupies bit r of each plane; the other lanes are unused. */
    uint64_t q[8];
    for (unsigned i = 0; i < 8; i++) {
        q[i] = 0;
        for (unsigned r = 0; r < 4; r++)
            q[i] |= (uint64_t)((w >> (8 * r + i)) & 1) << r;
    }
    sbox(q);
    uint32_t o = 0;
    for (unsigned i = 0; i < 8; i++)
        for (unsigned r = 0; r < 4; r++)
            o |= (uint32_t)((q[i] >> r) & 1) << (8 * r + i);
    gt_wipe(q, sizeof q);
    return o;
}

void gt_aes_ct_expand(gt_aes_key *k, const uint8_t *key, size_t key_len)
{
    /* FIPS 197 §5.2, words little-endian (byte 0 in the low bits), so
     * RotWord is a right rotation by 8 and Rcon xors the low byte. */
    unsigned nk = (unsigned)(key_len / 4), nr = nk + 6, total = 4 * (nr + 1);
    uint32_t w[60];
    uint32_t rcon = 1;
    for (unsigned i = 0; i < nk; i++)
        w[i] = gt_load32_le(key + 4 * i);
    for (unsigned i = nk; i < total; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            t = gt_aes_ct_subword((t >> 8) | (t << 24)) ^ rcon;
            rcon = (rcon << 1) ^ (0x11b & (0u - (rcon >> 7)));
        } else if (nk > 6 && i % nk == 4) {
            t = gt_aes_ct_subword(t);
        }
        w[i] = w[i - nk] ^ t;
    }
    for (unsigned i = 0; i < total; i++)
        gt_store32_le(k->rk + 4 * i, w[i]);
    k->rounds = nr;
    gt_wipe(w, sizeof w);
}

void gt_aes_ct_bitslice_keys(gt_aes_key *k)
{
    uint8_t rep[64];
    for (unsigned r = 0; r <= k->rounds; r++) {
        for (unsigned b = 0; b < 4; b++)
            memcpy(rep + 16 * b, k->rk + 16 * r, 16);
        load4(k->sk + 8 * r, rep);
    }
    gt_wipe(rep, sizeof rep);
}

static void encrypt4(const gt_aes_key *k, uint64_t q[8])
{
    add_round_key(q, k->sk);
    for (unsigned r = 1; r < k->rounds; r++) {
        sbox(q);
        shift_rows(q);
        mix_columns(q);
        add_round_key(q, k->sk + 8 * r);
    }
    sbox(q);
    shift_rows(q);
    add_round_key(q, k->sk + 8 * k->rounds);
}

/* FIPS 197 §5.3 inverse cipher, with the encryption key schedule. */
static void decrypt4(const gt_aes_key *k, uint64_t q[8])
{
    add_round_key(q, k->sk + 8 * k->rounds);
    for (unsigned r = k->rounds - 1; r > 0; r--) {
        inv_shift_rows(q);
        inv_sbox(q);
        add_round_key(q, k->sk + 8 * r);
        inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sbox(q);
    add_round_key(q, k->sk);
}

static void run(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks,
                void (*fn)(const gt_aes_key *, uint64_t *))
{
    uint8_t buf[64];
    uint64_t q[8];
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memset(buf, 0, sizeof buf);
        memcpy(buf, in, 16 * n);
        load4(q, buf);
        fn(k, q);
        store4(buf, q);
        memcpy(out, buf, 16 * n);
        in += 16 * n, out += 16 * n, nblocks -= n;
    }
    gt_wipe(buf, sizeof buf);
    gt_wipe(q, sizeof q);
}

void gt_aes_ct_encrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run(k, in, out, nblocks, encrypt4);
}

void gt_aes_ct_decrypt(const gt_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run(k, in, out, nblocks, decrypt4);
}

void gt_aes_ct_ctr32(const gt_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                     size_t nblocks)
{
    uint8_t ks[64];
    uint64_t q[8];
    uint32_t c = gt_load32_be(ctr + 12);
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        for (unsigned b = 0; b < 4; b++) {
            memcpy(ks + 16 * b, ctr, 12);
            gt_store32_be(ks + 16 * b + 12, c + b);
        }
        load4(q, ks);
        encrypt4(k, q);
        store4(ks, q);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = in[i] ^ ks[i];
        c += (uint32_t)n;
        in += 16 * n, out += 16 * n, nblocks -= n;
    }
    gt_store32_be(ctr + 12, c);
    gt_wipe(ks, sizeof ks);
    gt_wipe(q, sizeof q);
}
