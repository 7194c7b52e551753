"""docs/READING.md: every link resolves, and every stop names a file and its test."""
import os
import re

import pytest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
LINK = re.compile(r'\]\(([^)\s]+)\)')


def links(path):
    """(target, resolved path) of every relative Markdown link in ``path``."""
    with open(path) as f:
        text = f.read()
    base = os.path.dirname(path)
    return [(target, os.path.normpath(os.path.join(base, target.split('#')[0])))
            for target in LINK.findall(text) if '://' not in target and not target.startswith('#')]


@pytest.mark.parametrize('document', ['docs/READING.md', 'README.md'])
def test_every_relative_link_resolves(document):
    found = links(os.path.join(ROOT, document))
    missing = [target for target, path in found if not os.path.exists(path)]
    assert not missing, '%s links to missing files: %s' % (document, missing)
    assert found or document == 'README.md'


def test_each_of_about_ten_stops_has_a_file_and_a_test():
    path = os.path.join(ROOT, 'docs', 'READING.md')
    with open(path) as f:
        stops = re.split(r'^## ', f.read(), flags=re.M)[1:]
    numbered = [s for s in stops if re.match(r'\d+\. ', s)]
    assert 8 <= len(numbered) <= 12
    for stop in numbered:
        targets = LINK.findall(stop)
        title = stop.splitlines()[0]
        assert any(t.startswith('../tests/') for t in targets), 'no test for ' + title
        assert any(t.startswith(('../minigan/', '../examples/')) for t in targets), title
