"""Carry plain data across the sandbox boundary: tagged JSON plus raw .npy blobs, never pickle.

Used on both sides, and for cases.json (`from_tagged_json`). Decoding parses .npy headers itself and
checks every size before allocating anything; the trusted side decodes without a torch module, so
tensors reach it as TensorData (plain arrays) and torch is never imported there.
"""

from __future__ import annotations

import io
import json
import math
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MAX_FRAME = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 1_000_000
MAX_HEADER = 32 * 1024 * 1024  # the JSON part of a frame: parsing it costs the trusted side time per token
ARRAY_KINDS = "biuf"
_LEN = struct.Struct("!I")


class WireError(ValueError):
    """A value cannot be encoded, or a frame is malformed."""


class WireTooLarge(WireError):
    """A value is over the size limits (MAX_FRAME bytes or MAX_ITEMS items): the output limit, not a bad value."""


@dataclass(frozen=True)
class TensorData:
    """A torch tensor as the trusted side sees it: its values as a plain ndarray."""

    array: np.ndarray


# ---- values -------------------------------------------------------------------------------------------


def encode(value, torch_module=None) -> tuple[object, list[bytes]]:
    """Turn a plain value into (JSON tree, blobs); raise WireError for anything not plain data."""
    blobs: list[bytes] = []
    budget = [MAX_ITEMS, MAX_FRAME]  # items, bytes: checked before anything big is copied

    def spend(nbytes: int) -> None:
        budget[1] -= nbytes
        if budget[1] < 0:
            raise WireTooLarge("the value is larger than 64 MiB")

    def array_blob(arr: np.ndarray) -> int:
        if arr.dtype.kind not in ARRAY_KINDS or arr.dtype.fields is not None:
            raise WireError(f"arrays of dtype {arr.dtype} are not supported")
        spend(arr.nbytes)
        buf = io.BytesIO()
        np.lib.format.write_array(buf, arr if arr.flags.c_contiguous else arr.copy(order="C"), allow_pickle=False)
        blobs.append(buf.getvalue())
        return len(blobs) - 1

    def walk(v, depth):
        budget[0] -= 1
        if budget[0] < 0:
            raise WireTooLarge(f"the value has more than {MAX_ITEMS:,} items")
        if depth > MAX_DEPTH:
            raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
        t = type(v)
        if t is str:
            spend(len(v))
            return v
        if v is None or t is bool:
            return v
        if t is int:
            if abs(v) >= 2**63:
                raise WireError("integers must fit in 64 bits")
            return v
        if t is float:
            return v if math.isfinite(v) else {"__float__": repr(v)}
        if t is list or t is tuple:
            return [walk(x, depth + 1) for x in v]
        if t is dict:
            if not all(type(k) is str for k in v):
                raise WireError("dict keys must be str")
            return {"__dict__": [[k, walk(x, depth + 1)] for k, x in v.items()]}
        if t is np.ndarray:
            return {"__ndarray__": array_blob(v)}
        if t is TensorData:  # the trusted side's tensors (it never imports torch)
            return {"__tensor__": array_blob(v.array)}
        if isinstance(v, np.generic) and t.__module__ == "numpy":
            if v.dtype.kind == "b":
                return bool(v)
            if v.dtype.kind in "iu":
                return walk(int(v), depth)
            if v.dtype.kind == "f":
                return walk(float(v), depth)
            raise WireError(f"numpy scalars of dtype {v.dtype} are not supported")
        if (
            torch_module is not None
            and t is torch_module.Tensor
            or (torch_module is not None and t is torch_module.nn.Parameter)
        ):
            tensor = v.detach().cpu()
            if tensor.layout != torch_module.strided:
                raise WireError(f"tensors with layout {tensor.layout} are not supported (return a dense tensor)")
            if tensor.dtype in (torch_module.bfloat16, torch_module.float16):
                tensor = tensor.to(torch_module.float32)
            if tensor.is_complex():
                raise WireError(f"tensors of dtype {tensor.dtype} are not supported")
            return {"__tensor__": array_blob(tensor.numpy())}
        name = getattr(t, "__qualname__", "object")
        raise WireError(
            f"values of type {t.__module__}.{name} are not supported"
            if t.__module__ != "builtins"
            else f"values of type {name} are not supported"
        )

    return walk(value, 0), blobs


def _npy_from_bytes(data: bytes) -> np.ndarray:
    """Decode one .npy blob strictly: numeric dtype, no pickle, size checked before any allocation."""
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise WireError("unsupported .npy version")
    except WireError:
        raise
    except Exception as exc:
        raise WireError(f"malformed array: {exc}") from None
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"arrays of dtype {dtype} are not supported")
    count = 1
    for dim in shape:
        if not isinstance(dim, int) or dim < 0:
            raise WireError("malformed array shape")
        count *= dim
    offset = stream.tell()
    if count * dtype.itemsize != len(data) - offset:
        raise WireError("array data does not match its header")
    if len(shape) > MAX_DEPTH:
        raise WireError(f"arrays may have at most {MAX_DEPTH} dimensions")
    try:  # a zero-size shape can still be impossible, e.g. (0, 2**62)
        flat = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
        array = flat.reshape(shape, order="F" if fortran else "C")
        return np.array(array, dtype=dtype.newbyteorder("="), order="C")
    except (ValueError, OverflowError, TypeError) as exc:
        raise WireError(f"malformed array: {exc}") from None


def decode(tree, blobs: list[bytes], torch_module=None):
    """Rebuild a value. With torch_module, tensors become tensors; otherwise TensorData (trusted side)."""
    used = set()
    budget = [MAX_ITEMS]  # as on the sending side: a forged frame must not cost more to rebuild

    def blob(index):
        if type(index) is not int or not 0 <= index < len(blobs) or index in used:
            raise WireError("bad array reference")
        used.add(index)
        return _npy_from_bytes(blobs[index])

    def walk(v, depth):
        if depth > MAX_DEPTH:
            raise WireError("value nested too deeply")
        budget[0] -= 1
        if budget[0] < 0:
            raise WireError(f"the value has more than {MAX_ITEMS:,} items")
        t = type(v)
        if t is int and not -(2**63) <= v < 2**63:
            raise WireError("integers must fit in 64 bits")
        if v is None or t in (bool, int, float, str):
            return v
        if t is list:
            return [walk(x, depth + 1) for x in v]
        if t is dict and len(v) == 1:
            ((tag, inner),) = v.items()
            if tag == "__float__" and inner in ("nan", "inf", "-inf"):
                return float(inner)
            if tag == "__ndarray__":
                return blob(inner)
            if tag == "__tensor__":
                array = blob(inner)
                return torch_module.from_numpy(array) if torch_module is not None else TensorData(array)
            if tag == "__dict__" and type(inner) is list:
                out = {}
                for pair in inner:
                    if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                        raise WireError("malformed dict")
                    out[pair[0]] = walk(pair[1], depth + 1)
                return out
        raise WireError("malformed value")

    return walk(tree, 0)


def from_tagged_json(tree, depth: int = 0):
    """Turn cases.json's human-written tags ({"__ndarray__": [[...]], "dtype": ...}) into values.

    Raise WireError for what the wire cannot carry: a dtype outside ARRAY_KINDS (complex, strings,
    objects), array values that are not numbers, integers beyond 64 bits, nesting deeper than MAX_DEPTH."""
    if depth > MAX_DEPTH:
        raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
    if isinstance(tree, list):
        return [from_tagged_json(x, depth + 1) for x in tree]
    if isinstance(tree, dict):
        for tag in ("__ndarray__", "__tensor__"):
            if tag in tree:
                array = _tagged_array(tree, tag)
                return array if tag == "__ndarray__" else TensorData(array)
        return {k: from_tagged_json(v, depth + 1) for k, v in tree.items()}
    if type(tree) is int and not -(2**63) <= tree < 2**63:
        raise WireError("integers must fit in 64 bits")
    return tree


def _tagged_array(tree: dict, tag: str) -> np.ndarray:
    if set(tree) - {tag, "dtype"}:
        raise WireError(f"an array ({tag}) takes only the keys {tag!r} and 'dtype'")
    name = tree.get("dtype", "float64")
    try:
        dtype = np.dtype(name) if type(name) is str else None
    except (TypeError, ValueError):
        dtype = None
    if dtype is None or dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"arrays of dtype {name!r} are not supported (use a bool, int, uint or float dtype)")

    def numbers_only(v, level):
        if level > MAX_DEPTH:
            raise WireError(f"arrays may have at most {MAX_DEPTH} dimensions")
        if type(v) is list:
            for x in v:
                numbers_only(x, level + 1)
        elif type(v) not in (bool, int, float):
            raise WireError(f"array values must be numbers, not {type(v).__name__}")

    numbers_only(tree[tag], 0)
    try:
        return np.array(tree[tag], dtype=dtype)
    except (ValueError, TypeError, OverflowError) as exc:
        raise WireError(f"malformed array: {exc}") from None


# ---- frames -------------------------------------------------------------------------------------------


def pack(message: dict, blobs: Sequence[bytes] = ()) -> bytes:
    """One frame: total length, header length, JSON header, then each blob with its length."""
    header = json.dumps(message, allow_nan=False, separators=(",", ":")).encode()
    if len(header) > MAX_HEADER:
        raise WireTooLarge(f"the value takes more than {MAX_HEADER >> 20} MiB as JSON (return an array instead)")
    parts = [_LEN.pack(len(header)), header]
    for b in blobs:
        parts += [_LEN.pack(len(b)), b]
    body = b"".join(parts)
    if len(body) > MAX_FRAME:
        raise WireTooLarge("the value is larger than 64 MiB")
    return _LEN.pack(len(body)) + body


def unpack(body: bytes) -> tuple[dict, list[bytes]]:
    """Parse a frame body strictly; raise WireError on anything unexpected."""
    try:
        (hlen,) = _LEN.unpack_from(body, 0)
        if hlen > MAX_HEADER:
            raise WireError("frame header too large")
        header = json.loads(body[4 : 4 + hlen], parse_constant=_reject_constant)
        pos, blobs = 4 + hlen, []
        while pos < len(body):
            (blen,) = _LEN.unpack_from(body, pos)
            if pos + 4 + blen > len(body):
                raise WireError("truncated blob")
            blobs.append(body[pos + 4 : pos + 4 + blen])
            pos += 4 + blen
    except WireError:
        raise
    except (struct.error, ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise WireError(f"malformed frame: {exc}") from None
    if type(header) is not dict:
        raise WireError("malformed frame header")
    return header, blobs


def _reject_constant(name):
    raise WireError(f"non-standard JSON constant {name}")


class FrameReader:
    """Accumulate bytes from a stream and yield complete frames."""

    def __init__(self, limit: int = MAX_FRAME):
        self.buffer = bytearray()
        self.limit = limit

    def feed(self, data: bytes) -> list[bytes]:
        self.buffer += data
        frames = []
        while len(self.buffer) >= 4:
            (size,) = _LEN.unpack_from(self.buffer, 0)
            if size > self.limit:
                raise WireError("frame larger than the limit")
            if len(self.buffer) < 4 + size:
                break
            frames.append(bytes(self.buffer[4 : 4 + size]))
            del self.buffer[: 4 + size]
        return frames


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_frame(fd: int) -> tuple[dict, list[bytes]] | None:
    """Blocking read of one frame from fd (used inside the sandbox child); None at EOF."""

    def read_exact(n):
        chunks, got = [], 0
        while got < n:
            chunk = os.read(fd, min(n - got, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    head = read_exact(4)
    if head is None:
        return None
    (size,) = _LEN.unpack(head)
    body = read_exact(size)
    return None if body is None else unpack(body)
