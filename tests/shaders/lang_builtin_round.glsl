// lang_builtin_round: floor, ceil, trunc, round, roundEven, fract on positive and negative
// values and on vectors. Their edges are never near a sample except where the argument is
// exact in both float32 and Q16.16 (roundEven of the exact half x + 0.5 ties to even).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float x = (uv.x - 0.5) * 7.0 + 0.13;                  // -3.3 .. 3.4, 0.13 off the halves
    float fl = floor(x);
    float ce = ceil(x);
    float tr = trunc(x);                                   // toward zero
    float ro = round(x + 0.1 * sin(time));
    float even = roundEven(fragCoord.x);                   // x + 0.5: exact ties
    float fr = fract(x);
    vec2 flv = floor(uv * vec2(4.0, 3.0) + 0.1);
    vec3 frv = fract(vec3(uv * 2.7, -uv.x * 1.3));
    vec2 rov = roundEven(uv * 5.0 - 0.2);
    return vec4((fl + 4.0) / 8.0 * 0.5 + fr * 0.5,
                (ce - tr + 1.0) * 0.25 + (ro + 4.0) / 16.0,
                even / 16.0 * 0.5 + flv.x / 8.0 + flv.y / 12.0,
                frv.x * 0.25 + frv.z * 0.25 + rov.x / 20.0 + rov.y / 20.0);
}
