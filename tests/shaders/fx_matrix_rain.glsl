// fx_matrix_rain (Shadertoy entry): falling green streaks, one per column: each column's
// speed and phase come from a uint hash of the column index, the streak is a smooth
// periodic pulse (a power of a cosine, so nothing jumps when it wraps), with a bright head.
float column_hash(uint column, uint salt) {
    uint h = (column + salt * 97u) * 2654435761u;
    h ^= h >> 16u;
    h *= 2246822519u;
    h ^= h >> 13u;
    return float(h & 255u) / 255.0;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    uint column = uint(fragCoord.x) / 2u;
    float speed = 0.4 + 0.6 * column_hash(column, 1u);
    float phase = column_hash(column, 2u);
    float y = uv.y + iTime * speed + phase;
    float pulse = 0.5 + 0.5 * cos(6.28318 * y);
    float tail = pulse * pulse * pulse * pulse;
    float head = tail * tail * tail * tail;
    vec3 col = vec3(0.1, 0.9, 0.3) * tail + vec3(0.7, 1.0, 0.8) * head * 0.6;
    fragColor = vec4(col * (0.6 + 0.4 * column_hash(column, 3u)), 1.0);
}
