"""The package's shape: layers import only the layers below them, and no module reads another
module's private names. Read from the source with `ast`, function-level imports included."""
import ast
import os

import tinynet

PACKAGE = os.path.dirname(os.path.abspath(tinynet.__file__))

# Symbol.bind/simple_bind return an Executor, as in MXNet's API, while the executor sits above
# symbols (it runs them): symbol.py imports executor inside those two methods only. The executor
# does not import symbol.py (is_label lives in util.py), so that is no cycle.
ALLOWED_CYCLE_EDGES = set()


def modules():
    """{dotted module name: parsed source} for every .py file of the package."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, os.path.dirname(PACKAGE))[:-3].replace(os.sep, '.')
                rel = rel[:-len('.__init__')] if rel.endswith('.__init__') else rel
                with open(path) as f:
                    found[rel] = ast.parse(f.read(), path)
    return found


def resolve(module, node, is_package):
    """The tinynet modules an import statement in `module` names."""
    package = module if is_package else module.rpartition('.')[0]
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith('tinynet')]
    if node.level == 0:
        base = node.module or ''
        if not base.startswith('tinynet'):
            return []
    else:
        parts = package.split('.')
        base = '.'.join(parts[:len(parts) - node.level + 1])
        if node.module:
            base += '.' + node.module
    return [base] + ['%s.%s' % (base, a.name) for a in node.names]


def import_graph():
    mods = modules()
    packages = {name for name in mods if os.path.isdir(os.path.join(
        os.path.dirname(PACKAGE), *name.split('.')))}
    graph = {}
    for name, tree in mods.items():
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets.update(t for t in resolve(name, node, name in packages) if t in mods)
        targets.discard(name)
        # importing a package's submodule runs the package itself: keep the submodule edge only
        graph[name] = {t for t in targets if not any(o.startswith(t + '.') for o in targets)} \
            if name not in packages else targets
    return graph, packages


def cycles(graph, packages):
    """Every edge a -> b of the graph that lies on a cycle (b reaches a), packages' own
    re-exports of their submodules aside."""
    def reaches(start, goal):
        seen, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node in seen:
                continue
            seen.add(node)
            stack.extend(t for t in graph.get(node, ()) if not (node in packages and
                                                                  t.startswith(node + '.')))
        return False
    return {(a, b) for a, targets in graph.items() for b in targets
            if not (a in packages and b.startswith(a + '.')) and reaches(b, a)}


def test_the_import_graph_has_no_cycle_but_the_named_one():
    graph, packages = import_graph()
    assert 'tinynet.executor' in graph['tinynet.symbol']       # the walk found real edges,
    assert 'tinynet.ops.registry' in graph['tinynet.symbol']   # function-level imports too
    assert ALLOWED_CYCLE_EDGES <= cycles(graph, packages)
    for a, b in ALLOWED_CYCLE_EDGES:
        graph[a] = graph[a] - {b}
    assert sorted(cycles(graph, packages)) == []


def test_the_check_finds_a_planted_cycle():
    graph, packages = import_graph()
    graph['tinynet.backend'] = graph['tinynet.backend'] | {'tinynet.module.module'}
    assert ('tinynet.backend', 'tinynet.module.module') in cycles(graph, packages)


def private_names_defined(tree):
    """Private names a module defines: its functions, classes, module variables, attributes it
    assigns on self, and its __slots__ entries."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Assign) and any(getattr(t, 'id', '') == '__slots__'
                                                  for t in node.targets):
            names.update(getattr(e, 'value', '') for e in getattr(node.value, 'elts', []))
    return {n for n in names if n.startswith('_') and not n.startswith('__')}


def private_reads(name, tree):
    """Private names `module` reads that it does not define itself: `obj._x` and
    `from .m import _x`."""
    own = private_names_defined(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith('_') and \
                not node.attr.startswith('__') and node.attr not in own:
            found.append('%s:%d reads .%s' % (name, node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom):
            found.extend('%s:%d imports %s' % (name, node.lineno, a.name) for a in node.names
                         if a.name.startswith('_') and not a.name.startswith('__'))
    return found


def test_no_module_reads_another_modules_private_names():
    found = [hit for name, tree in modules().items() for hit in private_reads(name, tree)]
    assert found == []


def test_the_private_name_check_finds_a_planted_read():
    tree = ast.parse('def f(exe):\n    return exe._tape\n')
    assert private_reads('planted', tree) == ['planted:2 reads ._tape']
