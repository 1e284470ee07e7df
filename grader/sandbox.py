"""The sandbox pool: warm zygotes (one per flavour) and a fixed set of slots, shared by every run.

The pool lives in the trusted process. It starts each zygote with `exec` and a clean environment (never a
fork of this process) through `grader.zygote_client`, hands each run a free slot (`grader.slots`), and lets
`grader.job.Job` hold the conversation with the child. `Pool.run` is the one entry: thread-safe, blocking
for one run, returning a typed `RunOutcome`.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time

from grader.errors import SandboxError
from grader.job import Job, RunOutcome
from grader.slots import Slot, claim_slots, host_problems
from grader.zygote_client import Zygote

JAIL_DIR = "/tmp/rankup-jail"
SCRATCH_DIR = "/rankup-scratch"
HOME_MB, HOME_INODES = 64, 4096  # each run's own tmpfs (cwd and TMPDIR)
DEFAULT_SLOTS = 2

__all__ = ["Pool", "RunOutcome", "default_pool", "host_problems"]


class Pool:
    """Warm zygotes plus a fixed set of slots; `run` is thread-safe and blocks for one job."""

    def __init__(self, slots: int = DEFAULT_SLOTS, unsafe: bool | None = None):
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
        job = Job(zygote, slot, source, entry, cases, time_ms, memory_mb, hold_from)
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

    def _reap(self, job: Job, slot: Slot) -> None:
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


_default_pool: Pool | None = None
_default_lock = threading.Lock()


_default_config: dict = {}


def configure_default_pool(*, slots: int, unsafe: bool) -> None:
    """Set the process-wide pool's slots and unsafe flag (instead of RANKUP_SANDBOX_SLOTS and
    RANKUP_SANDBOX_UNSAFE): takes effect when the pool is next made."""
    if slots < 1:
        raise ValueError("a pool needs at least one slot")
    with _default_lock:
        _default_config.update(slots=slots, unsafe=unsafe)


def default_pool() -> Pool:
    """The process-wide pool, created on first use (raises SandboxError when this host cannot sandbox)."""
    global _default_pool
    with _default_lock:
        if _default_pool is None or _default_pool.closed:
            slots = _default_config.get("slots") or int(os.environ.get("RANKUP_SANDBOX_SLOTS", str(DEFAULT_SLOTS)))
            _default_pool = Pool(slots=slots, unsafe=_default_config.get("unsafe"))
        return _default_pool
