// fx_checker_warp: a checkerboard warped by sines of the other coordinate and time, drawn
// as a soft checker (smoothstep of a product of sines, so no hard edge lands on a pixel),
// two colours and a shading from the warp strength.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 warp = 0.08 * vec2(sin(uv.y * 7.0 + time * 1.3), cos(uv.x * 5.0 - time));
    vec2 q = (uv + warp) * 5.0;
    float s = sin(q.x * 3.14159) * sin(q.y * 3.14159);
    float checker = smoothstep(-0.35, 0.35, s);
    vec3 col = mix(vec3(0.9, 0.2, 0.35), vec3(0.95, 0.9, 0.8), checker);
    col *= 0.75 + 2.5 * length(warp);
    return vec4(col, 1.0);
}
