import math

import numpy
import pytest

from minigan import initializers


def _drawn(initializer, shape=(4, 3, 2, 2), seed=0):
    numpy.random.seed(seed)
    array = numpy.empty(shape, dtype=numpy.float32)
    initializer(array)
    return array


def _normal(scale, shape=(4, 3, 2, 2), seed=0):
    numpy.random.seed(seed)
    return numpy.random.normal(0.0, scale, shape).astype(numpy.float32)


def _uniform(scale, shape=(4, 3, 2, 2), seed=0):
    numpy.random.seed(seed)
    return numpy.random.uniform(-scale, scale, shape).astype(numpy.float32)


def test_get_fans():
    assert initializers.get_fans((5, 3)) == (3, 5)
    assert initializers.get_fans((4, 3, 2, 2)) == (12, 16)
    with pytest.raises(ValueError):
        initializers.get_fans((3,))


@pytest.mark.parametrize('initializer, expected', [
    (initializers.Normal(), _normal(0.05)),
    (initializers.Normal(0.02), _normal(0.02)),
    (initializers.LeCunNormal(), _normal(math.sqrt(1 / 12))),
    (initializers.HeNormal(), _normal(math.sqrt(2 / 12))),
    (initializers.HeNormal(0.5, fan_option='fan_out'), _normal(0.5 * math.sqrt(2 / 16))),
    (initializers.GlorotNormal(), _normal(math.sqrt(2 / 28))),
    (initializers.Uniform(), _uniform(0.05)),
    (initializers.LeCunUniform(), _uniform(math.sqrt(3 / 12))),
    (initializers.HeUniform(), _uniform(math.sqrt(6 / 12))),
    (initializers.GlorotUniform(2.0), _uniform(2.0 * math.sqrt(6 / 28))),
])
def test_random_initializers_follow_numpy_global_rng(initializer, expected):
    numpy.testing.assert_array_equal(_drawn(initializer), expected)


def test_rng_argument():
    array = numpy.empty((3, 2), dtype=numpy.float32)
    initializers.Normal(1.0, rng=numpy.random.RandomState(5))(array)
    expected = numpy.random.RandomState(5).normal(0, 1.0, (3, 2)).astype(numpy.float32)
    numpy.testing.assert_array_equal(array, expected)


def test_deconvolution_weight_fans_count_axis_1_as_chainer():
    # W (in=8, out=3, 3, 3): Chainer's fan_in is shape[1] * 3 * 3 = 27.
    shape = (8, 3, 3, 3)
    numpy.testing.assert_array_equal(_drawn(initializers.HeNormal(), shape),
                                     _normal(math.sqrt(2 / 27), shape))


def test_random_statistics():
    numpy.random.seed(1)
    array = numpy.empty((200, 100), dtype=numpy.float64)
    initializers.HeNormal()(array)
    assert abs(array.std() - math.sqrt(2 / 100)) < 0.005
    initializers.GlorotUniform()(array)
    bound = math.sqrt(6 / 300)
    assert array.max() <= bound and array.min() >= -bound and array.max() > 0.95 * bound


@pytest.mark.parametrize('initializer, value', [
    (initializers.Constant(2.5), 2.5), (initializers.Zero(), 0.0), (initializers.One(), 1.0)])
def test_constants(initializer, value):
    array = numpy.empty((2, 3), dtype=numpy.float32)
    initializer(array)
    numpy.testing.assert_array_equal(array, numpy.full((2, 3), value))


def test_nan_and_broadcast_constant():
    array = numpy.empty((2, 3))
    initializers.NaN()(array)
    assert numpy.isnan(array).all()
    initializers.Constant(numpy.array([1.0, 2.0, 3.0]))(array)
    numpy.testing.assert_array_equal(array, [[1, 2, 3], [1, 2, 3]])


def test_dtype_is_checked():
    with pytest.raises(TypeError):
        initializers.Normal(dtype=numpy.float64)(numpy.empty(3, dtype=numpy.float32))
    initializers.Normal(dtype=numpy.float64)(numpy.empty(3, dtype=numpy.float64))


def test_get_initializer():
    assert isinstance(initializers.get_initializer(None), initializers.LeCunNormal)
    constant = initializers.get_initializer(0.5)
    assert isinstance(constant, initializers.Constant) and constant.fill_value == 0.5
    array = numpy.arange(3.0)
    assert initializers.get_initializer(array).fill_value is array
    normal = initializers.Normal()
    assert initializers.get_initializer(normal) is normal
    with pytest.raises(TypeError):
        initializers.get_initializer('bad')


def test_generate_array():
    array = initializers.generate_array(initializers.One(), (2, 2), numpy)
    assert array.dtype == numpy.float32 and (array == 1).all()
    array = initializers.generate_array(initializers.Zero(numpy.float64), (3,), numpy)
    assert array.dtype == numpy.float64 and (array == 0).all()
