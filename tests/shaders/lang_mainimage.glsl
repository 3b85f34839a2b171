// lang_mainimage: Shadertoy's entry, void mainImage(out vec4 fragColor, in vec2 fragCoord),
// with the inputs iResolution (vec3: width, height, 1.0), iTime, iFrame (0 here) and iMouse
// (zero here) used without declaring them; fragColor written component by component;
// discard in mainImage (the pixel stays black, RGBA 0); a helper function beside it.
float ring(vec2 p, float r) {
    return 1.0 - smoothstep(0.0, 0.06, abs(length(p) - r));
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    if (p.x > 0.4 && p.y < -0.35) {
        discard;
    }
    fragColor.r = ring(p, 0.25 + 0.05 * sin(iTime * 2.0));
    fragColor.g = uv.x * iResolution.z;
    fragColor.ba = vec2(uv.y, 1.0);
    fragColor.b += float(iFrame) * 0.1 + iMouse.x + iMouse.w;
    if (length(iMouse.xy) > 0.0) {
        fragColor = vec4(1.0);
    }
}
