"""mx.contrib.amp: MXNet's automatic mixed precision (float16 / bfloat16 autocasting).

Not in tinynet: its arrays compute in the dtype they have (float32 by default, float64 for
gradient checks), and the point of AMP, speed on tensor cores, has no meaning for NumPy. The
module imports, so code that imports it runs; each function refuses with NotImplementedError.
"""

_WHY = ('is not in tinynet: mixed precision (float16/bfloat16 autocasting) is a GPU speed-up, '
        'and tinynet computes in the dtype its arrays have')


def _refuse(name):
    def refuse(*args, **kwargs):
        raise NotImplementedError('mx.contrib.amp.%s %s' % (name, _WHY))
    refuse.__name__ = name
    refuse.__doc__ = 'MXNet\'s amp.%s: refused with NotImplementedError (%s).' % (name, _WHY)
    return refuse


init = _refuse('init')
init_trainer = _refuse('init_trainer')
scale_loss = _refuse('scale_loss')
unscale = _refuse('unscale')
convert_symbol = _refuse('convert_symbol')
convert_model = _refuse('convert_model')
convert_hybrid_block = _refuse('convert_hybrid_block')
convert_bucketing_module = _refuse('convert_bucketing_module')
