// lang_struct: struct declaration, the constructor, member reads, member writes (also of a
// vector member's component), struct copy by assignment (a value, not an alias), == on
// structs, a struct local declared without initialiser.
struct Light {
    vec2 position;
    vec3 colour;
    float radius;
    int kind;
};

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    Light a = Light(vec2(0.3, 0.4), vec3(1.0, 0.5, 0.2), 0.35, 1);
    Light b;
    b.position = vec2(0.7, 0.6 + 0.1 * sin(time));
    b.colour = vec3(0.2, 0.4, 1.0);
    b.radius = 0.3;
    b.kind = 2;
    Light c = a;
    c.colour.g = 1.0;                 // a keeps 0.5
    c.position.x += 0.2;
    float da = max(0.0, 1.0 - length(uv - a.position) / a.radius);
    float db = max(0.0, 1.0 - length(uv - b.position) / b.radius);
    float dc = max(0.0, 1.0 - length(uv - c.position) / c.radius);
    vec3 col = a.colour * da + b.colour * db + c.colour * dc * 0.5;
    float same = (c == a) ? 0.0 : 0.2;
    float kinds = float(a.kind + b.kind) * 0.1 + a.colour.g * 0.2;
    return vec4(col, same + kinds + c.colour.g * 0.2);
}
