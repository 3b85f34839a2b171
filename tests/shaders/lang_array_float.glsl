// lang_array_float: float a[4] declared without initialiser, element writes and reads with
// constant indices, a loop filling and summing it with a variable index, array assignment
// (a copy, not an alias), == on whole arrays.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float a[4];
    a[0] = uv.x;
    a[1] = uv.y;
    a[2] = 0.5 + 0.5 * sin(time + uv.x * 3.0);
    a[3] = a[0] * a[1];
    float weights[4];
    for (int i = 0; i < 4; i++) {
        weights[i] = 0.125 * float(i + 1);      // exact in float32 and Q16.16
    }
    float b[4] = a;
    b[0] = 1.0 - b[0];                 // a[0] stays as it was
    float sum = 0.0;
    for (int i = 0; i < 4; i++) {
        sum += a[i] * weights[i];
    }
    float same = (a == b) ? 0.0 : 0.25;
    float also = (weights == float[4](0.125, 0.25, 0.375, 0.5)) ? 0.5 : 0.0;
    return vec4(a[0], b[0], sum, same + also + a[3] * 0.25);
}
