"""Sandbox slots: an exclusive uid with its cgroup v1 memory and pids groups, and the host checks they need.

Slots are claimed with lock files (flock dies with its process), so concurrent pools on one machine never
share a uid or a cgroup.
"""

from __future__ import annotations

import fcntl
import os
import platform
import signal
import time

from grader.errors import SandboxError

CGROUP_ROOT = "/sys/fs/cgroup"
UID_BASE, UID_COUNT = 61000, 512
LOCK_DIR = "/tmp/rankup-slots"
PIDS_MAX = 32


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
    slots: list[Slot] = []
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
