// lang_struct_array: arrays of structs (declared, filled in a loop, constructed with
// Blob[3](...)), member access and member writes through an index, a struct holding
// vectors, a global const struct.
struct Blob {
    vec2 centre;
    float weight;
};

struct Ramp {
    vec3 stops;
    vec3 tint;
};

const Blob ANCHOR = Blob(vec2(0.5, 0.5), 0.02);

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    Blob blobs[3] = Blob[3](Blob(vec2(0.25, 0.3), 0.01),
                            Blob(vec2(0.75, 0.35), 0.015),
                            Blob(vec2(0.5, 0.8), 0.012));
    Blob moved[4];
    for (int i = 0; i < 3; i++) {
        moved[i] = blobs[i];
        moved[i].centre.y += 0.1 * sin(time + float(i) * 2.0);
    }
    moved[3] = ANCHOR;
    float field = 0.0;
    for (int i = 0; i < 4; i++) {
        vec2 d = uv - moved[i].centre;
        field += moved[i].weight / (dot(d, d) + 0.02);
    }
    Ramp ramp;
    ramp.stops.x = 0.2;
    ramp.stops.y = 0.5;
    ramp.stops.z = 0.9;
    ramp.tint = vec3(1.0, 0.6, 0.3);
    int k = int(fragCoord.x) % 3;
    float level = clamp(field * 0.5, 0.0, 1.0);
    vec3 col = ramp.tint * level + vec3(0.0, 0.0, ramp.stops[k] * 0.3);
    return vec4(col, blobs[k].weight * 40.0);
}
