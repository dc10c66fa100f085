"""The pre-commit hooks, run for real with `pre-commit try-repo` against this checkout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]

try:
    import pre_commit  # noqa: F401
except ImportError:  # pragma: no cover
    pre_commit = None


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(repo: Path, env: dict) -> subprocess.CompletedProcess:
    """Both hooks, in their order (check, then fix). try-repo clones the checkout at HEAD and
    adds its uncommitted changes to tracked files, so each call may build a fresh environment."""
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT),
                           "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def status_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith(("Passed", "Failed"))]


@pytest.mark.skipif(pre_commit is None, reason="pre-commit is not installed (pip install '.[test]')")
def test_hooks_fail_on_a_bad_cable_and_pass_on_a_good_one(tmp_path):
    repo = tmp_path / "cables"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "drafter@example.org")
    git(repo, "config", "user.name", "Drafter")
    shutil.copy(SEED, repo / "09TASHKENT1571.txt")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "cable")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), PRE_COMMIT_COLOR="never")
    env.pop("GITHUB_ACTIONS", None)

    bad = try_repo(repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert [line.split(".", 1)[0] for line in status_lines(bad.stdout)] == ["cablelint", "cablelint (fix)"]
    assert all(line.endswith("Failed") for line in status_lines(bad.stdout))
    assert "09TASHKENT1571.txt:43:1: PAR002 [*] paragraph numbered 16" in bad.stdout
    assert "files were modified by this hook" in bad.stdout
    assert (repo / "09TASHKENT1571.txt").read_bytes() == SEED.read_bytes().replace(
        b"\n16. (SBU)", "\n¶6. (SBU)".encode())

    good = try_repo(repo, env)  # fixed: only warnings and info remain
    assert good.returncode == 0, good.stdout + good.stderr
    assert all(line.endswith("Passed") for line in status_lines(good.stdout))
    assert len(status_lines(good.stdout)) == 2
