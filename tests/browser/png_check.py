"""Check that a PNG screenshot is not blank: python3 png_check.py FILE.

Decodes the PNG with zlib alone (no imaging library needed): 8-bit
greyscale, RGB, grey+alpha or RGBA, not interlaced, as Chromium writes
them. A page that rendered shows many colours and a fair share of pixels
that differ from the background; a blank or failed render shows one or two.
Prints the size, the number of colours and the share of non-background
pixels; exits 1 when the image looks blank, 2 when it cannot be read.
"""
import struct
import sys
import zlib
from collections import Counter

MIN_COLOURS = 16
MIN_INK = 0.02  # share of pixels that are not the background colour

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def rows(path):
    """The image's width, height and unfiltered rows of bytes."""
    with open(path, "rb") as f:
        data = f.read()
    header, idat = None, []
    for kind, body in chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)"
                         % (depth, colour, interlace))
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    out = []
    pos = 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((x + y) & 0xFF for x, y in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up_left = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + paeth(left, prev[i], up_left)) & 0xFF
        out.append(bytes(line))
        prev = line
    return width, height, bpp, out


def main(path):
    try:
        width, height, bpp, lines = rows(path)
    except (OSError, ValueError, zlib.error, struct.error) as e:
        print("png_check: %s: %s" % (path, e))
        return 2
    counts = Counter()
    for line in lines:
        for i in range(0, len(line), bpp):
            counts[line[i:i + bpp]] += 1
    total = width * height
    background = counts.most_common(1)[0][1] if counts else total
    ink = 1 - background / total
    print("png_check: %s: %dx%d, %d colours, %.1f %% non-background"
          % (path, width, height, len(counts), 100 * ink))
    if len(counts) < MIN_COLOURS or ink < MIN_INK:
        print("png_check: %s looks blank" % path)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 png_check.py FILE.png")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
