"""The only module that imports mpi4py; it does so on first use.

A plain install has no MPI. ``pip install -e ".[mpi]"`` brings mpi4py and MPICH's own
wheel (the ``mpich`` package: the MPI library and ``mpiexec``, nothing to compile).
"""

INSTALL_HINT = ('mpi4py is not installed, so --communicator cannot be used; install it with '
                'pip install -e ".[mpi]" (mpi4py and the MPICH wheel), then start the '
                'processes with mpiexec -n K')


class MPIUnavailableError(ImportError):
    """mpi4py or the MPI library it loads is missing; the message says what to install."""


def get_mpi():
    """Return the ``mpi4py.MPI`` module, initializing MPI on the first call."""
    try:
        from mpi4py import MPI
    except Exception as e:  # NOTE: ImportError, or an mpi4py whose MPI library fails to load
        raise MPIUnavailableError('%s (import error: %s)' % (INSTALL_HINT, e)) from None
    return MPI


def available():
    """True when mpi4py imports and finds its MPI library."""
    try:
        get_mpi()
    except MPIUnavailableError:
        return False
    return True


def abort_on_uncaught_exception():
    """After an uncaught exception in one process, stop them all (``MPI_Abort``).

    Otherwise the others wait forever in their next collective call for the one that died.
    The traceback is printed first, as usual. ChainerMN's ``global_except_hook`` does the same.
    """
    import sys
    import traceback

    def hook(kind, value, tb):
        # NOTE: the original stderr, since processes other than 0 may have silenced theirs
        traceback.print_exception(kind, value, tb, file=sys.__stderr__)
        sys.__stderr__.flush()
        get_mpi().COMM_WORLD.Abort(1)

    sys.excepthook = hook
