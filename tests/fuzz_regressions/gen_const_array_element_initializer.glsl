// Differential regression (host/fuzz_diff.py, seed 2 program 98; shrunk): a const
// initializer reading an element of a const array (const vec3 K2 = K1[1];) is refused:
// "the initializer of global 'K2' must be a constant expression"; GLSL (and Mesa)
// accept it.. It failed as `compile-error: 2:17: the initializer of global 'K2' must be
// a constant expression`; fixed in 6695dbb.
// size 4x4, times 0.5 1.75
// expect t=0.5: 400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff
// expect t=1.75: 400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff400800bfffff
const vec3 K1[2] = vec3[2](vec3(0.5), vec3(0.25, 0.5, 0.75));
const vec3 K2 = K1[1];

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    return vec4(K2, 1.0);
}
