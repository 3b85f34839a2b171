// lang_assign_ops: every assignment operator on floats and vectors: = += -= *= /= with
// scalar and vector right-hand sides, chained assignment a = b = c, the value of an
// assignment used as an expression, assignment to a component.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a = uv.x;
    a += 0.25;
    a -= uv.y * 0.5;
    a *= 1.5;
    a /= 2.0;
    vec3 v = vec3(uv, 0.5);
    v += 0.1;
    v -= vec3(0.0, 0.05, 0.1 * sin(time));
    v *= vec3(1.0, 0.8, 1.2);
    v /= 1.25;
    v *= 2.0;
    v.x /= 2.0;
    float b;
    float c;
    b = c = uv.y * 0.5;                    // right to left
    float d = (c += 0.25) * 0.5;           // the value of an assignment
    vec2 w = uv;
    w.y -= 0.5;
    w *= mat2(0.0, 1.0, 1.0, 0.0);         // v *= m is v = v * m
    return vec4(a, v.y * 0.5 + w.x * 0.5, v.z * 0.5 + d, b + c * 0.5);
}
