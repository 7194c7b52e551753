"""report.html: one static page in the run folder that shows the whole run at a glance.

The newest sample grid, the progress animation, the loss and quality curves, the collapse
alarms and rollbacks, the nearest-neighbour sheet, the walks that interpolate.py made, the
dataset and the exact command. ``RunReport`` rewrites it at every sample grid and when training
ends; :func:`write_report` rebuilds it from the folder's files alone, so evaluate.py and
interpolate.py refresh it after adding their pictures. The page links to the files beside it
by relative paths and holds no script: open it from disk, copy the folder anywhere, it works.
While a run is going the page reloads itself every minute (a ``<meta>`` refresh).

Files: ``report.html``, ``report/run.json`` (command, options, dataset) and
``report/progress.gif`` (the sample grids in order, at most ``MAX_FRAMES`` of them).
"""
import datetime
import glob
import json
import os
import sys

import numpy
from PIL import Image

import minigan
from minigan.gan import report_html, sampling
from minigan.training import extension

MAX_FRAMES = 40
FPS = 4
HOLD = 6  # NOTE: extra copies of the newest grid, so the animation pauses on it
ANIMATIONS = ('.gif', '.webp', '.mp4')


def progress_gif(run_dir, folder='samples'):
    """Animate ``folder/iter_*.png`` into ``report/progress.gif``; its path, or None."""
    paths = sorted(glob.glob(os.path.join(run_dir, folder, 'iter_*.png')))
    if not paths:
        return None
    if len(paths) > MAX_FRAMES:
        keep = numpy.unique(numpy.linspace(0, len(paths) - 1, MAX_FRAMES).round().astype(int))
        paths = [paths[i] for i in keep]
    images = [Image.open(p).convert('RGB') for p in paths]
    w, h = max(i.width for i in images), max(i.height for i in images)
    frames = [numpy.asarray(i if i.size == (w, h) else i.resize((w, h), Image.NEAREST))
              for i in images]
    frames += frames[-1:] * HOLD
    path = os.path.join(run_dir, 'report', 'progress.gif')
    return sampling.save_animation(path, frames, fps=FPS)


def collect(run_dir, status=None):
    """Everything the page shows, read from the files of ``run_dir``, as one dict."""
    def load(name, default):
        path = os.path.join(run_dir, name)
        if not os.path.exists(path):
            return default
        try:
            with open(path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return default

    log = load('log', [])
    log = log if isinstance(log, list) else []
    grids = {}
    for folder in ('samples', os.path.join('ema', 'samples')):
        found = sorted(glob.glob(os.path.join(run_dir, folder, 'iter_*.png')))
        if found:
            grids[folder] = [os.path.relpath(p, run_dir) for p in found]
    animations = sorted(n for n in os.listdir(run_dir)
                        if n.lower().endswith(ANIMATIONS) and not n.startswith('.'))
    files = {n for n in ('loss.png', 'quality.png', 'nearest.png', 'report/progress.gif',
                         'gen_best.npz', 'gen.npz', 'gen_ema.npz')
             if os.path.exists(os.path.join(run_dir, n))}
    run = load(os.path.join('report', 'run.json'), {})
    if status is None and log:
        status = {'iteration': log[-1].get('iteration'), 'running': False,
                  'elapsed': log[-1].get('elapsed_time'),
                  'total': run.get('options', {}).get('iterations')}
    return {'name': os.path.basename(os.path.abspath(run_dir)), 'log': log, 'grids': grids,
            'model': load('model.json', {}), 'run': run,
            'evaluation': load('evaluation.json', None), 'animations': animations,
            'files': files, 'status': status or {},
            'written': datetime.datetime.now().strftime('%Y-%m-%d %H:%M:%S'),
            'version': minigan.__version__}


def write_report(run_dir, status=None, animate=True):
    """(Re)write ``run_dir/report.html`` (and the progress animation); returns its path.

    status: ``{'iteration', 'total', 'elapsed', 'running'}`` from a live trainer, or None to
    take the newest log entry (the page then does not reload itself).
    """
    if animate:
        progress_gif(run_dir)
    page = report_html.render(collect(run_dir, status))
    path = os.path.join(run_dir, 'report.html')
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(page)
    os.replace(tmp, path)
    return path


def refresh(run_dir):
    """Rewrite the report of a run that has one (after adding a walk or an evaluation)."""
    if os.path.exists(os.path.join(run_dir, 'report.html')):
        return write_report(run_dir, animate=False)
    return None


def describe_dataset(dataset, args):
    """The dataset section: folder, image count and skipped files, when they can be found."""
    found = dataset
    while not hasattr(found, 'skipped') and hasattr(found, '_dataset'):
        found = found._dataset
    summary = {'root': os.path.abspath(args.data), 'count': len(dataset), 'size': args.size,
               'fit': args.fit, 'background': args.background}
    if hasattr(found, 'skipped'):
        summary['skipped'] = [os.path.relpath(p, found.root) for p in found.skipped]
    return summary


def _jsonable(options):
    out = {}
    for key, value in sorted(options.items()):
        try:
            json.dumps(value)
        except TypeError:
            value = str(value)
        out[key] = value
    return out


class RunReport(extension.Extension):
    """Write ``report.html`` when triggered (the sample grids' interval) and at the end."""

    priority = extension.PRIORITY_READER - 10  # NOTE: after the grid, log and scores it shows

    def __init__(self, args, argv=None):
        self.args = args
        self.argv = list(sys.argv if argv is None else argv)
        self._trainer = None

    def initialize(self, trainer):
        if self._trainer is not None:
            return  # NOTE: a rollback runs the trainer again; this is the same launch
        self._trainer = trainer
        path = os.path.join(trainer.out, 'report', 'run.json')
        launches = []
        if self.args.resume and os.path.exists(path):
            with open(path) as f:
                launches = json.load(f).get('launches', [])
        launches.append({'command': [sys.executable] + self.argv, 'cwd': os.getcwd(),
                         'started': datetime.datetime.now().isoformat(timespec='seconds'),
                         'resume': self.args.resume, 'iteration': trainer.updater.iteration})
        dataset = trainer.updater.get_iterator('main').dataset
        info = {'launches': launches, 'options': _jsonable(vars(self.args)),
                'dataset': describe_dataset(dataset, self.args)}
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + '.tmp', 'w') as f:
            json.dump(info, f, indent=2)
        os.replace(path + '.tmp', path)
        write_report(trainer.out, self.status(trainer, running=True), animate=False)

    def status(self, trainer, running):
        length, unit = trainer.stop_trigger.get_training_length()
        return {'iteration': trainer.updater.iteration, 'total': length, 'unit': unit,
                'elapsed': trainer.elapsed_time, 'running': running}

    def __call__(self, trainer):
        write_report(trainer.out, self.status(trainer, running=True))

    def finalize(self):
        if self._trainer is not None:
            write_report(self._trainer.out, self.status(self._trainer, running=False))
