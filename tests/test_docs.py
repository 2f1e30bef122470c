"""docs/backprop.md names real, public functions: every `Class.method` and `module.function` it
names exists in tinynet and is public, so a reader can open each hop it follows."""
import inspect
import os
import pkgutil
import re

import tinynet

DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'docs')


def tinynet_namespace():
    """{name: object} for every tinynet module (by its last name) and every class defined in one."""
    found = {}
    for info in pkgutil.walk_packages(tinynet.__path__, 'tinynet.'):
        module = __import__(info.name, fromlist=['_'])
        found[info.name.rpartition('.')[2]] = module
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and obj.__module__.startswith('tinynet'):
                found[name] = obj
    return found


def dotted_names(text):
    return set(re.findall(r'`([A-Za-z]\w*)\.([a-z]\w*)(?:\(|`)', text))


def test_backprop_page_names_public_functions_that_exist():
    with open(os.path.join(DOCS, 'backprop.md')) as f:
        text = f.read()
    namespace = tinynet_namespace()
    names = dotted_names(text)
    assert ('Executor', 'forward') in names and ('engine', 'apply') in names
    missing = sorted('%s.%s' % (owner, attr) for owner, attr in names
                     if owner in namespace and (attr.startswith('_') or
                                                not hasattr(namespace[owner], attr)))
    assert missing == []


def test_the_check_finds_a_misnamed_hop():
    namespace = tinynet_namespace()
    owner, attr = next(iter(dotted_names('`Executor.walk_forward`')))
    assert not hasattr(namespace[owner], attr)
