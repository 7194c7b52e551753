"""DumpGraph: write the graph behind a reported value once, as Graphviz DOT (and PNG)."""
import os
import shutil
import subprocess

from minigan import computational_graph
from minigan.configuration import config
from minigan.core.variable import Variable
from minigan.training import extension
from minigan.utils.atomic_file import atomic_path

_VARIABLE_STYLE = computational_graph.DEFAULT_VARIABLE_STYLE
_FUNCTION_STYLE = computational_graph.DEFAULT_FUNCTION_STYLE


def is_graphviz_available():
    """True when Graphviz's ``dot`` command is on the PATH."""
    return shutil.which('dot') is not None


class DumpGraph(extension.Extension):
    """After the first iteration, draw the graph of the observation ``root_name``.

    ``DumpGraph('main/loss')`` writes ``<out>/cg.dot`` (``filename``), and ``cg.png`` when
    Graphviz is installed. Reported values normally drop their graph; this extension turns
    on ``config.keep_graph_on_report`` from ``initialize`` until it has drawn the graph.
    """

    default_name = 'dump_graph'
    priority = extension.PRIORITY_WRITER

    def __init__(self, root_name, filename=None, variable_style=None, function_style=None,
                 *, out_name='cg.dot'):
        self._root_name = root_name
        self._filename = out_name if filename is None else filename
        self._variable_style = _VARIABLE_STYLE if variable_style is None else variable_style
        self._function_style = _FUNCTION_STYLE if function_style is None else function_style
        self._original_flag = None
        self._flag_called = False

    def initialize(self, trainer):
        if not self._flag_called:
            self._original_flag = config.keep_graph_on_report
            config.keep_graph_on_report = True

    def trigger(self, trainer):
        """Fire once, at the first iteration."""
        if self._flag_called:
            return False
        self._flag_called = True
        return True

    def __call__(self, trainer):
        try:
            var = trainer.observation[self._root_name]
            if not isinstance(var, Variable):
                raise TypeError('root value is not a Variable')
            dot = computational_graph.build_computational_graph(
                [var], variable_style=self._variable_style,
                function_style=self._function_style).dump()
            path = os.path.join(trainer.out, self._filename)
            with atomic_path(path) as tmp_path:
                with open(tmp_path, 'w') as f:
                    f.write(dot)
            if is_graphviz_available():
                image = os.path.join(trainer.out, os.path.splitext(self._filename)[0] + '.png')
                subprocess.check_call(['dot', '-Tpng', path, '-o', image])
        finally:
            config.keep_graph_on_report = bool(self._original_flag)

    def serialize(self, serializer):
        self._original_flag = bool(serializer('_original_flag', bool(self._original_flag)))
        self._flag_called = bool(serializer('_flag_called', self._flag_called))
