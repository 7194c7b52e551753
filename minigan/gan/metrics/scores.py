"""Scores that compare a set of real feature vectors with a set of generated ones.

Every function takes float64 arrays: ``real`` (N, D) and ``fake`` (M, D), rows are images.
Distances are Euclidean. "The k-NN radius" of a point is the distance to its k-th nearest
neighbour within its own set (itself excluded); the ball of that radius around each real point
is a simple estimate of where the real images live (Kynkaanniemi et al. 2019).
"""
import numpy

CHUNK = 1024  # NOTE: rows per block of a distance matrix; 1024 x 5000 float64 is 40 MB


def pairwise_distances(a, b):
    """(len(a), len(b)) Euclidean distances: sqrt(|a|^2 + |b|^2 - 2 a.b), clipped at 0."""
    a = numpy.asarray(a, dtype=numpy.float64)
    b = numpy.asarray(b, dtype=numpy.float64)
    d2 = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return numpy.sqrt(numpy.maximum(d2, 0))


def nearest_within(x, k):
    """(len(x), k) distances and indices of each row's k nearest other rows, nearest first."""
    k = min(k, len(x) - 1)
    dist = numpy.empty((len(x), k))
    index = numpy.empty((len(x), k), numpy.intp)
    for start in range(0, len(x), CHUNK):
        d = pairwise_distances(x[start:start + CHUNK], x)
        rows = numpy.arange(len(d))
        d[rows, start + rows] = numpy.inf
        part = numpy.argpartition(d, k - 1, axis=1)[:, :k]
        order = numpy.take_along_axis(d, part, 1).argsort(axis=1)
        index[start:start + CHUNK] = numpy.take_along_axis(part, order, 1)
        dist[start:start + CHUNK] = numpy.take_along_axis(d, index[start:start + CHUNK], 1)
    return dist, index


def frechet_distance(real, fake):
    """|mu_r - mu_f|^2 + tr(C_r + C_f - 2 (C_r^1/2 C_f C_r^1/2)^1/2) (Heusel et al. 2017, FID).

    The distance between Gaussians fitted to the two feature sets (N, D) and (M, D). Write
    C_r = A_r^T A_r with A_r = (real - mu_r) / sqrt(N - 1), and C_f alike. The eigenvalues of
    C_r^1/2 C_f C_r^1/2 are the squared singular values of A_r A_f^T, so the trace of its square
    root is that matrix's nuclear norm (the sum of its singular values): exact, with no matrix
    square root to turn complex through rounding. A factor with more rows than columns is first
    replaced by the R of its QR decomposition (same A^T A, at most D rows).
    """
    a_r, a_f = _covariance_factor(real), _covariance_factor(fake)
    cross = numpy.linalg.svd(a_r @ a_f.T, compute_uv=False).sum()
    diff = real.mean(axis=0) - fake.mean(axis=0)
    return float(diff @ diff + (a_r * a_r).sum() + (a_f * a_f).sum() - 2 * cross)


def _covariance_factor(x):
    """A with A^T A = cov(x) and at most min(N, D) rows."""
    a = (x - x.mean(axis=0)) / numpy.sqrt(len(x) - 1)
    return numpy.linalg.qr(a, mode='r') if a.shape[0] > a.shape[1] else a


def kernel_distance(real, fake, subset_size=1000, subsets=100, seed=0):
    """KID (Binkowski et al. 2018): the unbiased MMD^2 with the kernel k(x, y) = (x.y/D + 1)^3.

    MMD^2 = mean_{i!=j} k(r_i, r_j) + mean_{i!=j} k(f_i, f_j) - 2 mean_{i,j} k(r_i, f_j), on
    ``subsets`` random subsets of m = min(subset_size, N, M) rows of each set. Unbiased: its
    expectation is 0 when both sets come from the same distribution, so it can be slightly
    negative. Returns (mean, standard deviation) over the subsets. The three kernel matrices
    are computed once; each subset then only sums a block of them.
    """
    rng = numpy.random.default_rng(seed)
    m = min(subset_size, len(real), len(fake))
    d = real.shape[1]
    k_rr = (real @ real.T / d + 1) ** 3
    k_ff = (fake @ fake.T / d + 1) ** 3
    k_rf = (real @ fake.T / d + 1) ** 3
    values = []
    for _ in range(subsets):
        r = rng.choice(len(real), m, replace=False)
        f = rng.choice(len(fake), m, replace=False)
        rr, ff = k_rr[numpy.ix_(r, r)], k_ff[numpy.ix_(f, f)]
        within = (rr.sum() - numpy.trace(rr) + ff.sum() - numpy.trace(ff)) / (m * (m - 1))
        values.append(within - 2 * k_rf[numpy.ix_(r, f)].mean())
    return float(numpy.mean(values)), float(numpy.std(values))


def precision_recall(real_radii, fake_radii, fake_to_real):
    """Improved precision and recall (Kynkaanniemi et al. 2019).

    precision: the fraction of fakes inside at least one real k-NN ball (fidelity);
    recall: the fraction of reals inside at least one fake k-NN ball (how much of the real
    set the generator reaches). real_radii (N,), fake_radii (M,): k-NN radii within each set
    (k = 3 in the paper); fake_to_real (M, N): distances.
    """
    precision = (fake_to_real <= real_radii[None, :]).any(axis=1).mean()
    recall = (fake_to_real <= fake_radii[:, None]).any(axis=0).mean()
    return float(precision), float(recall)


def density_coverage(real_radii, fake_to_real, k):
    """Density and coverage (Naeem et al. 2020), with real k-NN radii (k = 5 in the paper).

    density = 1/(kM) sum_j #{i: f_j in B(r_i, radius_i)}, how many real balls hold each fake
    on average, divided by k: about 1 for a generator that matches the data, above 1 when the
    fakes crowd into dense real regions, lower when they fall outside.
    coverage = 1/N #{i: some fake lies in B(r_i, radius_i)}, the fraction of real images that
    have a fake nearby; unlike recall it ignores fake outliers.
    """
    inside = fake_to_real <= real_radii[None, :]
    density = inside.sum() / (k * len(fake_to_real))
    coverage = inside.any(axis=0).mean()
    return float(density), float(coverage)
