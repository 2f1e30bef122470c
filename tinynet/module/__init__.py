"""Modules: a symbol plus its parameters, trained by a short loop (MXNet's `mx.mod`).

`BaseModule` (base_module.py) is the loop: fit, score, predict, written once over the few methods a
module provides. `Module` (module.py) provides them for one symbol on one executor: bind,
parameters, optimizer, forward, backward, update, checkpoints. Neither owns any math.
"""
from .base_module import BaseModule
from .module import Module
