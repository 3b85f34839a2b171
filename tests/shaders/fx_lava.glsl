// fx_lava: a lava lamp: smooth "blob" noise from sums of sines (no hash), domain warped
// twice with time, thresholded softly into hot and cool wax with a glowing rim.
float blobs(vec2 p, float t) {
    float v = sin(p.x * 1.7 + t) + sin(p.y * 2.3 - t * 0.7);
    v += sin((p.x + p.y) * 1.3 + t * 0.5) + sin(length(p - vec2(2.0, 3.0)) * 2.1 - t);
    return v * 0.25;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = fragCoord / outputSize.y * 5.0;
    float t = time * 0.6;
    vec2 q = p + 0.6 * vec2(blobs(p, t), blobs(p + vec2(3.1, 1.7), t));
    float v = blobs(q + 0.4 * vec2(blobs(q, t * 1.3), 0.0), t);
    float wax = smoothstep(-0.1, 0.15, v);
    float rim = 1.0 - smoothstep(0.0, 0.12, abs(v - 0.02));
    vec3 col = mix(vec3(0.25, 0.05, 0.2), vec3(1.0, 0.4, 0.1), wax);
    col += vec3(1.0, 0.8, 0.3) * rim * 0.5;
    return vec4(col, 1.0);
}
