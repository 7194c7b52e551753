"""Trainer extensions: logging, printing, plotting, snapshots and hyperparameter schedules."""
from minigan.training.extensions._snapshot import snapshot, snapshot_object  # NOQA
from minigan.training.extensions.dump_graph import DumpGraph  # NOQA
from minigan.training.extensions.evaluator import Evaluator  # NOQA
from minigan.training.extensions.exponential_shift import ExponentialShift  # NOQA
from minigan.training.extensions.fail_on_nonnumber import FailOnNonNumber  # NOQA
from minigan.training.extensions.linear_shift import LinearShift  # NOQA
from minigan.training.extensions.log_report import LogReport  # NOQA
from minigan.training.extensions.plot_report import PlotReport  # NOQA
from minigan.training.extensions.print_report import PrintReport  # NOQA
from minigan.training.extensions.progress_bar import ProgressBar  # NOQA
from minigan.training.extensions.value_observation import observe_lr, observe_value  # NOQA
