"""What a learner reads is real: docs/backprop.md names public functions that exist, every Python
block of README.md and docs/ runs, and every shell line names an example, module, flag and extra
that exist."""
import inspect
import os
import pkgutil
import re
import subprocess
import sys

import pytest

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


# ----- every code block of README.md and docs/ runs (issue "A newcomer's first hour") -----

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
PAGES = ['README.md'] + ['docs/' + name for name in sorted(os.listdir(DOCS)) if name.endswith('.md')]
EXCERPT = re.compile(r'<!-- excerpt of (\S+):')


def code_blocks(page):
    """[(language, code, the file it is an excerpt of or None, line)] of a Markdown page."""
    with open(os.path.join(ROOT, page)) as f:
        lines = f.read().split('\n')
    blocks, i = [], 0
    while i < len(lines):
        match = re.match(r'^```(\w*)\s*$', lines[i])
        if not match:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith('```'))
        excerpt = EXCERPT.search(lines[i - 1]) if i else None
        blocks.append((match.group(1), '\n'.join(lines[i + 1:end]),
                       excerpt.group(1) if excerpt else None, i + 1))
        i = end + 1
    return blocks


def python_blocks():
    return [pytest.param(page, code, excerpt, id='%s:%d' % (page, line))
            for page in PAGES for language, code, excerpt, line in code_blocks(page)
            if language == 'python']


def shell_commands():
    found = []
    for page in PAGES:
        for language, code, _, line in code_blocks(page):
            if language != 'bash':
                continue
            for text in code.split('\n'):
                for part in re.split(r'&&|\|', text.split('#')[0]):
                    if part.strip():
                        found.append(pytest.param(part.strip(), id='%s:%d %s' % (
                            page, line, part.strip()[:40])))
    return found


def _squeeze(code):
    return re.sub(r'\s+', '', re.sub(r'#[^\n]*', '', code))


@pytest.mark.parametrize('page, code, excerpt', python_blocks())
def test_every_python_block_runs(page, code, excerpt, mnist_home, tmp_path, monkeypatch):
    """Blocks run as written, each on its own, in a scratch folder with MNIST at hand; a block
    marked as an excerpt of a file must be that file's code, line by line (`...` aside)."""
    if excerpt:
        with open(os.path.join(ROOT, excerpt)) as f:
            source = _squeeze(f.read())
        missing = [line for line in code.split('\n')
                   if _squeeze(line) not in ('', '...') and _squeeze(line) not in source]
        assert missing == [], 'lines of %s not in %s' % (page, excerpt)
        return
    monkeypatch.chdir(tmp_path)
    exec(compile(code, page, 'exec'), {'__name__': '__doc_block__'})


def _help_of(command):
    """(argv of `command` with --help, the flags it names)."""
    words = command.split()
    if words[0] == 'mpiexec':                 # mpiexec -n 2 python ...: the python part
        words = words[words.index('python'):]
    flags = [w.split('=')[0] for w in words if w.startswith('--')]
    positional = [w for w in words[1:] if not w.startswith('-')]
    if words[1] == '-m':
        sub = [words[3]] if len(words) > 3 and words[3] in ('export', 'import') else []
        return [sys.executable, '-m', words[2]] + sub + ['--help'], flags
    return [sys.executable, os.path.join(ROOT, positional[0]), '--help'], flags


@pytest.mark.parametrize('command', shell_commands())
def test_every_shell_command_names_what_exists(command):
    """Shell lines are not run here (they train for minutes or serve forever), but what they name
    must exist: the extras of a pip install, the example or module, and every --flag it passes
    (checked against its --help)."""
    words = command.split()
    if words[0] in ('pytest', 'tee'):
        return
    if words[0] == 'pip':
        spec = next(w for w in words if w.startswith(('.', '"')))
        extras = re.findall(r'\[([^\]]*)\]', spec)
        with open(os.path.join(ROOT, 'setup.cfg')) as f:
            declared = re.findall(r'^(\w+) =$', f.read().split('[options.extras_require]')[1],
                                  re.M)
        for extra in (extras[0].split(',') if extras else []):
            assert extra in declared, '%s: no extra %r in setup.cfg' % (command, extra)
        return
    assert words[0] in ('python', 'mpiexec'), command
    argv, flags = _help_of(command)
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    for flag in flags:
        assert flag in result.stdout, '%s: %s takes no %s' % (command, argv[1:-1], flag)


# ----- help() answers: every public name has a docstring -----

def public_namespaces():
    import tinynet as mx
    return [mx, mx.nd, mx.nd.random, mx.sym, mx.autograd, mx.gluon, mx.gluon.nn, mx.gluon.loss,
            mx.gluon.data, mx.gluon.data.vision, mx.gluon.data.vision.transforms, mx.gluon.utils,
            mx.mod, mx.optimizer, mx.io, mx.init, mx.metric, mx.kv, mx.callback, mx.test_utils,
            mx.viz, mx.mon, mx.model, mx.random]


def undocumented(namespaces):
    """The public functions and classes of `namespaces` (and the public methods and properties
    their classes define) that have no docstring, by their full names."""
    missing = set()
    for namespace in namespaces:
        names = getattr(namespace, '__all__', None) or [n for n in dir(namespace)
                                                        if not n.startswith('_')]
        for name in names:
            obj = getattr(namespace, name)
            home = getattr(obj, '__module__', '') or ''
            if inspect.ismodule(obj) or not callable(obj) or not home.startswith('tinynet'):
                continue
            full = '%s.%s' % (home, getattr(obj, '__qualname__', name))
            if not inspect.getdoc(obj) or (inspect.isclass(obj) and obj.__doc__ is None):
                missing.add(full)
            if not inspect.isclass(obj):
                continue
            for attr, raw in vars(obj).items():
                if attr.startswith('_') or attr in ('forward', 'hybrid_forward'):
                    continue          # a block's forward is the formula its class docstring gives
                value = raw if isinstance(raw, property) else getattr(obj, attr)
                if (callable(value) or isinstance(raw, property)) and not inspect.getdoc(value):
                    missing.add('%s.%s' % (full, attr))
    return sorted(missing)


def test_every_public_name_has_a_docstring():
    assert undocumented(public_namespaces()) == []


def test_the_docstring_check_finds_a_planted_gap(monkeypatch):
    import tinynet as mx
    monkeypatch.setattr(mx.optimizer.SGD, '__doc__', None)
    assert 'tinynet.optimizer.SGD' in undocumented([mx.optimizer])


def test_help_on_an_op_function_shows_its_attributes_and_defaults():
    import tinynet as mx
    for face in (mx.nd, mx.sym):
        parameters = inspect.signature(face.FullyConnected).parameters
        assert parameters['flatten'].default is True and 'num_hidden' in parameters
        assert 'num_hidden (int, required)' in face.FullyConnected.__doc__
        assert "pool_type (one of 'max', 'avg', 'sum', default 'max')" in face.Pooling.__doc__
