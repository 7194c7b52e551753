"""progressive.Schedule: phases, fade-in weight, images shown; the paper's defaults."""
import pytest

from minigan.gan import progressive


def test_schedule_phases_alpha_and_images():
    s = progressive.Schedule(16, images_per_phase=10, batch_size={4: 4, 8: 4, 16: 3})
    kinds = [(p.resolution, p.kind, p.start, p.iterations) for p in s.phases]
    assert kinds == [(4, 'stable', 0, 3), (8, 'fade', 3, 3), (8, 'stable', 6, 3),
                     (16, 'fade', 9, 4), (16, 'stable', 13, 4)]
    assert s.total_iterations == 17
    assert [s.at(i)[1] for i in range(3, 7)] == [0.0, 1 / 3, 2 / 3, 1.0]
    assert s.at(11) == (s.phases[3], 0.5) and s.at(100)[0] is s.phases[-1]
    assert s.images_shown(10) == 4 * 9 + 3 and s.max_batch_size == 4


def test_paper_defaults_and_channel_table():
    s = progressive.Schedule(256)
    assert s.images_per_phase == 800000 and len(s.phases) == 13
    assert s.batch_sizes == {4: 16, 8: 16, 16: 16, 32: 16, 64: 16, 128: 16, 256: 14}
    assert s.phases[-1].iterations == -(-800000 // 14)
    widths = [progressive.channels(r) for r in (4, 8, 16, 32, 64, 128, 256, 512, 1024)]
    assert widths == [512, 512, 512, 512, 256, 128, 64, 32, 16]
    assert progressive.channels(256, ch=16) == 16
    with pytest.raises(ValueError):
        progressive.Schedule(48)
