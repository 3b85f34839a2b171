// lpfx: LightPlayer's shader library (noise, random, colour), written as
// GLSL source that lumajit compiles on demand, before the user's shader,
// and only the parts the shader names.
//
// Names and signatures are LightPlayer's (the registry lpfx_fns.rs and the
// canonical GLSL under light-player/lightplayer lp-shader/lps-builtins/glsl/
// lpfn/: hash.glsl, color/space/*.glsl, generative/{random,srandom,snoise,
// gnoise,fbm,worley,psrdnoise}/*.glsl, math/saturate.glsl). Those files and
// their Rust Q32 builtins were read for the algorithms; the code below is
// our own, no LightPlayer text is copied (LightPlayer's trees declare
// Apache-2.0 WITH LLVM-exception, later AGPL-3.0). Origins of the algorithms:
//   lpfx_hash      integer mixing hash of the noiz library (Elliott Pierce,
//                  MIT; after nullprogram.com's 2018 hash-prospector work),
//                  the same constants as LightPlayer so values agree bit for bit.
//   lpfx_snoise    simplex noise (Perlin 2001; Gustavson & McEwan's
//                  webgl-noise, MIT) in noise-rs's form (MIT/Apache-2.0):
//                  falloff 2t^2+t^4, gradient tables picked by lpfx_hash.
//   lpfx_worley    Worley 1996 cellular noise with noise-rs's range test
//                  (MIT/Apache-2.0), feature points from lpfx_hash.
//   lpfx_gnoise    lattice value noise; lpfx_fbm the octave sum (Perlin 1985).
//   lpfx_psrdnoise Stefan Gustavson & Ian McEwan, "Tiling simplex noise and
//                  flow noise in two and three dimensions", JCGT 11(1), 2022;
//                  reference code github.com/stegu/psrdnoise, copyright
//                  2021 Gustavson & McEwan, MIT licence. 2-D agrees with
//                  LightPlayer (its integer mod-289 hash equals the float one);
//                  3-D follows the published version (axis-aligned grid, the
//                  published permutation), not LightPlayer's variant.
//   colour         hue ramps (Foley & van Dam); rgb2hsv is Sam Hocevar's
//                  branch-free form (lolengine.net, 2013).
//
// Why uint hashing. LightPlayer's random family is fract(sin(x) * 43758.5):
// it multiplies a rounding difference in sin by 43758, so Q16.16 and float32
// give unrelated values, and the multiplier is outside Q16.16 anyway. Here
// every random value comes from lpfx_hash on uint: multiply, xor and shift
// wrap mod 2^32 identically in Mesa and in lumajit's 32-bit integers, so the
// float reference (Mesa rendering this text) and the chip agree exactly
// wherever the hashed input is the same Q16.16 number. A float is hashed
// through its Q16.16 bit pattern (lpfx_float_bits).
//
// Q16.16 care taken below (range +-32768, step 2^-16):
// - A constant c times a large whole number n is off by n times c's
//   rounding (up to 2^-17 each). Where that matters, c is split into parts
//   that are exact in Q16.16 and float32 (simplex skew), or the product is
//   taken against c * 2^k (k = 6..10, keeping it below 32768) and scaled
//   back by 2^-k, which divides the rounding by 2^k.
// - Simplex offsets come from the fraction of the skewed point, never from
//   subtracting two large lattice positions.
// - No square root of a difference of near-equal squares (psrdnoise3's
//   sqrt(1 - sz*sz) is taken as a product of two exact factors).
// - Integer % only sees non-negative operands (GLSL leaves negative ones
//   undefined): 73984 = 256 * 289 is added first.
// - lpfx_fbm doubles its position every octave; it wraps positions into
//   [-8192, 8192) (period 16384, identity below 8192) so no octave leaves
//   the Q16.16 range; an octave whose position passes 8192 gets a seam of
//   its own amplitude there (with |p| < 1000, from the 5th octave on).
// - No epsilon below 2^-16 (rgb2hsv guards with exactly 2^-16).
//
// Value ranges (bounds computed over the simplex/cell geometry with the
// worst gradients; tests/test_lpfx.py checks them on Mesa):
//   lpfx_random [0, 1), lpfx_srandom and lpfx_srandom3_vec [-1, 1)
//   lpfx_gnoise 1-D/2-D [0, 1), 3-D [-1, 1), tiling form within [-0.25, 1.25]
//   lpfx_snoise 1-D +-0.46, 2-D +-0.99, 3-D +-0.81
//   lpfx_fbm    below lpfx_snoise's bound; tiling form within [-0.25, 1.25]
//   lpfx_worley 2-D [-1, 0.46], 3-D [-1, 0.25]; lpfx_worley_value [-1, 1]
//   lpfx_psrdnoise 2-D +-1.0, 3-D +-1.05
//
// Format, read by device/jit/lpfx.py: each entry starts at a marker line
// `//@ NAME DEP...` (the entry's name, then the entries it calls) and runs
// to the next marker; text before the first marker (this header) belongs
// to no entry. The compiler reads only the entries a shader calls, and
// drops the comment lines and blank lines inside them: comments here cost
// no heap on the device. Entries come after their dependencies, so the
// file as a whole is valid GLSL (tests/test_lpfx.py compiles it under Mesa).

// --- math and colour --------------------------------------------------------

//@ lpfx_saturate
float lpfx_saturate(float x) { return clamp(x, 0.0, 1.0); }
vec2 lpfx_saturate(vec2 v) { return clamp(v, vec2(0.0), vec2(1.0)); }
vec3 lpfx_saturate(vec3 v) { return clamp(v, vec3(0.0), vec3(1.0)); }
vec4 lpfx_saturate(vec4 v) { return clamp(v, vec4(0.0), vec4(1.0)); }

//@ lpfx_hue2rgb lpfx_saturate
// Hue 0..1 around the colour wheel (not wrapped, as in LightPlayer).
vec3 lpfx_hue2rgb(float hue) {
    float h = hue * 6.0;
    return lpfx_saturate(vec3(abs(h - 3.0) - 1.0, 2.0 - abs(h - 2.0), 2.0 - abs(h - 4.0)));
}

//@ lpfx_hsv2rgb lpfx_hue2rgb
vec3 lpfx_hsv2rgb(vec3 hsv) {
    return ((lpfx_hue2rgb(hsv.x) - 1.0) * hsv.y + 1.0) * hsv.z;
}
vec4 lpfx_hsv2rgb(vec4 hsv) { return vec4(lpfx_hsv2rgb(hsv.xyz), hsv.w); }

//@ lpfx_rgb2hsv
// 0.0000152587890625 = 2^-16, one Q16.16 step: keeps 0/0 at 0 without
// changing any hue by more than a step.
vec3 lpfx_rgb2hsv(vec3 c) {
    vec4 p = c.g < c.b ? vec4(c.b, c.g, -1.0, 2.0 / 3.0) : vec4(c.g, c.b, 0.0, -1.0 / 3.0);
    vec4 q = c.r < p.x ? vec4(p.x, p.y, p.w, c.r) : vec4(c.r, p.y, p.z, p.x);
    float d = q.x - min(q.w, q.y);
    const float e = 0.0000152587890625;
    return vec3(abs(q.z + (q.w - q.y) / (6.0 * d + e)), d / (q.x + e), q.x);
}
vec4 lpfx_rgb2hsv(vec4 c) { return vec4(lpfx_rgb2hsv(c.xyz), c.w); }

// --- hashing and random -----------------------------------------------------

//@ lpfx_hash
// Rotate, multiply by 249222277, rotate and xor the seed, multiply again;
// 2-D and 3-D inputs are first folded into one word non-commutatively.
uint lpfx_hash(uint x, uint seed) {
    uint h = x ^ ((x >> 17) | (x << 15));
    h *= 249222277u;
    h ^= ((h >> 11) | (h << 21)) ^ seed;
    return h * 249222277u;
}
uint lpfx_hash(uvec2 p, uint seed) {
    uint y = p.y ^ 102983473u;
    return lpfx_hash((p.x ^ 983742189u) + ((y << 8) | (y >> 24)), seed);
}
uint lpfx_hash(uvec3 p, uint seed) {
    uint y = p.y ^ 102983473u;
    uint z = p.z ^ 189203473u;
    return lpfx_hash((p.x ^ 983742189u) + ((y << 8) | (y >> 24)) + ((z << 16) | (z >> 16)), seed);
}

//@ lpfx_float_bits
// The Q16.16 bit pattern of x: whole part in the high half, the fraction's
// 16 bits (taken 8 at a time, so no value leaves Q16.16) in the low half.
// Exact in Q16.16; in float32 equal to it for every x a Q16.16 number can
// hold exactly, i.e. the same hash input on both sides.
uint lpfx_float_bits(float x) {
    float whole = floor(x);
    float f = (x - whole) * 256.0;
    float high = floor(f);
    return (uint(int(whole)) << 16) | (uint(high) << 8) | uint((f - high) * 256.0);
}

//@ lpfx_unit_float
// The top 16 bits of h as a float in [0, 1), in two 8-bit halves because
// float(h >> 16) could exceed Q16.16's 32767.
float lpfx_unit_float(uint h) {
    return float(h >> 24) * 0.00390625 + float((h >> 16) & 255u) * 0.0000152587890625;
}

//@ lpfx_random lpfx_hash lpfx_float_bits lpfx_unit_float
float lpfx_random(float x, uint seed) {
    return lpfx_unit_float(lpfx_hash(lpfx_float_bits(x), seed));
}
float lpfx_random(vec2 p, uint seed) {
    return lpfx_unit_float(lpfx_hash(uvec2(lpfx_float_bits(p.x), lpfx_float_bits(p.y)), seed));
}
float lpfx_random(vec3 p, uint seed) {
    uvec3 b = uvec3(lpfx_float_bits(p.x), lpfx_float_bits(p.y), lpfx_float_bits(p.z));
    return lpfx_unit_float(lpfx_hash(b, seed));
}

//@ lpfx_srandom lpfx_random
float lpfx_srandom(float x, uint seed) { return lpfx_random(x, seed) * 2.0 - 1.0; }
float lpfx_srandom(vec2 p, uint seed) { return lpfx_random(p, seed) * 2.0 - 1.0; }
float lpfx_srandom(vec3 p, uint seed) { return lpfx_random(p, seed) * 2.0 - 1.0; }

//@ lpfx_srandom3_vec lpfx_hash lpfx_float_bits lpfx_unit_float
// Three components from a chain of hashes (LightPlayer ignores the seed
// here; we use it).
vec3 lpfx_srandom3_vec(vec3 p, uint seed) {
    uint hx = lpfx_hash(uvec3(lpfx_float_bits(p.x), lpfx_float_bits(p.y), lpfx_float_bits(p.z)), seed);
    uint hy = lpfx_hash(hx, seed);
    uint hz = lpfx_hash(hy, seed);
    return vec3(lpfx_unit_float(hx), lpfx_unit_float(hy), lpfx_unit_float(hz)) * 2.0 - 1.0;
}

//@ lpfx_srandom3_tile lpfx_srandom3_vec
vec3 lpfx_srandom3_tile(vec3 p, float tileLength, uint seed) {
    return lpfx_srandom3_vec(mod(p, vec3(tileLength)), seed);
}

// --- value noise --------------------------------------------------------------

//@ lpfx_gnoise lpfx_random lpfx_srandom3_tile
// Random values at lattice points, smoothstep (1-D, 2-D, result in [0, 1))
// or quintic (3-D, remapped to [-1, 1)) interpolation. The tiling form dots
// random gradients with the corner offsets (result about [0, 1]); tileLength
// 0 means the plain 3-D noise mapped to [0, 1).
float lpfx_gnoise(float x, uint seed) {
    float i = floor(x);
    float f = x - i;
    return mix(lpfx_random(i, seed), lpfx_random(i + 1.0, seed), f * f * (3.0 - 2.0 * f));
}
float lpfx_gnoise(vec2 p, uint seed) {
    vec2 i = floor(p);
    vec2 f = p - i;
    vec2 u = f * f * (3.0 - 2.0 * f);
    float a = lpfx_random(i, seed);
    float b = lpfx_random(i + vec2(1.0, 0.0), seed);
    float c = lpfx_random(i + vec2(0.0, 1.0), seed);
    float d = lpfx_random(i + vec2(1.0, 1.0), seed);
    return mix(mix(a, b, u.x), mix(c, d, u.x), u.y);
}
float lpfx_gnoise(vec3 p, uint seed) {
    vec3 i = floor(p);
    vec3 f = p - i;
    vec3 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    float x00 = mix(lpfx_random(i, seed), lpfx_random(i + vec3(1.0, 0.0, 0.0), seed), u.x);
    float x10 = mix(lpfx_random(i + vec3(0.0, 1.0, 0.0), seed), lpfx_random(i + vec3(1.0, 1.0, 0.0), seed), u.x);
    float x01 = mix(lpfx_random(i + vec3(0.0, 0.0, 1.0), seed), lpfx_random(i + vec3(1.0, 0.0, 1.0), seed), u.x);
    float x11 = mix(lpfx_random(i + vec3(0.0, 1.0, 1.0), seed), lpfx_random(i + vec3(1.0, 1.0, 1.0), seed), u.x);
    return mix(mix(x00, x10, u.y), mix(x01, x11, u.y), u.z) * 2.0 - 1.0;
}
float lpfx_gnoise_corner(vec3 i, vec3 f, vec3 corner, float tileLength, uint seed) {
    return dot(lpfx_srandom3_tile(i + corner, tileLength, seed), f - corner);
}
float lpfx_gnoise(vec3 p, float tileLength, uint seed) {
    if (tileLength == 0.0) {
        return lpfx_gnoise(p, seed) * 0.5 + 0.5;
    }
    vec3 i = floor(p);
    vec3 f = p - i;
    vec3 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    float x00 = mix(lpfx_gnoise_corner(i, f, vec3(0.0, 0.0, 0.0), tileLength, seed),
                    lpfx_gnoise_corner(i, f, vec3(1.0, 0.0, 0.0), tileLength, seed), u.x);
    float x10 = mix(lpfx_gnoise_corner(i, f, vec3(0.0, 1.0, 0.0), tileLength, seed),
                    lpfx_gnoise_corner(i, f, vec3(1.0, 1.0, 0.0), tileLength, seed), u.x);
    float x01 = mix(lpfx_gnoise_corner(i, f, vec3(0.0, 0.0, 1.0), tileLength, seed),
                    lpfx_gnoise_corner(i, f, vec3(1.0, 0.0, 1.0), tileLength, seed), u.x);
    float x11 = mix(lpfx_gnoise_corner(i, f, vec3(0.0, 1.0, 1.0), tileLength, seed),
                    lpfx_gnoise_corner(i, f, vec3(1.0, 1.0, 1.0), tileLength, seed), u.x);
    return mix(mix(x00, x10, u.y), mix(x01, x11, u.y), u.z) * 0.5 + 0.5;
}

// --- simplex noise --------------------------------------------------------------

//@ lpfx_snoise lpfx_hash
// 1-D: one signed ramp per cell with a quintic falloff, zero at integers.
// 2-D/3-D: simplex noise; each corner adds dot(gradient, offset) *
// (2t^2 + t^4), t = 1 - 2|offset|^2. Gradient tables as LightPlayer's:
// 2-D 4 axes + 4 diagonals; 3-D 12 edge directions (twice) + 8 corners.
//
// The skew u = p + (p.x + p.y) * F is where Q16.16 loses: F stored alone is
// off by up to 2^-17, times x + y. So p = i + f (i whole) and
//   i-sum * F = n*0.3671875 - n*0.00115966796875 - (n*0.15913758)*2^-16
// (the first two are 94/256 and 76/65536, exact in Q16.16 and float32 for
// |n| < 65536; the last is under 0.04 for |n| < 16384). 3-D:
//   n/3 = n*85/256 + n*85/65536 + (n/3)*2^-16.
// The corner offsets then come from fract(u), so no large numbers cancel.
float lpfx_snoise(float x, uint seed) {
    float cell = floor(x);
    float d = x - cell;
    float t = 1.0 - d * d;
    float ramp = (lpfx_hash(uint(int(cell)), seed) & 1u) == 0u ? d : -d;
    return ramp * t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
}
vec2 lpfx_snoise_grad2(uint h) {
    uint i = h & 7u;
    if (i < 4u) {
        float s = (i & 1u) == 0u ? 1.0 : -1.0;
        return i < 2u ? vec2(s, 0.0) : vec2(0.0, s);
    }
    const float d = 0.70710678;
    return vec2((i & 1u) == 0u ? d : -d, i < 6u ? d : -d);
}
vec3 lpfx_snoise_grad3(uint h) {
    uint i = h & 31u;
    if (i >= 24u) {
        const float e = 0.57735027;
        return vec3((i & 1u) == 0u ? e : -e, (i & 2u) == 0u ? e : -e, (i & 4u) == 0u ? e : -e);
    }
    if (i >= 12u) {
        i -= 12u;
    }
    const float d = 0.70710678;
    float a = (i & 1u) == 0u ? d : -d;
    float b = (i & 2u) == 0u ? d : -d;
    if (i < 4u) {
        return vec3(a, b, 0.0);
    }
    return i < 8u ? vec3(a, 0.0, b) : vec3(0.0, a, b);
}
float lpfx_snoise_corner(vec2 offset, uint h) {
    float t = 1.0 - 2.0 * dot(offset, offset);
    if (t <= 0.0) {
        return 0.0;
    }
    float t2 = t * t;
    return dot(lpfx_snoise_grad2(h), offset) * (2.0 * t2 + t2 * t2);
}
float lpfx_snoise_corner(vec3 offset, uint h) {
    float t = 1.0 - 2.0 * dot(offset, offset);
    if (t <= 0.0) {
        return 0.0;
    }
    float t2 = t * t;
    return dot(lpfx_snoise_grad3(h), offset) * (2.0 * t2 + t2 * t2);
}
float lpfx_snoise(vec2 p, uint seed) {
    vec2 i = floor(p);
    float n = i.x + i.y;
    float skew = n * 0.3671875 - n * 0.00115966796875 - (n * 0.15913758) * 0.0000152587890625
               + (p.x - i.x + p.y - i.y) * 0.36602540;
    vec2 u = p + skew;
    vec2 cell = floor(u);
    vec2 f = u - cell;
    const float g = 0.21132487;
    vec2 offset = f - (f.x + f.y) * g;
    vec2 o = f.x >= f.y ? vec2(1.0, 0.0) : vec2(0.0, 1.0);
    uvec2 c = uvec2(uint(int(cell.x)), uint(int(cell.y)));
    return lpfx_snoise_corner(offset, lpfx_hash(c, seed))
         + lpfx_snoise_corner(offset - o + g, lpfx_hash(c + uvec2(o), seed))
         + lpfx_snoise_corner(offset - 1.0 + 2.0 * g, lpfx_hash(c + 1u, seed));
}
float lpfx_snoise(vec3 p, uint seed) {
    vec3 i = floor(p);
    float n = i.x + i.y + i.z;
    float skew = n * 0.33203125 + n * 0.0012969970703125 + (n * 0.33333333) * 0.0000152587890625
               + (p.x - i.x + p.y - i.y + p.z - i.z) * 0.33333333;
    vec3 u = p + skew;
    vec3 cell = floor(u);
    vec3 f = u - cell;
    const float g = 0.16666667;
    vec3 offset = f - (f.x + f.y + f.z) * g;
    vec3 o1 = vec3(0.0, 1.0, 0.0);
    vec3 o2 = vec3(1.0, 1.0, 0.0);
    if (f.x >= f.y) {
        if (f.y >= f.z) {
            o1 = vec3(1.0, 0.0, 0.0);
        } else if (f.x >= f.z) {
            o1 = vec3(1.0, 0.0, 0.0);
            o2 = vec3(1.0, 0.0, 1.0);
        } else {
            o1 = vec3(0.0, 0.0, 1.0);
            o2 = vec3(1.0, 0.0, 1.0);
        }
    } else if (f.y < f.z) {
        o1 = vec3(0.0, 0.0, 1.0);
        o2 = vec3(0.0, 1.0, 1.0);
    } else if (f.x < f.z) {
        o2 = vec3(0.0, 1.0, 1.0);
    }
    uvec3 c = uvec3(uint(int(cell.x)), uint(int(cell.y)), uint(int(cell.z)));
    return lpfx_snoise_corner(offset, lpfx_hash(c, seed))
         + lpfx_snoise_corner(offset - o1 + g, lpfx_hash(c + uvec3(o1), seed))
         + lpfx_snoise_corner(offset - o2 + 2.0 * g, lpfx_hash(c + uvec3(o2), seed))
         + lpfx_snoise_corner(offset - 0.5, lpfx_hash(c + 1u, seed));
}

// --- fractal sums ------------------------------------------------------------------

//@ lpfx_fbm lpfx_snoise lpfx_gnoise
// Octaves of amplitude 0.5, 0.25, ... at double frequency each; the tiling
// form sums lpfx_gnoise(p, tileLength) and divides by the total amplitude.
// 0.00006103515625 = 1/16384 (see the wrap note at the top).
vec2 lpfx_fbm_wrap(vec2 p) { return p - 16384.0 * floor(p * 0.00006103515625 + 0.5); }
vec3 lpfx_fbm_wrap(vec3 p) { return p - 16384.0 * floor(p * 0.00006103515625 + 0.5); }
float lpfx_fbm(vec2 p, int octaves, uint seed) {
    float sum = 0.0;
    float amplitude = 0.5;
    vec2 q = lpfx_fbm_wrap(p);
    for (int i = 0; i < octaves; i++) {
        sum += amplitude * lpfx_snoise(q, seed);
        q = lpfx_fbm_wrap(q * 2.0);
        amplitude *= 0.5;
    }
    return sum;
}
float lpfx_fbm(vec3 p, int octaves, uint seed) {
    float sum = 0.0;
    float amplitude = 0.5;
    vec3 q = lpfx_fbm_wrap(p);
    for (int i = 0; i < octaves; i++) {
        sum += amplitude * lpfx_snoise(q, seed);
        q = lpfx_fbm_wrap(q * 2.0);
        amplitude *= 0.5;
    }
    return sum;
}
float lpfx_fbm(vec3 p, float tileLength, int octaves, uint seed) {
    float sum = 0.0;
    float total = 0.0;
    float amplitude = 0.5;
    vec3 q = lpfx_fbm_wrap(p);
    for (int i = 0; i < octaves; i++) {
        sum += amplitude * lpfx_gnoise(q, tileLength, seed);
        total += amplitude;
        q = lpfx_fbm_wrap(q * 2.0);
        amplitude *= 0.5;
    }
    return sum / max(total, 0.5);
}

// --- cellular noise -------------------------------------------------------------

//@ lpfx_worley_nearest lpfx_hash
// Each lattice point (x, y[, z]) owns a feature point displaced from it by
// up to 0.5 in a hashed direction; the search visits the nearest lattice
// point, then the neighbours across each cell midline only while that
// midline is nearer than the best squared distance so far (noise-rs).
// lpfx_worley is that squared distance shifted (2-D: d - 1, 3-D:
// d * 2/3 - 1); lpfx_worley_value is the owner's hash byte mapped to
// [-1, 1]. The length steps 0.5/31 and 0.5/7 are taken as
// 16.516129/1024 and 73.142857/1024 to keep their rounding small.
vec2 lpfx_worley_offset2(uint h) {
    float len = float((h >> 3) & 31u) * 16.516129 * 0.0009765625;
    uint dir = h & 7u;
    if (dir < 4u) {
        float d = len * 0.70710678;
        return vec2((dir & 2u) == 0u ? d : -d, (dir & 1u) == 0u ? d : -d);
    }
    float s = (dir & 1u) == 0u ? len : -len;
    return dir < 6u ? vec2(s, 0.0) : vec2(0.0, s);
}
vec3 lpfx_worley_offset3(uint h) {
    float len = float((h >> 5) & 7u) * 73.142857 * 0.0009765625;
    uint dir = h % 18u;
    if (dir >= 12u) {
        float s = dir < 15u ? len : -len;
        uint axis = (dir - 12u) % 3u;
        return axis == 0u ? vec3(s, 0.0, 0.0) : (axis == 1u ? vec3(0.0, s, 0.0) : vec3(0.0, 0.0, s));
    }
    float d = len * 0.70710678;
    float a = (dir & 2u) == 0u ? d : -d;
    float b = (dir & 1u) == 0u ? d : -d;
    if (dir < 4u) {
        return vec3(a, b, 0.0);
    }
    return dir < 8u ? vec3(a, 0.0, b) : vec3(0.0, a, b);
}
void lpfx_worley_try(vec2 p, int x, int y, uint seed, inout float best, inout uint owner) {
    uint h = lpfx_hash(uvec2(uint(x), uint(y)), seed);
    vec2 d = p - vec2(float(x), float(y)) - lpfx_worley_offset2(h);
    float dist = dot(d, d);
    if (dist < best) {
        best = dist;
        owner = h;
    }
}
void lpfx_worley_try(vec3 p, int x, int y, int z, uint seed, inout float best, inout uint owner) {
    uint h = lpfx_hash(uvec3(uint(x), uint(y), uint(z)), seed);
    vec3 d = p - vec3(float(x), float(y), float(z)) - lpfx_worley_offset3(h);
    float dist = dot(d, d);
    if (dist < best) {
        best = dist;
        owner = h;
    }
}
float lpfx_worley_nearest(vec2 p, uint seed, out uint owner) {
    vec2 cell = floor(p);
    vec2 f = p - cell;
    int cx = int(cell.x);
    int cy = int(cell.y);
    int nx = f.x > 0.5 ? cx + 1 : cx;
    int ny = f.y > 0.5 ? cy + 1 : cy;
    int fx = f.x > 0.5 ? cx : cx + 1;
    int fy = f.y > 0.5 ? cy : cy + 1;
    float rx = (0.5 - f.x) * (0.5 - f.x);
    float ry = (0.5 - f.y) * (0.5 - f.y);
    float best = 1000.0;
    owner = 0u;
    lpfx_worley_try(p, nx, ny, seed, best, owner);
    if (rx < best) {
        lpfx_worley_try(p, fx, ny, seed, best, owner);
    }
    if (ry < best) {
        lpfx_worley_try(p, nx, fy, seed, best, owner);
    }
    if (rx < best && ry < best) {
        lpfx_worley_try(p, fx, fy, seed, best, owner);
    }
    return best;
}
float lpfx_worley_nearest(vec3 p, uint seed, out uint owner) {
    vec3 cell = floor(p);
    vec3 f = p - cell;
    int cx = int(cell.x);
    int cy = int(cell.y);
    int cz = int(cell.z);
    int nx = f.x > 0.5 ? cx + 1 : cx;
    int ny = f.y > 0.5 ? cy + 1 : cy;
    int nz = f.z > 0.5 ? cz + 1 : cz;
    int fx = f.x > 0.5 ? cx : cx + 1;
    int fy = f.y > 0.5 ? cy : cy + 1;
    int fz = f.z > 0.5 ? cz : cz + 1;
    float rx = (0.5 - f.x) * (0.5 - f.x);
    float ry = (0.5 - f.y) * (0.5 - f.y);
    float rz = (0.5 - f.z) * (0.5 - f.z);
    float best = 1000.0;
    owner = 0u;
    lpfx_worley_try(p, nx, ny, nz, seed, best, owner);
    if (rx < best) {
        lpfx_worley_try(p, fx, ny, nz, seed, best, owner);
    }
    if (ry < best) {
        lpfx_worley_try(p, nx, fy, nz, seed, best, owner);
    }
    if (rz < best) {
        lpfx_worley_try(p, nx, ny, fz, seed, best, owner);
    }
    if (rx < best && ry < best) {
        lpfx_worley_try(p, fx, fy, nz, seed, best, owner);
    }
    if (rx < best && rz < best) {
        lpfx_worley_try(p, fx, ny, fz, seed, best, owner);
    }
    if (ry < best && rz < best) {
        lpfx_worley_try(p, nx, fy, fz, seed, best, owner);
    }
    if (rx < best && ry < best && rz < best) {
        lpfx_worley_try(p, fx, fy, fz, seed, best, owner);
    }
    return best;
}

//@ lpfx_worley lpfx_worley_nearest
float lpfx_worley(vec2 p, uint seed) {
    uint owner;
    return lpfx_worley_nearest(p, seed, owner) - 1.0;
}
float lpfx_worley(vec3 p, uint seed) {
    uint owner;
    return lpfx_worley_nearest(p, seed, owner) * 0.66666667 - 1.0;
}

//@ lpfx_worley_value lpfx_worley_nearest
// 2.00784314 / 256 = 2/255.
float lpfx_worley_value(vec2 p, uint seed) {
    uint owner;
    lpfx_worley_nearest(p, seed, owner);
    return float(owner & 255u) * 2.00784314 * 0.00390625 - 1.0;
}
float lpfx_worley_value(vec3 p, uint seed) {
    uint owner;
    lpfx_worley_nearest(p, seed, owner);
    return float(owner & 255u) * 2.00784314 * 0.00390625 - 1.0;
}

// --- psrdnoise ---------------------------------------------------------------------

//@ lpfx_psrdnoise
// Gustavson & McEwan's tiling simplex noise with rotating gradients and an
// analytic gradient (the `out` argument). Lattice positions are sums and
// halves of whole numbers, exact in Q16.16, which is why its grids were
// chosen. Corner hash: the mod-289 permutation polynomials in integers.
// Angles (2-D psi = h * 0.07482; 3-D theta = h * 2pi/golden ratio,
// psi = h * 10pi/289) are taken against 256c / 64c / 128c and scaled back,
// so the rounding of c is not multiplied by h (up to 288). 3-D:
//   sz  = 1 - (2h + 1)/289 = (288 - 2h) * (128/289) / 128
//   sz' = sqrt(1 - sz^2) = sqrt((2h + 1) * (577 - 2h) / 4) * (2/289),
// the product exact in Q16.16 (at most 20880.25), so no cancellation.
// A corner whose radial weight is 0 skips its hash and trigonometry.
// The seed (unused by LightPlayer) shifts the 289 x 289 (x 289) hash torus;
// seed 0, and the forms without a seed, give the published noise.
int lpfx_psrd_permute(int x) {
    int m = (x + 73984) % 289;
    return (m * 34 + 10) * m % 289;
}
float lpfx_psrd_corner(vec2 d, vec2 lattice, float alpha, inout vec2 gradient) {
    float w = 0.8 - dot(d, d);
    if (w <= 0.0) {
        return 0.0;
    }
    int u = (int(lattice.x) + 73984) % 289;
    int h = lpfx_psrd_permute((u * 51 + 2) * u + int(lattice.y));
    float psi = float(h) * 19.15392 * 0.00390625 + alpha;
    vec2 g = vec2(cos(psi), sin(psi));
    float w2 = w * w;
    float gd = dot(g, d);
    gradient += g * (w2 * w2) - d * (8.0 * w2 * w * gd);
    return w2 * w2 * gd;
}
float lpfx_psrdnoise(vec2 x, vec2 period, float alpha, out vec2 gradient, uint seed) {
    vec2 uv = vec2(x.x + x.y * 0.5, x.y);
    vec2 i0 = floor(uv);
    vec2 f0 = uv - i0;
    vec2 o1 = f0.x >= f0.y ? vec2(1.0, 0.0) : vec2(0.0, 1.0);
    vec2 i1 = i0 + o1;
    vec2 i2 = i0 + 1.0;
    vec2 v0 = vec2(i0.x - i0.y * 0.5, i0.y);
    vec2 v1 = vec2(v0.x + o1.x - o1.y * 0.5, v0.y + o1.y);
    vec2 v2 = vec2(v0.x + 0.5, v0.y + 1.0);
    if (period.x > 0.0 || period.y > 0.0) {
        vec3 xw = vec3(v0.x, v1.x, v2.x);
        vec3 yw = vec3(v0.y, v1.y, v2.y);
        if (period.x > 0.0) {
            xw = mod(xw, vec3(period.x));
        }
        if (period.y > 0.0) {
            yw = mod(yw, vec3(period.y));
        }
        vec3 iu = floor(xw + 0.5 * yw + 0.5);
        vec3 iv = floor(yw + 0.5);
        i0 = vec2(iu.x, iv.x);
        i1 = vec2(iu.y, iv.y);
        i2 = vec2(iu.z, iv.z);
    }
    vec2 s = vec2(float(seed % 289u), float(seed / 289u % 289u));
    vec2 g = vec2(0.0);
    float n = lpfx_psrd_corner(x - v0, i0 + s, alpha, g)
            + lpfx_psrd_corner(x - v1, i1 + s, alpha, g)
            + lpfx_psrd_corner(x - v2, i2 + s, alpha, g);
    gradient = 10.9 * g;
    return 10.9 * n;
}
float lpfx_psrdnoise(vec2 x, vec2 period, float alpha, out vec2 gradient) {
    return lpfx_psrdnoise(x, period, alpha, gradient, 0u);
}
vec3 lpfx_psrd_grad(int h, float sa, float ca) {
    float fh = float(h);
    float theta = fh * 3.0 + fh * 56.526213 * 0.015625;
    float psi = fh * 13.914320 * 0.0078125;
    float sz = float(288 - 2 * h) * 0.44290657 * 0.0078125;
    float szp = sqrt(float(2 * h + 1) * (float(577 - 2 * h) * 0.25)) * 0.88581315 * 0.0078125;
    float ct = cos(theta);
    float st = sin(theta);
    float sp = sin(psi);
    float cp = cos(psi);
    vec3 s = vec3(ct * szp, st * szp, sz);
    float ctp = st * sp - ct * cp;
    vec3 q = vec3(mix(ctp * st, sp, sz), mix(-ctp * ct, cp, sz), -(s.y * cp + s.x * sp));
    return ca * s + sa * q;
}
float lpfx_psrd_corner(vec3 d, vec3 lattice, float sa, float ca, inout vec3 gradient) {
    float w = 0.5 - dot(d, d);
    if (w <= 0.0) {
        return 0.0;
    }
    int h = lpfx_psrd_permute(lpfx_psrd_permute(lpfx_psrd_permute(int(lattice.z)) + int(lattice.y))
                              + int(lattice.x));
    vec3 g = lpfx_psrd_grad(h, sa, ca);
    float w2 = w * w;
    float gd = dot(g, d);
    gradient += g * (w2 * w) - d * (6.0 * w2 * gd);
    return w2 * w * gd;
}
vec3 lpfx_psrd_skew(vec3 v) { return vec3(v.y + v.z, v.x + v.z, v.x + v.y); }
vec3 lpfx_psrd_unskew(vec3 i) { return 0.5 * (lpfx_psrd_skew(i) - i); }
float lpfx_psrdnoise(vec3 x, vec3 period, float alpha, out vec3 gradient, uint seed) {
    vec3 uvw = lpfx_psrd_skew(x);
    vec3 i0 = floor(uvw);
    vec3 f0 = uvw - i0;
    vec3 gt = step(f0.xyx, f0.yzz);
    vec3 le = 1.0 - gt;
    vec3 o1 = min(vec3(le.z, gt.xy), vec3(le.xy, gt.z));
    vec3 o2 = max(vec3(le.z, gt.xy), vec3(le.xy, gt.z));
    vec3 i1 = i0 + o1;
    vec3 i2 = i0 + o2;
    vec3 i3 = i0 + 1.0;
    vec3 v0 = lpfx_psrd_unskew(i0);
    vec3 v1 = lpfx_psrd_unskew(i1);
    vec3 v2 = lpfx_psrd_unskew(i2);
    vec3 v3 = lpfx_psrd_unskew(i3);
    if (period.x > 0.0 || period.y > 0.0 || period.z > 0.0) {
        vec4 vx = vec4(v0.x, v1.x, v2.x, v3.x);
        vec4 vy = vec4(v0.y, v1.y, v2.y, v3.y);
        vec4 vz = vec4(v0.z, v1.z, v2.z, v3.z);
        if (period.x > 0.0) {
            vx = mod(vx, vec4(period.x));
        }
        if (period.y > 0.0) {
            vy = mod(vy, vec4(period.y));
        }
        if (period.z > 0.0) {
            vz = mod(vz, vec4(period.z));
        }
        i0 = floor(lpfx_psrd_skew(vec3(vx.x, vy.x, vz.x)) + 0.5);
        i1 = floor(lpfx_psrd_skew(vec3(vx.y, vy.y, vz.y)) + 0.5);
        i2 = floor(lpfx_psrd_skew(vec3(vx.z, vy.z, vz.z)) + 0.5);
        i3 = floor(lpfx_psrd_skew(vec3(vx.w, vy.w, vz.w)) + 0.5);
    }
    vec3 s = vec3(float(seed % 289u), float(seed / 289u % 289u), float(seed / 83521u % 289u));
    float sa = sin(alpha);
    float ca = cos(alpha);
    vec3 g = vec3(0.0);
    float n = lpfx_psrd_corner(x - v0, i0 + s, sa, ca, g)
            + lpfx_psrd_corner(x - v1, i1 + s, sa, ca, g)
            + lpfx_psrd_corner(x - v2, i2 + s, sa, ca, g)
            + lpfx_psrd_corner(x - v3, i3 + s, sa, ca, g);
    gradient = 39.5 * g;
    return 39.5 * n;
}
float lpfx_psrdnoise(vec3 x, vec3 period, float alpha, out vec3 gradient) {
    return lpfx_psrdnoise(x, period, alpha, gradient, 0u);
}
