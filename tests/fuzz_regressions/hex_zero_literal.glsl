// Fixed: the hex literal 0x0 (and 0x0u) was an internal error:
// ValueError: invalid literal for int() with base 16: '' (the lexer's digits,
// leading zeros dropped, were empty). Found by host/fuzz_diff.py (seed 9,
// programs 294 and 25 more of 300), shrunk by host/fuzz_reduce.py to
// S1(ivec2(1, 0x0)), then by hand.
// failure: internal: compile: ValueError: invalid literal for int() with base 16: ''
// size 4x4, times 0.5 1.75
// expect t=0.5: 800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff
// expect t=1.75: 800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff800400800fff
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    int zero = 0x0;
    uint none = 0x0u;
    return vec4(float(zero) + 0.5, float(none) + 0.25, 0.5, 1.0);
}
