"""Run untrusted code: a pool of warm zygotes (one per flavour) and a set of slots (uid + cgroups).

The pool lives in the trusted process. It starts each zygote with `exec` and a clean environment
(never a fork of this process), asks it for one child per run over a control socket, feeds the child
its cases (visible samples first; hidden cases only once those results are in), enforces the wall
clock, memory and output limits, and classifies how the child ended. It never interprets a result:
that is the checkers' job.
"""

from __future__ import annotations

import collections
import fcntl
import json
import os
import platform
import queue
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field

from grader import wire
from grader.errors import SandboxError

CGROUP_ROOT = "/sys/fs/cgroup"
UID_BASE, UID_COUNT = 61000, 512
LOCK_DIR = "/tmp/rankup-slots"
JAIL_DIR = "/tmp/rankup-jail"
SCRATCH_DIR = "/rankup-scratch"
OUTPUT_LIMIT = 64 * 1024
PIDS_MAX = 32
FSIZE_BYTES = 16 * 1024 * 1024
HOME_MB, HOME_INODES = 64, 4096  # each run's own tmpfs (cwd and TMPDIR)
CLEAN_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}


@dataclass
class CaseOutcome:
    """What the child said about one case: a value, an exception, or an unsendable value."""

    index: int
    kind: str  # "result" | "error" | "bad_value"
    time_ms: float
    value: object = None
    error_type: str = ""
    message: str = ""


@dataclass
class RunOutcome:
    """How one sandboxed run went. `fatal` is set when the child died or was killed mid-run."""

    status: str  # "ok" | "syntax_error" | "load_error" | "fatal"
    cases: list[CaseOutcome] = field(default_factory=list)
    fatal: str = ""  # a Verdict value
    fatal_message: str = ""
    fatal_index: int | None = None
    message: str = ""
    error_type: str = ""
    stdout: str = ""
    wall_ms: float = 0.0


def host_problems() -> list[str]:
    """Name every isolation layer this host lacks (empty: the full sandbox can run)."""
    problems = []
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        problems.append(f"needs Linux on x86_64 (this is {platform.system()} {platform.machine()})")
    if os.geteuid() != 0:
        problems.append("not root: per-run uids, cgroups, mount and network namespaces need root")
    for controller in ("memory", "pids"):
        path = f"{CGROUP_ROOT}/{controller}"
        if not os.path.isfile(f"{path}/cgroup.procs") or not os.access(path, os.W_OK):
            problems.append(f"cgroup v1 {controller} controller is not mounted writable at {path}")
    try:
        import pyseccomp  # noqa: F401

        pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    except Exception as exc:  # noqa: BLE001 - any failure means no seccomp
        problems.append(f"seccomp unavailable (libseccomp via pyseccomp): {exc}")
    return problems


class Slot:
    """An exclusive uid and its memory + pids cgroups, held for the pool's life by a lock file."""

    def __init__(self, index: int, uid: int, lock_fd: int, managed: bool):
        self.index, self.uid, self.lock_fd, self.managed = index, uid, lock_fd, managed
        self.memory = f"{CGROUP_ROOT}/memory/rankup/u{uid}"
        self.pids = f"{CGROUP_ROOT}/pids/rankup/u{uid}"
        if managed:
            for path in (self.memory, self.pids):
                os.makedirs(path, exist_ok=True)
            self.kill_all()
            self._write(self.pids, "pids.max", str(PIDS_MAX))

    @staticmethod
    def _write(path: str, name: str, value: str) -> None:
        with open(f"{path}/{name}", "w") as f:
            f.write(value)

    def _read(self, path: str, name: str) -> str:
        with open(f"{path}/{name}") as f:
            return f.read()

    @property
    def procs_files(self) -> list[str]:
        return [f"{self.memory}/cgroup.procs", f"{self.pids}/cgroup.procs"] if self.managed else []

    def prepare(self, memory_mb: int) -> int:
        """Set the memory limit for the next run; return the OOM-kill count to compare against."""
        if not self.managed:
            return 0
        self._write(self.memory, "memory.limit_in_bytes", str(memory_mb * 1024 * 1024))
        self._write(self.memory, "memory.max_usage_in_bytes", "0")
        return self.oom_kills()

    def oom_kills(self) -> int:
        if not self.managed:
            return 0
        for line in self._read(self.memory, "memory.oom_control").splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0

    def kill_all(self, timeout: float = 2.0) -> None:
        """SIGKILL every process in the slot's cgroup until it is empty."""
        if not self.managed:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = [int(p) for p in self._read(self.pids, "cgroup.procs").split()]
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.002)

    def release(self) -> None:
        self.kill_all()
        if self.managed:
            for path in (self.memory, self.pids):
                try:
                    os.rmdir(path)
                except OSError:
                    pass
        os.close(self.lock_fd)


def claim_slots(count: int, managed: bool) -> list[Slot]:
    """Claim `count` uids no other live pool on this machine holds (flock dies with its process)."""
    os.makedirs(LOCK_DIR, mode=0o700, exist_ok=True)
    slots = []
    for uid in range(UID_BASE, UID_BASE + UID_COUNT):
        fd = os.open(f"{LOCK_DIR}/{uid}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        slots.append(Slot(len(slots), uid, fd, managed))
        if len(slots) == count:
            return slots
    for slot in slots:
        slot.release()
    raise SandboxError(f"no free sandbox uids in {UID_BASE}..{UID_BASE + UID_COUNT - 1}")


class Zygote:
    """One warm zygote process and the thread that routes its messages to waiting jobs."""

    def __init__(self, flavour: str, config: dict, start_timeout: float = 120.0):
        self.flavour = flavour
        self.lock = threading.Lock()
        self.waiting: dict[str, queue.Queue] = {}
        self.alive = True
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock = ours
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-m", "grader.zygote", flavour, json.dumps(config)],
            stdin=theirs.fileno(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(CLEAN_ENV),
            cwd="/",
            close_fds=True,
            start_new_session=True,
        )
        theirs.close()
        started: queue.Queue = queue.Queue()
        self.waiting["__start__"] = started
        threading.Thread(target=self._route, name=f"zygote-{flavour}", daemon=True).start()
        try:
            message = started.get(timeout=start_timeout)
        except queue.Empty:
            self.close()
            raise SandboxError(f"the {flavour} zygote did not start within {start_timeout:.0f} s") from None
        if message.get("op") != "ready":
            self.close()
            raise SandboxError(f"the {flavour} sandbox could not start: {message.get('reason', 'it died')}")

    def _route(self) -> None:
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            key = "__start__" if message.get("op") in ("ready", "failed") else message.get("job")
            with self.lock:
                target = self.waiting.get(key)
            if target is not None:
                target.put(message)
        self.alive = False
        with self.lock:
            for target in self.waiting.values():
                target.put({"op": "dead"})

    def fork(self, job: dict, fds: list[int]) -> queue.Queue:
        """Ask for a child; returns the queue that will get its "forked" and "exit" messages."""
        inbox: queue.Queue = queue.Queue()
        with self.lock:
            if not self.alive:
                raise SandboxError(f"the {self.flavour} zygote died")
            self.waiting[job["job"]] = inbox
            socket.send_fds(self.sock, [json.dumps(job).encode()], fds)
        return inbox

    def kill(self, job_id: str) -> None:
        """Ask the zygote to SIGKILL a job's child (for slots without a cgroup to empty)."""
        with self.lock:
            if self.alive:
                try:
                    self.sock.send(json.dumps({"op": "kill", "job": job_id}).encode())
                except OSError:
                    pass

    def done(self, job_id: str) -> None:
        with self.lock:
            self.waiting.pop(job_id, None)

    def close(self) -> None:
        self.alive = False
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass


class Pool:
    """Warm zygotes plus a fixed set of slots; `run` is thread-safe and blocks for one job."""

    def __init__(self, slots: int = 2, unsafe: bool | None = None):
        if unsafe is None:
            unsafe = os.environ.get("RANKUP_SANDBOX_UNSAFE") == "1"
        self.problems = host_problems()
        if self.problems and not unsafe:
            raise SandboxError(
                "refusing to grade with an insufficient sandbox: "
                + "; ".join(self.problems)
                + " (set RANKUP_SANDBOX_UNSAFE=1 to run without these layers)"
            )
        self.safe = not self.problems
        self.slots = claim_slots(slots, managed=self.safe)
        self.free: queue.Queue[Slot] = queue.Queue()
        for slot in self.slots:
            self.free.put(slot)
        self.zygotes: dict[str, Zygote] = {}
        self.zygote_lock = threading.Lock()
        self.closed = False

    def config(self) -> dict:
        ro = [p for p in ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32") if os.path.lexists(p)]
        ro += [sys.base_prefix, sys.prefix, "/etc/ld.so.cache", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"]
        jail = self.safe or os.geteuid() == 0  # an unsafe pool still jails itself when it can
        # Runs' homes live under a folder of the jail's own, never one a bound path (a venv in /tmp) is under.
        scratch = SCRATCH_DIR if jail else "/tmp"
        if jail and any(p == scratch or p.startswith(scratch + "/") for p in ro):
            raise SandboxError(f"the interpreter or venv lies under {scratch}, which the sandbox needs for itself")
        return {
            "safe": self.safe,
            "jail": jail,
            "root_dir": JAIL_DIR,
            "ro_paths": list(dict.fromkeys(ro)),
            "scratch": scratch,
            "tmp_mb": 1,  # the jail's scratch folder holds only the runs' mount points
            "home_mb": HOME_MB,
            "home_inodes": HOME_INODES,
            "cgroup_procs": [s.procs_files for s in self.slots],
        }

    def zygote(self, flavour: str) -> Zygote:
        with self.zygote_lock:
            if self.closed:
                raise SandboxError("the sandbox pool is closed")
            zygote = self.zygotes.get(flavour)
            if zygote is None or not zygote.alive:
                if zygote is not None:
                    zygote.close()
                zygote = self.zygotes[flavour] = Zygote(flavour, self.config())
            return zygote

    def start(self, flavours=("numpy", "torch")) -> None:
        """Warm the zygotes now rather than on the first job."""
        for flavour in flavours:
            self.zygote(flavour)

    def run(
        self,
        flavour: str,
        source: str,
        entry: str,
        cases: list,
        *,
        time_ms: int,
        memory_mb: int,
        hold_from: int | None = None,
    ) -> RunOutcome:
        """Run `entry` from `source` on each case's kwargs in one sandboxed child.

        Cases from index `hold_from` on reach the child only after every earlier result is in."""
        zygote = self.zygote(flavour)
        slot = self.free.get()
        job = _Job(zygote, slot, source, entry, cases, time_ms, memory_mb, hold_from)
        try:
            outcome = job.run()
        except BaseException:
            self._release(slot)
            raise
        if job.clean_end:
            threading.Thread(target=self._reap, args=(job, slot), name="sandbox-reaper", daemon=True).start()
        else:
            self._release(slot)
        return outcome

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every slot is back in the pool (each finished child reaped); False on timeout."""
        deadline = time.monotonic() + timeout
        while self.free.qsize() < len(self.slots):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def _reap(self, job: _Job, slot: Slot) -> None:
        try:
            job.reap()
        finally:
            self._release(slot)

    def _release(self, slot: Slot) -> None:
        slot.kill_all()
        self.free.put(slot)

    def close(self) -> None:
        self.wait_idle(5.0)  # let reapers finish before the slots go away
        with self.zygote_lock:
            self.closed = True
            for zygote in self.zygotes.values():
                zygote.close()
            self.zygotes.clear()
        for slot in self.slots:
            slot.release()


class _Job:
    """One conversation with one child: init, cases in at most two batches, end; every limit enforced."""

    def __init__(self, zygote, slot, source, entry, cases, time_ms, memory_mb, hold_from=None):
        self.zygote, self.slot, self.hold_from = zygote, slot, hold_from
        self.source, self.entry, self.cases = source, entry, cases
        self.limit_s = time_ms / 1000
        self.memory_mb = memory_mb
        self.id = f"job-{uuid.uuid4().hex[:12]}"
        self.stdout = bytearray()
        self.outcome = RunOutcome(status="ok")
        self.started = False  # the child's sandbox is up and the solution's code may have run
        self.clean_end = False  # every result in and the child said bye: its exit can be awaited later

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
            "as_bytes": 16 * 1024**3,
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
            self.frames = collections.deque()
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
            return self._fatal("internal_error", "the sandbox did not start the run", None)
        self.started = True
        header = self._next_frame(load_deadline, None)
        if header is None:
            return
        op = header.get("op")
        if op == "syntax_error":
            self.outcome.status, self.outcome.message = "syntax_error", str(header.get("message", ""))
            return
        if op == "load_error":
            self.outcome.status, self.outcome.message = "load_error", str(header.get("message", ""))
            self.outcome.error_type = str(header.get("type", ""))
            return
        if op != "ready":
            return self._fatal("runtime_error", "the solution wrote to the grader's channel", None)
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
            while self.out_open and self.outcome.status != "fatal" and self._drain_output(None, final=True):
                pass
            self.clean_end = self.outcome.status != "fatal"
        else:
            self._flush(time.monotonic() + 0.5)

    def _collect(self, batch: range) -> bool:
        """Receive the batch's results in order, each within the time limit of the one before."""
        for index in batch:
            sent = time.perf_counter()
            header = self._next_frame(time.monotonic() + self.limit_s, index)
            measured = (time.perf_counter() - sent) * 1000
            if header is None:
                return False
            if header.get("index") != index or header.get("op") not in ("result", "error", "bad_value"):
                self._fatal("runtime_error", "the solution wrote to the grader's channel", index)
                return False
            reported = header.get("time_ms")
            elapsed = reported if isinstance(reported, (int, float)) and 0 <= reported <= measured else measured
            if header["op"] == "bad_value" and header.get("too_large") is True:
                detail = str(header.get("message", ""))[:200]
                self._fatal("output_limit_exceeded", f"returned a value over the output limit: {detail}", index)
                return False
            case = CaseOutcome(index=index, kind=header["op"], time_ms=float(elapsed))
            if header["op"] == "result":
                try:
                    case.value = wire.decode(header.get("value"), self._blobs)
                except wire.WireError as exc:
                    case.kind, case.message = "bad_value", f"the returned value could not be read: {exc}"
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
                    self._fatal("runtime_error", "the solution wrote to the grader's channel", index)
                    return None
                return header
            remaining = deadline - time.monotonic()
            if remaining <= 0 and quiet:
                return None
            if remaining <= 0:
                self._fatal("time_limit_exceeded", f"took longer than {self.limit_s * 1000:.0f} ms", index)
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
                        self._fatal("died", "", index)
                    return None
                try:
                    self.frames.extend(self.reader.feed(data))
                except wire.WireError:  # the harness never sends a frame over the limit: this is forged
                    self._fatal("runtime_error", "the solution wrote to the grader's channel", index)
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
            self._fatal("output_limit_exceeded", f"printed more than {OUTPUT_LIMIT // 1024} KiB", index)
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

    def _fatal(self, verdict: str, message: str, index: int | None) -> None:
        if self.outcome.status == "fatal":
            return
        self.outcome.status, self.outcome.fatal = "fatal", verdict
        self.outcome.fatal_message, self.outcome.fatal_index = message, index
        self._kill()

    def _kill(self) -> None:
        """Kill the child and all it started: empty the slot's cgroup, or (unsafe, no cgroups) ask the zygote."""
        if self.slot.managed:
            self.slot.kill_all()
        else:
            self.zygote.kill(self.id)

    def _classify_exit(self, exit_message: dict, oom_before: int) -> None:
        """Explain a child that died on its own: memory, CPU, a signal, or an exit call."""
        if self.outcome.status != "fatal" or self.outcome.fatal != "died":
            if self.outcome.status == "fatal" and self.slot.oom_kills() > oom_before:
                self.outcome.fatal = "memory_limit_exceeded"
                self.outcome.fatal_message = f"used more than {self.memory_mb} MB"
            return
        status = int(exit_message.get("status", 0))
        out = self.outcome
        if self.slot.oom_kills() > oom_before:
            out.fatal, out.fatal_message = "memory_limit_exceeded", f"used more than {self.memory_mb} MB"
        elif os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig in (signal.SIGXCPU, signal.SIGKILL) and exit_message.get("cpu_s", 0) >= self.limit_s:
                out.fatal, out.fatal_message = "time_limit_exceeded", "used more CPU time than allowed"
            else:
                name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
                reason = {
                    signal.SIGSEGV: " (segmentation fault, e.g. a stack overflow)",
                    signal.SIGABRT: " (aborted)",
                    signal.SIGBUS: " (bus error)",
                }.get(sig, "")
                out.fatal, out.fatal_message = "runtime_error", f"the process was killed by {name}{reason}"
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 120 and not self.started:
            out.fatal, out.fatal_message = "internal_error", "the sandbox could not be set up for this run"
        else:
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
            out.fatal = "runtime_error"
            out.fatal_message = f"the process exited with status {code} before returning (os._exit or a crash)"


_default_pool: Pool | None = None
_default_lock = threading.Lock()


def default_pool() -> Pool:
    """The process-wide pool, created on first use."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool.closed:
            _default_pool = Pool(slots=int(os.environ.get("RANKUP_SANDBOX_SLOTS", "2")))
        return _default_pool
