// fx_rainbow_bars: vertical bars of a scrolling rainbow with wobbling edges: hue from x
// plus a per-row sine, an hsv conversion written with if/else sectors (a hue sector edge
// between two colours is continuous), and soft bar brightness.
vec3 hsv(float h, float s, float v) {
    float sector = mod(h, 1.0) * 6.0;
    float c = v * s;
    float x = c * (1.0 - abs(mod(sector, 2.0) - 1.0));
    vec3 rgb;
    if (sector < 1.0) {
        rgb = vec3(c, x, 0.0);
    } else if (sector < 2.0) {
        rgb = vec3(x, c, 0.0);
    } else if (sector < 3.0) {
        rgb = vec3(0.0, c, x);
    } else if (sector < 4.0) {
        rgb = vec3(0.0, x, c);
    } else if (sector < 5.0) {
        rgb = vec3(x, 0.0, c);
    } else {
        rgb = vec3(c, 0.0, x);
    }
    return rgb + (v - c);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float wobble = 0.05 * sin(uv.y * 9.0 + time * 2.0);
    float hue = uv.x * 0.8 + wobble + time * 0.1;
    float bars = 0.6 + 0.4 * cos((uv.x + wobble) * 37.7);
    return vec4(hsv(hue, 0.85, bars), 1.0);
}
