// lang_params: in, out and inout parameters: in is a copy (writing it in the callee does
// not reach the caller), out starts undefined and is written back, inout both; const in;
// vector, array-element and swizzle arguments to out/inout; several outs in one call.
void split(in vec2 p, out float angle_ish, out float radius) {
    radius = length(p);
    angle_ish = p.x / (radius + 0.1);
    p = vec2(0.0);                             // local copy only
}

void bump(inout float value, const in float amount) {
    value += amount;
}

void twist(inout vec3 v) {
    v = v.yzx * 0.9 + 0.05;
}

float scale_copy(float x) {
    x *= 2.0;
    return x;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    float a;
    float r;
    split(p, a, r);
    float keep = uv.x;
    float doubled = scale_copy(keep);           // keep is unchanged
    bump(keep, 0.1 * sin(time));
    vec3 col = vec3(uv, r);
    twist(col);
    float arr[2] = float[2](0.1, 0.2);
    bump(arr[1], uv.y * 0.5);
    bump(col.z, 0.05);
    return vec4(col.x * 0.5 + a * 0.25 + 0.25, col.y * 0.5 + doubled * 0.25,
                col.z * 0.5 + arr[1] * 0.5, keep * 0.5 + p.x + 0.25);
}
