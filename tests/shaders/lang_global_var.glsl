// lang_global_var: non-const globals with constant initialisers (reset for every pixel),
// written by one function and read by another and by main; a global without initialiser
// written before it is read; a global array and a global vector updated in place.
float energy = 0.5;
int hits = 0;
vec3 accum = vec3(0.0);
float history[3] = float[3](0.0, 0.0, 0.0);
float last;

void absorb(float v) {
    energy += v;
    hits++;
    accum += vec3(v, v * 0.5, 0.25);
    history[hits % 3] = v;
}

float report() {
    return energy * 0.5 + float(hits) * 0.05;
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    last = uv.y;
    absorb(uv.x * 0.3);
    if (uv.y > 0.5) {
        absorb(0.1 * sin(time));
    }
    absorb(last * 0.2);
    return vec4(report(), accum.x + accum.y, history[0] + history[1] + history[2], last);
}
