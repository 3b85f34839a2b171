"""Shader frames as images: raw RGBA floats -> clamped 8-bit, scaled up so a
16x16 LED frame is visible on a screen. Row 0 of a frame is fragCoord.y = 0.5,
the bottom row in GL terms, so rows are flipped to put it at the bottom."""

from PIL import Image


def default_scale(width, height):
    return max(1, min(32, 512 // max(width, height)))


def to_image(rgba, width, height, scale=1):
    data = bytearray()
    for y in range(height - 1, -1, -1):
        row = rgba[4 * width * y:4 * width * (y + 1)]
        for i in range(width):
            for c in range(3):
                v = row[4 * i + c]
                data.append(0 if v <= 0 else 255 if v >= 1 else int(v * 255 + 0.5))
    image = Image.frombytes("RGB", (width, height), bytes(data))
    if scale > 1:
        image = image.resize((width * scale, height * scale), Image.NEAREST)
    return image


def save_png(rgba, width, height, path, scale):
    to_image(rgba, width, height, scale).save(path)


def save_gif(frames, width, height, path, scale, ms_per_frame):
    images = [to_image(f, width, height, scale) for f in frames]
    images[0].save(path, save_all=True, append_images=images[1:], duration=ms_per_frame, loop=0)
