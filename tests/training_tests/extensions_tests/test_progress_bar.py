import io

from minigan.training import extensions


def test_progress_bar_content(make_trainer):
    trainer = make_trainer(stop=(6, 'iteration'))
    out = io.StringIO()
    trainer.extend(extensions.ProgressBar(update_interval=2, bar_length=10, out=out,
                                          status=['main/loss', 'absent']))
    trainer.run()
    text = out.getvalue()
    blocks = text.split('     total ')[1:]
    assert len(blocks) == 3
    last = blocks[-1].splitlines()
    assert last[0] == '[##########] 100.00%'
    assert last[1] == 'this epoch [####......]  40.00%'  # 24 examples seen, 10 per epoch
    assert last[2].split() == ['6', 'iter,', '2', 'epoch', '/', '6', 'iterations']
    assert 'iters/sec. Estimated time to finish: 0:00:00.' in last[3]
    assert last[4].startswith('main/loss=') and 'absent' not in last[4]
    assert 'unknown' in blocks[0]  # NOTE: no speed before two measurements
    assert '\033' not in text


def test_progress_bar_epoch_length_and_status_function():
    bar = extensions.ProgressBar(training_length=(4, 'epoch'), bar_length=4)
    lines = bar.render(iteration=30, epoch=1, epoch_detail=1.5, status='D wins')
    assert lines[0] == '     total [#...]  37.50%'
    assert lines[1] == 'this epoch [##..]  50.00%'
    assert lines[2].split() == ['30', 'iter,', '1', 'epoch', '/', '4', 'epochs']
    assert lines[-1] == 'D wins'
