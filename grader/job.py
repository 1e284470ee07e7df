"""One sandboxed run: the conversation with one child, every limit enforced, and how the run ended.

A job sends the child its source, then its cases in at most two batches (visible samples first; hidden
cases only once every sample's result is in), reads each result within the time limit, caps what the
child prints, and classifies a child that died (memory, CPU, a signal, an exit call). It never interprets
a result: that is the checkers' job. Its outcome is typed (`RunStatus`, `CaseKind`, `Verdict`), and every
string in it that the child controls is kept apart from what the trusted side decides.
"""

from __future__ import annotations

import collections
import os
import queue
import select
import signal
import socket
import time
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from grader import wire
from grader.errors import SandboxError
from grader.result import Verdict
from grader.slots import PIDS_MAX, Slot
from grader.zygote_client import Zygote

OUTPUT_LIMIT = 64 * 1024
FSIZE_BYTES = 16 * 1024 * 1024
ADDRESS_SPACE_BYTES = 16 * 1024**3
CHANNEL_FORGED = "the solution wrote to the grader's channel"
CHANNEL_FORGED_ZH = "解答向评测器的通道写入了数据"


class RunStatus(StrEnum):
    OK = "ok"  # every case answered (each with a value, an exception or an unsendable value)
    SYNTAX_ERROR = "syntax_error"
    LOAD_ERROR = "load_error"  # the module raised while loading, or has no entry function
    FATAL = "fatal"  # the child died or was killed mid-run; `RunOutcome.fatal` says why


class CaseKind(StrEnum):
    RESULT = "result"
    ERROR = "error"  # the entry raised
    BAD_VALUE = "bad_value"  # the returned value is not plain data
    MUTATED = "mutated"  # the entry changed one of its arguments in place


@dataclass
class CaseOutcome:
    """What the child said about one case. `time_ms` is the child's figure, capped by the parent's own;
    `error_type`, `message` and `argument` are child-controlled text."""

    index: int
    kind: CaseKind
    time_ms: float
    value: object = None
    error_type: str = ""
    message: str = ""
    argument: str = ""  # for MUTATED: the name of the changed argument (one of the case's own names)


@dataclass
class RunOutcome:
    """How one sandboxed run went. `fatal` is set when the child died or was killed mid-run."""

    status: RunStatus
    cases: list[CaseOutcome] = field(default_factory=list)
    fatal: Verdict | None = None
    fatal_message: str = ""  # trusted text only: chosen here, never copied from the child
    fatal_message_zh: str = ""  # the same in Chinese
    fatal_index: int | None = None
    message: str = ""
    error_type: str = ""
    stdout: str = ""
    wall_ms: float = 0.0


class Job:
    """One conversation with one child: init, cases in at most two batches, end; every limit enforced."""

    def __init__(
        self,
        zygote: Zygote,
        slot: Slot,
        source: str,
        entry: str,
        cases: list,
        time_ms: int,
        memory_mb: int,
        hold_from: int | None = None,
    ):
        self.zygote, self.slot, self.hold_from = zygote, slot, hold_from
        self.source, self.entry, self.cases = source, entry, cases
        self.limit_s = time_ms / 1000
        self.memory_mb = memory_mb
        self.id = f"job-{uuid.uuid4().hex[:12]}"
        self.stdout = bytearray()
        self.outcome = RunOutcome(status=RunStatus.OK)
        self.died = False  # the child's channel closed mid-run; its exit status says why
        self.started = False  # the child's sandbox is up and the solution's code may have run
        self.clean_end = False  # every result in and the child said bye: its exit can be awaited later
        self._blobs: list[bytes] = []

    def run(self) -> RunOutcome:
        started = time.perf_counter()
        oom_before = self.slot.prepare(self.memory_mb)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        out_r, out_w = os.pipe()
        self.channel_socket, self.out_fd = ours, out_r
        cpu_s = max(1, int(self.limit_s * (len(self.cases) + 1)) + 1)
        job = {
            "op": "fork",
            "job": self.id,
            "slot": self.slot.index,
            "uid": self.slot.uid if self.slot.managed else None,
            "cpu_s": cpu_s,
            "fsize_bytes": FSIZE_BYTES,
            "nproc": PIDS_MAX,
            "as_bytes": ADDRESS_SPACE_BYTES,
        }
        try:
            inbox = self.zygote.fork(job, [theirs.fileno(), out_w])
        finally:
            theirs.close()
            os.close(out_w)
        try:
            first = inbox.get(timeout=10)
            if first.get("op") != "forked":
                raise SandboxError(f"the zygote could not start a run: {first.get('reason', first.get('op'))}")
            ours.setblocking(False)
            os.set_blocking(out_r, False)
            self.channel, self.out_r = ours, out_r
            self.out_open = True  # until the child closes its stdout and stderr
            self.reader = wire.FrameReader()
            self.frames: collections.deque[bytes] = collections.deque()
            self.pending = bytearray()
            self._converse()
            if self.clean_end:
                # every result is in: the child's exit (slow for a large zygote) is waited for off the hot path
                self.inbox = inbox
            else:
                self._kill()
                self._classify_exit(self._exit_message(inbox, 5.0), oom_before)
        finally:
            if not self.clean_end:
                self._close()
        self.outcome.stdout = self.stdout[:OUTPUT_LIMIT].decode("utf-8", "replace")
        self.outcome.wall_ms = (time.perf_counter() - started) * 1000
        return self.outcome

    def _exit_message(self, inbox: queue.Queue, timeout: float) -> dict:
        try:
            message = inbox.get(timeout=timeout)
        except queue.Empty:
            raise SandboxError("the zygote did not report the child's exit") from None
        if message.get("op") == "dead":
            raise SandboxError("the zygote died during a run")
        return message

    def _close(self) -> None:
        self.zygote.done(self.id)
        self.channel_socket.close()
        os.close(self.out_fd)

    def reap(self) -> None:
        """After a clean end: let the child exit on its own (or kill it), then free its descriptors."""
        try:
            try:
                self._exit_message(self.inbox, 1.0)
            except SandboxError:
                self._kill()
                self._exit_message(self.inbox, 5.0)
        except SandboxError:
            pass  # a dead zygote is replaced on the next run; the slot is emptied by the pool
        finally:
            self._close()

    # -- the conversation -----------------------------------------------------------------------------

    def _converse(self) -> None:
        self.pending += wire.pack({"op": "init", "source": self.source, "entry": self.entry})
        load_deadline = time.monotonic() + self.limit_s + 1.0
        header = self._next_frame(load_deadline, None)  # sent by the zygote's own code, before the solution's
        if header is None:
            return
        if header.get("op") != "started":
            return self._fatal(
                Verdict.INTERNAL_ERROR, "the sandbox did not start the run", None, "沙箱 (sandbox) 未能启动这次运行"
            )
        self.started = True
        header = self._next_frame(load_deadline, None)
        if header is None:
            return
        op = header.get("op")
        if op == RunStatus.SYNTAX_ERROR:
            self.outcome.status, self.outcome.message = RunStatus.SYNTAX_ERROR, str(header.get("message", ""))
            return
        if op == RunStatus.LOAD_ERROR:
            self.outcome.status, self.outcome.message = RunStatus.LOAD_ERROR, str(header.get("message", ""))
            self.outcome.error_type = str(header.get("type", ""))
            return
        if op != "ready":
            return self._fatal(Verdict.RUNTIME_ERROR, CHANNEL_FORGED, None, CHANNEL_FORGED_ZH)
        # Cases go in batches; a batch is sent only once every earlier result is in. Cases before
        # `hold_from` (visible samples) never share the child with the later (hidden) ones' inputs.
        hold = self.hold_from if self.hold_from is not None and 0 < self.hold_from < len(self.cases) else None
        batches = [range(0, hold), range(hold, len(self.cases))] if hold else [range(len(self.cases))]
        for batch in batches:
            for index in batch:
                tree, blobs = wire.encode(self.cases[index])
                self.pending += wire.pack({"op": "case", "index": index, "args": tree}, blobs)
            if not self._collect(batch):
                return
        self.pending += wire.pack({"op": "end"})
        header = self._next_frame(time.monotonic() + 0.5, None, quiet=True)
        if header is not None and header.get("op") == "bye":
            # the child flushed before saying bye, so all it printed is in the pipe now
            while self.out_open and self.outcome.status != RunStatus.FATAL and self._drain_output(None, final=True):
                pass
            self.clean_end = self.outcome.status != RunStatus.FATAL
        else:
            self._flush(time.monotonic() + 0.5)

    def _collect(self, batch: range) -> bool:
        """Receive the batch's results in order, each within the time limit of the one before."""
        kinds = {kind.value: kind for kind in CaseKind}
        for index in batch:
            sent = time.perf_counter()
            header = self._next_frame(time.monotonic() + self.limit_s, index)
            measured = (time.perf_counter() - sent) * 1000
            if header is None:
                return False
            op = header.get("op")
            kind = kinds.get(op) if isinstance(op, str) else None
            if header.get("index") != index or kind is None:
                self._fatal(Verdict.RUNTIME_ERROR, CHANNEL_FORGED, index, CHANNEL_FORGED_ZH)
                return False
            reported = header.get("time_ms")
            elapsed = float(reported) if isinstance(reported, (int, float)) and 0 <= reported <= measured else measured
            if kind == CaseKind.BAD_VALUE and header.get("too_large") is True:
                self._fatal(
                    Verdict.OUTPUT_LIMIT_EXCEEDED,
                    "returned a value over the output limit (64 MiB)",
                    index,
                    "返回值超过输出上限 (64 MiB)",
                )
                return False
            case = CaseOutcome(index=index, kind=kind, time_ms=elapsed)
            if kind == CaseKind.RESULT:
                try:
                    case.value = wire.decode(header.get("value"), self._blobs)
                except wire.WireError as exc:
                    case.kind, case.message = CaseKind.BAD_VALUE, f"the returned value could not be read: {exc}"
            elif kind == CaseKind.MUTATED:
                names = self.cases[index].keys() if isinstance(self.cases[index], dict) else ()
                argument = header.get("argument")
                case.argument = argument if isinstance(argument, str) and argument in names else ""
            else:
                case.error_type = str(header.get("type", ""))[:100]
                case.message = str(header.get("message", ""))[:4000]
            self.outcome.cases.append(case)
        return True

    def _next_frame(self, deadline: float, index: int | None, quiet: bool = False) -> dict | None:
        """Pump the socket and the output pipe until a frame arrives; on any limit, record it and stop.

        With `quiet` (after the last result), running out of time or an early exit only returns None."""
        while True:
            if self.frames:
                try:
                    header, self._blobs = wire.unpack(self.frames.popleft())
                except wire.WireError:
                    self._fatal(Verdict.RUNTIME_ERROR, CHANNEL_FORGED, index, CHANNEL_FORGED_ZH)
                    return None
                return header
            remaining = deadline - time.monotonic()
            if remaining <= 0 and quiet:
                return None
            if remaining <= 0:
                self._fatal(
                    Verdict.TIME_LIMIT_EXCEEDED,
                    f"took longer than {self.limit_s * 1000:.0f} ms",
                    index,
                    f"运行超过 {self.limit_s * 1000:.0f} ms",
                )
                return None
            writers = [self.channel] if self.pending else []
            readable, writable, _ = select.select(self._readers(), writers, [], remaining)
            if writable and self.pending:
                try:
                    sent = self.channel.send(self.pending)
                    del self.pending[:sent]
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    self.pending.clear()
            if self.out_r in readable:
                if not self._drain_output(index):
                    return None
            if self.channel in readable:
                try:
                    data = self.channel.recv(1 << 20)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    self._drain_output(index)
                    if not quiet:
                        self._died(index)
                    return None
                try:
                    self.frames.extend(self.reader.feed(data))
                except wire.WireError:  # the harness never sends a frame over the limit: this is forged
                    self._fatal(Verdict.RUNTIME_ERROR, CHANNEL_FORGED, index, CHANNEL_FORGED_ZH)
                    return None

    def _readers(self) -> list:
        # a closed pipe is always readable: polling it would spin this thread until the deadline
        return [self.channel, self.out_r] if self.out_open else [self.channel]

    def _drain_output(self, index, final: bool = False) -> bool:
        """Read what the child printed; False when the limit is hit (or, with `final`, the pipe is empty)."""
        try:
            chunk = os.read(self.out_r, 1 << 16)
        except BlockingIOError:
            return not final
        if not chunk:
            self.out_open = False
        self.stdout += chunk
        if len(self.stdout) > OUTPUT_LIMIT:
            self._fatal(
                Verdict.OUTPUT_LIMIT_EXCEEDED,
                f"printed more than {OUTPUT_LIMIT // 1024} KiB",
                index,
                f"打印输出超过 {OUTPUT_LIMIT // 1024} KiB",
            )
            return False
        return True

    def _flush(self, deadline: float) -> None:
        while self.pending and time.monotonic() < deadline:
            _, writable, _ = select.select([], [self.channel], [], max(0.0, deadline - time.monotonic()))
            if not writable:
                break
            try:
                del self.pending[: self.channel.send(self.pending)]
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                break
        # let the child finish writing its output before the pipe is read for the last time
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            readable, _, _ = select.select(self._readers(), [], [], end - time.monotonic())
            if self.out_r in readable and not self._drain_output(None):
                return
            if self.channel in readable:
                try:
                    if not self.channel.recv(65536):
                        self._drain_output(None)
                        return
                except OSError:
                    return

    def _fatal(self, verdict: Verdict, message: str, index: int | None, message_zh: str) -> None:
        if self.outcome.status == RunStatus.FATAL:
            return
        self.outcome.status, self.outcome.fatal = RunStatus.FATAL, verdict
        self.outcome.fatal_message, self.outcome.fatal_index = message, index
        self.outcome.fatal_message_zh = message_zh
        self._kill()

    def _died(self, index: int | None) -> None:
        """The child closed its channel mid-run: a runtime error until its exit status says more."""
        if self.outcome.status != RunStatus.FATAL:
            self.died = True
            self._fatal(Verdict.RUNTIME_ERROR, "the process ended before returning", index, "进程在返回之前就结束了")

    def _kill(self) -> None:
        """Kill the child and all it started: empty the slot's cgroup, or (unsafe, no cgroups) ask the zygote."""
        if self.slot.managed:
            self.slot.kill_all()
        else:
            self.zygote.kill(self.id)

    def _classify_exit(self, exit_message: dict, oom_before: int) -> None:
        """Explain a child that died on its own: memory, CPU, a signal, or an exit call."""
        out = self.outcome
        if not self.died:
            if out.status == RunStatus.FATAL and self.slot.oom_kills() > oom_before:
                out.fatal, out.fatal_message = Verdict.MEMORY_LIMIT_EXCEEDED, f"used more than {self.memory_mb} MB"
                out.fatal_message_zh = f"内存使用超过 {self.memory_mb} MB"
            return
        status = exit_message.get("status", 0)
        status = status if type(status) is int else 0
        if self.slot.oom_kills() > oom_before:
            out.fatal, out.fatal_message = Verdict.MEMORY_LIMIT_EXCEEDED, f"used more than {self.memory_mb} MB"
            out.fatal_message_zh = f"内存使用超过 {self.memory_mb} MB"
        elif os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            cpu_s = exit_message.get("cpu_s", 0)
            if sig in (signal.SIGXCPU, signal.SIGKILL) and type(cpu_s) in (int, float) and cpu_s >= self.limit_s:
                out.fatal, out.fatal_message = Verdict.TIME_LIMIT_EXCEEDED, "used more CPU time than allowed"
                out.fatal_message_zh = "CPU 时间超过限制"
            else:
                name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
                reasons: dict[int, tuple[str, str]] = {
                    signal.SIGSEGV: (
                        " (segmentation fault, e.g. a stack overflow)",
                        "（段错误 (segmentation fault)，例如栈溢出）",
                    ),
                    signal.SIGABRT: (" (aborted)", "（异常中止）"),
                    signal.SIGBUS: (" (bus error)", "（总线错误 (bus error)）"),
                }
                reason, reason_zh = reasons.get(sig, ("", ""))
                out.fatal, out.fatal_message = Verdict.RUNTIME_ERROR, f"the process was killed by {name}{reason}"
                out.fatal_message_zh = f"进程被 {name} 信号终止{reason_zh}"
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 120 and not self.started:
            out.fatal, out.fatal_message = Verdict.INTERNAL_ERROR, "the sandbox could not be set up for this run"
            out.fatal_message_zh = "无法为这次运行准备沙箱 (sandbox)"
        else:
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
            out.fatal = Verdict.RUNTIME_ERROR
            out.fatal_message = f"the process exited with status {code} before returning (os._exit or a crash)"
            out.fatal_message_zh = f"进程在返回之前以状态码 {code} 退出（os._exit 或崩溃）"
