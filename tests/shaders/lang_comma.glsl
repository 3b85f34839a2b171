// lang_comma: the comma in for headers: two loop variables declared in the init, two
// updates in the increment (i++, j--), and a declaration list (int a = 1, b = a + 1;).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    int meet = 0;
    for (int i = 0, j = 10; i < j; i++, j--) {
        meet++;                                  // 5
    }
    float acc = 0.0;
    float w = 1.0;
    int k;
    for (k = 0, w = uv.x; k < 6; k++, w *= 0.5) {
        acc += w;
    }
    int a = 1, b = a + 1, c = b * 3;
    float x = uv.y, y = x * 0.5 + 0.25;
    float wave = 0.0;
    for (float t = 0.0, s = 1.0; t < 3.0; t += 1.0, s = -s) {
        wave += s * sin(uv.x * 4.0 + t + time) * 0.2;
    }
    return vec4(float(meet) / 10.0 + acc * 0.25, float(a + b + c) / 12.0 * y,
                0.5 + wave, float(k) / 8.0 + x * 0.2);
}
