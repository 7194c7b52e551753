import os

import numpy
import pytest
from PIL import Image

from minigan.training import extensions
from minigan.training.extensions import _pil_plot, plot_report


def _run(make_trainer, **kwargs):
    trainer = make_trainer(stop=(6, 'iteration'))
    trainer.extend(lambda t: t.observation.update(other=1.0 + t.updater.iteration),
                   name='other', priority=1000)
    trainer.extend(extensions.PlotReport(['main/loss', 'other'], trigger=(2, 'iteration'),
                                         **kwargs))
    trainer.run()
    return trainer


def test_plot_report_with_pillow(make_trainer, monkeypatch):
    monkeypatch.setattr(plot_report, '_matplotlib_available', lambda: False)
    trainer = _run(make_trainer, file_name='loss.png')
    path = os.path.join(trainer.out, 'loss.png')
    with open(path, 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n'
    image = numpy.asarray(Image.open(path).convert('RGB'))
    assert image.shape == (480, 640, 3)
    for color in _pil_plot.COLORS[:2]:
        rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
        assert (image == rgb).all(axis=2).sum() > 20, color
    assert (image == 0).all(axis=2).sum() > 500  # frame, ticks and labels
    data = trainer.get_extension('PlotReport').data
    assert [x for x, _ in data['other']] == [2, 4, 6]
    assert [y for _, y in data['other']] == [2.5, 4.5, 6.5]


@pytest.mark.skipif(not plot_report._matplotlib_available(), reason='matplotlib not installed')
def test_plot_report_with_matplotlib(make_trainer):
    trainer = _run(make_trainer)
    with open(os.path.join(trainer.out, 'plot.png'), 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n'


def test_nice_ticks():
    assert _pil_plot.nice_ticks(0, 10) == [0, 2, 4, 6, 8, 10]
    ticks = _pil_plot.nice_ticks(0.013, 0.087)
    assert ticks[0] <= 0.013 and ticks[-1] >= 0.087 and len(ticks) <= 8
    assert _pil_plot.nice_ticks(3, 3) == pytest.approx([2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6])
    assert _pil_plot.format_tick(-0.0) == '0' and _pil_plot.format_tick(2.5e-5) == '2.5e-05'
