"""Mesa's images of the fixed-seed generated programs, for `make test`:
`python -m host.fuzz_golden` (part of `make golden`).

tests/test_fuzz_gen.py generates programs 0..COUNT-1 of SEED again,
checks that each is the program the file was made from (a hash of its
text: a changed generator means `make golden` again, not a silent pass),
runs them on the emulator and compares with these images, without Mesa.
Each image is fuzz_gen.SIZE at each of fuzz_gen.TIMES, kept as 12-bit
clamped channels (fuzz_diff.image_hex): the comparison adds half a
12-bit step to its tolerance. One program per line, so that a change
shows as the lines it touches.
"""

import hashlib
import json
import os
import sys

from host import fuzz_diff, fuzz_gen

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 7
COUNT = 300
PATH = os.path.join(REPO, "tests", "golden", "fuzz_gen", "seed%d.json" % SEED)


def source_hash(source):
    return hashlib.sha1(source.encode()).hexdigest()[:16]


def load(path=PATH):
    with open(path) as f:
        return json.load(f)


def text(renderer, programs):
    """The file's text: `programs` is [(hash, [image hex per time])]."""
    head = json.dumps({"seed": SEED, "count": len(programs), "size": list(fuzz_gen.SIZE),
                       "times": list(fuzz_gen.TIMES), "renderer": renderer})
    rows = [json.dumps({"k": k, "hash": h, "expect": images})
            for k, (h, images) in enumerate(programs)]
    return '%s, "programs": [\n%s\n]}\n' % (head[:-1], ",\n".join(rows))


def main():
    from host import mesa
    programs = []
    for k in range(COUNT):
        source = fuzz_gen.generate(SEED, k)
        images = fuzz_diff.mesa_images(source)
        programs.append((source_hash(source), [fuzz_diff.image_hex(i) for i in images]))
    with open(PATH, "w") as f:
        f.write(text(mesa.renderer(), programs))
    print("wrote %s: %d programs of seed %d" % (os.path.relpath(PATH, REPO), COUNT, SEED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
