// gradient: the smallest LightPlayer shader: fragCoord / outputSize, vec4 constructor, sin of time.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    return vec4(uv, 0.5 + 0.5 * sin(time), 1.0);
}
