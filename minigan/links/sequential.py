"""Sequential: a ChainList that applies its layers one after another."""
from minigan.links.link import ChainList, Link


class Sequential(ChainList):
    """Layers applied in order: ``Sequential(L.Linear(None, 10), F.relu, L.Linear(10, 1))``.

    Layers may be Links (registered as children, named by their index among the links:
    '0', '1', ...) or plain callables such as ``F.relu``. A layer that returns a tuple
    feeds the next layer's positional arguments.
    """

    def __init__(self, *layers):
        super().__init__()
        self._layers = []
        for layer in layers:
            self.append(layer)

    def append(self, layer):
        """Add a layer (a Link or any callable) at the end."""
        if isinstance(layer, Link):
            super().add_link(layer)
        self._layers.append(layer)

    def __getitem__(self, index):
        return self._layers[index]

    def __iter__(self):
        return iter(self._layers)

    def __len__(self):
        return len(self._layers)

    def _copy_shared(self):
        ret = super()._copy_shared()
        copies = dict(zip(map(id, self._children), ret._children))
        ret._layers = [copies.get(id(layer), layer) for layer in self._layers]
        return ret

    def forward(self, *x):
        if not self._layers:
            raise RuntimeError('Sequential has no layer')
        for layer in self._layers:
            x = layer(*x) if isinstance(x, tuple) else layer(x)
        return x
