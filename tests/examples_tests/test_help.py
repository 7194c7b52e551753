"""Every script's --help prints its usage and exits 0 (argparse %-formats help texts)."""
import os

import pytest

from tests.examples_tests.conftest import EXAMPLES, load_example

SCRIPTS = sorted(name[:-3] for name in os.listdir(EXAMPLES) if name.endswith('.py'))


@pytest.mark.parametrize('script', SCRIPTS)
def test_help_prints_the_usage(script, capsys):
    with pytest.raises(SystemExit) as stop:
        load_example(script).main(['--help'])
    assert stop.value.code == 0
    printed = capsys.readouterr().out
    assert printed.startswith('usage: ') and '--' in printed
