// lang_uint: uint locals and 0u literals (decimal and hex, above 2^31 too), uint(int),
// int(uint), float(uint), wrapping uint multiply, xor and shifts (logical: no sign), a
// PCG-style integer hash per 2x2 cell, comparisons on uints.
uint hash(uint v) {
    uint state = v * 747796405u + 2891336453u;
    uint word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
    return (word >> 22u) ^ word;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    uint x = uint(fragCoord.x) / 2u;
    uint y = uint(int(fragCoord.y)) >> 1;
    uint seed = x + y * 8u + uint(time * 4.0 + 0.5) * 0x40u;
    uint h = hash(seed);
    uint big = 0xFFFFFFF0u + x;             // wraps past 2^32 for x >= 16 (never here)
    uint top = h >> 24u;                    // logical shift: 0..255
    uint masked = h & 1023u;
    uint spread = (x * 0x9E3779B9u) ^ (y << 3);
    float r = float(masked) / 1023.0;
    float g = float(top) / 255.0;
    float b = float(spread >> 29u) / 7.0;
    float a = (big > 0x7FFFFFFFu && x * 3u != 6u) ? 1.0 : 0.5;
    int back = int(h & 255u) - 128;
    a -= float(back < 0 ? 0u : 1u) * 0.25;
    return vec4(r, g, b, a);
}
