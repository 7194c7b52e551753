"""FailOnNonNumber: stop training as soon as a loss or a parameter becomes NaN or infinite."""
import math
import numbers

from minigan.training import extension


class DivergenceError(RuntimeError):
    """Raised by FailOnNonNumber; snapshot_on_error does not save diverged parameters."""


class FailOnNonNumber(extension.Extension):
    """Raise DivergenceError (a RuntimeError) when a reported scalar or a parameter is NaN/inf.

    A diverged GAN never recovers, and every later snapshot would hold garbage, so stopping
    at once (with the iteration and the guilty name) saves hours. Typical cures: a lower
    learning rate, spectral normalization or a gradient penalty on D, a different loss.
    """

    def __call__(self, trainer):
        iteration = trainer.updater.iteration
        for key, value in sorted(trainer.observation.items()):
            value = getattr(value, 'array', value)
            is_scalar = isinstance(value, numbers.Number) or getattr(value, 'size', 0) == 1
            if is_scalar and not math.isfinite(float(value)):
                raise DivergenceError(
                    'training diverged at iteration %d: %s = %s. Try a lower learning rate '
                    'or a regularized discriminator.' % (iteration, key, float(value)))
        for name, optimizer in trainer.updater.get_all_optimizers().items():
            target = optimizer.target
            for path, param in target.namedparams():
                if param.array is not None and not target.xp.isfinite(param.array).all():
                    raise DivergenceError(
                        "training diverged at iteration %d: parameter %s of optimizer '%s' "
                        'is not finite.' % (iteration, path, name))
