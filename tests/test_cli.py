"""`rankup grade` and `rankup problems` as a user runs them: exit codes, one JSON object, a readable table."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RANKUP = [str(Path(sys.executable).parent / "rankup")]


def rankup(*args, cwd=ROOT):
    return subprocess.run(RANKUP + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


def test_grade_reference_json_exit_0():
    result = rankup("grade", "low-rank-approximation", "problems/low-rank-approximation/reference.py", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["verdict"] == "accepted" and report["passed"] == report["total"]
    assert set(report) >= {"problem", "verdict", "passed", "total", "time_ms", "tests"}
    assert set(report["tests"][0]) >= {"name", "hidden", "verdict", "time_ms", "message"}


def test_grade_wrong_table_exit_1(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def lora_forward(x, W, A, B, alpha, r):\n    return x @ W\n")
    result = rankup("grade", "lora-forward", str(wrong))
    assert result.returncode == 1
    assert "wrong_answer" in result.stdout or "runtime_error" in result.stdout
    assert "lora-forward:" in result.stdout and "passed" in result.stdout


def test_usage_errors_exit_2_with_one_line(tmp_path):
    for args in (
        ["grade", "no-such-problem", "problems/lora-forward/reference.py"],
        ["grade", "lora-forward", str(tmp_path / "missing.py")],
    ):
        result = rankup(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    result = rankup("grade", "lora-forward", str(binary))
    assert result.returncode == 2 and "UTF-8" in result.stderr


def test_problems_list_json():
    result = rankup("problems", "list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    seeds = {r["slug"]: r for r in rows}
    assert seeds["low-rank-approximation"]["kind"] == "code"
    assert set(seeds["lora-forward"]) >= {"slug", "kind", "title", "difficulty", "tags", "languages"}


def test_problems_validate_requires_diagnoses_and_hints(tmp_path):
    from tests.grader.test_mutants import problem_files

    for slug, drop in (("scale-full", None), ("scale-no-hints", "hints.toml")):
        for name, text in problem_files().items():
            if name != drop:
                (tmp_path / slug / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / slug / name).write_text(text, encoding="utf-8")
    env = os.environ | {"RANKUP_PROBLEMS_DIR": str(tmp_path)}
    result = subprocess.run(RANKUP + ["problems", "validate"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stdout
    assert "ok   scale-full" in result.stdout and "FAIL scale-no-hints" in result.stdout
    assert "`hints` has 0 hints; a coding problem needs exactly 3" in result.stdout
