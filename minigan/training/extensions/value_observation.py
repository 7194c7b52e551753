"""observe_value and observe_lr: put a computed value into the observation."""
from minigan.training import extension


def observe_value(observation_key, target_func):
    """An extension storing ``target_func(trainer)`` as ``observation[observation_key]``.

    It runs with writer priority, before LogReport reads the observation.
    """
    @extension.make_extension(trigger=(1, 'epoch'), priority=extension.PRIORITY_WRITER)
    def _observe_value(trainer):
        trainer.observation[observation_key] = target_func(trainer)
    _observe_value.default_name = 'observe_' + observation_key.replace('/', '_')
    return _observe_value


def observe_lr(optimizer_name='main', observation_key='lr'):
    """An extension observing ``optimizer.lr`` (Adam: the bias-corrected step size)."""
    return observe_value(
        observation_key, lambda trainer: trainer.updater.get_optimizer(optimizer_name).lr)
