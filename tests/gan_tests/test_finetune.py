import numpy
import pytest

from minigan import optimizers
from minigan.gan import finetune, progressive
from minigan.gan.models import dcgan, mlp, pggan, sagan
from minigan.serializers.npz import DictionarySerializer


def test_find_snapshot_takes_the_latest_iteration(tmp_path):
    for n in (5, 40, 100):
        (tmp_path / ('snapshot_iter_%d.npz' % n)).write_bytes(b'')
    (tmp_path / 'snapshot_iter_x.npz').write_bytes(b'')
    assert finetune.find_snapshot(str(tmp_path)).endswith('snapshot_iter_100.npz')
    one = tmp_path / 'snapshot_iter_5.npz'
    assert finetune.find_snapshot(str(one)) == str(one)
    with pytest.raises(finetune.InitError, match='does not exist'):
        finetune.find_snapshot(str(tmp_path / 'nope'))
    (tmp_path / 'empty').mkdir()
    with pytest.raises(finetune.InitError, match='no snapshot_iter_N.npz'):
        finetune.find_snapshot(str(tmp_path / 'empty'))


def test_check_keys_names_missing_unexpected_and_reshaped(tmp_path):
    gen = dcgan.Generator(size=16, z_dim=8, ch=4)
    saved = {}
    gen.serialize(DictionarySerializer(saved))
    arrays = {'p/' + name: value for name, value in saved.items()}
    arrays['p/l0/W'] = numpy.zeros((1, 1), numpy.float32)
    del arrays['p/out/b']
    arrays['p/extra/W'] = numpy.zeros(3, numpy.float32)
    numpy.savez(tmp_path / 'x.npz', **arrays)
    with numpy.load(tmp_path / 'x.npz') as npz:
        with pytest.raises(finetune.InitError) as info:
            finetune.check_keys(npz, 'p/', gen, 'generator')
    text = str(info.value)
    for piece in ('1 missing: out/b', '1 unexpected: extra/W', 'l0/W (1, 1) vs (128, 8)'):
        assert piece in text


def test_fresh_optimizer_expects_the_state_it_will_have():
    gen = mlp.Generator(size=4, z_dim=2, hidden=3, channels=1)
    opt = optimizers.Adam()
    opt.setup(gen)
    shapes = finetune._expected(opt)
    assert shapes['l0/W/m'] == shapes['l0/W/v'] == (3, 2) and shapes['t'] == ()


@pytest.mark.parametrize('dis, first, count', [
    (dcgan.Discriminator(size=32, ch=4), 'c0', 4),
    (dcgan.Discriminator(size=32, ch=4, use_bn=False), 'c0', 4),
    (sagan.Discriminator(size=32, ch=4), 'c0', 4),
    (pggan.Discriminator(size=16, ch=8), 'from_rgb', 4),
    (mlp.Discriminator(size=4, hidden=3, channels=1), 'l0', 3),
])
def test_freeze_d_freezes_blocks_from_the_input_side(dis, first, count):
    opt = optimizers.Adam()
    opt.setup(dis)
    blocks = finetune.dis_blocks(dis)
    assert len(blocks) == count and blocks[0][0] is getattr(dis, first)
    frozen = finetune.freeze_d(dis, 2)
    assert frozen[0] == '/' + first
    for block in blocks[:2]:
        for link in block:
            assert not link.update_enabled
    assert all(link.update_enabled for link in blocks[-1])
    with pytest.raises(finetune.InitError, match='K must be 0 to %d' % (count - 1)):
        finetune.freeze_d(dis, count)


def test_final_phase_schedule_stays_at_full_size():
    schedule = progressive.Schedule(32, 64, 16)
    short = finetune.final_phase(schedule)
    assert len(short.phases) == 1 and short.total_iterations == 4
    for it in (0, 3, 100):
        phase, alpha = short.at(it)
        assert phase.resolution == 32 and alpha == 1.0
    assert len(schedule.phases) == 7  # the original is left alone
