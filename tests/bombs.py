"""Hostile inputs made on the spot: a PDF whose one stream inflates to gigabytes, a billion-laughs YAML,
JSON nested past any recursion limit, and a table with a formula for a name."""

from __future__ import annotations

import struct
import zlib

CHUNK = 1 << 20


def deflated_zeros(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes (a multiple of 1 MB), built from one repeated block, so even
    gigabytes take no time: after a full flush, compressing the same chunk gives the same bytes."""
    packer = zlib.compressobj(9)
    head = packer.compress(bytes(CHUNK)) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(bytes(CHUNK)) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()[:-4]  # the final empty block; the Adler-32 of the whole follows
    adler = ((size % 65521) << 16) | 1  # of zeros: a stays 1, b grows by one per byte
    return head + block * (size // CHUNK - 1) + tail + struct.pack(">I", adler)


def flate_bomb_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MB (about 1,000:1)."""
    stream = deflated_zeros(inflated_mb * CHUNK)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def billion_laughs_yaml() -> str:
    """Under 400 bytes whose one value names 10^9 strings through nested aliases (quoting it in an error
    message took minutes and gigabytes)."""
    levels = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for this, prev in zip("bcdefghi", "abcdefgh", strict=True):
        levels.append(f"&{this} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "基本信息:\n  单位名称: [" + ", ".join(levels) + "]\n"


def deep_json(depth: int = 100_000) -> str:
    """An object nested ``depth`` deep (valid JSON, and valid YAML flow style)."""
    return '{"a": ' * depth + "{}" + "}" * depth
