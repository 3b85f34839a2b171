// Differential regression (host/fuzz_diff.py, seed 1 program 8; shrunk): a local
// declared with the size on the type (float[3] a = ...) is refused with "unexpected
// '}'" at the end of the function.. It failed as `compile-error: 4:1: unexpected '}'`;
// fixed in 6695dbb.
// size 4x4, times 0.5 1.75
// expect t=0.5: 800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff
// expect t=1.75: 800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff800400200fff
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    float[3] a = float[3](0.5, 0.25, 0.125);
    return vec4(a[0], a[1], a[2], 1.0);
}
