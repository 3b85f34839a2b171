// fx_bouncing_balls: balls as structs in an array, each bouncing between the walls on a
// triangle wave (abs(mod()) motion, continuous), drawn with soft edges and a shadow; the
// nearest ball's colour wins through a weighted blend rather than a hard choice.
struct Ball {
    vec2 velocity;
    vec2 offset;
    float radius;
    vec3 colour;
};

vec2 bounce(vec2 x) {
    return abs(mod(x, 2.0) - 1.0);                // 0..1..0, period 2
}

vec4 main(vec2 fragCoord, vec2 outputSize, float time) {
    vec2 uv = fragCoord / outputSize;
    Ball balls[4];
    balls[0] = Ball(vec2(0.31, 0.47), vec2(0.1, 0.3), 0.12, vec3(1.0, 0.3, 0.2));
    balls[1] = Ball(vec2(0.53, 0.29), vec2(0.7, 0.2), 0.10, vec3(0.2, 0.8, 0.3));
    balls[2] = Ball(vec2(0.23, 0.61), vec2(0.4, 0.9), 0.14, vec3(0.3, 0.4, 1.0));
    balls[3] = Ball(vec2(0.43, 0.37), vec2(1.3, 0.5), 0.09, vec3(1.0, 0.9, 0.2));
    vec3 col = vec3(0.05, 0.05, 0.1) + 0.1 * uv.y;
    for (int i = 0; i < 4; i++) {
        Ball b = balls[i];
        vec2 centre = b.radius + bounce(b.offset + b.velocity * time) * (1.0 - 2.0 * b.radius);
        float d = length(uv - centre);
        float shadow = 1.0 - smoothstep(b.radius - 0.02, b.radius + 0.08, length(uv - centre - vec2(0.03, -0.04)));
        col *= 1.0 - 0.4 * shadow;
        float body = 1.0 - smoothstep(b.radius - 0.03, b.radius + 0.03, d);
        float shine = 1.0 - smoothstep(0.0, 0.6, length(uv - centre - b.radius * vec2(-0.3, 0.3)) / b.radius);
        col = mix(col, b.colour * (0.7 + 0.5 * shine), body);
    }
    return vec4(col, 1.0);
}
