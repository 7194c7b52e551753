"""The command line of the example scripts: every mistake gets one ``error:`` line.

A wrong option, a missing or damaged file, a full disk or a Ctrl-C before training ends the
program with one line starting ``error:`` and a non-zero exit status (2 for options, as
argparse does; 130 for Ctrl-C; 1 for the rest), and no traceback: the user can fix all of
them. A traceback is kept for bugs, which only a developer can fix.

    parser = cli.ArgumentParser(__doc__)
    parser.add_argument('--n', type=cli.positive_int, default=64)

    @cli.command
    def main(argv=None):
        ...
"""
import argparse
import functools
import math
import os
import sys

from minigan.backend import get_device
from minigan.gan import data, model_io
from minigan.serializers import NpzFileError, NpzMismatchError


class UserError(Exception):
    """A mistake the user can fix; the message says what is wrong and what to do.

    ``code``: the exit status (1; 130 for an interruption).
    """

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


#: Exceptions whose message is already the one line a user needs.
USER_ERRORS = (UserError, data.DatasetError, model_io.ModelFileError, NpzFileError,
               NpzMismatchError)


def fail(message, code=1):
    """Print ``error: message`` on stderr and exit with ``code``; under mpiexec only process 0
    says it (every process checks the same options and files)."""
    sys.stdout.flush()
    if _launched_rank() == 0:
        print('error: %s' % message, file=sys.stderr)
    sys.exit(code)


def _launched_rank():
    """This process's rank as mpiexec (MPICH's or Open MPI's) set it, 0 without mpiexec."""
    for name in ('PMI_RANK', 'OMPI_COMM_WORLD_RANK', 'PMIX_RANK'):
        if os.environ.get(name, '').isdigit():
            return int(os.environ[name])
    return 0


def command(main):
    """Wrap a script's ``main`` so that user errors end in one line, not a traceback."""
    @functools.wraps(main)
    def wrapper(*args, **kwargs):
        try:
            return main(*args, **kwargs)
        except USER_ERRORS as e:
            fail(str(e), getattr(e, 'code', 1))
        except OSError as e:
            fail(describe_os_error(e))
        except MemoryError:
            fail('out of memory: try a smaller --size, --batch-size or --ch')
        except KeyboardInterrupt:
            fail('interrupted (Ctrl-C)', 130)
    return wrapper


def describe_os_error(e):
    """'No space left on device: /x/log' from an OSError, path included when known."""
    if e.filename is None or e.strerror is None:
        return str(e)
    if isinstance(e, FileExistsError):
        return '%s is a file where a folder is needed' % e.filename
    if isinstance(e, NotADirectoryError):
        return 'cannot write %s: part of that path is a file, not a folder' % e.filename
    return '%s: %s' % (e.strerror, e.filename)


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with the module docstring as help, whose errors are one line."""

    def __init__(self, description=None, **kwargs):
        kwargs.setdefault('formatter_class', argparse.RawDescriptionHelpFormatter)
        super().__init__(description=description, **kwargs)

    def error(self, message):
        fail('%s (%s --help lists the options)' % (message, self.prog), 2)


def _number(text, convert, test, wanted):
    try:
        value = convert(text)
    except ValueError:
        raise argparse.ArgumentTypeError('expected %s, got %r' % (wanted, text)) from None
    if not test(value):
        raise argparse.ArgumentTypeError('expected %s, got %r' % (wanted, text))
    return value


def positive_int(text):
    """argparse type: an int >= 1."""
    return _number(text, int, lambda v: v >= 1, 'a positive integer')


def non_negative_int(text):
    """argparse type: an int >= 0."""
    return _number(text, int, lambda v: v >= 0, 'an integer >= 0')


def positive_float(text):
    """argparse type: a finite float > 0 (learning rates, frame rates)."""
    return _number(text, float, lambda v: math.isfinite(v) and v > 0, 'a positive number')


def finite_float(text):
    """argparse type: any finite float (no nan, no inf)."""
    return _number(text, float, math.isfinite, 'a finite number')


def unit_float(text):
    """argparse type: a float in [0, 1) (Adam's betas, an average's decay)."""
    return _number(text, float, lambda v: 0 <= v < 1, 'a number in [0, 1)')


def device(text):
    """argparse type: a device specifier that names an existing device (kept as text)."""
    try:
        get_device(text)
    except (ValueError, RuntimeError, TypeError) as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def color(text):
    """argparse type: 'white', 'black' or '#rrggbb' (kept as text)."""
    try:
        data.parse_color(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text
