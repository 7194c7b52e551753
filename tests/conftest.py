import signal

import pytest


@pytest.fixture(autouse=True)
def ctrl_c_as_in_a_terminal():
    """Give each test Python's Ctrl-C handler, even when pytest was started with SIGINT ignored.

    A shell script that starts a command in the background (``cmd &``) starts it with SIGINT
    ignored, and Python then keeps it ignored; the trainer rightly leaves an ignored SIGINT
    alone, so the Ctrl-C tests would see nothing happen.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
