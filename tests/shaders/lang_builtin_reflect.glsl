// lang_builtin_reflect: reflect, refract (eta < 1, so never total internal reflection)
// and faceforward (its dot(Nref, I) never near 0 at a pixel) on vec2 and vec3.
vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    vec2 p = uv - 0.5;
    vec3 incident = normalize(vec3(p, -1.0));
    vec3 normal = normalize(vec3(0.3 * sin(time), 0.2, 1.0));
    vec3 refl = reflect(incident, normal);
    vec3 refr = refract(incident, normal, 0.66);
    vec2 r2 = reflect(vec2(p.x, -0.5), vec2(0.0, 1.0));
    vec2 t2 = refract(normalize(vec2(p.x, -0.6)), vec2(0.0, 1.0), 0.8);
    vec3 ff = faceforward(vec3(0.0, 0.0, 1.0), vec3(p.x - 0.13, 0.2, 0.0), vec3(1.0, 0.0, 0.0));
    vec2 ff2 = faceforward(vec2(0.6, 0.8), vec2(p.y + 0.07, 0.1), vec2(1.0, 0.0));
    return vec4(refl.x * 0.5 + 0.5, refr.y * 0.5 + 0.5 + r2.y * 0.2,
                refl.z * 0.3 + 0.5 + t2.x * 0.4 + ff.z * 0.1,
                0.5 + ff2.x * 0.25 + refr.z * 0.1 + r2.x * 0.3);
}
