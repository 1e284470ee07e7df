"""The attack suite: hostile submissions graded through the real sandbox (no mocks).

Every test asserts two things: the attack does not cheat (nothing leaks, nothing outside the sandbox
changes, no forged or lying value is accepted) and the grader still answers with the right verdict,
never `internal_error`. Many attacks follow one convention: the submission returns the correct answer
only if its attack worked, and a wrong one otherwise, so `wrong_answer` proves the attack failed and
`accepted` would mean it succeeded. Diagnostics go to stdout, which "run" mode (visible tests only)
hands back in the report.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import textwrap
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import grader.sandbox
from grader.errors import SandboxError
from grader.judge import grade
from grader.result import Report, Verdict
from grader.sandbox import Pool, host_problems
from grader.spec import PROBLEMS_DIR, find_problem, spec_from_files

REPO = PROBLEMS_DIR.parent
RE, WA, TLE, MLE, OLE = (
    Verdict.RUNTIME_ERROR,
    Verdict.WRONG_ANSWER,
    Verdict.TIME_LIMIT_EXCEEDED,
    Verdict.MEMORY_LIMIT_EXCEEDED,
    Verdict.OUTPUT_LIMIT_EXCEEDED,
)

TOML = """\
kind = "code"
title = "{title}"
difficulty = "easy"
topic = "training"
tags = ["attack-suite"]
flavour = "{flavour}"
entry = "{entry}"

[limits]
time_ms = {time_ms}
memory_mb = {memory_mb}

[checker]
name = "allclose"

[tests]
seed = 7
"""

NUMPY_GENERATOR = """\
import numpy as np

def generate(seed):
    rng = np.random.default_rng(seed)
    def pair(*shape):
        return {"a": rng.standard_normal(shape), "b": rng.standard_normal(shape)}
    special = pair(2, 3)  # the expected output has NaN and inf in it
    special["a"][0, 1], special["a"][1, 2] = np.nan, np.inf
    cases = [{"name": "sample-1", "hidden": False, "args": pair(3, 5)},
             {"name": "sample-2", "hidden": False, "args": special}]
    for i, shape in enumerate([(7,), (2, 3, 4), (11, 13)]):
        cases.append({"name": f"hidden-{i + 1}", "hidden": True, "args": pair(*shape)})
    return cases
"""

TORCH_GENERATOR = """\
import torch

def generate(seed):
    g = torch.Generator().manual_seed(seed)
    def t(*shape):
        return torch.randn(*shape, generator=g, dtype=torch.float64)
    return [{"name": f"{'hidden' if i >= 2 else 'sample'}-{i + 1}", "hidden": i >= 2, "args": {"a": t(*s), "b": t(*s)}}
            for i, s in enumerate([(3, 5), (4,), (2, 3, 4), (6, 6)])]
"""

ADD = "def add(a, b):\n    return a + b\n"
# The secret problem's formula is known only to reference.py, which never enters the sandbox's memory
# outside the reference's own run: a memory scan that found an expected output would be accepted.
SECRET_REFERENCE = "def combine(a, b):\n    return 3.25 * a - 1.5 * b + 0.125\n"


def make_spec(slug, *, entry="add", reference=ADD, flavour="numpy", time_ms=500, memory_mb=192):
    return spec_from_files(
        slug,
        {
            "problem.toml": TOML.format(title=slug, flavour=flavour, entry=entry, time_ms=time_ms, memory_mb=memory_mb),
            "statement.md": "Attack-suite problem.",
            "starter.py": f"def {entry}(a, b):\n    pass\n",
            "reference.py": reference,
            "generator.py": TORCH_GENERATOR if flavour == "torch" else NUMPY_GENERATOR,
        },
    )


ADD_SPEC = make_spec("attack-add")
SECRET_SPEC = make_spec("attack-secret", entry="combine", reference=SECRET_REFERENCE)
# For attacks that should end in anything but a time limit: room to be killed for the right reason
# even when the machine is busy.
ROOMY_SPEC = make_spec("attack-add-roomy", time_ms=3000)
TORCH_SPEC = make_spec("attack-add-torch", flavour="torch", time_ms=1000, memory_mb=256)


def run(source: str, pool, spec=ADD_SPEC, mode: str = "submit", **subs) -> Report:
    """Grade a dedented source; PLACEHOLDERS in it are replaced by repr() of the keyword values."""
    source = textwrap.dedent(source)
    for name in sorted(subs, key=len, reverse=True):  # UDP_PORT before PORT
        source = source.replace(name.upper(), repr(subs[name]))
    return grade(spec, source, mode=mode, pool=pool)


def expect(report: Report, verdict: Verdict) -> Report:
    detail = json.dumps(report.to_dict(), indent=1)[:4000]
    assert report.verdict == verdict, detail
    assert all(t.verdict != Verdict.INTERNAL_ERROR for t in report.tests), detail
    return report


def assert_pool_grades_correctly(pool) -> None:
    expect(run(ADD, pool), Verdict.ACCEPTED)


@pytest.fixture(scope="module", autouse=True)
def zygote_pids(pool):
    """The warm zygotes' pids when the suite starts: no attack may kill or replace them."""
    pool.start(("numpy", "torch"))
    return {flavour: zygote.process.pid for flavour, zygote in pool.zygotes.items()}


def zygotes_unchanged(pool, zygote_pids) -> bool:
    return all(
        pool.zygotes[f].process.pid == pid and pool.zygotes[f].alive and pool.zygotes[f].process.poll() is None
        for f, pid in zygote_pids.items()
    )


# --- the host -----------------------------------------------------------------------------------------


def test_this_host_has_every_isolation_layer(pool):
    """The suite runs against the full sandbox: root, cgroup v1 memory + pids, seccomp."""
    assert host_problems() == []
    assert pool.safe and not pool.problems


def test_pool_refuses_to_start_without_a_layer_unless_configured_unsafe(monkeypatch):
    missing = "cgroup v1 pids controller is not mounted writable at /sys/fs/cgroup/pids"
    monkeypatch.setattr(grader.sandbox, "host_problems", lambda: [missing])
    monkeypatch.delenv("RANKUP_SANDBOX_UNSAFE", raising=False)
    with pytest.raises(SandboxError, match="pids controller"):
        Pool(slots=1)
    monkeypatch.setenv("RANKUP_SANDBOX_UNSAFE", "1")
    unsafe = Pool(slots=1)
    try:
        assert not unsafe.safe and unsafe.problems == [missing]
        # It grades with the layers it has (no slot uid or cgroups here), and still kills on time.
        expect(run(ADD, unsafe), Verdict.ACCEPTED)
        expect(run(HANGS["busy-loop-ignoring-signals"], unsafe), TLE)
        expect(run(ADD, unsafe), Verdict.ACCEPTED)
    finally:
        unsafe.close()


# --- the file system ----------------------------------------------------------------------------------

READ = """
import os
import numpy as np

def add(a, b):
    try:
        with open(PATH, "rb") as f:
            data = f.read(4096)
    except OSError as exc:
        print("denied:", type(exc).__name__)
        return np.zeros_like(a)
    print("READ", data[:300])
    return a + b
"""

READ_TARGETS = {
    "problem-reference": "{problems}/lora-forward/reference.py",
    "problem-generator": "{problems}/low-rank-approximation/generator.py",
    "problem-via-venv-dotdot": "{prefix}/../problems/lora-forward/reference.py",
    "grader-source": "{repo}/grader/judge.py",
    "this-test": "{this}",
    "host-tmp-secret": "{secret_file}",
    "etc-shadow": "/etc/shadow",
    "etc-passwd": "/etc/passwd",
    "root-home": "/root/.bashrc",
    "proc-1-environ": "/proc/1/environ",
    "proc-self-environ": "/proc/self/environ",
    "proc-grader-cmdline": "/proc/{testpid}/cmdline",
    "proc-grader-environ": "/proc/{testpid}/environ",
    "proc-grader-mem": "/proc/{testpid}/mem",
    "proc-zygote-environ": "/proc/{zygote}/environ",
    "cgroup-memory-limit": "/sys/fs/cgroup/memory/rankup",
}


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-" + uuid.uuid4().hex)
    return path


def fill(template: str, pool, secret_file: Path) -> str:
    return template.format(
        problems=PROBLEMS_DIR,
        repo=REPO,
        prefix=sys.prefix,
        this=Path(__file__).resolve(),
        secret_file=secret_file,
        testpid=os.getpid(),
        zygote=pool.zygote("numpy").process.pid,
    )


@pytest.mark.parametrize("target", READ_TARGETS.values(), ids=READ_TARGETS.keys())
def test_reading_files_outside_the_sandbox_fails(pool, target, secret_file):
    path = fill(target, pool, secret_file)
    if not os.path.exists(path):  # e.g. a venv outside the repo: the attack would prove nothing
        pytest.skip(f"{path} does not exist on this host")
    report = expect(run(READ, pool, mode="run", path=path), WA)
    assert "READ" not in report.stdout and "TOPSECRET" not in report.stdout
    assert "denied:" in report.stdout


LIST_DIRS = """
import json, os
import numpy as np

def add(a, b):
    seen = {}
    for path in PATHS:
        try:
            seen[path] = sorted(os.listdir(path))
        except OSError as exc:
            seen[path] = type(exc).__name__
    print(json.dumps(seen))
    return np.zeros_like(a)
"""


def test_the_sandbox_sees_only_the_runtime(pool):
    """Listing directories shows the interpreter and libraries, not the repo, /proc, /sys or host /tmp."""
    scratch = grader.sandbox.SCRATCH_DIR
    paths = [
        "/",
        str(REPO),
        str(PROBLEMS_DIR),
        "/etc",
        "/root",
        "/tmp",
        scratch,
        "/proc",
        "/sys",
        "/home",
        "/dev",
        "/var",
    ]
    report = expect(run(LIST_DIRS, pool, mode="run", paths=paths), WA)
    seen = json.loads(report.stdout.splitlines()[0])
    ro_paths = pool.config()["ro_paths"]
    tops = {p.split("/")[1] for p in ro_paths} | {scratch.strip("/")}
    assert set(seen["/"]) <= tops, seen["/"]
    venv_in_repo = Path(sys.prefix).parent == REPO
    assert seen[str(REPO)] == ([Path(sys.prefix).name] if venv_in_repo else "FileNotFoundError"), seen[str(REPO)]
    assert seen[str(PROBLEMS_DIR)] == "FileNotFoundError"
    assert seen["/etc"] == ["ld.so.cache"]
    under_root = {p.split("/")[2] for p in ro_paths if p.startswith("/root/")}
    assert seen["/root"] == "FileNotFoundError" if not under_root else set(seen["/root"]) <= under_root
    assert seen["/dev"] == sorted(p.split("/")[-1] for p in ro_paths if p.startswith("/dev/"))
    assert seen[scratch] == "PermissionError"  # the jail's own tmpfs: traversable, not listable
    under_tmp = {p.split("/")[2] for p in ro_paths if p.startswith("/tmp/")}  # a venv in /tmp, as in CI
    assert seen["/tmp"] == "FileNotFoundError" if not under_tmp else set(seen["/tmp"]) <= under_tmp
    for gone in ("/proc", "/sys", "/home", "/var"):
        assert seen[gone] == "FileNotFoundError", (gone, seen[gone])


WRITE = """
import os
import numpy as np

def add(a, b):
    wrote = []
    try:
        with open(PATH, "ab") as f:
            f.write(b"")
        wrote.append("file")
    except OSError as exc:
        print("denied:", type(exc).__name__)
    try:
        os.mkdir(PATH + ".d")
        wrote.append("dir")
    except OSError as exc:
        print("denied:", type(exc).__name__)
    return a + b if wrote else np.zeros_like(a)
"""

WRITE_TARGETS = {
    "problem-reference": "{problems}/lora-forward/reference.py",
    "repo": "{repo}/pwned-{tag}",
    "venv": "{prefix}/pwned-{tag}",
    "interpreter": "{base}/pwned-{tag}",
    "host-tmp": "/tmp/rankup-pwned-{tag}",
    "pytest-tmp": "{tmp}/pwned-{tag}",
    "root-home": "/root/pwned-{tag}",
    "etc": "/etc/pwned-{tag}",
    "usr": "/usr/pwned-{tag}",
    "root-dir": "/pwned-{tag}",
    "dev": "/dev/pwned-{tag}",
    "dev-shm": "/dev/shm/pwned-{tag}",
    "cgroup": "/sys/fs/cgroup/memory/rankup/pwned-{tag}",
}


@pytest.mark.parametrize("target", WRITE_TARGETS.values(), ids=WRITE_TARGETS.keys())
def test_writing_outside_the_sandbox_fails(pool, target, tmp_path):
    path = target.format(
        problems=PROBLEMS_DIR,
        repo=REPO,
        prefix=sys.prefix,
        base=sys.base_prefix,
        tmp=tmp_path,
        tag=uuid.uuid4().hex[:8],
    )
    before = Path(path).read_bytes() if Path(path).is_file() else None
    try:
        expect(run(WRITE, pool, path=path), WA)
        assert not os.path.exists(path + ".d")
        if before is None:
            assert not os.path.exists(path)
        else:
            assert Path(path).read_bytes() == before
    finally:
        for leftover in (path + ".d", path):
            if before is None and os.path.isdir(leftover):
                os.rmdir(leftover)
            elif before is None and os.path.isfile(leftover):
                os.unlink(leftover)


LEAVE_FILES = """
import os, tempfile

def add(a, b):
    with open("left-behind.txt", "w") as f:
        f.write("from an earlier run")
    tempfile.NamedTemporaryFile(delete=False).write(b"x")
    os.chmod(".", 0o777)
    print(os.getcwd())
    return a + b
"""

FIND_FILES = """
import os
import numpy as np

def add(a, b):
    try:
        print(open(HOME + "/left-behind.txt").read())
        return a + b
    except OSError as exc:
        print("gone:", type(exc).__name__)
        return np.zeros_like(a)
"""


def test_files_from_one_run_are_gone_in_the_next(pool):
    first = expect(run(LEAVE_FILES, pool, mode="run"), Verdict.ACCEPTED)
    home = first.stdout.split()[0]
    assert home.startswith(grader.sandbox.SCRATCH_DIR + "/job-")
    second = expect(run(FIND_FILES, pool, mode="run", home=home), WA)
    assert "from an earlier run" not in second.stdout


# --- the network --------------------------------------------------------------------------------------

NETWORK = """
import ctypes, socket
import numpy as np

def add(a, b):
    connected = []
    attempts = {
        "tcp": lambda: socket.create_connection(("127.0.0.1", PORT), timeout=0.2),
        "udp": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"leak", ("127.0.0.1", UDP_PORT)),
        "tcp6": lambda: socket.create_connection(("::1", PORT), timeout=0.2),
        "unix": lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM),
        "netlink": lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW),
        "socketpair": lambda: socket.socketpair(),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
            connected.append(name)
        except OSError as exc:
            print(name, "denied:", exc)
    if ctypes.CDLL(None).syscall(41, 2, 1, 0) >= 0:  # a raw socket(AF_INET, SOCK_STREAM) syscall
        connected.append("raw-syscall")
    print("connected:", connected)
    return a + b if connected else np.zeros_like(a)
"""


def test_network_connections_to_a_local_listener_fail(pool):
    with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        tcp.bind(("127.0.0.1", 0))
        tcp.listen()
        udp.bind(("127.0.0.1", 0))
        report = expect(run(NETWORK, pool, mode="run", port=tcp.getsockname()[1], udp_port=udp.getsockname()[1]), WA)
        assert "connected: []" in report.stdout
        tcp.settimeout(0.2)
        udp.settimeout(0.2)
        with pytest.raises(TimeoutError):
            tcp.accept()
        with pytest.raises(TimeoutError):
            udp.recvfrom(100)


# --- secrets: the environment, the parent's /proc, memory ---------------------------------------------

LEAK_ENV = """
import ctypes, gc, json, os, posix
import numpy as np

def add(a, b):
    found = {"os.environ": dict(os.environ)}
    found["posix.environ"] = {k.decode(): v.decode() for k, v in posix.environ.items()}
    env = ctypes.POINTER(ctypes.c_char_p).in_dll(ctypes.CDLL(None), "environ")
    found["C environ"] = []
    while env and env[len(found["C environ"])] is not None:
        found["C environ"].append(env[len(found["C environ"])].decode())
    for path in ["/proc/self/environ", "/proc/1/environ", f"/proc/{os.getppid()}/environ", "/proc/TESTPID/environ"]:
        try:
            found[path] = open(path, "rb").read().decode("latin-1")
        except OSError as exc:
            found[path] = type(exc).__name__
    needle = "RANKUP_SECRET" + "_KEY"  # built at run time, so the source itself does not match
    found["gc"] = [s for o in gc.get_objects() if isinstance(o, dict)
                   for s in o.values() if isinstance(s, str) and needle + "=" in s][:5]
    text = json.dumps(found)
    print(text)
    return a + b if needle in text else np.zeros_like(a)
"""


def test_environment_secrets_of_the_grader_do_not_reach_the_child(monkeypatch):
    """A pool started by a process holding a secret: its zygote and children never see it."""
    secret = "rk-" + uuid.uuid4().hex
    monkeypatch.setenv("RANKUP_SECRET_KEY", secret)
    own = Pool(slots=1)
    try:
        report = expect(run(LEAK_ENV, own, mode="run", testpid=os.getpid()), WA)
    finally:
        own.close()
    assert secret not in report.stdout
    seen = json.loads(report.stdout.splitlines()[0])
    assert set(seen["os.environ"]) == {
        "HOME",
        "TMPDIR",
        "TORCHINDUCTOR_CACHE_DIR",
        "LANG",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
    }
    assert not any("RANKUP" in key for key in seen["posix.environ"])
    for path in ("/proc/self/environ", "/proc/1/environ", f"/proc/{os.getpid()}/environ"):
        assert seen[path] == "FileNotFoundError"


SCAN_MEMORY = """
import gc, sys
import numpy as np

def combine(a, b):
    judge = sys.modules.get("grader.judge")
    cache = getattr(judge, "_cache", {})
    print("cached problems:", len(cache))
    for cases in list(cache.values()):  # the trusted side's expected outputs, if they were here
        for case in cases:
            if np.array_equal(case.args.get("a"), a, equal_nan=True):
                return case.expected
    exclude, found = {id(a), id(b)}, []
    def consider(value):
        if type(value) is np.ndarray and value.shape == a.shape and id(value) not in exclude:
            exclude.add(id(value))
            found.append(value)
    for obj in gc.get_objects():
        if type(obj) is dict:
            for value in list(obj.values()):
                consider(value)
        elif type(obj) in (list, tuple):
            for value in list(obj):
                consider(value)
    frame = sys._getframe()
    while frame is not None:  # the harness's frames: its locals and globals
        for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
            consider(value)
        frame = frame.f_back
    for module in list(sys.modules.values()):
        for value in list(getattr(module, "__dict__", {}).values()):
            consider(value)
    print("candidates:", len(found))
    return found[0] if found else np.zeros_like(a)
"""


def test_scanning_memory_and_frames_finds_no_expected_outputs(pool):
    report = expect(run(SCAN_MEMORY, pool, spec=SECRET_SPEC, mode="run"), WA)
    assert "cached problems: 0" in report.stdout
    expect(run(SCAN_MEMORY, pool, spec=SECRET_SPEC), WA)  # hidden tests too


# --- lying about the answer ---------------------------------------------------------------------------

# Each: (source, verdict). Patching the child's own copy of the grader's modules or of builtins can only
# break the child's harness (a runtime error); the checker runs in the trusted process.
MONKEYPATCHES = {
    "numpy-comparisons": (
        """
        import numpy as np
        np.allclose = np.array_equal = lambda *a, **k: True
        np.isclose = lambda x, y, *a, **k: np.ones(np.shape(x), bool)
        np.testing.assert_allclose = np.testing.assert_array_equal = lambda *a, **k: None
        np.isnan = np.isinf = lambda x, *a, **k: np.zeros(np.shape(x), bool)
        def add(a, b):
            return np.zeros_like(a)
    """,
        WA,
    ),
    "math": (
        """
        import math
        import numpy as np
        math.isclose = lambda *a, **k: True
        math.isnan = math.isinf = lambda x: False
        math.isfinite = lambda x: True
        def add(a, b):
            return np.ones_like(a)
    """,
        WA,
    ),
    "graders-own-modules-in-the-child": (
        """
        import sys
        import numpy as np
        checkers, wire = sys.modules["grader.checkers"], sys.modules["grader.wire"]
        checkers.check = checkers.allclose = lambda *a, **k: checkers.OK
        checkers.compare_arrays = lambda *a, **k: checkers.OK
        wire.decode = lambda tree, blobs, torch_module=None: None
        def add(a, b):
            return np.zeros_like(a)
    """,
        RE,
    ),
    "builtins": (
        """
        import builtins
        import numpy as np
        builtins.abs = lambda x: 0
        builtins.isinstance = lambda *a: True
        def add(a, b):
            return np.zeros_like(a)
    """,
        RE,
    ),
    "ndarray-methods": (
        """
        import numpy as np
        try:
            np.ndarray.__eq__ = lambda self, other: True
        except TypeError as exc:
            print(exc)
        def add(a, b):
            return np.zeros_like(a)
    """,
        WA,
    ),
}


@pytest.mark.parametrize(("source", "verdict"), MONKEYPATCHES.values(), ids=MONKEYPATCHES.keys())
def test_monkeypatching_in_the_child_does_not_fool_the_checker(pool, source, verdict):
    expect(run(source, pool), verdict)


PATCH_FOR_LATER = """
import math, sys
import numpy as np
np.add = np.subtract
np.PWNED = True
math.pi = 3.0
sys.modules["grader.checkers"].PWNED = True
def add(a, b):
    return a + b
"""

CHECK_UNPATCHED = """
import math, sys
import numpy as np
def add(a, b):
    assert not hasattr(np, "PWNED") and math.pi > 3.14 and np.add is not np.subtract
    assert not hasattr(sys.modules["grader.checkers"], "PWNED")
    return np.add(a, b)
"""


def test_monkeypatches_do_not_outlive_their_run(pool):
    expect(run(PATCH_FOR_LATER, pool), Verdict.ACCEPTED)
    expect(run(CHECK_UNPATCHED, pool), Verdict.ACCEPTED)


CLAIMS_EQUALITY = {
    "always-equal-object": """
        class Equal:
            def __eq__(self, other): return True
            def __ne__(self, other): return False
            def __array__(self, *a, **k):
                import numpy as np
                return np.zeros(3)
        def add(a, b):
            return Equal()
    """,
    "ndarray-subclass-eq": """
        import numpy as np
        class Sneaky(np.ndarray):
            def __eq__(self, other): return np.ones(np.shape(other), bool)
            def __ne__(self, other): return np.zeros(np.shape(other), bool)
        def add(a, b):
            return np.zeros_like(a).view(Sneaky)
    """,
    "ndarray-subclass-array-function": """
        import numpy as np
        class Agreeable(np.ndarray):
            def __array_function__(self, func, types, args, kwargs): return True
            def __array_ufunc__(self, ufunc, method, *inputs, **kwargs): return np.zeros(np.shape(inputs[0]))
        def add(a, b):
            return np.zeros_like(a).view(Agreeable)
    """,
    "array-interface-object": """
        import numpy as np
        class Fake:
            def __init__(self, a): self.__array_interface__ = np.zeros_like(a).__array_interface__
            def __eq__(self, other): return True
        def add(a, b):
            return Fake(a)
    """,
    "lies-about-its-class": """
        import numpy as np
        class Liar:
            __class__ = property(lambda self: np.ndarray)
            shape = property(lambda self: (3, 5))
            def __eq__(self, other): return True
        def add(a, b):
            return Liar()
    """,
    "numpy-scalar-subclass-claiming-numpy": """
        import numpy as np
        class Scalar(np.float64):
            __module__ = "numpy"
            def __eq__(self, other): return True
        def add(a, b):
            return Scalar(0.0)
    """,
    "float-subclass": """
        class Float(float):
            def __eq__(self, other): return True
        def add(a, b):
            return Float(0.0)
    """,
    "masked-array": """
        import numpy as np
        def add(a, b):
            return np.ma.masked_all(a.shape)
    """,
    "matrix": """
        import numpy as np
        def add(a, b):
            return np.asmatrix(np.zeros((a.size, 1)))
    """,
    "object-array": """
        import numpy as np
        class Equal:
            def __eq__(self, other): return True
        def add(a, b):
            out = np.empty(a.shape, dtype=object)
            out[...] = Equal()
            return out
    """,
    "forged-wire-tags": """
        def add(a, b):
            return {"__ndarray__": 0, "__tensor__": 0}
    """,
    "broadcastable-shape": """
        import numpy as np
        def add(a, b):
            return (a + b).reshape(-1)[:1].reshape((1,) * a.ndim)
    """,
    "self-referencing-list": """
        def add(a, b):
            x = []
            x.append(x)
            return x
    """,
    "deeply-nested-list": """
        def add(a, b):
            x = 0.0
            for _ in range(1000):
                x = [x]
            return x
    """,
}


@pytest.mark.parametrize("source", CLAIMS_EQUALITY.values(), ids=CLAIMS_EQUALITY.keys())
def test_objects_that_claim_equality_are_not_accepted(pool, source):
    expect(run(source, pool), WA)


TENSOR_TRICKS = {
    "tensor-subclass-eq": """
        import torch
        class Sneaky(torch.Tensor):
            def __eq__(self, other): return torch.ones_like(other, dtype=torch.bool)
        def add(a, b):
            return torch.zeros_like(a).as_subclass(Sneaky)
    """,
    "tensor-subclass-torch-function": """
        import torch
        class Agreeable(torch.Tensor):
            @classmethod
            def __torch_function__(cls, func, types, args=(), kwargs=None):
                return True
        def add(a, b):
            return torch.zeros_like(a).as_subclass(Agreeable)
    """,
    "parameter-subclass": """
        import torch
        class Param(torch.nn.Parameter):
            def __eq__(self, other): return True
        def add(a, b):
            return Param(torch.zeros_like(a))
    """,
    "lies-about-its-class": """
        import torch
        class Liar:
            __class__ = property(lambda self: torch.Tensor)
            def __eq__(self, other): return True
        def add(a, b):
            return Liar()
    """,
    "patched-tensor-methods": """
        import torch
        torch.Tensor.__eq__ = lambda self, other: True
        torch.allclose = torch.equal = lambda *a, **k: True
        torch.testing.assert_close = lambda *a, **k: None
        def add(a, b):
            return torch.zeros_like(a)
    """,
    "complex-tensor": """
        import torch
        def add(a, b):
            return torch.complex(a + b, torch.zeros_like(a))
    """,
    "sparse-tensor": """
        def add(a, b):
            return (a + b).to_sparse()
    """,
    "meta-tensor": """
        import torch
        def add(a, b):
            return torch.empty(a.shape, device="meta", dtype=a.dtype)
    """,
    "fake-tensor": """
        import torch
        from torch._subclasses.fake_tensor import FakeTensorMode
        def add(a, b):
            with FakeTensorMode():
                return torch.empty(a.shape, dtype=torch.float64)
    """,
}


TORCH_ESCAPES = {
    "dataloader-workers": "import torch\ndef add(a, b):\n"
    "    return list(torch.utils.data.DataLoader([a + b], num_workers=2))[0][0]\n",
    "shared-memory": "def add(a, b):\n    return (a + b).share_memory_()\n",
    "hub-download": "import torch\ndef add(a, b):\n    torch.hub.load('pytorch/vision', 'resnet18')\n"
    "    return a + b\n",
    "cuda": "def add(a, b):\n    return (a + b).cuda()\n",
    "multiprocessing": "import torch.multiprocessing as mp\ndef add(a, b):\n"
    "    p = mp.Process(target=print)\n    p.start()\n    return a + b\n",
}


@pytest.mark.parametrize("source", TORCH_ESCAPES.values(), ids=TORCH_ESCAPES.keys())
def test_torch_ways_out_of_the_process_fail(pool, source):
    expect(run(source, pool, spec=TORCH_SPEC), RE)


@pytest.mark.parametrize("source", TENSOR_TRICKS.values(), ids=TENSOR_TRICKS.keys())
def test_tensor_tricks_are_not_accepted(pool, source):
    expect(run(source, pool, spec=TORCH_SPEC), WA)


def test_torch_control_a_plain_tensor_with_grad_is_accepted(pool):
    expect(run("def add(a, b):\n    return (a + b).requires_grad_()\n", pool, spec=TORCH_SPEC), Verdict.ACCEPTED)


NAN_AND_INF = {
    "all-nan": "import numpy as np\ndef add(a, b):\n    return np.full_like(a, np.nan)\n",
    "all-inf": "import numpy as np\ndef add(a, b):\n    return np.full_like(a, np.inf)\n",
    "all-minus-inf": "import numpy as np\ndef add(a, b):\n    return np.full_like(a, -np.inf)\n",
    "one-nan": "import numpy as np\ndef add(a, b):\n    c = a + b\n    c.flat[0] = np.nan\n    return c\n",
    "nan-scalar": "def add(a, b):\n    return float('nan')\n",
    "nan-removed": "import numpy as np\ndef add(a, b):\n    return np.nan_to_num(a + b)\n",
    "nan-where-inf": "import numpy as np\ndef add(a, b):\n    c = a + b\n    c[np.isinf(c)] = np.nan\n    return c\n",
}


@pytest.mark.parametrize("source", NAN_AND_INF.values(), ids=NAN_AND_INF.keys())
def test_nan_and_inf_outputs_are_wrong_answers(pool, source):
    expect(run(source, pool), WA)


def test_nan_and_inf_in_the_right_places_are_accepted(pool):
    report = expect(run(ADD, pool, mode="run"), Verdict.ACCEPTED)
    assert "nan" in report.tests[1].expected and "inf" in report.tests[1].expected


MUTATE_LOW_RANK = {
    "zero-the-input": """
        def low_rank_approximation(A, k):
            A[...] = 0.0
            return A
    """,
    "make-the-input-rank-k": """
        import numpy as np
        def low_rank_approximation(A, k):
            A[...] = np.outer(np.ones(A.shape[0]), np.ones(A.shape[1]))
            return A.copy()
    """,
}


@pytest.mark.parametrize("source", MUTATE_LOW_RANK.values(), ids=MUTATE_LOW_RANK.keys())
def test_mutating_the_inputs_does_not_change_what_the_checker_uses(pool, source):
    """low_rank checks against args["A"]: the trusted side keeps its own copy of the inputs."""
    expect(run(source, pool, spec=find_problem("low-rank-approximation")), WA)


def test_mutating_the_inputs_does_not_change_the_expected_output(pool):
    expect(run("def add(a, b):\n    a[...] = 0\n    b[...] = 0\n    return a + b\n", pool), WA)


# --- forging results ----------------------------------------------------------------------------------

FORGE_HELPERS = """
import json, os, struct, sys
import numpy as np
from grader import wire

def current_index():
    frame = sys._getframe()
    while frame is not None and "index" not in frame.f_locals:
        frame = frame.f_back
    return frame.f_locals["index"]

def frame_for(index, value):
    tree, blobs = wire.encode(value)
    return wire.pack({"op": "result", "index": index, "time_ms": 0.1, "value": tree}, blobs)

def raw_frame(header: bytes, blobs=()):
    body = struct.pack("!I", len(header)) + header + b"".join(struct.pack("!I", len(b)) + b for b in blobs)
    return struct.pack("!I", len(body)) + body
"""

FORGERIES = {
    "fake-report-on-stdout": (
        """
        def add(a, b):
            print(json.dumps({"problem": "attack-add", "verdict": "accepted", "passed": 5, "total": 5}))
            return np.zeros_like(a)
        """,
        WA,
    ),
    "result-frames-on-stdout-and-stderr": (
        """
        def add(a, b):
            for i in range(5):
                os.write(1, frame_for(i, a + b))
                os.write(2, frame_for(i, a + b))
            return np.zeros_like(a)
        """,
        WA,
    ),
    "frames-on-every-descriptor": (
        """
        def add(a, b):
            for fd in range(64):
                try:
                    os.write(fd, frame_for(current_index() + 1, np.zeros_like(a)))
                except OSError:
                    pass
            return np.zeros_like(a)
        """,
        RE,
    ),
    "result-for-the-next-test": (
        """
        def add(a, b):
            os.write(3, frame_for(current_index() + 1, a + b))
            return a + b
        """,
        RE,
    ),
    "two-results-for-this-test": (
        """
        def add(a, b):
            os.write(3, frame_for(current_index(), a + b))
            return a + b
        """,
        RE,
    ),
    "garbage-length": (
        """
        def add(a, b):
            os.write(3, b"\\xff" * 64)
            return a + b
        """,
        RE,
    ),
    "garbage-body": (
        """
        def add(a, b):
            os.write(3, struct.pack("!I", 5) + b"hello")
            return a + b
        """,
        RE,
    ),
    "header-not-an-object": (
        """
        def add(a, b):
            os.write(3, raw_frame(b'["result", 0]'))
            return a + b
        """,
        RE,
    ),
    "json-nan-constant": (
        """
        def add(a, b):
            os.write(3, raw_frame(b'{"op": "result", "index": %d, "value": NaN}' % current_index()))
            return a + b
        """,
        RE,
    ),
    "deeply-nested-json": (
        """
        def add(a, b):
            os.write(3, raw_frame(b"[" * 200000 + b"]" * 200000))
            return a + b
        """,
        RE,
    ),
    "npy-with-an-impossible-shape": (
        """
        def add(a, b):
            import io
            buf = io.BytesIO()
            np.lib.format.write_array_header_1_0(buf, {"descr": "<f8", "fortran_order": False, "shape": (0, 2**62)})
            header = json.dumps({"op": "result", "index": current_index(), "time_ms": 1, "value": {"__ndarray__": 0}})
            os.write(3, raw_frame(header.encode(), [buf.getvalue()]))
            os._exit(0)
        """,
        WA,
    ),
    "npy-with-too-many-dimensions": (
        """
        def add(a, b):
            import io
            buf = io.BytesIO()
            np.lib.format.write_array_header_1_0(buf, {"descr": "<f8", "fortran_order": False, "shape": (1,) * 70})
            header = json.dumps({"op": "result", "index": current_index(), "time_ms": 1, "value": {"__ndarray__": 0}})
            os.write(3, raw_frame(header.encode(), [buf.getvalue() + bytes(8)]))
            os._exit(0)
        """,
        WA,
    ),
    "pickled-object-array": (
        """
        def add(a, b):
            import io
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.array([print], dtype=object), allow_pickle=True)
            header = json.dumps({"op": "result", "index": current_index(), "time_ms": 1, "value": {"__ndarray__": 0}})
            os.write(3, raw_frame(header.encode(), [buf.getvalue()]))
            os._exit(0)
        """,
        WA,
    ),
    "integer-too-large-for-a-float": (
        """
        def add(a, b):
            header = '{"op": "result", "index": %d, "time_ms": 1, "value": %s}' % (current_index(), "9" * 4000)
            os.write(3, raw_frame(header.encode()))
            os._exit(0)
        """,
        WA,
    ),
    "fourteen-million-json-items": (  # cost the trusted side 6 s and 600 MB to rebuild before a budget
        """
        def add(a, b):
            header = b'{"op":"result","index":%d,"time_ms":1,"value":[' % current_index() + b"0," * 14_000_000 + b"0]}"
            os.write(3, raw_frame(header))
            os._exit(0)
        """,
        WA,
    ),
    "json-header-over-32mib": (
        """
        def add(a, b):
            header = b'{"op":"result","index":%d,"time_ms":1,"value":"' % current_index() + b"x" * (33 << 20) + b'"}'
            os.write(3, raw_frame(header))
            os._exit(0)
        """,
        RE,
    ),
    "truncated-frame": (
        """
        def add(a, b):
            os.write(3, struct.pack("!I", 1 << 20) + b"partial")
            return a + b
        """,
        TLE,
    ),
    "close-the-channel": (
        """
        def add(a, b):
            os.close(3)
            return a + b
        """,
        RE,
    ),
    "shut-the-channel-down": (
        """
        import socket
        def add(a, b):
            socket.socket(fileno=os.dup(3)).shutdown(socket.SHUT_RDWR)
            return a + b
        """,
        RE,
    ),
    "replace-the-channel": (
        """
        def add(a, b):
            os.dup2(os.open("/dev/null", os.O_RDWR), 3)
            return a + b
        """,
        RE,
    ),
    "ready-forged-while-loading": (
        """
        os.write(3, wire.pack({"op": "ready"}))
        def add(a, b):
            return a + b
        """,
        RE,
    ),
}


@pytest.mark.parametrize(("source", "verdict"), FORGERIES.values(), ids=FORGERIES.keys())
def test_forged_results_are_never_believed(pool, source, verdict):
    expect(run(FORGE_HELPERS + textwrap.dedent(source), pool), verdict)


def test_a_forged_syntax_error_only_hurts_the_forger(pool):
    """The channel is the child's own: it can lie about itself (here, a syntax error), never pass."""
    source = FORGE_HELPERS + 'os.write(3, wire.pack({"op": "syntax_error", "message": "forged"}))\n' + ADD
    expect(run(source, pool), Verdict.SYNTAX_ERROR)


FDS = """
import os, stat
import numpy as np

def add(a, b):
    open_fds = {}
    for fd in range(4096):
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            continue
        kinds = {stat.S_ISSOCK: "socket", stat.S_ISFIFO: "fifo", stat.S_ISCHR: "chr"}
        open_fds[fd] = next((name for test, name in kinds.items() if test(mode)), oct(mode))
    print(open_fds)
    return np.zeros_like(a)
"""


def test_the_child_inherits_only_its_own_descriptors(pool):
    """No descriptor of the zygote's (cgroup files, its /proc directory, the control socket) reaches the child."""
    report = expect(run(FDS, pool, mode="run"), WA)
    assert report.stdout.splitlines()[0] == "{0: 'chr', 1: 'fifo', 2: 'fifo', 3: 'socket'}"


def test_the_setup_frame_is_what_the_wire_format_says():
    from grader import wire, zygote

    assert zygote.STARTED_FRAME == wire.pack({"op": "started"})


EXFILTRATE_HIDDEN_INPUTS = """
import numpy as np

def add(a, b):
    if a.shape in ((3, 5), (2, 3)):  # the visible samples
        return a + b
    leak = "LEAK_" + "_".join(str(int(abs(x) * 1000)) for x in a.ravel()[:4])
    if a.ndim == 1:
        raise type(leak, (Exception,), {})("x")
    return type(leak, (), {})()
"""


def test_hidden_inputs_cannot_be_read_out_through_messages(pool):
    report = expect(run(EXFILTRATE_HIDDEN_INPUTS, pool), RE)
    hidden = [t for t in report.tests if t.hidden]
    assert hidden and not any("LEAK" in t.message for t in hidden), [t.message for t in hidden]


# --- exits, signals, hangs ----------------------------------------------------------------------------

EXITS = {
    "sys-exit-0": ("import sys\ndef add(a, b):\n    sys.exit(0)\n", RE),
    "sys-exit-accepted": ("import sys\ndef add(a, b):\n    sys.exit('accepted')\n", RE),
    "raise-system-exit": ("def add(a, b):\n    raise SystemExit(0)\n", RE),
    "raise-keyboard-interrupt": ("def add(a, b):\n    raise KeyboardInterrupt\n", RE),
    "raise-generator-exit": ("def add(a, b):\n    raise GeneratorExit\n", RE),
    "os-exit-0": ("import os\ndef add(a, b):\n    os._exit(0)\n", RE),
    "os-exit-3": ("import os\ndef add(a, b):\n    os._exit(3)\n", RE),
    # 120 is the status of a child whose sandbox could not be set up: it must not pass for one
    "os-exit-120": ("import os\ndef add(a, b):\n    os._exit(120)\n", RE),
    "os-exit-120-while-loading": ("import os\nos._exit(120)\ndef add(a, b):\n    return a + b\n", RE),
    "os-abort": ("import os\ndef add(a, b):\n    os.abort()\n", RE),
    "sigterm-self": ("import signal\ndef add(a, b):\n    signal.raise_signal(signal.SIGTERM)\n", RE),
    "sigint-self": ("import signal\ndef add(a, b):\n    signal.raise_signal(signal.SIGINT)\n", RE),
    "sys-exit-while-loading": ("import sys\nsys.exit(0)\ndef add(a, b):\n    return a + b\n", RE),
    "os-exit-while-loading": ("import os\nos._exit(0)\ndef add(a, b):\n    return a + b\n", RE),
    "exit-after-a-correct-answer": (
        "import os\nseen = []\ndef add(a, b):\n    seen.append(1)\n    if len(seen) == 2:\n        os._exit(0)\n"
        "    return a + b\n",
        RE,
    ),
    "sigstop-self": ("import os, signal\ndef add(a, b):\n    os.kill(os.getpid(), signal.SIGSTOP)\n", TLE),
}


@pytest.mark.parametrize(("source", "verdict"), EXITS.values(), ids=EXITS.keys())
def test_exits_and_signals_are_runtime_errors(pool, source, verdict):
    expect(run(source, pool), verdict)


HANGS = {
    "busy-loop-ignoring-signals": """
        import signal
        for s in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
        def add(a, b):
            while True:
                pass
    """,
    "sleep": "import time\ndef add(a, b):\n    time.sleep(60)\n",
    "pause": "import signal\ndef add(a, b):\n    signal.pause()\n",
    "wait-forever-on-an-event": "import threading\ndef add(a, b):\n    threading.Event().wait()\n",
    "read-the-grader-channel": "import os\ndef add(a, b):\n    os.read(3, 1)\n    return a + b\n",
    "busy-loop-while-loading": "while True:\n    pass\n",
    "sleep-while-loading": "import time\ntime.sleep(60)\n",
}


def finishes(call, *args, **kwargs):
    """Call in a thread; a grader that hangs fails the test (a hang bound 60x the time limit, not a speed target)."""
    with ThreadPoolExecutor(1) as executor:
        return executor.submit(call, *args, **kwargs).result(timeout=30)


@pytest.mark.parametrize("source", HANGS.values(), ids=HANGS.keys())
def test_hangs_are_time_limit_exceeded(pool, source):
    report = expect(finishes(run, source, pool), TLE)
    if report.tests[-1].name != "grader":  # (while loading, no test was under way)
        # the parent's own deadline decided it: the test it died on carries exactly the limit
        assert report.tests[-1].time_ms == ADD_SPEC.limits.time_ms


def test_closing_stdout_does_not_make_the_grader_spin(pool):
    """A closed output pipe is always 'readable': the trusted side once polled it at 100% CPU until the limit."""
    source = "import os, time\ndef add(a, b):\n    os.close(1)\n    os.close(2)\n    time.sleep(60)\n"
    cpu = time.process_time()
    expect(run(source, pool), TLE)
    assert time.process_time() - cpu < 0.25


def test_lingering_threads_do_not_hang_the_grader(pool):
    source = (
        "import threading, time\nimport numpy as np\n"
        "def add(a, b):\n"
        "    threading.Thread(target=time.sleep, args=(60,)).start()\n"
        "    threading.Thread(target=lambda: [0 for _ in iter(int, 1)], daemon=True).start()\n"
        "    return np.zeros_like(a)\n"
    )
    expect(finishes(run, source, pool), WA)
    assert pool.wait_idle()  # the lingering threads died with their child; the slot is free again


# --- resource bombs -----------------------------------------------------------------------------------

BOMBS = {
    "bytearray-1gib": ("def add(a, b):\n    x = bytearray(1 << 30)\n    return a + b\n", MLE),
    "numpy-ones-2gib": ("import numpy as np\ndef add(a, b):\n    x = np.ones(1 << 28)\n    return a + b\n", MLE),
    "growing-list": (
        "def add(a, b):\n    x = []\n    while True:\n        x.append(bytearray(1 << 20))\n",
        MLE,
    ),
    "beyond-the-address-space": (
        "import numpy as np\ndef add(a, b):\n    x = np.empty(1 << 42)\n    return a + b\n",
        MLE,
    ),
    "memory-bomb-in-a-thread": (
        "import threading\ndef add(a, b):\n"
        "    t = threading.Thread(target=lambda: bytearray(1 << 31))\n    t.start()\n    t.join()\n    return a + b\n",
        MLE,
    ),
    "memory-bomb-while-loading": ("x = bytearray(1 << 30)\ndef add(a, b):\n    return a + b\n", MLE),
    "deep-python-recursion": (  # 3.11 keeps Python frames on the heap: this one runs out of memory
        "import sys\nsys.setrecursionlimit(10 ** 8)\n"
        "def deep(n):\n    return deep(n + 1) + 1\n"
        "def add(a, b):\n    return deep(0)\n",
        MLE,
    ),
    "os-fork": ("import os\ndef add(a, b):\n    os.fork()\n    return a + b\n", RE),
    "fork-loop-swallowing-errors": (
        "import os\ndef add(a, b):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n"
        "            pass\n",
        TLE,
    ),
    "subprocess": ("import subprocess\ndef add(a, b):\n    subprocess.run(['/bin/true'])\n    return a + b\n", RE),
    "posix-spawn": ("import os\ndef add(a, b):\n    os.posix_spawn('/bin/true', ['true'], {})\n    return a + b\n", RE),
    "multiprocessing": (
        "import multiprocessing\ndef add(a, b):\n    p = multiprocessing.Process(target=print)\n    p.start()\n"
        "    return a + b\n",
        RE,
    ),
    "pty-fork": ("import pty\ndef add(a, b):\n    pty.fork()\n    return a + b\n", RE),
    "os-system": (
        "import os\nimport numpy as np\ndef add(a, b):\n    status = os.system('/bin/true')\n"
        "    return a + b if status == 0 else np.zeros_like(a)\n",
        WA,
    ),
    "raw-process-syscalls": (
        textwrap.dedent("""
            import ctypes, os
            import numpy as np
            libc = ctypes.CDLL(None, use_errno=True)
            CALLS = {"fork": (57,), "vfork": (58,), "clone": (56, 17, 0, 0, 0, 0), "clone3": (435, 0, 0),
                     "execve": (59, b"/bin/true", 0, 0), "unshare-user": (272, 0x10000000),
                     "unshare-mount": (272, 0x20000)}
            def add(a, b):
                worked = []
                for name, call in CALLS.items():
                    result = libc.syscall(*call)
                    if result == 0 and name in ("fork", "vfork", "clone"):
                        os._exit(0)
                    if result >= 0:
                        worked.append(name)
                return a + b if worked else np.zeros_like(a)
        """),
        WA,
    ),
    "thread-bomb": (
        "import threading, time\ndef add(a, b):\n    while True:\n"
        "        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n",
        RE,
    ),
    "thread-bomb-swallowing-errors": (
        "import threading, time\ndef add(a, b):\n    while True:\n        try:\n"
        "            threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "        except RuntimeError:\n            pass\n",
        TLE,
    ),
    "print-flood": ("def add(a, b):\n    while True:\n        print('x' * 1000)\n", OLE),
    "stderr-flood": ("import sys\ndef add(a, b):\n    while True:\n        sys.stderr.write('y' * 1000)\n", OLE),
    "raw-write-flood": ("import os\ndef add(a, b):\n    os.write(1, b'z' * (1 << 20))\n    return a + b\n", OLE),
    "flood-then-correct": ("def add(a, b):\n    print('x' * (1 << 17))\n    return a + b\n", OLE),
    "flood-while-loading": ("print('x' * (1 << 20))\ndef add(a, b):\n    return a + b\n", OLE),
}


@pytest.mark.parametrize(("source", "verdict"), BOMBS.values(), ids=BOMBS.keys())
def test_resource_bombs_are_stopped_with_the_right_verdict(pool, source, verdict):
    expect(run(source, pool, spec=ADD_SPEC if verdict == TLE else ROOMY_SPEC), verdict)


DISK = {
    "one-huge-file": (
        "def add(a, b):\n    with open('big', 'wb') as f:\n        for _ in range(64):\n"
        "            f.write(bytes(1 << 20))\n    return a + b\n",
        RE,
    ),
    "sparse-huge-file": (
        "import os\ndef add(a, b):\n    fd = os.open('sparse', os.O_CREAT | os.O_WRONLY)\n"
        "    os.ftruncate(fd, 1 << 40)\n    return a + b\n",
        RE,
    ),
    "fill-tmpdir": (
        "import os, tempfile\ndef add(a, b):\n    while True:\n"
        "        with tempfile.NamedTemporaryFile(delete=False) as f:\n"
        "            for _ in range(15):\n                f.write(bytes(1 << 20))\n",
        RE,
    ),
    "a-million-files": (  # each run's tmpfs has an inode cap: cleaning up after it stays cheap
        "import os\ndef add(a, b):\n    for i in range(10 ** 6):\n        open(f'f{i}', 'w').close()\n",
        RE,
    ),
    "deeply-nested-directories": (  # once crashed the zygote: its cleanup recursed past Python's limit
        "import os\ndef add(a, b):\n    while True:\n        os.mkdir('d')\n        os.chdir('d')\n",
        RE,
    ),
}


@pytest.mark.parametrize(("source", "verdict"), DISK.values(), ids=DISK.keys())
def test_filling_the_disk_is_stopped_and_cleaned_up(pool, zygote_pids, source, verdict):
    expect(run(source, pool, spec=ADD_SPEC if verdict == TLE else ROOMY_SPEC), verdict)
    assert zygotes_unchanged(pool, zygote_pids)
    writer = "def add(a, b):\n    with open('ok', 'wb') as f:\n        f.write(bytes(8 << 20))\n    return a + b\n"
    expect(run(writer, pool), Verdict.ACCEPTED)  # the space came back


HUGE_RESULTS = {
    "array-over-64mib": (ROOMY_SPEC, "import numpy as np\ndef add(a, b):\n    return np.zeros(9 << 20)\n"),
    "string-over-64mib": (ROOMY_SPEC, "def add(a, b):\n    return 'x' * (65 << 20)\n"),
    "many-arrays-over-64mib": (ROOMY_SPEC, "import numpy as np\ndef add(a, b):\n    return [np.zeros(1 << 20)] * 9\n"),
    "broadcast-view-of-80gb": (  # refused from its size before a byte is copied
        ROOMY_SPEC,
        "import numpy as np\ndef add(a, b):\n    return np.broadcast_to(np.zeros(1), (10**5, 10**5))\n",
    ),
    "expanded-tensor-of-80gb": (
        TORCH_SPEC,
        "import torch\ndef add(a, b):\n    return torch.zeros(1, dtype=torch.float64).expand(10**5, 10**5)\n",
    ),
    "too-many-items": (ROOMY_SPEC, "def add(a, b):\n    return [0.0] * 2_000_000\n"),
    "tensor-over-64mib": (
        TORCH_SPEC,
        "import torch\ndef add(a, b):\n    return torch.zeros(9 << 20, dtype=torch.float64)\n",
    ),
}


@pytest.mark.parametrize(("spec", "source"), HUGE_RESULTS.values(), ids=HUGE_RESULTS.keys())
def test_a_huge_result_is_output_limit_exceeded(pool, spec, source):
    report = expect(run(source, pool, spec=spec), OLE)
    assert [t.name for t in report.tests] == ["sample-1"]


# --- crashes and attacks on other processes -----------------------------------------------------------

CRASHES = {
    "segfault": "import ctypes\ndef add(a, b):\n    ctypes.string_at(0)\n",
    "null-write": "import ctypes\ndef add(a, b):\n    ctypes.memset(0, 1, 64)\n",
    "faulthandler-sigsegv": "import faulthandler\ndef add(a, b):\n    faulthandler._sigsegv()\n",
    "stack-overflow": (  # recursion through C (map) overflows the C stack: SIGSEGV
        "import sys\nsys.setrecursionlimit(10 ** 7)\n"
        "def deep(n):\n    return list(map(deep, [n + 1]))\n"
        "def add(a, b):\n    return deep(0)\n"
    ),
    "recursion-error": "def add(a, b):\n    return add(a, b)\n",
    "sigbus": "import signal\ndef add(a, b):\n    signal.raise_signal(signal.SIGBUS)\n",
    "segfault-while-loading": "import ctypes\nctypes.string_at(0)\ndef add(a, b):\n    return a + b\n",
}


@pytest.mark.parametrize("source", CRASHES.values(), ids=CRASHES.keys())
def test_crashes_are_runtime_errors(pool, source):
    expect(run(source, pool), RE)


KILL = """
import ctypes, os, signal
import numpy as np

def add(a, b):
    hurt = []
    targets = {"parent": os.getppid(), "init": 1, "grader": TESTPID, "zygote": ZYGOTE}
    for name, pid in targets.items():
        for sig in (signal.SIGKILL, signal.SIGSTOP):
            try:
                os.kill(pid, sig)
                hurt.append(name)
            except OSError as exc:
                print(name, sig.name, type(exc).__name__)
    for attempt in (lambda: os.killpg(os.getpgid(os.getppid()), signal.SIGKILL),
                    lambda: os.setpgid(0, os.getpgid(os.getppid()))):
        try:
            attempt()
            hurt.append("group")
        except OSError as exc:
            print("group", type(exc).__name__)
    # kill(-1) reports success even when every target refused, so its effect is checked by the test
    os.kill(-1, signal.SIGSTOP)
    os.kill(-1, signal.SIGKILL)
    libc = ctypes.CDLL(None, use_errno=True)
    for pid in (os.getppid(), TESTPID):
        if libc.ptrace(16, pid, 0, 0) == 0:  # PTRACE_ATTACH
            hurt.append("ptrace")
        local, remote = ctypes.create_string_buffer(64), ctypes.create_string_buffer(64)
        iov_l = (ctypes.c_void_p * 2)(ctypes.addressof(local), 64)
        iov_r = (ctypes.c_void_p * 2)(0x400000, 64)
        if libc.syscall(310, pid, iov_l, 1, iov_r, 1, 0) > 0:  # process_vm_readv
            hurt.append("process_vm_readv")
    print("hurt:", hurt)
    return a + b if hurt else np.zeros_like(a)
"""


def test_killing_the_parent_or_every_process_fails_and_the_pool_survives(pool, zygote_pids):
    zygote = pool.zygote("numpy").process.pid
    report = expect(run(KILL, pool, mode="run", testpid=os.getpid(), zygote=zygote), WA)
    assert "hurt: []" in report.stdout
    assert zygotes_unchanged(pool, zygote_pids)
    assert_pool_grades_correctly(pool)


def test_an_attack_in_one_slot_does_not_disturb_a_run_in_the_other(pool):
    kill_everyone = "import os\ndef add(a, b):\n    while True:\n        os.kill(-1, 9)\n        os.kill(-1, 19)\n"
    # Threads that release the GIL, enough to fill every core: each run's setsid puts it in its own
    # scheduler autogroup, so the kernel shares the CPU between runs, not between threads.
    cpu_hog = (
        "import threading, time\nimport numpy as np\n"
        "def spin():\n    x = np.random.rand(300, 300)\n    while True:\n        x @ x\n"
        "def add(a, b):\n    for _ in range(28):\n        threading.Thread(target=spin, daemon=True).start()\n"
        "    time.sleep(60)\n"
    )
    bombs = [
        cpu_hog,
        BOMBS["growing-list"][0],
        BOMBS["fork-loop-swallowing-errors"][0],
        HANGS["busy-loop-ignoring-signals"],
        kill_everyone,
    ]
    with ThreadPoolExecutor(2) as executor:
        for bomb in bombs:
            hostile = executor.submit(run, bomb, pool)
            assert wait_until(lambda: any(Path(s.pids, "cgroup.procs").read_text().strip() for s in pool.slots))
            # the attack is under way in one slot; honest runs take the other
            honest = [run(ADD, pool) for _ in range(3)]
            assert hostile.result().verdict in (MLE, TLE)
            for report in honest:
                expect(report, Verdict.ACCEPTED)


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def test_the_pool_survives_the_whole_suite(pool, zygote_pids):
    """Last: after every attack above, the same zygotes still grade both flavours correctly."""
    assert zygotes_unchanged(pool, zygote_pids)
    assert_pool_grades_correctly(pool)
    expect(run(ADD, pool, spec=TORCH_SPEC), Verdict.ACCEPTED)
    expect(run(SECRET_REFERENCE, pool, spec=SECRET_SPEC), Verdict.ACCEPTED)
    assert pool.wait_idle()  # every finished run's child reaped and its slot returned
    for slot in pool.slots:  # nothing an attack started lingers in a slot between runs
        assert Path(slot.pids, "cgroup.procs").read_text() == ""


# --- PyTorch is not in a numpy problem's jail ------------------------------------------------------------

TORCH_REFUSED = "torch is not available in numpy problems; use numpy"


@pytest.mark.parametrize("module", ["torch", "torch.nn.functional", "functorch", "torchgen"])
def test_torch_cannot_be_imported_in_a_numpy_problem(pool, module):
    report = expect(run(f"import {module}\ndef add(a, b):\n    return a + b\n", pool), RE)
    assert "failed while loading" in report.tests[0].message
    assert f"ModuleNotFoundError: {module.partition('.')[0]} is not available in numpy problems" in (
        report.tests[0].message
    )


def test_torch_stays_hidden_without_the_import_hook(pool):
    """The finder only words the failure: with it gone (and every cache dropped), the files are still covered."""
    source = """
    import importlib, sys
    import numpy as np

    def add(a, b):
        sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "HiddenModules"]
        sys.path_importer_cache.clear()
        importlib.invalidate_caches()
        try:
            import torch
            result = torch.softmax(torch.from_numpy(a), 0)
        except Exception as exc:
            print("refused:", type(exc).__name__, exc)
            return np.zeros_like(a)
        return a + b
    """
    report = expect(run(source, pool, mode="run"), WA)
    assert f"refused: ModuleNotFoundError {TORCH_REFUSED}" in report.stdout


def test_torch_files_cannot_be_read_or_loaded_in_a_numpy_problem(pool):
    """Below its stub, torch's folder is empty: no sources to exec, no libtorch to load with ctypes."""
    source = """
    import ctypes, os, sys
    import numpy as np

    def add(a, b):
        found = []
        for folder in sys.path + ["/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"]:
            for name in ("torch", "functorch", "torchgen"):
                root = os.path.join(folder, name)
                for path, dirs, files in os.walk(root):
                    found += [os.path.join(path, f) for f in files if f != "__init__.py"]
                init = os.path.join(root, "__init__.py")
                if os.path.isfile(init) and "ModuleNotFoundError" not in open(init).read():
                    found.append(init)
        for lib in ("libtorch_cpu.so", "libtorch.so", "libc10.so"):
            try:
                ctypes.CDLL(lib)
                found.append(lib)
            except OSError:
                pass
        print("found", found[:5])
        return a + b if found else np.zeros_like(a)
    """
    report = expect(run(source, pool, mode="run"), WA)
    assert "found []" in report.stdout


def test_torch_problems_still_import_torch(pool):
    source = "import torch\nimport functorch\ndef add(a, b):\n    return torch.add(a, b)\n"
    expect(run(source, pool, spec=TORCH_SPEC), Verdict.ACCEPTED)


# --- seccomp ---------------------------------------------------------------------------------------------


def test_an_unknown_syscall_in_the_deny_list_refuses_to_build_the_filter():
    """A typo in DENIED_SYSCALLS would leave that call allowed: the zygote must not start with it."""
    from grader import zygote

    with pytest.raises(zygote.UnknownSyscall, match="'no_such_syscall'"):
        zygote.build_seccomp(zygote.DENIED_SYSCALLS + ("no_such_syscall",))
    zygote.build_seccomp()  # the real list resolves
