"""Extract the Python cells of MXNet 1.9's tutorials, changing only their import lines.

    python tests/mxnet_tutorials/extract.py /path/to/mxnet   # a clone of apache/mxnet

reads docs/python_docs/python/tutorials/**/*.md at COMMIT (branch v1.9.x) and writes one file per
tutorial into tests/mxnet_tutorials/code/, its cells in order, each after a `# %% cell N` line.
Code blocks are the ones MXNet's docs build runs: ```{.python .input} and ```python. In every
cell, `mxnet` is replaced by `tinynet` in import statements and nowhere else (so
`import mxnet as mx` becomes `import tinynet as mx`, and `from mxnet.gluon import nn` becomes
`from tinynet.gluon import nn`); `import mxnet` becomes `import tinynet as mxnet`. Shell lines
(`!pip install ...`) become comments. The tutorials are MXNet's, under the Apache License 2.0.
"""
import ast
import os
import re
import subprocess
import sys

COMMIT = '76d73dbd77'          # apache/mxnet, branch v1.9.x
FOLDER = 'docs/python_docs/python/tutorials'
SKIPPED = ('deploy/', 'performance/')     # C++, AWS, TensorRT, profiling: outside tinynet's scope
HERE = os.path.dirname(os.path.abspath(__file__))
FENCE = re.compile(r'^```\s*(\{\.python[^}]*\}|python)\s*$')


def tinynet_imports(line):
    """The line with `mxnet` replaced by `tinynet` where it is imported, and nothing else."""
    stripped = line.lstrip()
    indent = line[:len(line) - len(stripped)]
    if re.match(r'import mxnet\s*$', stripped):
        return indent + 'import tinynet as mxnet'
    if re.match(r'(import|from)\s+mxnet\b', stripped):
        return indent + re.sub(r'\bmxnet\b', 'tinynet', stripped, count=1)
    if stripped.startswith('!') or stripped.startswith('%'):
        return indent + '# ' + stripped              # a notebook's shell or magic line
    return line


def cells(markdown):
    """The Python cells of a tutorial: its ```{.python .input} or ```python blocks; a page whose
    blocks carry no language at all (two of them) gives those of its blocks that parse as Python."""
    lines = markdown.split('\n')
    typed = any(FENCE.match(line) for line in lines)
    opening = FENCE if typed else re.compile(r'^```\s*$')
    found, current = [], None
    for line in lines:
        if current is None:
            if opening.match(line):
                current = []
        elif line.startswith('```'):
            found.append('\n'.join(tinynet_imports(l) for l in current))
            current = None
        else:
            current.append(line)
    if not typed:
        found = [c for c in found if _parses(c)]
    return [c for c in found if c.strip()]


def _parses(code):
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def name_of(path):
    return os.path.splitext(os.path.relpath(path, FOLDER))[0].replace('/', '__').replace('-', '_')


def main(repo):
    listing = subprocess.run(['git', '-C', repo, 'ls-tree', '-r', '--name-only', COMMIT, FOLDER],
                             capture_output=True, text=True, check=True).stdout.split()
    out = os.path.join(HERE, 'code')
    os.makedirs(out, exist_ok=True)
    for path in sorted(p for p in listing if p.endswith('.md')):
        if any(part in path for part in SKIPPED):
            continue
        text = subprocess.run(['git', '-C', repo, 'show', '%s:%s' % (COMMIT, path)],
                              capture_output=True, text=True, check=True).stdout
        found = cells(text)
        if not found:
            continue
        with open(os.path.join(out, name_of(path) + '.py'), 'w') as f:
            f.write('# MXNet 1.9 tutorial %s (apache/mxnet %s, Apache License 2.0),\n'
                    '# its Python cells with the import lines changed to tinynet.\n' % (path, COMMIT))
            for i, cell in enumerate(found):
                f.write('\n# %%%% cell %d\n%s\n' % (i, cell))
        print('%-70s %3d cells' % (path, len(found)))


if __name__ == '__main__':
    main(sys.argv[1])
