"""The score functions on small arrays whose answers are known in closed form."""
import numpy
import pytest

from minigan.gan.metrics import memorization, scores


def explicit_frechet(real, fake):
    """The textbook formula with a D x D matrix square root (eigh on C_r, then on the middle)."""
    c1, c2 = numpy.cov(real, rowvar=False), numpy.cov(fake, rowvar=False)
    w, v = numpy.linalg.eigh(c1)
    root = (v * numpy.sqrt(numpy.maximum(w, 0))) @ v.T
    middle = numpy.linalg.eigvalsh(root @ c2 @ root)
    diff = real.mean(0) - fake.mean(0)
    return diff @ diff + numpy.trace(c1 + c2) - 2 * numpy.sqrt(numpy.maximum(middle, 0)).sum()


@pytest.mark.parametrize('n, m, d', [(50, 40, 5), (10, 12, 20)])
def test_frechet_matches_the_matrix_square_root_formula(n, m, d):
    # NOTE: rel 1e-7, since the textbook route loses digits when N < D (rank-deficient C)
    rng = numpy.random.default_rng(0)
    real = rng.standard_normal((n, d)) @ rng.standard_normal((d, d))
    fake = rng.standard_normal((m, d)) * 2 + 1
    assert scores.frechet_distance(real, fake) == pytest.approx(explicit_frechet(real, fake),
                                                                rel=1e-7)


def test_frechet_of_a_shift_is_the_squared_shift():
    rng = numpy.random.default_rng(1)
    real = rng.standard_normal((30, 4))
    shift = numpy.array([3.0, 0.0, -4.0, 0.0])
    assert scores.frechet_distance(real, real) == pytest.approx(0, abs=1e-9)
    assert scores.frechet_distance(real, real + shift) == pytest.approx(25.0)


def test_frechet_of_gaussians_with_known_moments():
    # N(0, I) against N(0, 4 I) in D dims: tr(I + 4I - 2 * 2I) = D
    rng = numpy.random.default_rng(2)
    d = 3
    real, fake = rng.standard_normal((20000, d)), 2 * rng.standard_normal((20000, d))
    assert scores.frechet_distance(real, fake) == pytest.approx(d, rel=0.05)


def test_kernel_distance_is_unbiased_and_grows_with_a_shift():
    rng = numpy.random.default_rng(3)
    draws = [scores.kernel_distance(rng.standard_normal((40, 8)), rng.standard_normal((40, 8)),
                                    subsets=1, seed=i)[0] for i in range(200)]
    # NOTE: the mean of the unbiased estimator is 0; its standard error over 200 draws is small
    assert abs(numpy.mean(draws)) < 3 * numpy.std(draws) / numpy.sqrt(len(draws))
    same = scores.kernel_distance(rng.standard_normal((200, 8)), rng.standard_normal((200, 8)))
    moved = scores.kernel_distance(rng.standard_normal((200, 8)),
                                   rng.standard_normal((200, 8)) + 1)
    assert moved[0] > 10 * abs(same[0]) and moved[0] > 0


def test_nearest_within_matches_brute_force():
    rng = numpy.random.default_rng(4)
    x = rng.standard_normal((37, 6))
    d = numpy.sqrt(((x[:, None] - x[None]) ** 2).sum(-1))
    numpy.fill_diagonal(d, numpy.inf)
    dist, index = scores.nearest_within(x, 3)
    numpy.testing.assert_array_equal(index, numpy.argsort(d, axis=1)[:, :3])
    numpy.testing.assert_allclose(dist, numpy.sort(d, axis=1)[:, :3], atol=1e-12)


def test_precision_recall_density_coverage_on_a_line():
    # real points at 0, 1, 2, ..., 9 with 1-NN radius 1; fakes at 0.5, 0.6 and 100
    real = numpy.arange(10.0)[:, None]
    fake = numpy.array([[0.5], [0.6], [100.0]])
    real_radii = scores.nearest_within(real, 1)[0][:, 0]
    fake_radii = scores.nearest_within(fake, 1)[0][:, 0]
    to_real = scores.pairwise_distances(fake, real)
    precision, recall = scores.precision_recall(real_radii, fake_radii, to_real)
    assert precision == pytest.approx(2 / 3)  # 100 is outside every real ball
    # NOTE: the outlier's own 1-NN radius is 99.4, a ball holding the reals 1..9: one bad
    # sample inflates recall, which is why Naeem et al. 2020 proposed coverage
    assert recall == pytest.approx(9 / 10)
    # 0.5 and 0.6 lie in the balls of 0 and 1 (radius 1): 4 memberships / (k=1 * 3 fakes)
    assert scores.density_coverage(real_radii, to_real, 1) == pytest.approx((4 / 3, 2 / 10))


def test_diversity_duplicates_and_memorization_ratios():
    real = numpy.arange(10.0)[:, None] * 2
    real_nn1 = scores.nearest_within(real, 1)[0][:, 0]
    spread = real.copy() + 0.3
    assert memorization.diversity(spread, memorization.mean_pairwise_distance(real)) == (
        pytest.approx(1.0))
    collapsed = numpy.array([[4.0], [4.1], [4.05], [11.0]])
    flags = memorization.duplicate_flags(collapsed, real_nn1)
    numpy.testing.assert_array_equal(flags, [True, True, True, False])
    ratios, nearest = memorization.memorization_ratios(
        scores.pairwise_distances(numpy.array([[6.0], [7.0], [6.4]]), real), real_nn1)
    numpy.testing.assert_allclose(ratios, [0.0, 0.5, 0.2])
    numpy.testing.assert_array_equal(nearest, [3, 3, 3])


def test_a_lone_training_image_does_not_make_samples_look_memorized():
    # reals 0, 1, ..., 9 and a lone one at 100 (its nearest neighbour is 91 away)
    real = numpy.append(numpy.arange(10.0), 100.0)[:, None]
    real_nn1 = scores.nearest_within(real, 1)[0][:, 0]
    fake = numpy.array([[70.0], [100.2]])
    ratios, nearest = memorization.memorization_ratios(
        scores.pairwise_distances(fake, real), real_nn1)
    # 30 away from the lone image is 0.33 of its own spacing, but 30 of the usual spacing 1
    numpy.testing.assert_allclose(ratios, [30.0, 0.2])
    numpy.testing.assert_array_equal(nearest, [10, 10])
