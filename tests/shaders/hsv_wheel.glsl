// hsv_wheel: nested if, an if / else if / else chain, early returns, mod, a hand-written hsv to rgb, >= < on floats, division.
// The hue is a "diamond angle" (no atan in the subset): 0..4 once around the centre, continuous.
float diamond_angle(vec2 p) {
    float s = abs(p.x) + abs(p.y);
    if (p.y >= 0.0) {
        if (p.x >= 0.0) {
            return p.y / s;
        }
        return 1.0 - p.x / s;
    }
    if (p.x < 0.0) {
        return 2.0 - p.y / s;
    }
    return 3.0 + p.x / s;
}

vec3 hsv_to_rgb(float h, float s, float v) {
    float sector = mod(h, 1.0) * 6.0;
    float c = v * s;
    float x = c * (1.0 - abs(mod(sector, 2.0) - 1.0));
    float m = v - c;
    vec3 rgb = vec3(0.0);
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
    return rgb + vec3(m);
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 p = (fragCoord - outputSize * 0.5) / outputSize.y;
    float hue = diamond_angle(p) / 4.0 + time * 0.1;
    float saturation = min(length(p) * 2.5, 1.0);
    vec3 rgb = hsv_to_rgb(hue, saturation, 0.9);
    return vec4(rgb, 1.0);
}
