"""Extract the MXNet code of Dive into Deep Learning's chapters 2-7, changing only import lines.

    python tests/d2l/extract.py /path/to/d2l-en     # a clone of d2l-ai/d2l-en

reads the chapters' sections at COMMIT (branch r0.17, the book's MXNet edition, d2l 0.17.6) and
writes one file per section into tests/d2l/code/, its cells in order, each after a `# %% cell N`
line, and the book's saved library `d2l/mxnet.py` into tests/d2l/d2l/. A section's MXNet cells
are its ```{.python .input} blocks without a `#@tab` line or whose `#@tab` names mxnet or all.
In every cell and in d2l/mxnet.py, `mxnet` becomes `tinynet` in import statements and nowhere
else; `%matplotlib inline` and other notebook lines become comments. The book's sample code is
under the MIT-0 license (LICENSE-SAMPLECODE of d2l-en).
"""
import os
import re
import subprocess
import sys

COMMIT = 'd749ac0d4d73f61a9c7e0be33f3e8d43c975bd4a'      # d2l-ai/d2l-en, branch r0.17
CHAPTERS = ('chapter_preliminaries', 'chapter_linear-networks', 'chapter_multilayer-perceptrons',
            'chapter_deep-learning-computation', 'chapter_convolutional-neural-networks',
            'chapter_convolutional-modern')
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'mxnet_tutorials'))
from extract import tinynet_imports  # noqa: E402  (the tutorials' rule, one place)


def show(repo, path):
    return subprocess.run(['git', '-C', repo, 'show', '%s:%s' % (COMMIT, path)], check=True,
                          capture_output=True, text=True).stdout


def mxnet_cells(markdown):
    """The section's MXNet cells, in order."""
    found, current = [], None
    for line in markdown.split('\n'):
        if current is None:
            if re.match(r'^```\{\.python \.input[^}]*\}\s*$', line):
                current = []
        elif line.startswith('```'):
            tab = current[0].strip() if current else ''
            if tab.startswith('#@tab'):
                frameworks = [f.strip() for f in tab[len('#@tab'):].split(',')]
                keep = 'mxnet' in frameworks or 'all' in frameworks
                current = current[1:]
            else:
                keep = True
            if keep and ''.join(current).strip():
                found.append('\n'.join(tinynet_imports(l) for l in current))
            current = None
        else:
            current.append(line)
    return found


def main(repo):
    out = os.path.join(HERE, 'code')
    os.makedirs(out, exist_ok=True)
    for chapter in CHAPTERS:
        names = subprocess.run(['git', '-C', repo, 'ls-tree', '--name-only', COMMIT,
                                chapter + '/'], check=True, capture_output=True,
                               text=True).stdout.split()
        for path in sorted(n for n in names if n.endswith('.md') and not n.endswith('index.md')):
            cells = mxnet_cells(show(repo, path))
            if not cells:
                continue
            name = path[:-3].replace('/', '__')
            with open(os.path.join(out, name + '.py'), 'w') as f:
                f.write('# Dive into Deep Learning (d2l-ai/d2l-en %s, %s), its MXNet cells with the '
                        'import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).\n'
                        % (COMMIT[:10], path))
                for i, cell in enumerate(cells):
                    f.write('\n# %%%% cell %d\n%s\n' % (i, cell))
    library = os.path.join(HERE, 'd2l')
    os.makedirs(library, exist_ok=True)
    with open(os.path.join(library, '__init__.py'), 'w') as f:
        f.write(show(repo, 'd2l/__init__.py'))
    with open(os.path.join(library, 'mxnet.py'), 'w') as f:
        f.write('\n'.join(tinynet_imports(l) for l in show(repo, 'd2l/mxnet.py').split('\n')))


if __name__ == '__main__':
    main(sys.argv[1])
