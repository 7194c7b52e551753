import pytest

from minigan.training import extensions


def test_observe_lr_and_value(make_trainer):
    trainer = make_trainer(stop=(3, 'iteration'), optimizer='adam')
    seen = []
    trainer.extend(extensions.observe_lr(), trigger=(1, 'iteration'))
    trainer.extend(extensions.observe_value('it/2', lambda t: t.updater.iteration / 2),
                   trigger=(1, 'iteration'))
    trainer.extend(lambda t: seen.append(dict(t.observation)), name='spy')
    trainer.run()
    optimizer = trainer.updater.get_optimizer('main')
    assert seen[-1]['lr'] == pytest.approx(optimizer.lr)
    assert seen[-1]['lr'] != optimizer.alpha
    assert [o['it/2'] for o in seen] == [0.5, 1.0, 1.5]
