// fx_rotating_grid: a grid rotated and zoomed by a mat2, with anti-aliased lines from
// abs(fract(q) - 0.5) (continuous across cell borders), soft checker shading from a product
// of sines and a vignette.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) / outputSize.y;
    float a = time * 0.5;
    float zoom = 4.0 + sin(time * 0.7);
    mat2 m = mat2(cos(a), sin(a), -sin(a), cos(a)) * zoom;
    vec2 q = m * p + vec2(0.25, 0.5);
    vec2 line = abs(fract(q) - 0.5);                      // 0.5 on a grid line
    float grid = smoothstep(0.32, 0.47, max(line.x, line.y));
    float checker = 0.5 + 0.5 * sin(q.x * 3.14159) * sin(q.y * 3.14159);
    vec3 col = mix(vec3(0.1, 0.15, 0.3), vec3(0.2, 0.6, 0.5), checker);
    col = mix(col, vec3(1.0, 0.9, 0.6), grid);
    col *= 1.0 - 0.8 * dot(p, p);
    return vec4(col, 1.0);
}
