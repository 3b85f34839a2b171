// Differential regression (host/fuzz_diff.py, seed 1 program 74; shrunk): a function
// whose results take more than 8 words, called with fewer than 7 words of arguments:
// the caller puts the result block's address in the register after its arguments (a1
// here), the callee reads it from a7: store access fault at 0x5eed1111. It failed as
// `internal: run: EmulatorFault: Store access fault at 0x5eed1111 (pc=0x403801b0)`;
// fixed in 6695dbb.
// size 4x4, times 0.5 1.75
// expect t=0.5: 800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff
// expect t=1.75: 800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff800fff
mat3 f(float x) {
    return mat3(x, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    mat3 m = f(0.5);
    return vec4(m[0][0], m[2][2], m[1][1], 1.0);
}
