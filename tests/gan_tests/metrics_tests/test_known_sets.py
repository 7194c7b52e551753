"""The scores on sets of the bundled faces whose answer is known.

Reference half A (59 faces) against: the other half B (a perfect generator that never saw A),
B blurred (worse fidelity), and, against all 118 faces, 5 faces repeated 12 times (collapse),
60 exact training copies (memorization) and uniform noise. Every assertion is a margin that
held for four random splits; the values of the split used here are in the comments.
"""
import os

import numpy
import pytest

from minigan.gan import data, metrics

BUNDLED = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'examples', 'data',
                       'twemoji-faces-64')


def box_blur(x, width=5):
    """Mean over a width x width window, with zero padding at the edges."""
    k = numpy.ones(width) / width
    for axis in (2, 3):
        x = numpy.apply_along_axis(lambda row: numpy.convolve(row, k, 'same'), axis, x)
    return x.astype(numpy.float32)


@pytest.fixture(scope='module')
def scored():
    faces = data.to_float(data.ImageFolder(BUNDLED, 64, log=lambda message: None).images)
    rng = numpy.random.default_rng(0)
    order = rng.permutation(len(faces))
    half_a, half_b = faces[order[:59]], faces[order[59:]]
    half, full = metrics.Reference(half_a), metrics.Reference(faces)
    noise = rng.uniform(-1, 1, (60,) + faces.shape[1:]).astype(numpy.float32)
    return {'half': half.compare(half_b), 'blur': half.compare(box_blur(half_b)),
            'five': full.compare(numpy.repeat(half_b[:5], 12, axis=0)),
            'copies': full.compare(faces[order[:60]]), 'noise': full.compare(noise)}


def test_two_halves_of_the_data_look_alike(scored):
    s = scored['half']
    assert abs(s['kd']) < 0.5  # -0.006; blurred 2.2, noise 691
    assert s['coverage'] > 0.9 and s['recall'] > 0.6  # 0.98, 0.81
    assert s['duplicates'] < 0.1 and s['memorized'] < 0.05  # 0.05, 0
    assert s['memorized_pixels'] < 0.05  # 0.017
    assert 0.8 < s['diversity'] < 1.2  # 0.95


def test_blurred_copies_score_worse_than_the_other_half(scored):
    half, blur = scored['half'], scored['blur']
    # NOTE: fd is biased upwards with few samples (59 here, 512 features), so the other half
    # is not at 0 but far below the blurred set: 290 against 590.
    assert blur['fd'] > 1.5 * half['fd']
    assert blur['kd'] > half['kd'] + 1.0  # 2.2
    assert blur['recall'] < half['recall'] - 0.3  # 0.15
    assert blur['coverage'] < half['coverage'] - 0.4  # 0.34
    assert blur['diversity'] < half['diversity']  # 0.78


def test_five_faces_repeated_is_collapse(scored):
    s = scored['five']
    assert s['duplicates'] > 0.95  # 1
    assert s['recall'] < 0.1  # 0.04: the fake balls have radius 0
    # NOTE: each real ball of radius "5th neighbour" holds about 5 reals, so 5 distinct images
    # can cover about 25 of 118: coverage cannot reach 0 on so small a set (0.27 here)
    assert s['coverage'] < 0.4


def test_training_copies_are_memorized(scored):
    s = scored['copies']
    assert s['memorized'] == 1 and s['memorized_pixels'] == 1
    assert s['precision'] == 1 and s['coverage'] > 0.8
    assert s['fd'] < 0.5 * scored['half']['fd']  # 105: 60 of the 118, so not 0


def test_noise_is_bad_on_every_score(scored):
    s = scored['noise']
    assert s['fd'] > 10 * scored['half']['fd'] and s['kd'] > 100  # 4470, 686
    for key in ('precision', 'recall', 'density', 'coverage', 'memorized'):
        assert s[key] < 0.05, key


def test_scores_are_repeatable(scored):
    faces = data.ImageFolder(BUNDLED, 32, log=lambda message: None).images[:12]
    first = metrics.evaluate(faces[:6], faces[6:])
    assert metrics.evaluate(faces[:6], faces[6:]) == first
    assert set(metrics.KEYS) <= set(first)
