import io

from minigan.training import extensions


def test_print_report_table(make_trainer):
    trainer = make_trainer(stop=(4, 'iteration'))
    log_report = extensions.LogReport(trigger=(2, 'iteration'))
    trainer.extend(log_report)
    out = io.StringIO()
    trainer.extend(extensions.PrintReport(['epoch', 'iteration', 'main/loss', 'missing'],
                                          out=out))
    trainer.run()
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ['epoch', 'iteration', 'main/loss', 'missing']
    assert len(lines) == 3
    for line, entry in zip(lines[1:], log_report.log):
        cells = line.split()
        assert cells[:2] == [str(entry['epoch']), str(entry['iteration'])]
        assert float(cells[2]) == float('%g' % entry['main/loss'])
        assert len(cells) == 3
    assert lines[-1].index(cells[1]) == lines[0].index('iteration')
    assert '\033' not in out.getvalue()


def test_print_report_with_log_report_object(make_trainer):
    trainer = make_trainer(stop=(2, 'iteration'))
    log_report = extensions.LogReport(trigger=(1, 'iteration'), log_name=None)
    out = io.StringIO()
    trainer.extend(extensions.PrintReport(['iteration'], log_report=log_report, out=out))
    trainer.run()
    assert out.getvalue().split() == ['iteration', '1', '2']
