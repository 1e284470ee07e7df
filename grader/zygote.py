"""The warm zygote: import numpy (and torch) once, lock itself into an empty view of the system, fork jobs.

Started by the trusted pool as `python -I -m grader.zygote FLAVOUR CONFIG_JSON` with a clean
environment and a SEQPACKET control socket on fd 0. It never sees expected outputs: the pool sends it
only "fork" requests with the job's socket and output pipe, and it reports each child's pid and exit.

Isolation, in order: (zygote, once) private mount + network namespaces, pivot_root into a read-only
tmpfs root holding only the interpreter and libraries (in the numpy flavour, with PyTorch's package
folders covered by stubs that refuse the import); (per job) a home of its own under the jail's
/rankup-scratch, a tmpfs capped in bytes and inodes and unmounted when the job ends; (child, per job)
setsid, join the slot's memory and pids cgroups, rlimits, drop to the slot's uid, no_new_privs, seccomp.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

# Thread counts must be pinned before numpy or torch load their thread pools (fork safety).
for _name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"

import ctypes  # noqa: E402
import errno  # noqa: E402
import gc  # noqa: E402
import glob  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import select  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import struct  # noqa: E402
import sys  # noqa: E402

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_THREAD = 0x00010000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
MNT_DETACH = 2
SYS_PIVOT_ROOT = 155  # x86_64
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
CHANNEL_FD = 3
_STARTED = b'{"op":"started"}'
STARTED_FRAME = struct.pack("!II", len(_STARTED) + 4, len(_STARTED)) + _STARTED  # == wire.pack({"op": "started"})
DENIED_SYSCALLS = (
    "fork",
    "vfork",
    "execve",
    "execveat",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "socket",
    "socketpair",
    "connect",
    "bind",
    "listen",
    "accept",
    "accept4",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsmount",
    "fspick",
    "mount_setattr",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "bpf",
    "perf_event_open",
    "keyctl",
    "add_key",
    "request_key",
    "init_module",
    "finit_module",
    "delete_module",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "acct",
    "swapon",
    "swapoff",
    "syslog",
    "quotactl",
    "open_by_handle_at",
    "name_to_handle_at",
    "iopl",
    "ioperm",
    "mknod",
    "mknodat",
    "personality",
    "setuid",
    "setgid",
    "setreuid",
    "setregid",
    "setresuid",
    "setresgid",
    "setgroups",
    "pidfd_open",
    "pidfd_getfd",
    "pidfd_send_signal",
    "memfd_secret",
    "landlock_create_ruleset",
)
# What a numpy problem's jail hides: these distributions' top-level packages, plus these names wherever
# they lie on a Python path (a copy installed without metadata). Covering them on the file system holds
# even when a submission removes the import hook; the hook only makes the failure read clearly.
TORCH_DISTRIBUTIONS = ("torch", "triton", "pytorch-triton", "torchvision", "torchaudio", "torchtext", "torchdata")
TORCH_MODULES = ("torch", "torchgen", "functorch", "triton", "torchvision", "torchaudio", "torchtext", "torchdata")
SITE_PATTERNS = ("lib/python3*/site-packages", "lib/python3*/dist-packages", "local/lib/python3*/*-packages")
WARM_MODULES = (
    "math",
    "cmath",
    "random",
    "itertools",
    "functools",
    "collections",
    "heapq",
    "bisect",
    "re",
    "json",
    "string",
    "typing",
    "dataclasses",
    "statistics",
    "fractions",
    "decimal",
    "operator",
    "copy",
    "enum",
    "abc",
    "numbers",
    "array",
    "struct",
    "textwrap",
    "unicodedata",
    "warnings",
    "contextlib",
    "traceback",
    "linecache",
    "io",
    "time",
    "datetime",
    "numpy",
    "numpy.linalg",
    "numpy.fft",
    "numpy.random",
    "numpy.testing",
)

libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=None) -> None:
    _check(
        libc.mount(
            source and source.encode(),
            target.encode(),
            fstype and fstype.encode(),
            ctypes.c_ulong(flags),
            data and data.encode(),
        ),
        f"mount {target}",
    )


def warm(flavour: str):
    """Import and exercise what submissions use, so children start hot. Returns the torch module or None."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.standard_normal((8, 6))
    np.linalg.svd(a), np.linalg.svd(a, full_matrices=False), np.linalg.eigh(a.T @ a), np.linalg.qr(a)
    np.linalg.solve(a.T @ a + np.eye(6), np.ones(6)), np.linalg.norm(a), np.einsum("ij,kj->ik", a, a)
    np.linalg.lstsq(a, np.ones(8), rcond=None), np.linalg.pinv(a), np.linalg.matrix_rank(a)
    np.exp(a).max(axis=-1), np.log1p(np.abs(a)), np.sort(a, axis=-1), np.argsort(a), np.unique(a.round())
    if flavour != "torch":
        return None
    import torch
    import torch.nn.functional as F  # noqa: N812

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    x = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
    y = (
        F.log_softmax(x, -1).sum()
        + F.cross_entropy(x, torch.tensor([0, 1, 2, 3]))
        + F.kl_div(F.log_softmax(x, -1), F.softmax(x.detach(), -1), reduction="batchmean")
        + F.gelu(x).sum()
    )
    y = y + F.scaled_dot_product_attention(x[None, None], x[None, None], x[None, None]).sum()
    y = y + F.layer_norm(x, (5,)).sum() + torch.linalg.svd(x)[1].sum() + (x @ x.T).softmax(-1).sum()
    y.backward()
    layer = torch.nn.Linear(5, 3).double()
    for optimizer in (
        torch.optim.SGD(layer.parameters(), lr=0.1, momentum=0.9),
        torch.optim.Adam(layer.parameters()),
        torch.optim.AdamW(layer.parameters()),
    ):
        optimizer.zero_grad()
        layer(x.detach()).pow(2).sum().backward()
        torch.nn.utils.clip_grad_norm_(layer.parameters(), 1.0)
        optimizer.step()
    torch.nn.MultiheadAttention(4, 2).double()(*(torch.randn(3, 1, 4, dtype=torch.float64),) * 3)
    torch.from_numpy(np.ones(3)).numpy()
    return torch


class UnknownSyscall(RuntimeError):
    """A name in the deny list that libseccomp does not know: a typo would leave that call allowed."""


def build_seccomp(denied: tuple[str, ...] = DENIED_SYSCALLS):
    """The child's filter: EPERM for each denied syscall, threads but no new processes.

    Raises UnknownSyscall for a name that libseccomp cannot resolve on any architecture."""
    import pyseccomp as seccomp

    flt = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in denied:
        number = seccomp.resolve_syscall(seccomp.Arch.NATIVE, name)
        if number == -1:  # __NR_SCMP_ERROR: no architecture has it
            raise UnknownSyscall(f"the seccomp deny list names {name!r}, which is not a syscall libseccomp knows")
        if number < 0:  # a pseudo-number: a real syscall, absent on this architecture, so nothing to deny
            continue
        flt.add_rule(seccomp.ERRNO(errno.EPERM), number)
    # Threads (clone with CLONE_THREAD) are allowed and capped by pids.max; new processes are not.
    flt.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
    flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")  # glibc then falls back to clone
    return flt


def torch_module_names() -> set[str]:
    """Top-level import names of PyTorch and its companions: TORCH_MODULES plus what their metadata lists."""
    names = set(TORCH_MODULES)
    for distribution in TORCH_DISTRIBUTIONS:
        try:
            dist = importlib.metadata.distribution(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
        listed = dist.read_text("top_level.txt")
        if listed is None:  # no top_level.txt: the first part of each path its RECORD lists
            record = (dist.read_text("RECORD") or "").splitlines()
            listed = "\n".join(line.split(",")[0].split("/")[0] for line in record)
        for top in listed.split():
            top = top.removesuffix(".py")
            if top.isidentifier():  # a package or module, not `torch-2.x.dist-info` or `..`
                names.add(top)
    return names


def torch_paths(names: set[str], ro_paths: list[str]) -> list[str]:
    """Where those packages lie in the jail (as paths under its bound paths): on sys.path or in any site folder."""
    folders = set(sys.path)
    for root in ro_paths:
        for pattern in SITE_PATTERNS:
            folders.update(glob.glob(os.path.join(root, pattern)))
    # the jail binds each path as named; links among ro_paths are copied as links, not bound
    bound = [(r.rstrip("/"), os.path.realpath(r)) for r in ro_paths if not os.path.islink(r)]
    found: set[str] = set()
    for folder in (f for f in folders if f and os.path.isdir(f)):
        for name in names:
            for path in (os.path.join(folder, name), os.path.join(folder, name + ".py")):
                real = os.path.realpath(path)
                if not os.path.exists(real):
                    continue
                found.update(r + real[len(rr) :] for r, rr in bound if real == rr or real.startswith(rr + "/"))
    return sorted(found)


def _refusal(name: str) -> str:
    return f"{name} is not available in numpy problems; use numpy"


class HiddenModules:
    """A meta-path finder that refuses PyTorch's packages by name, with a message saying why."""

    def __init__(self, names: set[str]):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in self.names:
            raise ModuleNotFoundError(_refusal(top), name=fullname)
        return None


def hide(root: str, paths: list[str]) -> None:
    """Cover each package folder (or module file) with a read-only stub whose import raises the refusal."""
    files = [p for p in paths if not os.path.isdir(p)]
    stubs = root + "/.stubs"  # module files are covered by binds of stub files made here; gone once bound
    if files:
        os.makedirs(stubs)
        _mount("tmpfs", stubs, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,nr_inodes=64,mode=0755")
    for path in paths:
        name = os.path.basename(path).removesuffix(".py")
        stub = f"raise ModuleNotFoundError({_refusal(name)!r}, name={name!r})\n"
        target = root + path
        if path in files:
            source = f"{stubs}/{name}.py"
            with open(source, "w") as f:
                f.write(stub)
            _mount(source, target, None, MS_BIND)
            _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
            continue
        _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,nr_inodes=8,mode=0755")
        with open(target + "/__init__.py", "w") as f:
            f.write(stub)
        _mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    if files:  # the binds keep their files; the folder itself leaves the jail's root
        _check(libc.umount2(stubs.encode(), MNT_DETACH), "umount stubs")
        os.rmdir(stubs)


def enter_jail(config: dict, hidden: Sequence[str] = ()) -> None:
    """Private mount and network namespaces; pivot into a read-only root with only the runtime, where
    each of `hidden` (package folders or module files) is covered by a stub that refuses the import."""
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    root = config["root_dir"]
    os.makedirs(root, exist_ok=True)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path in config["ro_paths"]:
        target = root + path
        if os.path.islink(path):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.readlink(path), target)
            continue
        if os.path.isdir(path):
            os.makedirs(target, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "w").close()
        _mount(path, target, None, MS_BIND | MS_REC)
        nodev = 0 if path.startswith("/dev/") else MS_NODEV
        _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | nodev)
    hide(root, list(hidden))
    tmp = root + config["scratch"]
    os.makedirs(tmp)
    _mount("tmpfs", tmp, "tmpfs", MS_NOSUID | MS_NODEV, f"size={config['tmp_mb']}m,mode=0711")
    os.makedirs(root + "/.old")
    os.chdir(root)
    _check(libc.syscall(SYS_PIVOT_ROOT, b".", b".old"), "pivot_root")
    os.chdir("/")
    _check(libc.umount2(b"/.old", MNT_DETACH), "umount old root")
    os.rmdir("/.old")
    _mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def child(job: dict, fds: list[int], cgroup_fds: list[int], seccomp_filter, torch_module) -> None:
    """Apply the per-job protections in the forked child, then run the harness. Never returns."""
    try:
        os.setsid()
        for fd in cgroup_fds:
            os.write(fd, b"0")
        channel, output = fds
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.dup2(channel, CHANNEL_FD)
        os.closerange(CHANNEL_FD + 1, 65536)
        home = job["home"]
        os.chdir(home)
        os.environ.clear()
        os.environ.update(
            {
                "HOME": home,
                "TMPDIR": home,
                "TORCHINDUCTOR_CACHE_DIR": home,
                "LANG": "C.UTF-8",
                "OMP_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1",
                "OPENBLAS_NUM_THREADS": "1",
            }
        )
        cpu = int(job["cpu_s"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (job["fsize_bytes"], job["fsize_bytes"]))
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (job["nproc"], job["nproc"]))
        resource.setrlimit(resource.RLIMIT_AS, (job["as_bytes"], job["as_bytes"]))
        uid = job["uid"]
        if uid is not None:  # None only in a pool explicitly configured to run unsafely
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        if seccomp_filter is not None:
            seccomp_filter.load()
        sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
        # Sent before any untrusted code runs: after it, no exit status (120 included) can claim that
        # setting up the sandbox failed.
        os.write(CHANNEL_FD, STARTED_FRAME)
    except BaseException:  # noqa: BLE001 - never run untrusted code with a half-built sandbox
        os._exit(120)
    from grader.harness import child_main

    child_main(torch_module)


def make_home(home: str, uid: int | None, config: dict) -> None:
    """The job's cwd and TMPDIR: in the jail, a tmpfs of its own, capped in bytes and in inodes."""
    os.mkdir(home, 0o700)
    if config["jail"]:
        owner = f",uid={uid},gid={uid}" if uid is not None else ""
        options = f"size={config['home_mb']}m,nr_inodes={config['home_inodes']},mode=0700{owner}"
        _mount("tmpfs", home, "tmpfs", MS_NOSUID | MS_NODEV, options)
    elif uid is not None:
        os.chown(home, uid, uid)


def remove_home(home: str, config: dict) -> None:
    """Drop a finished job's files. Unmounting frees them in the kernel at a bounded cost: no walk of a
    tree the submission shaped (millions of files, or directories nested deeper than Python recurses)."""
    try:
        if config["jail"]:
            libc.umount2(home.encode(), MNT_DETACH)
            os.rmdir(home)
        else:
            shutil.rmtree(home, ignore_errors=True)
    except Exception:  # noqa: BLE001 - a leftover must never take the zygote down
        pass


def serve(control: socket.socket, config: dict, torch_module, seccomp_filter, cgroup_fds, task_fd) -> None:
    """Fork a child per request; report pids and exit statuses until the pool closes the socket."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    jobs: dict[int, tuple[str, str]] = {}  # pid -> (job id, home)

    def send(message: dict) -> None:
        control.send(json.dumps(message).encode())

    while True:
        ready, _, _ = select.select([control.fileno(), wake_r], [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
        while jobs:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid not in jobs:  # not a job's child (none should exist): reaped, nothing to report
                continue
            job_id, home = jobs.pop(pid)
            send(
                {
                    "op": "exit",
                    "job": job_id,
                    "status": status,
                    "cpu_s": usage.ru_utime + usage.ru_stime,
                    "maxrss_kb": usage.ru_maxrss,
                }
            )
            remove_home(home, config)
        if control.fileno() not in ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, 65536, 4)
        except InterruptedError:
            continue
        if not data:
            for pid in jobs:
                os.kill(pid, signal.SIGKILL)
            os._exit(0)
        job = json.loads(data)
        if job.get("op") == "kill":  # a pool without cgroups kills through the zygote, which owns the pid
            for pid, (job_id, _) in jobs.items():
                if job_id == job["job"]:
                    os.killpg(pid, signal.SIGKILL)
            continue
        threads = len(os.listdir(task_fd))
        if threads != 1 or len(fds) != 2:
            for fd in fds:
                os.close(fd)
            send({"op": "refused", "job": job["job"], "reason": f"zygote has {threads} threads"})
            continue
        home = job["home"] = f"{config['scratch']}/{job['job']}"
        make_home(home, job["uid"], config)
        slot_fds = cgroup_fds[job["slot"]]
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            child(job, fds, slot_fds, seccomp_filter, torch_module)
        for fd in fds:
            os.close(fd)
        jobs[pid] = (job["job"], home)
        send({"op": "forked", "job": job["job"], "pid": pid})


def main() -> None:
    flavour, config = sys.argv[1], json.loads(sys.argv[2])
    control = socket.socket(fileno=0)
    try:
        torch_module = warm(flavour)
        import grader.harness  # noqa: F401 - loaded now: nothing can be imported from disk after the jail

        try:
            seccomp_filter = build_seccomp()
        except UnknownSyscall:
            raise  # a mistake in the deny list, never a missing layer: no pool may run with it
        except Exception:
            if config["safe"]:
                raise
            seccomp_filter = None  # an unsafe pool runs with the layers it has
        hidden: list[str] = []
        if flavour != "torch":
            names = torch_module_names()
            hidden = torch_paths(names, config["ro_paths"]) if config["jail"] else []
            sys.meta_path.insert(0, HiddenModules(names))
        cgroup_fds = [[os.open(path, os.O_WRONLY) for path in slot] for slot in config["cgroup_procs"]]
        task_fd = os.open("/proc/self/task", os.O_RDONLY | os.O_DIRECTORY)
        _check(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "subreaper")
        if config["jail"]:
            enter_jail(config, hidden)
        # The first cgroup move in a process's life is slow (12-24 ms): pay it now, once per slot.
        for slot_fds in cgroup_fds:
            pid = os.fork()
            if pid == 0:
                for fd in slot_fds:
                    os.write(fd, b"0")
                os._exit(0)
            os.waitpid(pid, 0)
        threads = len(os.listdir(task_fd))
        if threads != 1:
            raise RuntimeError(f"zygote has {threads} threads after warm-up; forking would be unsafe")
    except BaseException as exc:  # noqa: BLE001 - report why the sandbox cannot start, then stop
        control.send(json.dumps({"op": "failed", "reason": f"{type(exc).__name__}: {exc}"}).encode())
        os._exit(1)
    # Children inherit every object copy-on-write; a collection in a child would touch (and copy) them all.
    gc.collect()
    gc.freeze()
    libc.malloc_trim(0)  # a smaller heap is a cheaper fork
    control.send(json.dumps({"op": "ready", "pid": os.getpid()}).encode())
    serve(control, config, torch_module, seccomp_filter, cgroup_fds, task_fd)


if __name__ == "__main__":
    main()
