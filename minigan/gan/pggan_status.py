"""The PGGAN progress bar's status line: resolution, phase, fade-in weight and schedule ETA."""
import datetime
import time


class StatusLine:
    """``status(trainer) -> str`` for the ProgressBar: resolution, phase, alpha and the ETA.

    The iteration count alone misjudges the remaining time, since a 256x256 iteration costs
    far more than a 4x4 one. The ETA of the whole schedule measures the seconds per iteration
    since the current phase began and assumes that later resolutions cost in proportion to
    batch size x pixels (counting at least 16x16, where a CPU's fixed costs dominate): a rough
    estimate that is best once the run has reached 32x32 or so.
    """

    def __init__(self, schedule, clock=time.perf_counter):
        self.schedule, self.clock = schedule, clock
        self._mark = None

    def cost(self, phase):
        return phase.batch_size * max(phase.resolution, 16) ** 2

    def eta(self, iteration, seconds_per_iteration):
        """Estimated seconds left after ``iteration``, given the current phase's speed."""
        phase, _ = self.schedule.at(iteration)
        left = 0.0
        for p in self.schedule.phases[phase.index:]:
            n = p.iterations - max(0, iteration - p.start)
            left += n * seconds_per_iteration * self.cost(p) / self.cost(phase)
        return left

    def __call__(self, trainer):
        iteration, now = trainer.updater.iteration, self.clock()
        phase, alpha = self.schedule.at(max(0, iteration - 1))
        text = '%dx%d %s (phase %d/%d) alpha=%.3f' % (
            phase.resolution, phase.resolution, 'fade-in' if phase.kind == 'fade' else 'stable',
            phase.index + 1, len(self.schedule.phases), alpha)
        mark = self._mark
        if mark is None or mark[2] != phase.index:
            self._mark = (iteration, now, phase.index)  # NOTE: speed is timed from here on
        elif iteration > mark[0]:
            seconds = self.eta(iteration, (now - mark[1]) / (iteration - mark[0]))
            text += '  schedule ETA %s' % datetime.timedelta(seconds=round(seconds))
        return text
