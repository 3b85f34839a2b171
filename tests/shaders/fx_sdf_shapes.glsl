// fx_sdf_shapes: 2D signed distance fields: a circle, a rotated box, their union (min) and
// smooth union (polynomial smooth min), shaded with soft edges, an outline and distance
// bands, as LED artists draw shapes.
float sd_circle(vec2 p, float r) {
    return length(p) - r;
}

float sd_box(vec2 p, vec2 half_size) {
    vec2 d = abs(p) - half_size;
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

float smooth_min(float a, float b, float k) {
    float h = clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return mix(b, a, h) - k * h * (1.0 - h);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) / outputSize.y;
    float angle = time * 0.8;
    mat2 rot = mat2(cos(angle), sin(angle), -sin(angle), cos(angle));
    float circle = sd_circle(p - vec2(0.2 * sin(time), 0.08), 0.17);
    float box = sd_box(rot * (p + vec2(0.14, -0.04)), vec2(0.15, 0.09));
    float hard = min(circle, box);
    float soft = smooth_min(circle, box, 0.12);
    vec3 inside = mix(vec3(1.0, 0.5, 0.2), vec3(0.2, 0.6, 1.0), smoothstep(-0.1, 0.1, circle - box));
    vec3 outside = vec3(0.1, 0.1, 0.15) * (0.6 + 0.4 * cos(soft * 40.0));
    vec3 col = mix(inside, outside, smoothstep(-0.03, 0.03, soft));
    col += vec3(0.9) * (1.0 - smoothstep(0.0, 0.04, abs(hard)));
    return vec4(col, 1.0);
}
