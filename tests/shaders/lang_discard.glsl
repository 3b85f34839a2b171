// lang_discard: discard in main under a per-pixel condition (lumajit leaves a discarded
// pixel black: RGBA 0; Mesa keeps the clear colour, also 0), in a loop, and after other
// work was done; pixels that are not discarded keep their colour.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    vec3 col = vec3(uv, 0.5 + 0.5 * sin(time));
    if (length(p) > 0.465) {                    // >= 0.002 from every centre at 16x16 and 32x16
        discard;
    }
    for (int i = 0; i < 3; i++) {
        if (abs(p.x - 0.15 * float(i - 1)) < 0.02) {
            discard;
        }
    }
    if (int(fragCoord.y) % 5 == 2 && uv.x > 0.6) {
        discard;
    }
    return vec4(col, 1.0);
}
