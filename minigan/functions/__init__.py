"""Differentiable functions (import as F), each a FunctionNode or a composition of them."""
from minigan.functions.array.broadcast import broadcast, broadcast_to, sum_to  # NOQA
from minigan.functions.array.get_item import get_item  # NOQA
from minigan.functions.array.reshape import reshape  # NOQA
from minigan.functions.array.transpose import transpose  # NOQA
from minigan.functions.math.add import add  # NOQA
from minigan.functions.math.divide import divide  # NOQA
from minigan.functions.math.exponential import exp, log  # NOQA
from minigan.functions.math.matmul import batch_matmul, matmul  # NOQA
from minigan.functions.math.multiply import multiply  # NOQA
from minigan.functions.math.negative import negative  # NOQA
from minigan.functions.math.power import power  # NOQA
from minigan.functions.math.subtract import subtract  # NOQA
from minigan.functions.math.sum import mean, sum  # NOQA
