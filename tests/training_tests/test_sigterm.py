import os
import signal

import pytest

from minigan.training.trainer import _DeferredInterrupt


def test_sigterm_is_deferred_to_the_end_of_the_iteration_like_ctrl_c():
    with _DeferredInterrupt() as interrupt:
        os.kill(os.getpid(), signal.SIGTERM)
        assert interrupt.requested
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
