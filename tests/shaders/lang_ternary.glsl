// lang_ternary: ?: on floats, ints, vectors and structs; nested ternaries (right
// associative); side effects (++, function calls that write a global) only in the chosen
// branch; a ternary as an lvalue's index and as a function argument.
int calls = 0;

float count_call(float v) {
    calls++;
    return v;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float band = uv.x < 0.25 ? 0.2 : uv.x < 0.5 ? 0.4 : uv.x < 0.75 ? 0.6 : 0.8;
    int k = 0;
    float side = uv.y > 0.5 ? float(k++) + 0.5 : float(k += 3) * 0.1;   // only one runs
    vec3 col = uv.x + uv.y > 0.97 ? vec3(0.9, 0.4, 0.1) : vec3(0.1, 0.4, 0.9);
    float called = uv.x > 0.5 ? count_call(0.25) : count_call(0.75) + count_call(0.0);
    float arr[2] = float[2](0.1, 0.9);
    arr[uv.y > 0.3 ? 1 : 0] = 0.5 + 0.25 * sin(time);
    float nested = (uv.x > 0.5) ? ((uv.y > 0.5) ? 1.0 : 0.6) : ((uv.y > 0.5) ? 0.3 : 0.0);
    float arg = max(uv.x > 0.6 ? uv.y : 0.2, 0.3);
    return vec4(band * 0.5 + col.r * 0.5,
                side * 0.5 + float(k) * 0.1 + called * 0.25,
                col.b * 0.5 + float(calls) * 0.1 + arr[1] * 0.2,
                nested * 0.5 + arg * 0.5);
}
