"""mx.nd.sparse: MXNet's sparse arrays (CSR and row_sparse storage) are outside tinynet's scope,
which keeps every array dense. Any name asked of this module raises NotImplementedError saying so,
instead of an AttributeError that reads like a missing feature to be found elsewhere."""


def __getattr__(name):
    if name.startswith('__'):
        raise AttributeError(name)
    raise NotImplementedError('mx.nd.sparse.%s: sparse storage (CSR, row_sparse) is outside '
                              "tinynet's scope; every tinynet array is dense (use mx.nd.array, "
                              'and tostype is not needed)' % name)
