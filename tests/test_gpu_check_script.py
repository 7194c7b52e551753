"""benchmarks/gpu_check.sh, the one-shot GPU check: its syntax, its plan, and its refusal.

On a machine without a GPU it must say so and exit 3 (nothing checked) rather than report
CPU figures as GPU ones; --dry-run lists the steps and their time limits, which fit in the
8 minutes the check is allowed.
"""
import os
import re
import shutil
import subprocess

import pytest

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                      'benchmarks', 'gpu_check.sh')
pytestmark = pytest.mark.skipif(shutil.which('bash') is None, reason='needs bash')


def run(*args, env=None):
    return subprocess.run(['bash', SCRIPT] + list(args), capture_output=True, text=True,
                          env=env, timeout=60)


def test_the_script_parses():
    assert subprocess.run(['bash', '-n', SCRIPT]).returncode == 0


def test_dry_run_lists_every_step_within_eight_minutes():
    out = run('--dry-run')
    assert out.returncode == 0, out.stderr
    limits = [int(s) for s in re.findall(r'limit +(\d+) s', out.stdout)]
    for what in ('install', 'tests', 'ops.py --device 0', 'cuda_kernels.py --device 0',
                 'iteration.py --device 0', 'pggan'):
        assert what in out.stdout
    assert len(limits) == 6 and sum(limits) <= 480


def test_without_a_gpu_it_checks_nothing_and_says_so(tmp_path):
    env = dict(os.environ, PATH='%s:%s' % (tmp_path, os.environ.get('PATH', '')),
               GPU_CHECK_OUT=str(tmp_path / 'out'))
    fake = tmp_path / 'nvidia-smi'  # NOTE: a driver that lists no GPU
    fake.write_text('#!/bin/sh\nexit 9\n')
    fake.chmod(0o755)
    out = run(env=env)
    assert out.returncode == 3
    assert 'no NVIDIA GPU here' in out.stdout
    assert not (tmp_path / 'out').exists()
