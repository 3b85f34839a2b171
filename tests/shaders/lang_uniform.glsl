// lang_uniform: `uniform` declarations of the inputs lumajit provides (iTime, iResolution,
// iFrame, iMouse) in a shader with the LightPlayer entry; they equal time, (outputSize,
// 1.0), 0 and vec4(0) here.
uniform float iTime;
uniform vec3 iResolution;
uniform int iFrame;
uniform vec4 iMouse;

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / iResolution.xy;
    float same_size = (iResolution.xy == outputSize && iResolution.z == 1.0) ? 1.0 : 0.0;
    float t = iTime - time;                      // 0
    float wave = 0.5 + 0.5 * sin(uv.x * 6.0 + iTime * 2.0 + float(iFrame));
    return vec4(wave, uv.y + t, same_size * 0.5 + length(iMouse) + 0.25, 1.0);
}
