"""See a network: `print_summary` (MXNet's layer table) and `plot_network` / `symbol_to_dot` (the
graph, with the shapes on the edges).

    mx.viz.print_summary(lenet, shape={'data': (1, 1, 28, 28)})
    mx.viz.plot_network(lenet, shape={'data': (1, 1, 28, 28)}).render('lenet')   # needs graphviz
"""
from .symbol import is_label, node_key


def _shapes(symbol, shape):
    """{id(node) or variable name: shape} when `shape` is given, else {}."""
    return symbol.node_shapes(**shape) if shape else {}


def _is_data(node, shape):
    """A data variable: named in `shape`, or 'data' (not a label, not a learned parameter)."""
    return node.is_variable and not is_label(node.name) and (node.name in (shape or {}) or
                                                             node.name == 'data')


def _is_param(node, shape):
    return node.is_variable and not is_label(node.name) and not _is_data(node, shape)


def _shown(node, shape):
    """What the table and the picture show: layers and the data they start from."""
    return not node.is_variable or _is_data(node, shape)


def _param_count(node, shapes, shape):
    total = 0
    for child in node.inputs:
        if _is_param(child, shape):
            size = 1
            for s in shapes.get(child.name, ()):
                size *= s
            total += size if child.name in shapes else 0
    return total


def print_summary(symbol, shape=None, line_length=120, positions=(.44, .64, .74, 1.)):
    """Print MXNet's summary table: layer (type), output shape, parameter count, previous layer."""
    print(summary(symbol, shape, line_length, positions))


def summary(symbol, shape=None, line_length=120, positions=(.44, .64, .74, 1.)):
    """The text print_summary prints."""
    shapes = _shapes(symbol, shape)
    columns = [int(line_length * p) for p in positions]
    lines = ['_' * line_length]

    def row(fields):
        text = ''
        for field, stop in zip(fields, columns):
            text = (text + str(field))[:stop].ljust(stop)
        lines.append(text.rstrip())

    row(['Layer (type)', 'Output Shape', 'Param #', 'Previous Layer'])
    lines.append('=' * line_length)
    total = 0
    nodes = symbol.topological_nodes()
    shown = [n for n in nodes if _shown(n, shape)]
    for i, node in enumerate(shown):
        out = shapes.get(node_key(node))
        out_text = 'x'.join(str(s) for s in out[1:]) if out else ''
        params = 0 if node.is_variable else _param_count(node, shapes, shape)
        total += params
        previous = [c.name for c in node.inputs if _shown(c, shape)]
        kind = 'null' if node.is_variable else type(node.op).__name__
        row(['%s(%s)' % (node.name, kind), out_text, params, previous[0] if previous else ''])
        for name in previous[1:]:
            row(['', '', '', name])
        lines.append(('=' if i == len(shown) - 1 else '_') * line_length)
    lines.append('Total params: %d' % total)
    lines.append('_' * line_length)
    return '\n'.join(lines)


_COLORS = {'FullyConnected': '#fb8072', 'Convolution': '#fb8072', 'Activation': '#ffffb3',
           'Pooling': '#80b1d3', 'Flatten': '#fdb462', 'SoftmaxOutput': '#b3de69', 'null': '#8dd3c7'}


def _describe(node):
    op = node.op
    kind = type(op).__name__
    if kind == 'FullyConnected':
        return 'FullyConnected\\n%d' % op.num_hidden
    if kind == 'Convolution':
        return 'Convolution\\n%dx%d/%dx%d, %d' % (op.kernel + op.stride + (op.num_filter,))
    if kind == 'Pooling':
        size = 'global' if op.global_pool else '%dx%d/%dx%d' % (op.kernel + op.stride)
        return 'Pooling\\n%s, %s' % (op.pool_type, size)
    if kind == 'Activation':
        return 'Activation\\n%s' % op.act_type
    return kind


def graph_parts(symbol, shape=None, hide_weights=True):
    """The nodes [(id, label, color)] and edges [(from, to, label)] of the picture."""
    shapes = _shapes(symbol, shape)
    nodes, edges = [], []
    for node in symbol.topological_nodes():
        if hide_weights and not _shown(node, shape):
            continue
        label = node.name if node.is_variable else _describe(node)
        nodes.append((node.name, label, _COLORS.get('null' if node.is_variable else
                                                    type(node.op).__name__, '#fccde5')))
        for child in node.inputs:
            if hide_weights and not _shown(child, shape):
                continue
            out = shapes.get(node_key(child))
            edges.append((child.name, node.name, 'x'.join(str(s) for s in out[1:]) if out else ''))
    return nodes, edges


def symbol_to_dot(symbol, shape=None, title='plot', hide_weights=True):
    """The graph as Graphviz DOT text (needs no optional package); edges read input -> output."""
    nodes, edges = graph_parts(symbol, shape, hide_weights)
    lines = ['digraph "%s" {' % title, '  rankdir=BT;',
             '  node [shape=box, style="rounded,filled", fixedsize=false, fontsize=10];']
    for name, label, color in nodes:
        lines.append('  "%s" [label="%s", fillcolor="%s"];' % (name, label, color))
    for src, dst, label in edges:
        lines.append('  "%s" -> "%s"%s;' % (src, dst, ' [label="%s"]' % label if label else ''))
    lines.append('}')
    return '\n'.join(lines)


def plot_network(symbol, title='plot', save_format='pdf', shape=None, dtype=None, node_attrs=None,
                 hide_weights=True):
    """A `graphviz.Digraph` of the network, like MXNet's (pip install graphviz, and Graphviz's `dot`
    program to render it). `symbol_to_dot` gives the same graph as text without either."""
    try:
        import graphviz
    except ImportError:
        raise ImportError('plot_network needs the graphviz Python package: pip install -e '
                          '".[pictures]" in tinynet\'s checkout (or pip install graphviz), and '
                          "Graphviz's dot program to draw (Debian: apt-get install graphviz); "
                          'symbol_to_dot() gives the DOT text without either') from None
    graph = graphviz.Digraph(name=title, format=save_format)
    graph.attr(rankdir='BT')
    style = {'shape': 'box', 'style': 'rounded,filled', 'fontsize': '10'}
    style.update(node_attrs or {})
    nodes, edges = graph_parts(symbol, shape, hide_weights)
    for name, label, color in nodes:
        graph.node(name, label=label.replace('\\n', '\n'), fillcolor=color, **style)
    for src, dst, label in edges:
        graph.edge(src, dst, label=label)
    return graph
