"""Goldens for the multi-block note corpus (issue 11, "done when"): test/corpus/notes/*.md.

Regenerate (PyTorch is needed only here, never in CI):
    /usr/bin/python3 test/corpus/notes_goldens.py      # writes test/corpus/notes-goldens.json

Each note is ordinary Markdown written as ML notes are: a model in one block, its loss in the next,
derivation claims below, names reused across sections, functions defined once and called later,
where-clauses, annotations, autodiff fences mixed with LaTeX. Every input has an explicit value
(annotation, fence literal or inline definition such as `$\\lambda = 0.1$`), so nothing is sampled
and every number below is well defined.

The values of the inputs are read from the note itself (`bound_before`), never restated here: the
value of a name at a block is the last binding of it before the block in document order, which is
what SPEC §3 says for a block's own annotation and for earlier blocks. The note decides the numbers;
this file only states the math of each block, as a torch function of those names.

Per golden block (found by the test through the character `offset` of a fragment of its text):
  kind   "value"  an ordinary block: `output` (its name), `value`, and `gradient`: d(output)/d(leaf)
                  for every leaf the output depends on, through any number of earlier blocks
                  (SPEC §4, "the note is one graph"); a non-scalar output is reduced by sum.
         "derivative"  a bare derivative (`\\frac{\\partial v}{\\partial a}`, `\\nabla_\\theta J(\\theta)`):
                  `value` is the derivative by torch autograd, `gradient` its own gradient (second
                  order), zeros where the derivative does not depend on a leaf.
         "sampled"  a derivative at a point the note leaves open (issue 11 case 4: a vector parameter
                  without annotation): `input` must be sampled with `shape`, and the value is `A input + c`,
                  PyTorch's affine map of the derivative, applied to the value the engine sampled.
         "error"  a block that must be an error whose message names each of `names` (a cycle).
         "claim"  a derivation claim: as "derivative", plus `claim`: holds, and the autodiff and
                  hand-written values at the bound point. Every wrong claim here is wrong at the
                  bound point, so the engine reports that point (`where`) and its two values.
Names in `ints` are integers (sizes, sum bounds, class indices: SPEC §3 "integers are integers"):
plain Python ints here, never leaves, never in a gradient.
Semantics as in test/corpus/latex_corpus.py: \\log = \\ln, \\sigma the logistic function, subscripts
of a tensor index from 1, vectors are columns, `\\|w\\|_2^2` the squared 2-norm.
"""
import json
import math
import os
import re

import torch as T

T.set_default_dtype(T.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
NOTES = os.path.join(HERE, 'notes')

# ---------------------------------------------------------------- reading bindings from a note

ANNOTATION = re.compile(r'<!--\s*autodiff:(.*?)-->', re.S)
FENCE = re.compile(r'```autodiff\n(.*?)```', re.S)
INLINE = re.compile(r'(?<!\$)\$([^$\n]+)\$(?!\$)')
ASSIGN = re.compile(r'^\s*([^=]+?)\s*=\s*(.+?)\s*$')


def split_top(text):
    """Split an annotation at the commas outside brackets."""
    parts, depth, cur = [], 0, ''
    for ch in text:
        depth += ch == '['
        depth -= ch == ']'
        if ch == ',' and depth == 0:
            parts.append(cur)
            cur = ''
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def literal(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def bound_before(text, pos):
    """{name: value} from every annotation, fence literal and inline numeric definition before pos."""
    sites = []
    for m in ANNOTATION.finditer(text):
        for entry in split_top(m.group(1)):
            a = ASSIGN.match(entry)
            if a and literal(a.group(2)) is not None:
                sites.append((m.start(), a.group(1), literal(a.group(2))))
    for m in FENCE.finditer(text):
        for line in m.group(1).splitlines():
            a = ASSIGN.match(line)
            if a and literal(a.group(2)) is not None:
                sites.append((m.start(), a.group(1), literal(a.group(2))))
    for m in INLINE.finditer(text):
        a = ASSIGN.match(m.group(1))
        if a and isinstance(literal(a.group(2)), (int, float)):
            sites.append((m.start(), a.group(1), literal(a.group(2))))
    return {name: value for at, name, value in sorted(sites, key=lambda s: s[0]) if at < pos}


class Env(dict):
    """The bound names as torch leaves (or ints); `let` caches a named intermediate so that a claim
    can differentiate with respect to it (∂ℓ/∂z of an imported z)."""

    def __init__(self, values, ints):
        super().__init__()
        self.nodes = {}
        for name, value in values.items():
            if name in ints:
                assert isinstance(value, int), f'{name} = {value} is declared an integer'
                self[name] = value
            else:
                self[name] = T.tensor(value, dtype=T.float64, requires_grad=True)

    def let(self, name, thunk):
        if name not in self.nodes:
            self.nodes[name] = thunk()
        return self.nodes[name]

    def leaves(self):
        return {k: t for k, t in self.items() if isinstance(t, T.Tensor)}


# ---------------------------------------------------------------- torch helpers

def at(t, *ks):
    """1-based indexing as the LaTeX means it."""
    for k in ks:
        assert 1 <= k <= t.shape[0], f'index {k} out of range'
        t = t[k - 1]
    return t


def sq(x):
    return (x * x).sum()


sig = T.sigmoid


def nested(t):
    return t.detach().clone().tolist()


def check_finite(t, what):
    assert T.isfinite(t).all(), f'{what}: {t}'


# ---------------------------------------------------------------- golden constructors

def V(fragment, output, fn, nth=0):
    """An ordinary block whose output is `output` = fn(v)."""
    return {'kind': 'value', 'fragment': fragment, 'nth': nth, 'output': output, 'fn': fn}


def D(fragment, of, wrt, pick=None, nth=0):
    """A bare derivative block: d of(v) / d wrt (wrt a leaf name or a `let` name); pick selects an entry."""
    return {'kind': 'derivative', 'fragment': fragment, 'nth': nth, 'of': of, 'wrt': wrt, 'pick': pick}


def C(fragment, of, wrt, yours, pick=None, nth=0):
    """A derivation claim `d of / d wrt = yours(v)`."""
    return {'kind': 'claim', 'fragment': fragment, 'nth': nth, 'of': of, 'wrt': wrt, 'pick': pick, 'yours': yours}


def S(fragment, of, wrt, shape, nth=0):
    """A bare derivative d of / d wrt at a point the note leaves open: wrt is sampled by the engine, with
    the shape the note implies. The derivative must be affine in wrt (a quadratic objective): the golden
    is the map A wrt + c, which the test applies to the value the engine reports as sampled."""
    return {'kind': 'sampled', 'fragment': fragment, 'nth': nth, 'of': of, 'wrt': wrt, 'shape': shape}


def affine_derivative(spec, env):
    """(A, c) with d of/d wrt = A wrt + c, checked at a second point so that a non-affine spec fails here."""
    def grad_at(w):
        env[spec['wrt']] = w
        (g,) = T.autograd.grad(spec['of'](env).sum(), [w], create_graph=True)
        return g
    zero = T.zeros(spec['shape'], requires_grad=True)
    c = grad_at(zero).detach()
    A = T.autograd.functional.jacobian(lambda w: grad_at(w), T.zeros(spec['shape'])).detach()
    probe = T.linspace(0.5, 2.0, int(T.tensor(spec['shape']).prod())).reshape(spec['shape']).requires_grad_()
    assert T.allclose(grad_at(probe), A @ probe.detach() + c), 'the derivative is not affine in the sampled input'
    return A, c


def E(fragment, names, nth=0):
    """A block that must be an error (SPEC §3: a cycle is a clear error naming the names in it)."""
    return {'kind': 'error', 'fragment': fragment, 'nth': nth, 'names': names}


def locate(text, fragment, nth):
    starts = [m.start() for m in re.finditer(re.escape(fragment), text)]
    assert len(starts) > nth, f'fragment {fragment!r} found {len(starts)} times'
    return starts[nth]


def gradient_of(out, env, keep_unused):
    """d(sum out)/d(leaf) for the leaves out depends on (all leaves, zeros for unused, if keep_unused)."""
    leaves = env.leaves()
    names = list(leaves)
    if not out.requires_grad:  # a constant derivative (d^2(x_1 x_2)/dx_1 dx_2): no graph left to differentiate
        return {k: nested(T.zeros_like(t)) for k, t in leaves.items() if keep_unused is not None and k in keep_unused}
    grads = T.autograd.grad(out.sum(), [leaves[k] for k in names], allow_unused=True, retain_graph=True)
    result = {}
    for k, g in zip(names, grads):
        if g is None:
            if keep_unused is not None and k in keep_unused:
                result[k] = nested(T.zeros_like(leaves[k]))
            continue
        check_finite(g, f'd/d{k}')
        result[k] = nested(g)
    return result


def derivative(spec, env):
    out = spec['of'](env)
    # A tuple is a second derivative, d/d wrt[1] of d/d wrt[0]; the first one summed, as the engine does.
    g = out
    for name in spec['wrt'] if isinstance(spec['wrt'], tuple) else (spec['wrt'],):
        target = env[name] if name in env else env.nodes[name]
        (g,) = T.autograd.grad(g.sum(), [target], create_graph=True)
    if spec['pick'] is not None:
        g = spec['pick'](g)
    check_finite(g, 'derivative')
    # The leaves the differentiated expression depends on: those the derivative block may list.
    first_order = set(gradient_of(out, env, None))
    return out, g, first_order


def golden_block(note, text, spec, ints):
    pos = locate(text, spec['fragment'], spec['nth'])
    env = Env(bound_before(text, pos), ints)
    g = {'kind': spec['kind'], 'fragment': spec['fragment'], 'offset': pos, 'line': text.count('\n', 0, pos) + 1}
    if spec['kind'] == 'error':
        g['names'] = spec['names']
        return g
    if spec['kind'] == 'sampled':
        A, c = affine_derivative(spec, env)
        g.update(input=spec['wrt'], shape=spec['shape'], A=nested(A), c=nested(c))
        return g
    if spec['kind'] == 'value':
        out = spec['fn'](env)
        check_finite(out, f"{note} {spec['fragment']}")
        g.update(output=spec['output'], value=nested(out), gradient=gradient_of(out, env, None))
        return g
    out, d, depends = derivative(spec, env)
    g.update(value=nested(d), gradient=gradient_of(d, env, depends))
    if spec['kind'] == 'claim':
        yours = spec['yours'](env)
        check_finite(yours, 'yours')
        assert yours.shape == d.shape, f'{note}: claim shapes {tuple(yours.shape)} vs {tuple(d.shape)}'
        # SPEC §5 tolerances, as the engine judges claims.
        holds = bool(T.allclose(yours, d.detach(), rtol=1e-3, atol=1e-5))
        g['claim'] = {'holds': holds, 'autodiff': nested(d), 'yours': nested(yours)}
    return g


# ---------------------------------------------------------------- the notes' math, block by block
# Shared pieces of a note are plain Python functions of the environment, so a later block reuses
# the earlier block's graph exactly as the note does.

NOTES_MATH = {}


def note(name, *blocks, ints=()):
    NOTES_MATH[name] = {'blocks': blocks, 'ints': set(ints)}


# 01
def z01(v): return v.let('z', lambda: v['W'] @ v['x'] + v['b'])
def l01(v): return 0.5 * sq(z01(v) - v['y'])


note('01-linear-mse.md',
     V('z = W x + b', 'z', z01),
     V(r'\ell = \frac{1}{2}', r'\ell', l01),
     C(r'\frac{\partial \ell}{\partial b} = z - y', l01, 'b', lambda v: z01(v) - v['y']))


# 02
def z02(v): return v.let('z', lambda: v['w'] @ v['x'] + v['b'])
def p02(v): return sig(z02(v))
def l02(v): return -v['y'] * T.log(p02(v)) - (1 - v['y']) * T.log(1 - p02(v))


note('02-logistic-regression.md',
     V(r'z = w^\top x + b', 'z', z02),
     V(r'p = \sigma(z)', 'p', p02),
     V(r'\ell = -y \ln p', r'\ell', l02),
     C(r'\frac{\partial \ell}{\partial z} = p - y', l02, 'z', lambda v: p02(v) - v['y']))


# 03
def h03(v): return v.let('h', lambda: v['W'] @ v['x'])
def l03(v): return -at(h03(v), v['y']) + T.logsumexp(h03(v)[:v['n']], 0)


note('03-softmax-cross-entropy.md',
     V('h = W x', 'h', h03),
     V(r'\ell = -h_y', r'\ell', l03),
     C(r'\frac{\partial \ell}{\partial h_1} =', l03, 'h', lambda v: T.softmax(h03(v), 0)[0], pick=lambda g: g[0]),
     ints=('y', 'n'))


# 04
def y04(v): return v['x_1'] * v['x_2'] + T.sin(v['x_1'])


note('04-case1-annotation-beats-tensor.md',
     V('total = sum(x * x)', 'total', lambda v: sq(v['x'])),
     V(r'y = x_1 x_2 + \sin(x_1)', 'y', y04),
     C(r'\frac{\partial y}{\partial x_1} = x_2 + \cos(x_1)', y04, 'x_1', lambda v: v['x_2'] + T.cos(v['x_1'])))


# 05
def z05(v): return v['w'] * v['a'] + v['b']
def q05(v): return sig(z05(v))


note('05-case2-sigmoid-chain.md',
     V('z = w a + b', 'z', z05),
     V(r'q = \sigma(z)', 'q', q05),
     C(r'\frac{\partial q}{\partial w} = q (1 - q) a', q05, 'w', lambda v: q05(v) * (1 - q05(v)) * v['a']))


# 06
def u06(v): return v['a'] ** 2
def v06(v): return u06(v) + v['a']


note('06-case2-square-plus.md',
     V('u = a^2', 'u', u06),
     V('v = u + a', 'v', v06),
     D(r'\frac{\partial v}{\partial a}', v06, 'a'))


note('07-case3-where-clause.md',
     V(r'\ell = c^2, \quad c = a b', r'\ell', lambda v: (v['a'] * v['b']) ** 2),
     V(r'r = c^2 + c \quad \text{where}', 'r', lambda v: (v['a'] * v['b']) ** 2 + v['a'] * v['b']))


# 08
def g08(v, t): return v['a'] * t ** 2


note('08-case4-function-closure.md',
     D(r'\frac{d}{dt} g(t)', lambda v: g08(v, v['t']), 't'),
     V('s = g(t) + t', 's', lambda v: g08(v, v['t']) + v['t']))


note('09-case5-prose-sigma.md',
     V('s = sigmoid(z)', 's', lambda v: sig(v['z'])),
     V(r'q = \sigma(u) + e^{u}', 'q', lambda v: 1 / (1 + math.e ** -v['u']) + T.exp(v['u'])))


note('10-case6-inline-mentions.md',
     V('m = sum(x)', 'm', lambda v: v['x'].sum()),
     V(r's = 2 x_1 + \lambda', 's', lambda v: 2 * at(v['x'], 1) + v[r'\lambda']),
     V(r'r = \lambda x_1^2 + x_1', 'r', lambda v: v[r'\lambda'] * v['x_1'] ** 2 + v['x_1']))


# 11
def j11(v):
    X, w, y, m = v['X'], v['w'], v['y'], v['m']
    return sum((w @ at(X, i) - at(y, i)) ** 2 for i in range(1, m + 1)) / m


note('11-mse-batch.md',
     V(r'J = \frac{1}{m}', 'J', j11),
     C(r'\nabla_w J = \frac{2}{m}', j11, 'w', lambda v: 2 / v['m'] * v['X'].T @ (v['X'] @ v['w'] - v['y'])),
     ints=('m',))


# 12
def z12(v): return v['X'] @ v['w'] + v['b']
def p12(v): return sig(z12(v))


def l12(v):
    p, y, m = p12(v), v['y'], v['m']
    return -sum(at(y, i) * T.log(at(p, i)) + (1 - at(y, i)) * T.log(1 - at(p, i)) for i in range(1, m + 1)) / m


note('12-logistic-batch.md',
     V('z = X w + b', 'z', z12),
     V(r'p = \sigma(z)', 'p', p12),
     V(r'L = -\frac{1}{m}', 'L', l12),
     ints=('m',))


# 13
def a13(v): return T.tanh(v['W^{(1)}'] @ v['x'] + v['b^{(1)}'])
def yhat13(v): return v['w^{(2)}'] @ a13(v) + v['b^{(2)}']


note('13-two-layer-mlp.md',
     V(r'a = \tanh', 'a', a13),
     V(r'\hat{y} = (w^{(2)})^\top a', r'\hat{y}', yhat13),
     V(r'\ell = (\hat{y} - y)^2', r'\ell', lambda v: (yhat13(v) - v['y']) ** 2))


# 14
def r14(v): return v['X'] @ v['w'] - v['y']
def j14(v): return sq(r14(v)) + v[r'\lambda'] * sq(v['w'])


note('14-ridge.md',
     V('r = X w - y', 'r', r14),
     V(r'J = \|r\|_2^2', 'J', j14),
     C(r'\nabla_w J = 2 X^\top r', j14, 'w', lambda v: 2 * v['X'].T @ r14(v) + 2 * v[r'\lambda'] * v['w']))


note('15-name-reuse-sections.md',
     V('z = w x', 'z', lambda v: v['w'] * v['x']),
     V(r'\ell = (z - 1)^2', r'\ell', lambda v: (v['w'] * v['x'] - 1) ** 2),
     V(r'z = w^\top x', 'z', lambda v: v['w'] @ v['x']),
     V(r'\ell = (z - 1)^2 + z', r'\ell', lambda v: (v['w'] @ v['x'] - 1) ** 2 + v['w'] @ v['x']))


# 16
def f16(t): return t ** 3 - 2 * t
def y16(v): return f16(v['a']) + f16(v['b'])


note('16-function-called-later.md',
     V('y = f(a) + f(b)', 'y', y16),
     C(r'\frac{\partial y}{\partial a} = 3a^2 - 2', y16, 'a', lambda v: 3 * v['a'] ** 2 - 2))


# 17
def s17(v): return T.log(1 + T.exp(v['w'] @ v['x']))


note('17-softplus-function.md',
     V(r's = \operatorname{softplus}(w^\top x)', 's', s17),
     C(r'\frac{\partial s}{\partial w} = \sigma', s17, 'w', lambda v: sig(v['w'] @ v['x']) * v['x']))


def l18(v):
    h = v[r'\Theta'].T @ v['x']
    return -at(h, v['y']) + T.logsumexp(h[:v['n']], 0)


note('18-where-softmax.md',
     V(r'\ell = -h_y + \log', r'\ell', l18),
     ints=('y', 'n'))


# 19
def u19(v): return T.sin(v['x']) + v['y']
def w19(v): return v['x'] * v['y'] ** 2
def f19(v): return u19(v) * w19(v)


note('19-where-text-chain.md',
     V(r'f = u v \quad', 'f', f19),
     C(r'\frac{\partial f}{\partial x} = \cos(x) v', f19, 'x', lambda v: T.cos(v['x']) * w19(v) + u19(v) * v['y'] ** 2))


# 20
def v7_20(v): return T.log(v['x_1']) + v['x_1'] * v['x_2'] - T.sin(v['x_2'])
def y20(v): return v7_20(v) ** 2


note('20-lecture-trace.md',
     V('v_7 = v_6 - v_5', 'v_7', v7_20),
     V('y = v_7^2', 'y', y20),
     D(r'\frac{\partial y}{\partial x_2}', y20, 'x_2'))


# 21
def s21(v): return v['w'] @ v['x']


note('21-fence-then-latex.md',
     V(r's = w^\top x', 's', s21),
     V(r'\ell = \frac{1}{2} (s - y)^2', r'\ell', lambda v: 0.5 * (s21(v) - v['y']) ** 2))


# 22
def c22(v): return v['a'] ** 2 + v['b']
def d22(v): return c22(v) * 2.0 + 1.0


note('22-latex-then-fence.md',
     V('c = a^2 + b', 'c', c22),
     V('d = c * 2.0 + 1.0', 'd', d22),
     V(r'e = \ln(d) + c', 'e', lambda v: T.log(d22(v)) + c22(v)))


# 23
def e23(v):
    yh, y, n = v[r'\hat{y}'], v['y'], v['n']
    return sum((at(yh, k) - at(y, k)) ** 2 for k in range(1, n + 1)) / (2 * n)


note('23-mse-with-bound-n.md',
     V(r'E = \frac{1}{2n}', 'E', e23),
     C(r'\frac{\partial E}{\partial \hat{y}} =', e23, r'\hat{y}', lambda v: (v[r'\hat{y}'] - v['y']) / v['n']),
     ints=('n',))


def h24(v): return -(v['p'] * T.log(v['q'])).sum()


note('24-cross-entropy-probabilities.md',
     V(r'H = -\sum', 'H', h24),
     C(r'\frac{\partial H}{\partial q} = -\frac{p}{q}', h24, 'q', lambda v: -v['p'] / v['q']))


# 25
def var25(v): return v['s'] ** 2


def l25(v):
    s2 = var25(v)
    return 0.5 * T.log(2 * math.pi * s2) + (v['x'] - v[r'\mu']) ** 2 / (2 * s2)


note('25-gaussian-nll.md',
     V(r'\sigma^2 = s^2', r'\sigma^2', var25),
     V(r'L = \frac{1}{2} \ln', 'L', l25),
     C(r'\frac{\partial L}{\partial \mu} =', l25, r'\mu', lambda v: -(v['x'] - v[r'\mu']) / var25(v)))


def a26(v): return v['q'] @ v['k'] / 2


note('26-attention-scores.md',
     V(r'a = \frac{q^\top k}{2}', 'a', a26),
     V(r'w = \sigma(a)', 'w', lambda v: sig(a26(v))))


def w27(v): return v['w'] - v[r'\eta'] * (v['g'] + v[r'\lambda'] * v['w'])


note('27-weight-decay-step.md',
     V("w' = w - \\eta", "w'", w27),
     V(r"R = \|w'\|_2^2", 'R', lambda v: sq(w27(v))))


def l28(v):
    r, d = v['r'], v[r'\delta']
    return (d ** 2 * (T.sqrt(1 + (r / d) ** 2) - 1)).sum()


note('28-huber-like.md',
     V(r'\ell = \sum_{i=1}^{3}', r'\ell', l28),
     C(r'\frac{\partial \ell}{\partial r} =', l28, 'r', lambda v: v['r'] / T.sqrt(1 + (v['r'] / v[r'\delta']) ** 2)))


def f29(v): return v['x'] ** 2 * v['y'] + T.exp(v['x'] * v['y'])


note('29-wrong-claim.md',
     V('f = x^2 y + e^{x y}', 'f', f29),
     C(r'\frac{\partial f}{\partial x} = 2 x y + e^{x y}', f29, 'x', lambda v: 2 * v['x'] * v['y'] + T.exp(v['x'] * v['y'])),
     C(r'\frac{\partial f}{\partial y} = x^2 + x e^{x y}', f29, 'y', lambda v: v['x'] ** 2 + v['x'] * T.exp(v['x'] * v['y'])))


def z30(v): return v['w'] @ v['x']
def l30(v): return T.log(1 + T.exp(-z30(v)))


note('30-wrong-claim-upstream.md',
     V(r'z = w^\top x', 'z', z30),
     V(r'\ell = \ln(1 + e^{-z})', r'\ell', l30),
     C(r'\frac{\partial \ell}{\partial w} = \sigma(-z) x', l30, 'w', lambda v: sig(-z30(v)) * v['x']))


def l31(v):
    h = v[r'\Theta'].T @ v['x']
    return -at(h, v['y']) + T.logsumexp(h[:v['k']], 0)


note('31-hypothesis-function.md',
     V(r'\ell = -h_y(x)', r'\ell', l31),
     ints=('y', 'k'))


def j32(v): return sq(v['X'] @ v[r'\theta'] - v['y'])


note('32-objective-of-theta.md',
     D('\\nabla_\\theta J(\\theta)\n$$', j32, r'\theta'),
     C(r'\nabla_\theta J(\theta) = 2 X^T', j32, r'\theta', lambda v: 2 * v['X'].T @ (v['X'] @ v[r'\theta'] - v['y'])))


note('33-reuse-function-name.md',
     V(r'A = q(t) \cdot 3', 'A', lambda v: (v['t'] ** 2 + 1) * 3),
     V(r'B = q(t) \cdot 3', 'B', lambda v: (2 * v['t'] ** 2 - v['t']) * 3))


# 34
def a34(v): return T.exp(v['x'])
def b34(v): return a34(v) ** 2 + v['x']
def c34(v): return T.sin(b34(v)) * a34(v)
def q34(v): return T.log(1 + c34(v) ** 2)


note('34-deep-chain.md',
     V(r'a = \exp(x)', 'a', a34),
     V('b = a^2 + x', 'b', b34),
     V(r'c = \sin(b) \cdot a', 'c', c34),
     V(r'q = \ln(1 + c^2)', 'q', q34),
     D(r'\frac{dq}{dx}', q34, 'x'))


def a35(v): return T.tanh(v['w'] * v['x'] + v['b'])
def l35(v): return 0.5 * a35(v) ** 2


note('35-align-environment.md',
     V('z &= w x + b', 'L', l35),
     C(r'\frac{\partial L}{\partial w} = a (1 - a^2) x', l35, 'w', lambda v: a35(v) * (1 - a35(v) ** 2) * v['x']))


# 36
def mu36(v): return v['x'].sum() / 4
def var36(v): return ((v['x'] - mu36(v)) ** 2).sum() / 4
def xhat36(v): return (v['x'] - mu36(v)) / T.sqrt(var36(v) + v[r'\epsilon'])


note('36-normalisation.md',
     V(r'\mu = \frac{1}{4}', r'\mu', mu36),
     V(r'v = \frac{1}{4}', 'v', var36),
     V(r'\hat{x} = \frac{x - \mu}', r'\hat{x}', xhat36),
     V(r'o = \gamma^\top \hat{x}', 'o', lambda v: v[r'\gamma'] @ xhat36(v)))


def p37(v):
    w, a = v['w'], v[r'\alpha']
    return a * w.abs().sum() + (1 - a) / 2 * sq(w)


note('37-elastic-net.md',
     V(r'P = \alpha \|w\|_1', 'P', p37),
     C(r'\nabla_w P = \alpha', p37, 'w', lambda v: v[r'\alpha'] * T.sign(v['w']) + (1 - v[r'\alpha']) * v['w']))


def f38(v): return T.logsumexp(v['z'], 0)


note('38-logsumexp.md',
     V(r'F = \operatorname{logsumexp}(z)', 'F', f38),
     C(r'\nabla_z F = \mathrm{softmax}(z)', f38, 'z', lambda v: T.softmax(v['z'], 0)))


def h39(v): return T.relu(v['W'] @ v['x'])
def o39(v): return v['v'] @ h39(v)


note('39-relu-network.md',
     V(r'h = \operatorname{relu}(W x)', 'h', h39),
     V(r'o = v^\top h', 'o', o39),
     V(r'\ell = (o - t)^2', r'\ell', lambda v: (o39(v) - v['t']) ** 2))


def h40(v): return T.tanh(v['W'] @ v['x'])


note('40-two-fences.md',
     V('loss = sum(h ** 2)', 'loss', lambda v: sq(h40(v))),
     V(r'L = \|h\|_2^2 + 1', 'L', lambda v: sq(h40(v)) + 1))


def z41(v): return v['w'] @ v['x']
def h41(v): return T.clamp(1 - v['y'] * z41(v), min=0)


note('41-hinge.md',
     V(r'z = w^\top x', 'z', z41),
     V(r'H = \max(0, 1 - y z)', 'H', h41),
     D(r'\frac{\partial H}{\partial w}', h41, 'w'))


def p42(v, t): return v['a'] + v['b'] * t + v['c'] * t ** 2
def l42(v): return (p42(v, 1) - 2) ** 2 + (p42(v, 2) - 3) ** 2


note('42-polynomial-fit.md',
     V('L = (p(1) - 2)^2', 'L', l42),
     C(r'\frac{\partial L}{\partial a} =', l42, 'a', lambda v: 2 * (p42(v, 1) - 2) + 2 * (p42(v, 2) - 3)))


def z43(v): return v.let('z', lambda: v['W'] @ v['x'])
def l43(v): return -v['y'] @ T.log(T.softmax(z43(v), 0))


note('43-softmax-onehot.md',
     V('z = W x', 'z', z43),
     V(r'\ell = -y^\top \ln', r'\ell', l43),
     C(r'\frac{\partial \ell}{\partial z} =', l43, 'z', lambda v: v['y'].sum() * T.softmax(z43(v), 0) - v['y']))


def d44(v):
    p, q = T.softmax(v['a'], 0), T.softmax(v['b'], 0)
    return (p * T.log(p / q)).sum()


note('44-kl-divergence.md',
     V(r'p = \mathrm{softmax}(a)', 'p', lambda v: T.softmax(v['a'], 0)),
     V(r'q = \mathrm{softmax}(b)', 'q', lambda v: T.softmax(v['b'], 0)),
     V(r'D = \sum_{i=1}^{3}', 'D', d44))


note('45-where-with.md',
     V(r'J = e + \lambda R', 'J', lambda v: (v['w'] @ v['x'] - v['y']) ** 2 + v[r'\lambda'] * sq(v['w'])))


def a46(v): return sig(v['w'] * v['x'] + v['b'])
def l46(v): return -T.log(a46(v))


note('46-bare-align.md',
     V('z &= w x + b', 'L', l46),
     C(r'\frac{\partial L}{\partial b} = a - 1', l46, 'b', lambda v: a46(v) - 1))


def yhat47(v): return v['w'] @ v['x'] + v['b']
def l47(v): return 0.5 * (yhat47(v) - v['y']) ** 2


note('47-bold-vectors.md',
     V(r'\hat{y} = \mathbf{w}^\top', r'\hat{y}', yhat47),
     V(r'l = \frac{1}{2}', 'l', l47),
     C(r'\frac{\partial l}{\partial b} = \hat{y} - y', l47, 'b', lambda v: yhat47(v) - v['y']))


note('48-inline-redefinition.md',
     V(r's = \eta g', 's', lambda v: v[r'\eta'] * v['g']),
     V(r't = \eta g', 't', lambda v: v[r'\eta'] * v['g']))


def j49(v): return 0.5 * (v['w'] * v['x'] + v['b'] - v['y']) ** 2


note('49-two-argument-function.md',
     V('J = L(w, b)', 'J', j49),
     C(r'\frac{\partial J}{\partial w} = (w x + b - y) x', j49, 'w', lambda v: (v['w'] * v['x'] + v['b'] - v['y']) * v['x']))


def h50(v): return T.tanh(v['W'] @ v['x'] + v['b'])


note('50-where-then-loss.md',
     V(r'h = \tanh(z), \quad z = W x + b', 'h', h50),
     V(r'\ell = \|h - y\|_2^2', r'\ell', lambda v: sq(h50(v) - v['y'])))


def y51(v): return T.log(v['x_1']) + v['x_1'] * v['x_2'] - T.sin(v['x_2'])


note('51-second-order.md',
     D(r'\frac{\partial^2 y}{\partial x_1^2}', y51, ('x_1', 'x_1')),
     D(r'\frac{\partial^2 y}{\partial x_1 \partial x_2}', y51, ('x_1', 'x_2')),
     C(r'\frac{\partial^2 y}{\partial x_2^2} = \sin(x_2)', y51, ('x_2', 'x_2'), lambda v: T.sin(v['x_2'])))


def u52(v): return v['A'] @ v['v']
def e52(v): return 0.5 * u52(v) @ u52(v)


note('52-colon-equals.md',
     V('u := A v', 'u', u52),
     V(r'E := \frac{1}{2}', 'E', e52),
     C(r'\nabla_v E = A^\top u', e52, 'v', lambda v: v['A'].T @ u52(v)))


note('53-where-semicolon.md',
     V(r'\ell = (p - t)^2; \quad', r'\ell', lambda v: (sig(v['s']) - v['t']) ** 2),
     V(r'm = p^2 \quad \text{and}', 'm', lambda v: (T.tanh(v['s']) + v['t']) ** 2))


def p54(v): return sig(v['z'])


def pl54(v):
    p, y = p54(v), v['y']
    terms = [at(p, i) ** at(y, i) * (1 - at(p, i)) ** (1 - at(y, i)) for i in range(1, v['n'] + 1)]
    out = terms[0]
    for x in terms[1:]:
        out = out * x
    return out


note('54-bernoulli-likelihood.md',
     V(r'p = \sigma(z)', 'p', p54),
     V(r'P = \prod_{i=1}^{n}', 'P', pl54),
     V(r'N = -\ln P', 'N', lambda v: -T.log(pl54(v))),
     ints=('n',))


note('55-case4-vector-parameter.md',
     S(r'\nabla_\theta J(\theta)', lambda v: sq(v['X'] @ v[r'\theta'] - v['y']), r'\theta', [3]))


note('56-cycles.md',
     E(r'p = q + a, \quad q = p^2', ['p', 'q']),
     E(r'f(t) = f(t) + 1', ['f']),
     E('y = f(2)', ['f']),
     V('k = 3 a^2', 'k', lambda v: 3 * v['a'] ** 2))


# ---------------------------------------------------------------- output

def count_numbers(x):
    return sum(count_numbers(e) for e in x) if isinstance(x, list) else 1


def main():
    files = sorted(f for f in os.listdir(NOTES) if f.endswith('.md'))
    assert sorted(NOTES_MATH) == files, f'notes without math: {set(files) ^ set(NOTES_MATH)}'
    out = []
    for name in files:
        with open(os.path.join(NOTES, name), encoding='utf-8') as fh:
            text = fh.read()
        # Offsets are shared with JavaScript (UTF-16): keep the notes ASCII.
        assert text.isascii(), f'{name} is not ASCII'
        spec = NOTES_MATH[name]
        out.append({'note': name, 'blocks': [golden_block(name, text, b, spec['ints']) for b in spec['blocks']]})
    blocks = [b for n in out for b in n['blocks']]
    counts = {
        'notes': len(out),
        'blocks': len(blocks),
        'numbers': sum(count_numbers(b['value']) for b in blocks if 'value' in b),
        'gradients': sum(len(b['gradient']) for b in blocks if 'gradient' in b),
        'gradient_numbers': sum(count_numbers(g) for b in blocks for g in b.get('gradient', {}).values()),
        'sampled': sum(1 for b in blocks if b['kind'] == 'sampled'),
        'errors': sum(1 for b in blocks if b['kind'] == 'error'),
        'claims': sum(1 for b in blocks if 'claim' in b),
    }
    with open(os.path.join(HERE, 'notes-goldens.json'), 'w', encoding='utf-8') as fh:
        fh.write(json.dumps({'generator': 'test/corpus/notes_goldens.py', 'torch': T.__version__, 'dtype': 'float64',
                             'counts': counts}) [:-1] + ',\n"notes": [\n')
        fh.write(',\n'.join(json.dumps(n, separators=(',', ':')) for n in out))
        fh.write('\n]}\n')
    print(json.dumps(counts))


if __name__ == '__main__':
    main()
