// checker: floor, mod, mix of two vec3 by a float, cos of time; squares scroll with time (never on a cell edge at the golden sizes).
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 cell = floor(fragCoord / 4.0 + vec2(time, time * 0.5));
    float parity = mod(cell.x + cell.y, 2.0);
    vec3 dark = vec3(0.1, 0.1, 0.25);
    vec3 light = vec3(0.9, 0.8, 0.3);
    vec3 col = mix(dark, light, parity) * (0.75 + 0.25 * cos(time));
    return vec4(col, 1.0);
}
