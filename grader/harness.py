"""Run untrusted code inside the sandbox child: load the source, call its entry on each case, send results.

The child talks to the trusted parent over fd 3 only. Cases come in at most two batches: the visible
samples, then the hidden cases once every sample's result is in, so hidden inputs never share the
child with a sample still running. Each call's arguments are compared before and after it; a solution
that changed one in place gets a `mutated` frame instead of its result. Nothing here is trusted by
the parent: every value it sends is decoded strictly and checked there (the mutation check helps
honest code follow the statement's "do not modify the inputs"; it is no defence, as the child is
the submission's own process).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Sequence

import numpy as np

from grader import wire

CHANNEL_FD = 3
SOURCE_NAME = "solution.py"
# Snapshots copy every array argument: above this many bytes in all, the copy would cost more memory
# than the check is worth, and the case runs unchecked.
SNAPSHOT_LIMIT_BYTES = 64 * 1024 * 1024


def _nbytes(value, torch_module) -> int:
    """Bytes a snapshot of `value` would copy (arrays and tensors; containers walked)."""
    t = type(value)
    if t is list:
        return sum(_nbytes(v, torch_module) for v in value)
    if t is dict:
        return sum(_nbytes(v, torch_module) for v in value.values())
    if isinstance(value, np.ndarray):
        return value.nbytes
    if torch_module is not None and isinstance(value, torch_module.Tensor):
        return value.nelement() * value.element_size()
    return 0


def snapshot(value, torch_module=None):
    """A copy of `value` that a later change to it cannot reach: arrays, tensors, lists and dicts are copied."""
    t = type(value)
    if t is list:
        return [snapshot(v, torch_module) for v in value]
    if t is dict:
        return {k: snapshot(v, torch_module) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.copy()
    if torch_module is not None and isinstance(value, torch_module.Tensor):
        return value.detach().clone()
    return value  # None, bool, int, float and str cannot change in place


def unchanged(before, after, torch_module=None) -> bool:
    """Whether `after` still equals its snapshot `before`: exactly, with NaN equal to NaN, same dtype and shape."""
    if type(before) is not type(after):
        return False
    if type(before) is list:
        if len(before) != len(after):
            return False
        return all(unchanged(b, a, torch_module) for b, a in zip(before, after, strict=True))
    if type(before) is dict:
        return before.keys() == after.keys() and all(unchanged(before[k], after[k], torch_module) for k in before)
    if isinstance(before, np.ndarray):
        return (
            before.dtype == after.dtype
            and before.shape == after.shape
            and bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        )
    if torch_module is not None and isinstance(before, torch_module.Tensor):
        after = after.detach()
        if before.dtype != after.dtype or before.shape != after.shape or before.device != after.device:
            return False
        if torch_module.equal(before, after):  # one call in the common case; NaN never equals itself there
            return True
        if before.is_floating_point() or before.is_complex():
            return bool((before.eq(after) | (before.isnan() & after.isnan())).all())
        return False
    if type(before) is float:
        return before == after or (before != before and after != after)  # NaN stays NaN
    return before == after


def changed_argument(kwargs: dict, before: dict | None, torch_module=None) -> str | None:
    """The name of the first argument the call changed in place, or None (also when no snapshot was taken)."""
    if before is None:
        return None
    for name, value in kwargs.items():
        try:
            if not unchanged(before[name], value, torch_module):
                return name
        except Exception:  # noqa: BLE001 - an argument changed so much it no longer compares (e.g. .data replaced)
            return name
    return None


def snapshot_arguments(kwargs: dict, torch_module=None) -> dict | None:
    """Snapshots of every argument, or None when they exceed SNAPSHOT_LIMIT_BYTES (the case runs unchecked)."""
    if sum(_nbytes(v, torch_module) for v in kwargs.values()) > SNAPSHOT_LIMIT_BYTES:
        return None
    return {name: snapshot(value, torch_module) for name, value in kwargs.items()}


def _send(message: dict, blobs: Sequence[bytes] = ()) -> None:
    wire.write_all(CHANNEL_FD, wire.pack(message, blobs))


def _trimmed_traceback(exc: BaseException) -> tuple[str, int | None]:
    """The traceback cut down to the submission's own frames, and the last line number in it."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == SOURCE_NAME]
    lines = ["Traceback (most recent call last):"] if frames else []
    lines += [f'  File "{SOURCE_NAME}", line {f.lineno}, in {f.name}\n    {(f.line or "").strip()}' for f in frames]
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    lines.append(detail[:2000])
    return "\n".join(lines), frames[-1].lineno if frames else None


def run(torch_module=None) -> None:
    """Serve one job: an `init` frame with the source and entry, then `case` frames, then `end`."""
    first = wire.read_frame(CHANNEL_FD)
    if first is None or first[0].get("op") != "init":
        return
    source, entry = first[0]["source"], first[0]["entry"]
    try:
        code = compile(source, SOURCE_NAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        text = f"line {line}: {exc.msg}" if isinstance(exc, SyntaxError) else str(exc)
        _send({"op": "syntax_error", "message": text})
        return
    import linecache

    linecache.cache[SOURCE_NAME] = (len(source), None, source.splitlines(True), SOURCE_NAME)
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    try:
        exec(code, namespace)
        function = namespace.get(entry)
        if not callable(function):
            raise NameError(f"the solution does not define a function named {entry!r}")
    except BaseException as exc:  # noqa: BLE001 - a student's bug is a verdict
        message, line = _trimmed_traceback(exc)
        _send({"op": "load_error", "type": type(exc).__name__, "message": message, "line": line})
        return
    _send({"op": "ready"})
    while True:
        frame = wire.read_frame(CHANNEL_FD)
        if frame is not None and frame[0].get("op") == "end":
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                _send({"op": "bye"})  # all output is flushed: the parent need not wait for the exit
            return
        if frame is None or frame[0].get("op") != "case":
            return
        header, blobs = frame
        index = header["index"]
        kwargs = wire.decode(header["args"], blobs, torch_module)
        try:
            before = snapshot_arguments(kwargs, torch_module)
        except MemoryError:  # no room for the copy under the memory limit: the case runs unchecked
            before = None
        start = time.perf_counter()
        try:
            value = function(**kwargs)
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are verdicts too
            elapsed = (time.perf_counter() - start) * 1000
            message, line = _trimmed_traceback(exc)
            _send(
                {
                    "op": "error",
                    "index": index,
                    "time_ms": elapsed,
                    "type": type(exc).__name__,
                    "message": message,
                    "line": line,
                }
            )
            continue
        elapsed = (time.perf_counter() - start) * 1000
        try:
            mutated = changed_argument(kwargs, before, torch_module)
        except BaseException:  # noqa: BLE001 - e.g. an argument's comparison raised in an odd way
            mutated = None
        if mutated is not None:
            _send({"op": "mutated", "index": index, "time_ms": elapsed, "argument": mutated})
            continue
        try:
            tree, out_blobs = wire.encode(value, torch_module)
            frame_bytes = wire.pack({"op": "result", "index": index, "time_ms": elapsed, "value": tree}, out_blobs)
        except wire.WireError as exc:
            # too_large: the output limit (a verdict of its own), not a value of the wrong kind
            too_large = isinstance(exc, wire.WireTooLarge)
            _send({"op": "bad_value", "index": index, "time_ms": elapsed, "message": str(exc), "too_large": too_large})
            continue
        except BaseException as exc:  # noqa: BLE001 - e.g. a tensor subclass raising on .numpy()
            _send(
                {
                    "op": "bad_value",
                    "index": index,
                    "time_ms": elapsed,
                    "message": f"the returned value could not be read ({type(exc).__name__})",
                }
            )
            continue
        wire.write_all(CHANNEL_FD, frame_bytes)


def child_main(torch_module=None) -> None:
    """Entry in the forked child after the sandbox is applied; never returns."""
    try:
        run(torch_module)
    except BaseException:  # noqa: BLE001 - the parent sees the missing frames and reports it
        pass
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(0)
