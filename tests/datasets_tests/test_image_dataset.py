import numpy
from PIL import Image

from minigan import datasets


def test_image_dataset_reads_chw_float32(tmp_path):
    rgb = numpy.random.RandomState(0).randint(0, 256, size=(5, 7, 3)).astype(numpy.uint8)
    grey = numpy.arange(35, dtype=numpy.uint8).reshape(5, 7)
    Image.fromarray(rgb).save(tmp_path / 'a.png')
    Image.fromarray(grey).save(tmp_path / 'b.png')
    d = datasets.ImageDataset(['a.png', 'b.png'], root=str(tmp_path))
    assert len(d) == 2
    x = d[0]
    assert x.dtype == numpy.float32 and x.shape == (3, 5, 7)
    numpy.testing.assert_array_equal(x, rgb.transpose(2, 0, 1).astype(numpy.float32))
    g = d[1]
    assert g.shape == (1, 5, 7)
    numpy.testing.assert_array_equal(g[0], grey)


def test_image_dataset_from_list_file_and_dtype(tmp_path):
    Image.fromarray(numpy.full((2, 3), 9, numpy.uint8)).save(tmp_path / 'c.png')
    (tmp_path / 'list.txt').write_text('c.png\n\n')
    d = datasets.ImageDataset(str(tmp_path / 'list.txt'), root=str(tmp_path),
                              dtype=numpy.float64)
    assert len(d) == 1
    assert d[0].dtype == numpy.float64
    numpy.testing.assert_array_equal(d[0], numpy.full((1, 2, 3), 9.0))
