"""The trusted side's handle on one warm zygote: start it by exec, ask it for children, route its messages.

The zygote itself (grader/zygote.py) runs outside this process with a clean environment; this module
only talks to it over a SOCK_SEQPACKET control socket.
"""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import threading

from grader.errors import SandboxError

CLEAN_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}


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
