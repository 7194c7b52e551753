"""Classifier: a predictor plus a loss and an accuracy that it reports."""
from minigan import reporter
from minigan.functions.evaluation.accuracy import accuracy
from minigan.functions.loss.softmax_cross_entropy import softmax_cross_entropy
from minigan.links.link import Chain


class Classifier(Chain):
    """``Classifier(predictor, lossfun=softmax_cross_entropy, accfun=accuracy, label_key=-1)``.

    ``model(x, t)`` returns ``lossfun(predictor(x), t)`` and reports ``loss`` (and
    ``accuracy`` while ``compute_accuracy``) under the model's observer name, e.g.
    ``main/loss``. label_key: the position (int) or keyword (str) of the labels among the
    call's arguments; the others go to the predictor.
    """

    compute_accuracy = True

    def __init__(self, predictor, lossfun=softmax_cross_entropy, accfun=accuracy,
                 label_key=-1):
        if not isinstance(label_key, (int, str)):
            raise TypeError('label_key must be int or str, but is %s' % type(label_key))
        super().__init__()
        self.lossfun = lossfun
        self.accfun = accfun
        self.label_key = label_key
        self.y = self.loss = self.accuracy = None
        with self.init_scope():
            self.predictor = predictor

    def forward(self, *args, **kwargs):
        if isinstance(self.label_key, int):
            if not -len(args) <= self.label_key < len(args):
                raise ValueError('Label key %d is out of bounds' % self.label_key)
            t = args[self.label_key]
            index = self.label_key % len(args)
            args = args[:index] + args[index + 1:]
        else:
            if self.label_key not in kwargs:
                raise ValueError('Label key "%s" is not found' % self.label_key)
            kwargs = dict(kwargs)
            t = kwargs.pop(self.label_key)
        # NOTE: drop the previous call's graph before building the next one
        self.y = self.loss = self.accuracy = None
        self.y = self.predictor(*args, **kwargs)
        self.loss = self.lossfun(self.y, t)
        reporter.report({'loss': self.loss}, self)
        if self.compute_accuracy:
            self.accuracy = self.accfun(self.y, t)
            reporter.report({'accuracy': self.accuracy}, self)
        return self.loss
