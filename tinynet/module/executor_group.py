"""ExecutorGroup: one executor per context, each running its share of every batch (MXNet's
DataParallelExecutorGroup). With one context it is one executor running the whole batch.

    group = ExecutorGroup(symbol, [cpu(0), cpu(1)], [1, 1], shapes, types, grad_reqs)
    group.forward(data, labels, is_train=True)    # rows 0..n/2 on cpu(0), the rest on cpu(1)
    group.backward()                              # each executor's gradients, for its rows
    group.outputs()                               # the outputs, joined on the first context

The parameters live in every executor; whoever updates them (Module.update) changes one replica
and copies it to the others (`copy_to_others`), so all of them hold the same values.
"""
from ..backend import copy_into, same_device, to_device
from ..ndarray.ndarray import array_of


def split_slices(batch_size, work_load):
    """The rows of a batch each context takes: shares proportional to `work_load`, rounded, the
    last taking what rounding leaves (MXNet's _split_input_slice)."""
    total = float(sum(work_load))
    sizes = [int(round(w * batch_size / total)) for w in work_load]
    sizes[-1] += batch_size - sum(sizes)
    if min(sizes) < 1:
        raise ValueError('Module: a batch of %d rows cannot give every one of %d contexts a row '
                         '(work_load_list %s)' % (batch_size, len(work_load), list(work_load)))
    bounds = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
    return [slice(bounds[i], bounds[i + 1]) for i in range(len(sizes))]


class ExecutorGroup:
    """Executors for `contexts` (one each), bound for `shapes` {input name: whole-batch shape}."""

    def __init__(self, symbol, contexts, work_load, shapes, types, grad_reqs, data_names,
                 label_names):
        self.contexts, self.work_load = list(contexts), list(work_load)
        self.data_names, self.label_names = list(data_names), list(label_names)
        self.slices = split_slices(next(iter(shapes.values()))[0], self.work_load)
        self.executors = [symbol.simple_bind(ctx, grad_req=grad_reqs, type_dict=types,
                                             **self._shares(shapes, rows))
                          for ctx, rows in zip(self.contexts, self.slices)]
        self._input_buffers = {}   # our own arrays for inputs that must be copied (see forward)

    @staticmethod
    def _shares(shapes, rows):
        return {name: (rows.stop - rows.start,) + tuple(shape[1:]) for name, shape in shapes.items()}

    @property
    def batch_size(self):
        return self.slices[-1].stop

    def parts(self):
        """(context, executor, rows of the batch) for each context."""
        return zip(self.contexts, self.executors, self.slices)

    def forward(self, data, labels, is_train):
        """Each executor runs its rows of the batch (`data`, `labels`: arrays in data_names and
        label_names order; the labels may be left out for prediction)."""
        data, labels = [array_of(a) for a in data], [array_of(a) for a in labels]
        bound = self.executors[0].arg_dict
        if data[0].shape[0] != self.batch_size or any(
                tuple(a.shape[1:]) != tuple(bound[n].shape[1:])
                for n, a in zip(self.data_names, data)):
            self.reshape(data[0].shape[0], data, labels)   # as MXNet's Module.forward does
        whole = len(self.executors) == 1
        for i, (ctx, exe, rows) in enumerate(self.parts()):
            ctx.activate()                          # buffers and copies go to this device
            xp = ctx.xp
            for name, array in zip(self.data_names, data):
                part = array if whole else array[rows]
                exe.set_array(name, self._input_array((i, name), part, exe.array(name), xp))
            if is_train or labels:
                for name, array in zip(self.label_names, labels):
                    part = array if whole else array[rows]
                    bound = exe.array(name)
                    copy_into(bound, to_device(part, xp).reshape(bound.shape))
            exe.forward(is_train=is_train)

    def _input_array(self, key, array, bound, xp):
        """The array an executor reads an input from for this batch. The batch's own array when
        it already has the device, shape and dtype bound: ops never write to their inputs, so
        this saves copying every batch. Otherwise the batch is copied into a buffer of our own;
        never into `array`, which belongs to the caller."""
        if same_device(array, bound) and array.shape == bound.shape and array.dtype == bound.dtype:
            return array
        buffer = self._input_buffers.get(key)
        if buffer is None or buffer.shape != bound.shape or buffer.dtype != bound.dtype:
            buffer = self._input_buffers[key] = xp.empty(bound.shape, dtype=bound.dtype)
        copy_into(buffer, array)
        return buffer

    def reshape(self, batch_size, data, labels=()):
        """New executors for the shapes of another batch (its size, or an input's other axes),
        sharing the parameters' arrays; the labels keep their shape past the batch axis unless
        given."""
        shapes = {name: (batch_size,) + tuple(a.shape[1:]) for name, a in zip(self.data_names, data)}
        for i, name in enumerate(self.label_names):
            rest = labels[i].shape[1:] if i < len(labels) else \
                self.executors[0].arg_dict[name].shape[1:]
            shapes[name] = (batch_size,) + tuple(rest)
        self.reshape_inputs(shapes)

    def reshape_inputs(self, shapes):
        """New executors for the whole-batch input shapes {name: shape}, sharing the parameters'
        arrays (Module.reshape)."""
        self.slices = split_slices(next(iter(shapes.values()))[0], self.work_load)
        self.executors = [exe.reshape(allow_up_sizing=True, **self._shares(shapes, rows))
                          for exe, rows in zip(self.executors, self.slices)]

    def backward(self, out_grads=None):
        """Each executor's backward; head gradients given for the whole batch are split into
        each executor's rows, as MXNet's are."""
        if out_grads is not None and not isinstance(out_grads, (list, tuple)):
            out_grads = [out_grads]
        whole = len(self.executors) == 1
        for ctx, exe, rows in self.parts():
            ctx.activate()
            exe.backward(out_grads if out_grads is None or whole else
                         [None if g is None else array_of(g)[rows] for g in out_grads])

    def merged(self, arrays_of):
        """arrays_of(executor) of every executor, joined along the batch on the first context."""
        if len(self.executors) == 1:
            return list(arrays_of(self.executors[0]))
        xp = self.contexts[0].xp
        self.contexts[0].activate()                 # the parts are copied to the first device
        parts = [arrays_of(exe) for exe in self.executors]
        return [xp.concatenate([to_device(p[i], xp) for p in parts]) for i in range(len(parts[0]))]

    def outputs(self):
        return self.merged(lambda exe: exe.output_arrays)

    def set_param(self, name, value, aux=False):
        """Every executor's parameter (or auxiliary state) `name` gets `value`."""
        for ctx, exe, _ in self.parts():
            copy_into(exe.array(name), value)

    def param(self, name, aux=False):
        """Parameter `name`'s array as the executors hold it (the same in each: the first one's)."""
        return self.executors[0].array(name)

    def copy_to_others(self, names, aux=False):
        """The first executor's values of `names` into every other executor."""
        for name in names:
            value = self.param(name, aux)
            for ctx, exe, _ in list(self.parts())[1:]:
                copy_into(exe.array(name), value)


class DataParallelExecutorGroup(ExecutorGroup):
    """An ExecutorGroup made with MXNet's constructor (what Module builds for itself; code that
    makes one by hand, as MXNet's tests do, passes these).

    symbol, contexts: as ExecutorGroup; workload: each context's share (a list of numbers);
    data_shapes, label_shapes: [(name, shape)] or DataDesc; param_names: the learned arguments;
    for_training: compute gradients of the parameters not in fixed_param_names (grad_req,
    default 'write'); inputs_need_grad: also of the data. Sharing memory with another group
    (shared_group=, used by MXNet's BucketingModule) and group2ctxs are not in tinynet."""

    def __init__(self, symbol, contexts, workload, data_shapes, label_shapes, param_names,
                 for_training, inputs_need_grad, shared_group=None, logger=None,
                 fixed_param_names=None, grad_req='write', state_names=None, group2ctxs=None):
        from ..io import DataDesc
        if shared_group is not None:
            raise NotImplementedError('DataParallelExecutorGroup(shared_group=...): executor '
                                      'groups sharing memory (BucketingModule) are not in tinynet')
        if group2ctxs is not None:
            raise NotImplementedError('DataParallelExecutorGroup(group2ctxs=...): model '
                                      'parallelism over context groups is not in tinynet')
        descs = [d if isinstance(d, DataDesc) else DataDesc(*d)
                 for d in list(data_shapes) + list(label_shapes or [])]
        data_names = [d.name for d in descs[:len(data_shapes)]]
        label_names = [d.name for d in descs[len(data_shapes):]]
        fixed = set(fixed_param_names or [])
        trained = set(param_names) - fixed if for_training else set()
        self.param_names, self.for_training = list(param_names), for_training
        self.inputs_need_grad = inputs_need_grad
        self.grad_req = {name: (grad_req if name in trained else
                                'write' if name in data_names and inputs_need_grad else 'null')
                         for name in symbol.list_arguments()}
        super().__init__(symbol, contexts, workload, {d.name: d.shape for d in descs},
                         {d.name: d.dtype for d in descs}, self.grad_req, data_names,
                         label_names)
        self.symbol, self.workload = symbol, list(workload)
        self.data_shapes, self.label_shapes = descs[:len(data_shapes)], descs[len(data_shapes):]

    @property
    def execs(self):
        """The executors, one per context (MXNet's name)."""
        return self.executors
