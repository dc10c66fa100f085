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


def try_repo(repo: Path, hook: str, env: dict) -> subprocess.CompletedProcess:
    # try-repo clones the checkout at HEAD, adding its uncommitted changes to tracked files
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook,
                           "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


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

    bad = try_repo(repo, "cablelint", env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "09TASHKENT1571.txt:43:1: PAR002 [*] paragraph numbered 16" in bad.stdout

    fixed = try_repo(repo, "cablelint-fix", env)
    assert fixed.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fixed.stdout
    assert (repo / "09TASHKENT1571.txt").read_bytes() == SEED.read_bytes().replace(
        b"\n16. (SBU)", "\n¶6. (SBU)".encode())

    good = try_repo(repo, "cablelint", env)  # only warnings and info remain
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
