// lang_precision: default precision statements (precision mediump float; precision highp
// int;) and precision qualifiers on locals, parameters and return types (no effect on the
// result: lumajit has one float format).
precision mediump float;
precision highp int;

highp float ramp(lowp float x, mediump float k) {
    return clamp(x * k, 0.0, 1.0);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    highp vec2 uv = fragCoord / outputSize;
    mediump float r = ramp(uv.x, 1.5);
    lowp int n = int(fragCoord.y) % 4;
    highp float g = 0.5 + 0.5 * sin(uv.y * 5.0 + time);
    return vec4(r, g, float(n) / 3.0, 1.0);
}
