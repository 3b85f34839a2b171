// fx_spiral: a three-armed logarithmic-looking spiral: sin of 3 * angle + radius * k - time
// (an integer multiple of the angle, so atan's cut does not show), hue along the arms,
// brightness falling off with the radius.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - 0.5 * outputSize) / outputSize.y;
    float r = length(p);
    float a = atan(p.y, p.x);
    float arms = sin(a * 3.0 + r * 18.0 - time * 3.0);
    float band = smoothstep(-0.2, 0.6, arms);
    vec3 hue = 0.5 + 0.5 * cos(vec3(0.0, 2.094, 4.188) + r * 8.0 - time);
    vec3 col = hue * band * (1.2 - r * 1.6) + vec3(0.05, 0.0, 0.1);
    return vec4(col, 1.0);
}
