// fx_metaballs: five blobs whose centres are in a const array, moved by time in a loop;
// the field sum of r^2 / (d^2 + e) thresholded with smoothstep, a glow around it and a
// colour per blob weighted by its share of the field.
const vec2 CENTRES[5] = vec2[5](vec2(0.3, 0.3), vec2(0.7, 0.35), vec2(0.5, 0.7),
                                vec2(0.2, 0.75), vec2(0.8, 0.8));
const vec3 TINTS[5] = vec3[5](vec3(1.0, 0.3, 0.2), vec3(0.2, 0.9, 0.4), vec3(0.3, 0.4, 1.0),
                              vec3(1.0, 0.8, 0.2), vec3(0.8, 0.3, 0.9));

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float field = 0.0;
    vec3 tint = vec3(0.0);
    for (int i = 0; i < 5; i++) {
        float phase = float(i) * 1.3;
        vec2 c = CENTRES[i] + 0.15 * vec2(sin(time * 0.9 + phase), cos(time * 0.7 + phase * 1.7));
        vec2 d = uv - c;
        float f = 0.012 / (dot(d, d) + 0.006);
        field += f;
        tint += TINTS[i] * f;
    }
    vec3 colour = tint / field;
    float body = smoothstep(0.9, 1.4, field);
    float glow = smoothstep(0.2, 0.9, field) * 0.35;
    vec3 col = colour * body + vec3(0.3, 0.5, 1.0) * glow * (1.0 - body);
    return vec4(col, 1.0);
}
