// Fixed: a global initialised with a whole const global array
// (float g3[4] = K2; const float K4[4] = K2;) was refused: "the initializer of
// global 'g3' must be a constant expression"; GLSL (and Mesa) accept it. The
// initializer now reads the const array's words. Found by host/fuzz_diff.py
// (seed 101 programs 299, 1306, 1356, 1601; seed 102 programs 129, 1541),
// shrunk by host/fuzz_reduce.py.
// failure: compile-error: 2:15: the initializer of global 'g3' must be a constant expression
// size 4x4, times 0.5 1.75
// expect t=0.5: 8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff
// expect t=1.75: 8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff8009ff200fff
const float K2[4] = float[4](0.5, 0.25, 0.125, 1.0);
float g3[4] = K2;
const float K4[4] = K2;

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    g3[1] += K4[3];
    return vec4(g3[0], g3[1] * 0.5, K4[2], 1.0);
}
