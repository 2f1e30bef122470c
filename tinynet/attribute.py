"""mx.AttrScope: attributes every symbol made inside a `with` block gets (MXNet's), such as
a context group or a learning-rate multiplier for a part of a network.

    with mx.AttrScope(ctx_group='stage1', __lr_mult__='0.1'):
        fc = mx.sym.FullyConnected(data, num_hidden=10)     # fc.list_attr() has them

Values must be strings. Scopes nest: an inner scope's values win. As in MXNet, the keys
ctx_group, lr_mult, wd_mult, force_mirroring, mirror_stage and profiler_scope are also written
as __key__ (what MXNet's Module and optimizers read); an op symbol takes any other key without
underscores as one of its own arguments (so an unknown one is refused), a variable keeps it.
"""
import threading

HIDDEN_KEYS = ('ctx_group', 'lr_mult', 'wd_mult', 'force_mirroring', 'mirror_stage',
               'profiler_scope')


class AttrScope:
    """AttrScope(**attributes): a `with` block in which every new symbol gets `attributes`
    (strings), merged into the enclosing scopes'."""
    _state = threading.local()

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            if not isinstance(value, str):
                raise ValueError('AttrScope: attribute %r is %r; attributes need to be strings'
                                 % (key, value))
        self._attr = dict(kwargs)
        self._old_scope = None

    def get(self, attr):
        """This scope's attributes updated with `attr` (a dict, or None), as a new dict."""
        merged = dict(self._attr)
        merged.update(attr or {})
        return merged

    def __enter__(self):
        self._old_scope = current()
        self._attr = dict(self._old_scope._attr, **self._attr)
        AttrScope._state.value = self
        return self

    def __exit__(self, *exc):
        AttrScope._state.value = self._old_scope


def current():
    """The innermost AttrScope entered (one with no attributes outside any)."""
    scope = getattr(AttrScope._state, 'value', None)
    if scope is None:
        scope = AttrScope._state.value = AttrScope()
    return scope


def with_hidden_keys(attrs):
    """attrs with each of HIDDEN_KEYS it has also under __key__, as MXNet records them."""
    attrs = dict(attrs)
    for key in HIDDEN_KEYS:
        if key in attrs:
            attrs.setdefault('__%s__' % key, attrs[key])
    return attrs
