"""A wheel built from this checkout, installed into a fresh virtual environment, works."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(os.environ.get("CABLELINT_SKIP_PACKAGING") == "1", reason="asked to skip")
def test_wheel_installs_and_runs(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("cablelint-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    exe = env_dir / "bin" / "cablelint"
    # run from an unrelated directory so nothing from the checkout is importable
    p = subprocess.run([str(exe), "check", "--format", "concise", str(ROOT / "examples" / "09TASHKENT1571.txt")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert [l.split(": ", 1)[1].split()[0] for l in p.stdout.splitlines()] == ["POR005", "PAR008", "PAR007", "PAR002"]
    listing = subprocess.run([str(py), "-c", "import cablelint.grammars as g, cablelint.rules as r; "
                              "print(g.grammar_dir()); print(r.__file__)"],
                             capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert all(str(env_dir) in p for p in listing)

    # an editable install of the same checkout gives the same program
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-e", str(ROOT)], check=True, capture_output=True)
    q = subprocess.run([str(exe), "check", "--format", "concise", str(ROOT / "examples" / "09TASHKENT1571.txt")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert q.stdout == p.stdout
    draft = subprocess.run([str(exe), "check", "--as-of", "2026-11-27", str(ROOT / "examples" / "draft-unsent.txt")],
                           capture_output=True, text=True, cwd=tmp_path)
    assert (draft.returncode, draft.stdout) == (0, "")
