// functions: user functions calling each other, float/vec2/vec3/vec4 returns, swizzles (.zyx .r .xy), vector cos.
float wave(float x, float t) {
    return 0.5 + 0.5 * sin(x * 6.0 + t);
}

vec2 centred(vec2 coord, vec2 size) {
    return (coord - size * 0.5) / size.y;
}

vec3 palette(float t) {
    vec3 phase = vec3(t) + vec3(0.0, 0.33, 0.67);
    return vec3(0.5) + vec3(0.5) * cos(vec3(6.28318) * phase);
}

vec3 shade(vec2 p, float t) {
    float d = length(p);
    return palette(wave(d, t) + p.x) * (1.0 - d);
}

vec4 compose(vec3 c, float alpha) {
    vec3 mixed = c.zyx * 0.2 + c * 0.8;
    return vec4(mixed.xy, c.r, alpha);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = centred(fragCoord, outputSize);
    vec3 c = shade(p, time);
    return compose(c, wave(p.y, time));
}
