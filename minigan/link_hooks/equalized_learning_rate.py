"""EqualizedLearningRate: scale a link's weight by He's constant at run time (PGGAN).

Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.1. The weight is stored
as W ~ N(0, 1) and every call uses

    c W,   c = gain / sqrt(fan_in)

instead of initializing W with standard deviation c. The function computed is the same, but
Adam's steps, which are about the same size for every weight, now change every layer at the
same relative speed. fan_in counts the inputs one output unit sees: in_size for a linear
layer, in_channels * kh * kw for a convolution and for a deconvolution (whose W is (in, out,
kh, kw); each filter tap of the authors' upsampling convolution sees every input channel).
"""
import math

from minigan.link_hooks.link_hook import LinkHook


class EqualizedLearningRate(LinkHook):
    """``EqualizedLearningRate(gain=sqrt(2), weight_name='W')``; attach with
    ``link.add_hook(EqualizedLearningRate())``. ``scale(link)`` is c (None until W exists)."""

    name = 'EqualizedLearningRate'

    def __init__(self, gain=math.sqrt(2), weight_name='W'):
        self.gain = gain
        self.weight_name = weight_name
        self.out_axis = 0
        self._original_weight = None

    def __enter__(self):
        raise NotImplementedError('EqualizedLearningRate is a per-link hook: use add_hook')

    def added(self, link):
        # NOTE: imported here because minigan.links imports this module
        from minigan.links.connection.deconvolution_2d import Deconvolution2D
        if not hasattr(link, self.weight_name):
            raise ValueError('%s has no weight %s to scale'
                             % (type(link).__name__, self.weight_name))
        self.out_axis = 1 if isinstance(link, Deconvolution2D) else 0

    def scale(self, link):
        """He's constant gain / sqrt(fan_in) for ``link``'s weight."""
        W = getattr(link, self.weight_name)
        if W.array is None:
            return None
        return self.gain / math.sqrt(W.size // W.shape[self.out_axis])

    def forward_preprocess(self, cb_args):
        link = cb_args.link
        if getattr(link, self.weight_name).array is None:
            link._initialize_params_from(cb_args.args[0])
        self._original_weight = getattr(link, self.weight_name)
        setattr(link, self.weight_name, self._original_weight * self.scale(link))

    def forward_postprocess(self, cb_args):
        setattr(cb_args.link, self.weight_name, self._original_weight)
        self._original_weight = None
