// lang_prototype: function prototypes declared first and defined after main; a call to a
// function defined later in the file without a prototype; a prototype with parameter names
// that differ from the definition and one without parameter names.
float wave(float x, float t);
vec3 palette(float);

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    float w = wave(uv.x * 6.0, time);
    vec3 col = palette(w * 0.5 + uv.y * 0.5);
    return vec4(col * later(uv), 1.0);
}

float wave(float position, float moment) {
    return sin(position + moment) * 0.5 + 0.5;
}

vec3 palette(float t) {
    return 0.5 + 0.5 * cos(6.28318 * (vec3(t) + vec3(0.0, 0.33, 0.67)));
}

float later(vec2 p) {
    return 0.6 + 0.4 * p.y;
}
