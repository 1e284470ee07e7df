"""Run untrusted code inside the sandbox child: load the source, call its entry on each case, send results.

The child talks to the trusted parent over fd 3 only. It receives one case at a time, so a test's
inputs never reach the child before the earlier tests are finished. Nothing here is trusted by the
parent: every value it sends is decoded strictly and checked there.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from grader import wire

CHANNEL_FD = 3
SOURCE_NAME = "solution.py"


def _send(message: dict, blobs: list[bytes] = ()) -> None:
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
            tree, out_blobs = wire.encode(value, torch_module)
            frame_bytes = wire.pack({"op": "result", "index": index, "time_ms": elapsed, "value": tree}, out_blobs)
        except wire.WireError as exc:
            # too_large: the output limit (a verdict of its own), not a value of the wrong kind
            too_large = isinstance(exc, wire.WireTooLarge)
            message = {"op": "bad_value", "index": index, "time_ms": elapsed, "message": str(exc)}
            _send(message | {"too_large": too_large})
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
