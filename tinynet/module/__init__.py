"""Modules: a symbol plus its parameters, trained by a short loop (MXNet's `mx.mod`).

`BaseModule` (base_module.py) is the loop: fit, score, predict, written once over the few methods a
module provides. `Module` (module.py) provides them for one symbol: bind, parameters, optimizer,
forward, backward, update, checkpoints, over an ExecutorGroup (executor_group.py: one executor per
context). finite.py finds where training went NaN. None of them owns any math.
"""
from .base_module import BaseModule
from .module import Module
