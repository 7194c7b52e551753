"""The PGGAN progress bar's status line: phase, alpha and the schedule's ETA."""
from minigan.gan import pggan_status, progressive


def test_status_line_shows_phase_alpha_and_schedule_eta():
    schedule = progressive.Schedule(8, images_per_phase=8, batch_size=4)
    times = iter([10.0, 12.0])
    status = pggan_status.StatusLine(schedule, clock=lambda: next(times))

    class Trainer:
        class updater:
            iteration = 3

    assert status(Trainer) == '8x8 fade-in (phase 2/3) alpha=0.000'
    Trainer.updater.iteration = 4
    # 2 s per iteration, 2 iterations of 8x8 left at the same cost
    assert status(Trainer) == '8x8 fade-in (phase 2/3) alpha=0.500  schedule ETA 0:00:04'
