"""LaTeX corpus for the analyser (issue 3, "Tests"): snippets written as ML notes write them.

Regenerate (PyTorch is needed only here, never in CI):
    /usr/bin/python3 test/corpus/latex_corpus.py          # writes test/corpus/latex-corpus.json

Each item: {id, latex, bindings, expected, output?, value?, gradient?, note?}
  - bindings: values the test supplies before the block (as an annotation would: SPEC §3 (2)),
    keyed by the name as the parser spells it (`x_1`, `\\theta`, `W^{(1)}`, `\\hat{y}`).
  - expected: "ok" | "not-evaluable" | "error" (SPEC §4, §6; issue 3).
  - output: the block's output name (left side of its last equation); absent for a bare expression
    and where the parser's spelling of a defined function's name is not fixed (said in the note).
  - value: the output's value; gradient: d(output)/d(name) for every input the output depends on,
    a non-scalar output being reduced by sum (SPEC §4). Names used only as an index or a sum bound
    (`y` in `h_y`, `n` in `\\sum_{j=1}^n`) are integers and have no gradient. Names assigned a
    literal inside the block (`x_1 = 2 \\\\ ...`) are inputs too and have a gradient.
  - ok items without value: some input is sampled (SPEC §3 (4)), so only the status is fixed.
Every value and gradient is computed here by PyTorch (float64) from a torch expression written
next to its LaTeX; every "error" item has a torch check that fails (raises or gives NaN/inf).
Semantics followed (SPEC §2): \\log and \\ln are natural logs; \\sigma is the logistic sigmoid;
subscripts index a bound tensor from 1 (`h_y` -> h[y-1], `A_{ij}` -> A[i-1, j-1], `x_i` of a
matrix -> row i); juxtaposition or \\cdot of a matrix and a vector is a matrix product, `x^T y` of
vectors a dot product; `^2` of a vector is elementwise; `\\|x\\|` is the 2-norm, `\\|x\\|_2^2` its
square; \\max/\\min of two arguments are elementwise. A \\sum or \\prod takes the product term that
follows it (`\\sum_i w_i x_i + b` is (sum w_i x_i) + b); bodies with several terms are bracketed.
"""
import json
import math
import os

import torch as T

T.set_default_dtype(T.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
ITEMS = []


# ---------------------------------------------------------------- helpers for the torch side

def at(t, *ks):
    """1-based indexing as the LaTeX means it; out of range raises (-> an "error" item)."""
    for axis, k in enumerate(ks):
        if not 1 <= k <= t.shape[0]:
            raise IndexError(f'index {k} out of range 1..{t.shape[0]} on axis {axis}')
        t = t[k - 1]
    return t


def rng(lo, hi):
    return range(lo, hi + 1)


def tsum(terms):
    terms = list(terms)
    out = terms[0]
    for x in terms[1:]:
        out = out + x
    return out


def tprod(terms):
    terms = list(terms)
    out = terms[0]
    for x in terms[1:]:
        out = out * x
    return out


def sq(x):
    return (x * x).sum()


def norm(x):
    return T.sqrt(sq(x))


sig = T.sigmoid
lse = T.logsumexp
PI = math.pi


def M(*rows):
    return T.stack([T.stack(list(r)) for r in rows])


class Env(dict):
    """v['\\theta'] and v.theta both work (attribute falls back to the backslashed name)."""

    def __getattr__(self, name):
        if name in self:
            return self[name]
        if '\\' + name in self:
            return self['\\' + name]
        raise AttributeError(name)


def leaves(bindings, ints, inblock):
    env = Env()
    for k, val in {**bindings, **inblock}.items():
        env[k] = val if k in ints else T.tensor(val, dtype=T.float64, requires_grad=True)
    return env


def nested(t):
    return t.detach().clone().tolist()


# ---------------------------------------------------------------- item constructors

def ok(id, latex, bindings, fn, output=None, ints=(), inblock=None, note=None, gradient=True):
    """An evaluable block. fn(v) -> output tensor. inblock: literals assigned in the block itself."""
    inblock = inblock or {}
    v = leaves(bindings, ints, inblock)
    out = fn(v)
    assert T.isfinite(out).all(), (id, out)
    item = {'id': id, 'latex': latex, 'bindings': bindings, 'expected': 'ok'}
    if output:
        item['output'] = output
    item['value'] = nested(out)
    if gradient:
        names = [k for k in {**bindings, **inblock} if k not in ints]
        grads = T.autograd.grad(out, [v[k] for k in names], grad_outputs=T.ones_like(out), allow_unused=True) if names else []
        for k, g in zip(names, grads):
            assert g is not None, f'{id}: {k} is bound but unused'
        item['gradient'] = {k: nested(g) for k, g in zip(names, grads)}
    if note:
        item['note'] = note
    ITEMS.append(item)


def sampled(id, latex, output=None, note=None):
    """Evaluable, but some name is sampled: only the status is fixed."""
    item = {'id': id, 'latex': latex, 'bindings': {}, 'expected': 'ok'}
    if output:
        item['output'] = output
    item['note'] = note or 'unbound names are sampled (SPEC §3): status only'
    ITEMS.append(item)


def ne(id, latex, note=None, bindings=None):
    item = {'id': id, 'latex': latex, 'bindings': bindings or {}, 'expected': 'not-evaluable'}
    if note:
        item['note'] = note
    ITEMS.append(item)


def err(id, latex, bindings, check, note, ints=()):
    """Evaluable but failing. check(v) must raise or give a non-finite value in torch."""
    v = leaves(bindings, ints, {})
    try:
        out = check(v)
        failed = not bool(T.isfinite(out).all())
    except (IndexError, RuntimeError, ValueError):
        failed = True
    assert failed, f'{id}: the torch check did not fail'
    ITEMS.append({'id': id, 'latex': latex, 'bindings': bindings, 'expected': 'error', 'note': note})


# ---------------------------------------------------------------- shared values

X43 = [[0.5, -1.2, 0.3], [1.1, 0.4, -0.7], [-0.3, 0.9, 1.5], [0.8, -0.6, 0.2]]
Y4 = [1.0, -0.5, 2.0, 0.3]
W23 = [[0.5, -1.0, 0.8], [1.5, 0.3, -0.7]]
X3 = [0.4, -1.1, 2.0]
B2 = [0.1, -0.2]
H3 = [1.0, 2.0, 3.0]
P4 = [0.1, 0.2, 0.3, 0.4]
Q4 = [0.25, 0.25, 0.4, 0.1]

# ================================================================ scalar basics and the lecture

ok('lecture_y', r'y = \ln(x_1) + x_1 \cdot x_2 - \sin(x_2)', {'x_1': 2, 'x_2': 5},
   lambda v: T.log(v.x_1) + v.x_1 * v.x_2 - T.sin(v.x_2), 'y', note='SPEC §8 row 1')
ok('lecture_forward_trace',
   r'v_1 = x_1 \\ v_2 = x_2 \\ v_3 = \ln v_1 \\ v_4 = v_1 \times v_2 \\ v_5 = \sin v_2 \\ v_6 = v_3 + v_4 \\ v_7 = v_6 - v_5',
   {'x_1': 2, 'x_2': 5}, lambda v: T.log(v.x_1) + v.x_1 * v.x_2 - T.sin(v.x_2), 'v_7',
   note='intermediates v_1..v_6 are named nodes, not inputs')
ok('lecture_prod', r'f(\theta) = \prod_{i=1}^n \theta_i', {r'\theta': [1, 2, 3, 4]},
   lambda v: tprod(at(v.theta, i) for i in rng(1, 4)), 'f',
   note='SPEC §8 row 2; n unbound: inferred from theta (4 entries), also the default bound 4')
ok('spec_softmax_loss', r'\ell = -h_y + \log \sum_{j=1}^n \exp(h_j)', {'h': H3, 'y': 2},
   lambda v: -at(v.h, v.y) + T.log(tsum(T.exp(at(v.h, j)) for j in rng(1, 3))), r'\ell', ints=('y',),
   note='SPEC §8 row 3: n unbound, inferred from the length of h (3)')
ok('frac_scalar', r'z = \frac{x^2 + 1}{2x}', {'x': 3}, lambda v: (v.x ** 2 + 1) / (2 * v.x), 'z')
ok('implicit_mult', r'y = 2x_1 x_2 + 3x_2', {'x_1': 1.5, 'x_2': -2},
   lambda v: 2 * v.x_1 * v.x_2 + 3 * v.x_2, 'y')
ok('power_braces', r'y = x^{3} - x^{1/2}', {'x': 4}, lambda v: v.x ** 3 - v.x ** 0.5, 'y')
ok('exp_gaussian_kernel', r'k = e^{-x^2/2}', {'x': 0.7}, lambda v: T.exp(-v.x ** 2 / 2), 'k')
ok('e_bound_is_a_name', r'y = e^{x}', {'e': 2, 'x': 3}, lambda v: v.e ** v.x, 'y',
   note='e is bound, so e^{x} is a power, not exp (SPEC §2)')
ok('left_right_parens', r'y = \left( x + \frac{1}{x} \right)^2', {'x': 2}, lambda v: (v.x + 1 / v.x) ** 2, 'y')
ok('mixed_brackets', r'y = \left[ (a + b) c \right]^2 - \{a\}', {'a': 0.5, 'b': 1.5, 'c': -2},
   lambda v: ((v.a + v.b) * v.c) ** 2 - v.a, 'y', note='\\{ \\} are brackets too')
ok('times_cdot', r'y = a \times b \cdot c', {'a': 2, 'b': 3, 'c': 0.5}, lambda v: v.a * v.b * v.c, 'y')
ok('unary_minus_precedence', r'y = -x^2', {'x': 3}, lambda v: -(v.x ** 2), 'y', note='-x^2 is -(x^2)')
ok('sqrt_sum', r'r = \sqrt{x^2 + 1}', {'x': 0.75}, lambda v: T.sqrt(v.x ** 2 + 1), 'r')
ok('pythagoras', r'y = \cos(x)^2 + \sin(x)^2', {'x': 0.9}, lambda v: T.cos(v.x) ** 2 + T.sin(v.x) ** 2, 'y')
ok('softplus', r's = \log(1 + e^{x})', {'x': -0.3}, lambda v: T.log(1 + T.exp(v.x)), 's')
ok('fn_without_parens', r'y = \ln x_1 + \exp x_2 - \cos x_1', {'x_1': 1.5, 'x_2': 0.2},
   lambda v: T.log(v.x_1) + T.exp(v.x_2) - T.cos(v.x_1), 'y', note='\\ln x_1 applies to the next atom')
ok('manual_sigmoid', r'y = \frac{1}{1 + e^{-z}}', {'z': 0.8}, lambda v: 1 / (1 + T.exp(-v.z)), 'y')
ok('tanh_derivative_form', r'd = 1 - \tanh(x)^2', {'x': 0.4}, lambda v: 1 - T.tanh(v.x) ** 2, 'd')
ok('multi_digit_subscript', r'y = x_{12} + 2 x_1', {'x_12': 1.25, 'x_1': 0.5}, lambda v: v.x_12 + 2 * v.x_1, 'y',
   note='x_{12} is the name x_12 (x is not a tensor)')
ok('prime_names', r"y = x' + 2x", {"x'": 1.5, 'x': 2}, lambda v: v["x'"] + 2 * v.x, 'y')
ok('greek_names', r'y = \alpha \beta + \gamma^2', {r'\alpha': 0.5, r'\beta': 4, r'\gamma': -1.5},
   lambda v: v.alpha * v.beta + v.gamma ** 2, 'y')
ok('tan_and_division', r'q = \frac{\tan(a)}{b} - \frac{a}{b^2}', {'a': 0.6, 'b': 1.7},
   lambda v: T.tan(v.a) / v.b - v.a / v.b ** 2, 'q')
ok('in_block_literals', r'x_1 = 2 \\ x_2 = 5 \\ y = x_1 x_2 + \ln x_1', {},
   lambda v: v.x_1 * v.x_2 + T.log(v.x_1), 'y', inblock={'x_1': 2, 'x_2': 5},
   note='literals assigned in the block are inputs (SPEC §3 (1)); gradient over them')
ok('layout_commands_ignored', r'\displaystyle y = \mathbf{w}^\top \mathbf{x} \, + \quad b', {'w': X3, 'x': [1.0, 0.5, -0.5], 'b': 0.2},
   lambda v: v.w @ v.x + v.b, 'y', note='\\displaystyle, \\mathbf, \\, and \\quad are layout only')
ok('boldsymbol_theta', r'\ell = \|\boldsymbol{\theta}\|_2^2', {r'\theta': [0.3, -1.2, 2.0]},
   lambda v: sq(v.theta), r'\ell')
ok('bare_expression', r'\frac{a + b}{a - b}', {'a': 3, 'b': 1.5}, lambda v: (v.a + v.b) / (v.a - v.b))
ok('nested_fractions', r'y = \frac{1}{1 + \frac{1}{x}}', {'x': 0.4}, lambda v: 1 / (1 + 1 / v.x), 'y')
ok('dfrac_tfrac', r'y = \dfrac{a}{2} + \tfrac{b}{3}', {'a': 1, 'b': 2}, lambda v: v.a / 2 + v.b / 3, 'y',
   note='\\dfrac/\\tfrac as \\frac (layout variants)')
ok('trailing_line_break', r'y = x^2 + 1 \\', {'x': 1.5}, lambda v: v.x ** 2 + 1, 'y', note='a trailing \\\\ adds no equation')
ok('walrus_assign', r'v := 3u - 1', {'u': 0.5}, lambda v: 3 * v.u - 1, 'v', note=':= assigns like =')
ok('literal_only', r'y = 3 \cdot 4 + 2^3', {}, lambda v: T.tensor(3.0 * 4 + 2 ** 3), 'y',
   note='no inputs: gradient is empty')

# ================================================================ losses

ok('mse_scalar', r'\ell = (y - \hat{y})^2', {'y': 1.5, r'\hat{y}': 0.7}, lambda v: (v.y - v[r'\hat{y}']) ** 2, r'\ell',
   note='\\hat{y} is a name of its own (accent)')
ok('mse_mean_sum', r'\ell = \frac{1}{n} \sum_{i=1}^{n} (y_i - p_i)^2', {'y': Y4, 'p': [0.8, 0.1, 1.5, 0.0], 'n': 4},
   lambda v: tsum((at(v.y, i) - at(v.p, i)) ** 2 for i in rng(1, 4)) / 4, r'\ell', ints=('n',))
ok('mse_hat_indexed', r'J = \frac{1}{2n}\sum_{i=1}^{n} (\hat{y}_i - y_i)^2',
   {r'\hat{y}': [0.8, 0.1, 1.5, 0.0], 'y': Y4, 'n': 4},
   lambda v: tsum((at(v[r'\hat{y}'], i) - at(v.y, i)) ** 2 for i in rng(1, 4)) / 8, 'J', ints=('n',),
   note='\\hat{y}_i indexes the bound tensor \\hat{y}')
ok('least_squares_half_norm', r'\ell = \frac{1}{2} \|y - X w\|_2^2', {'X': X43, 'w': [0.3, -0.2, 0.5], 'y': Y4},
   lambda v: 0.5 * sq(v.y - v.X @ v.w), r'\ell')
ok('least_squares_norm_sq', r'\ell = \|X w - y\|^2', {'X': X43, 'w': [0.3, -0.2, 0.5], 'y': Y4},
   lambda v: sq(v.X @ v.w - v.y), r'\ell', note='\\|.\\|^2 is the squared 2-norm')
ok('mae', r'\ell = \frac{1}{n} \sum_{i=1}^n |y_i - p_i|', {'y': Y4, 'p': [0.8, 0.1, 1.5, 0.0], 'n': 4},
   lambda v: tsum(T.abs(at(v.y, i) - at(v.p, i)) for i in rng(1, 4)) / 4, r'\ell', ints=('n',))
ok('cross_entropy_probs', r'\ell = -\sum_{i=1}^{n} y_i \log p_i', {'y': [0, 0, 1, 0], 'p': P4, 'n': 4},
   lambda v: -tsum(at(v.y, i) * T.log(at(v.p, i)) for i in rng(1, 4)), r'\ell', ints=('n',))
ok('softmax_ce_n_bound', r'\ell = -h_y + \log \sum_{j=1}^{n} \exp(h_j)', {'h': [0.5, -1.0, 2.0, 0.1], 'y': 3, 'n': 4},
   lambda v: -at(v.h, 3) + T.log(tsum(T.exp(at(v.h, j)) for j in rng(1, 4))), r'\ell', ints=('y', 'n'))
ok('softmax_ce_ln_e', r'\ell = \ln \sum_{j=1}^{k} e^{h_j} - h_y', {'h': [0.5, -1.0, 2.0, 0.1], 'y': 1, 'k': 4},
   lambda v: T.log(tsum(T.exp(at(v.h, j)) for j in rng(1, 4))) - at(v.h, 1), r'\ell', ints=('y', 'k'))
ok('softmax_ce_logsumexp', r'\ell = \operatorname{logsumexp}(h) - h_y', {'h': [0.5, -1.0, 2.0, 0.1], 'y': 4},
   lambda v: lse(v.h, 0) - at(v.h, 4), r'\ell', ints=('y',))
ok('softmax_then_nll', r'p = \mathrm{softmax}(h) \\ \ell = -\log p_y', {'h': [0.5, -1.0, 2.0], 'y': 2},
   lambda v: -T.log(at(T.softmax(v.h, 0), 2)), r'\ell', ints=('y',))
ok('lecture_loss_with_h_defined',
   r'h(x) = \Theta^T x \\ \ell = -h_y(x) + \log \sum_{j=1}^{k} \exp(h_j(x))',
   {r'\Theta': [[0.2, -0.5, 1.0, 0.3], [0.7, 0.1, -0.4, 0.9], [-0.6, 0.8, 0.5, -0.2]], 'x': X3, 'y': 2, 'k': 4},
   lambda v: -at(v.Theta.T @ v.x, 2) + T.log(tsum(T.exp(at(v.Theta.T @ v.x, j)) for j in rng(1, 4))),
   r'\ell', ints=('y', 'k'), note='h_j(x) is component j of the user function h (SPEC §2)')
ok('lecture_loss_as_definition',
   r'h(x) = \Theta^T x \\ \ell(x, y) = -h_y(x) + \log \sum_{j=1}^{k} \exp(h_j(x))',
   {r'\Theta': [[0.2, -0.5, 1.0, 0.3], [0.7, 0.1, -0.4, 0.9], [-0.6, 0.8, 0.5, -0.2]], 'x': X3, 'y': 4, 'k': 4},
   lambda v: -at(v.Theta.T @ v.x, 4) + T.log(tsum(T.exp(at(v.Theta.T @ v.x, j)) for j in rng(1, 4))),
   r'\ell', ints=('y', 'k'), note='a definition whose parameters are bound evaluates there, as f(\\theta) in SPEC §8')
ok('hinge', r'\ell = \max(0, 1 - y w^T x)', {'y': -1, 'w': [0.3, -0.2, 0.5], 'x': X3},
   lambda v: T.maximum(T.tensor(0.0), 1 - v.y * (v.w @ v.x)), r'\ell')
ok('hinge_bias_cdot', r'\ell = \max(0, 1 - y \cdot (w^T x + b))', {'y': 1, 'w': [0.3, -0.2, 0.5], 'x': X3, 'b': -0.4},
   lambda v: T.maximum(T.tensor(0.0), 1 - v.y * (v.w @ v.x + v.b)), r'\ell')
ok('squared_hinge', r'\ell = \max(0, 1 - y f)^2', {'y': 1, 'f': 0.3}, lambda v: T.clamp(1 - v.y * v.f, min=0) ** 2, r'\ell')
ok('multiclass_hinge_sum', r'\ell = \sum_{j=1}^{k} \max(0, s_j - s_y + 1) - 1', {'s': [2.0, 1.5, -0.3, 3.2], 'y': 1, 'k': 4},
   lambda v: tsum(T.maximum(T.tensor(0.0), at(v.s, j) - at(v.s, 1) + 1) for j in rng(1, 4)) - 1, r'\ell', ints=('y', 'k'))
ok('bce_scalar', r'\ell = -(y \log p + (1 - y) \log(1 - p))', {'y': 1, 'p': 0.8},
   lambda v: -(v.y * T.log(v.p) + (1 - v.y) * T.log(1 - v.p)), r'\ell')
ok('bce_sigmoid', r'\ell = -y \log \sigma(z) - (1 - y) \log(1 - \sigma(z))', {'y': 0, 'z': 0.6},
   lambda v: -v.y * T.log(sig(v.z)) - (1 - v.y) * T.log(1 - sig(v.z)), r'\ell')
ok('bce_mean_vector', r'\ell = -\frac{1}{n}\sum_{i=1}^{n} \left[ y_i \log p_i + (1 - y_i) \log(1 - p_i) \right]',
   {'y': [1, 0, 0, 1], 'p': [0.9, 0.2, 0.35, 0.6], 'n': 4},
   lambda v: -tsum(at(v.y, i) * T.log(at(v.p, i)) + (1 - at(v.y, i)) * T.log(1 - at(v.p, i)) for i in rng(1, 4)) / 4,
   r'\ell', ints=('n',))
ok('logistic_loss', r'\ell = \log(1 + \exp(-y w^T x))', {'y': 1, 'w': [0.3, -0.2, 0.5], 'x': X3},
   lambda v: T.log(1 + T.exp(-v.y * (v.w @ v.x))), r'\ell')
ok('kl_frac', r'D = \sum_{i=1}^{n} p_i \log \frac{p_i}{q_i}', {'p': P4, 'q': Q4, 'n': 4},
   lambda v: tsum(at(v.p, i) * T.log(at(v.p, i) / at(v.q, i)) for i in rng(1, 4)), 'D', ints=('n',))
ok('kl_ln_difference', r'D = \sum_{i=1}^n p_i (\ln p_i - \ln q_i)', {'p': P4, 'q': Q4, 'n': 4},
   lambda v: tsum(at(v.p, i) * (T.log(at(v.p, i)) - T.log(at(v.q, i))) for i in rng(1, 4)), 'D', ints=('n',))
ok('kl_gaussians', r'D = \log\frac{s_2}{s_1} + \frac{s_1^2 + (\mu_1 - \mu_2)^2}{2 s_2^2} - \frac{1}{2}',
   {'s_1': 0.8, 's_2': 1.3, r'\mu_1': 0.2, r'\mu_2': -0.5},
   lambda v: T.log(v.s_2 / v.s_1) + (v.s_1 ** 2 + (v.mu_1 - v.mu_2) ** 2) / (2 * v.s_2 ** 2) - 0.5, 'D')
ok('huber_large_residual', r'\ell = \frac{1}{2}\min(|r|, \delta)^2 + \delta \max(|r| - \delta, 0)', {'r': -2.5, r'\delta': 1},
   lambda v: 0.5 * T.minimum(T.abs(v.r), v.delta) ** 2 + v.delta * T.maximum(T.abs(v.r) - v.delta, T.tensor(0.0)), r'\ell')
ok('huber_small_residual', r'\ell = \frac{1}{2}\min(|r|, \delta)^2 + \delta \max(|r| - \delta, 0)', {'r': 0.4, r'\delta': 1},
   lambda v: 0.5 * T.minimum(T.abs(v.r), v.delta) ** 2 + v.delta * T.maximum(T.abs(v.r) - v.delta, T.tensor(0.0)), r'\ell')
ok('epsilon_insensitive', r'\ell = \max(|y - p| - \epsilon, 0)', {'y': 1.2, 'p': 0.5, r'\epsilon': 0.1},
   lambda v: T.maximum(T.abs(v.y - v.p) - v.epsilon, T.tensor(0.0)), r'\ell')
ok('entropy', r'H = -\sum_{i=1}^n p_i \log p_i', {'p': P4, 'n': 4},
   lambda v: -tsum(at(v.p, i) * T.log(at(v.p, i)) for i in rng(1, 4)), 'H', ints=('n',))
ok('focal_loss', r'\ell = -(1 - p)^\gamma \log p', {'p': 0.7, r'\gamma': 2},
   lambda v: -(1 - v.p) ** v.gamma * T.log(v.p), r'\ell')
ok('ridge_objective', r'J = \frac{1}{2m}\|X w - y\|_2^2 + \frac{\lambda}{2}\|w\|_2^2',
   {'X': X43, 'w': [0.3, -0.2, 0.5], 'y': Y4, 'm': 4, r'\lambda': 0.1},
   lambda v: sq(v.X @ v.w - v.y) / (2 * v.m) + v['\\lambda'] / 2 * sq(v.w), 'J',
   note='m is an ordinary scalar here (not a sum bound): it has a gradient')
ok('contrastive_margin', r'\ell = \max(0, \delta - d)^2', {r'\delta': 1, 'd': 0.3},
   lambda v: T.clamp(v.delta - v.d, min=0) ** 2, r'\ell')
ok('triplet', r'\ell = \max(\|a - b\|_2^2 - \|a - c\|_2^2 + \alpha, 0)',
   {'a': [0.1, 0.5], 'b': [0.3, 0.2], 'c': [-0.4, 0.9], r'\alpha': 0.5},
   lambda v: T.maximum(sq(v.a - v.b) - sq(v.a - v.c) + v.alpha, T.tensor(0.0)), r'\ell')
ok('l1_plus_l2', r'R = \lambda_1 \sum_{i=1}^{n} |w_i| + \lambda_2 \|w\|_2^2', {'w': [0.3, -0.2, 0.5], r'\lambda_1': 0.01, r'\lambda_2': 0.1, 'n': 3},
   lambda v: v['\\lambda_1'] * tsum(T.abs(at(v.w, i)) for i in rng(1, 3)) + v['\\lambda_2'] * sq(v.w), 'R', ints=('n',))
ok('nll_gaussian', r'\ell = \frac{(x - \mu)^2}{2 s^2} + \log s', {'x': 1.3, r'\mu': 0.4, 's': 0.9},
   lambda v: (v.x - v.mu) ** 2 / (2 * v.s ** 2) + T.log(v.s), r'\ell')
ok('nll_gaussian_sigma_bound', r'\ell = \frac{(x - \mu)^2}{2\sigma^2} + \log\sigma', {'x': 1.3, r'\mu': 0.4, r'\sigma': 0.9},
   lambda v: (v.x - v.mu) ** 2 / (2 * v.sigma ** 2) + T.log(v.sigma), r'\ell',
   note='\\sigma is bound to a number: a name here, not the sigmoid (like e^{x} when e is bound)')
ok('dice_loss', r'\ell = 1 - \frac{2 \sum_{i=1}^{n} p_i y_i}{\sum_{i=1}^{n} p_i + \sum_{i=1}^{n} y_i}',
   {'p': [0.9, 0.2, 0.7], 'y': [1, 0, 1], 'n': 3},
   lambda v: 1 - 2 * tsum(at(v.p, i) * at(v.y, i) for i in rng(1, 3)) / (tsum(at(v.p, i) for i in rng(1, 3)) + tsum(at(v.y, i) for i in rng(1, 3))),
   r'\ell', ints=('n',))

# ================================================================ layers

ok('sigmoid_layer', r'a = \sigma(W x + b)', {'W': W23, 'x': X3, 'b': B2}, lambda v: sig(v.W @ v.x + v.b), 'a')
ok('relu_layer', r'h = \operatorname{relu}(W x + b)', {'W': W23, 'x': X3, 'b': B2},
   lambda v: T.relu(v.W @ v.x + v.b), 'h', note='pre-activations 3.0 and -1.33: away from the kink')
ok('tanh_transpose', r'h = \tanh(W^T x)', {'W': [[0.5, -1.0], [0.2, 0.4], [1.5, 0.3]], 'x': X3},
   lambda v: T.tanh(v.W.T @ v.x), 'h')
ok('logistic_unit', r'\hat{y} = \sigma(w^T x + b)', {'w': [0.3, -0.2, 0.5], 'x': X3, 'b': 0.1},
   lambda v: sig(v.w @ v.x + v.b), r'\hat{y}')
ok('relu_via_max', r'z = W x + b \\ a = \max(0, z)', {'W': W23, 'x': [1.0, 0.5, 0.2], 'b': B2},
   lambda v: T.maximum(T.tensor(0.0), v.W @ v.x + v.b), 'a', note='\\max(0, z) of a vector is elementwise')
ok('two_layer_subscripted', r'h = \operatorname{relu}(W_1 x + b_1) \\ \hat{y} = W_2 h + b_2',
   {'W_1': W23, 'b_1': B2, 'W_2': [[0.7, -0.3]], 'b_2': [0.05], 'x': [1.0, 0.5, 0.2]},
   lambda v: v.W_2 @ T.relu(v.W_1 @ v.x + v.b_1) + v.b_2, r'\hat{y}', note='W is not a tensor, so W_1 is a name')
ok('two_layer_superscripts', r'a^{(1)} = \sigma(W^{(1)} x) \\ a^{(2)} = \sigma(W^{(2)} a^{(1)})',
   {'W^{(1)}': W23, 'W^{(2)}': [[0.7, -0.3], [0.2, 0.9]], 'x': X3},
   lambda v: sig(v['W^{(2)}'] @ sig(v['W^{(1)}'] @ v.x)), 'a^{(2)}')
ok('batch_relu_layer', r'H = \operatorname{relu}(X W + b)', {'X': X43, 'W': [[0.5, -1.0], [0.2, 0.4], [1.5, 0.3]], 'b': [0.1, -0.2]},
   lambda v: T.relu(v.X @ v.W + v.b), 'H', note='b broadcasts over the rows')
ok('softmax_layer', r'y = \mathrm{softmax}(W x)', {'W': W23, 'x': X3}, lambda v: T.softmax(v.W @ v.x, 0), 'y')
ok('linear_theta', r'y = \Theta^T x', {r'\Theta': [[0.5, -1.0], [0.2, 0.4], [1.5, 0.3]], 'x': X3},
   lambda v: v.Theta.T @ v.x, 'y')
ok('gelu_approx', r'y = x \sigma(1.702 x)', {'x': 0.8}, lambda v: v.x * sig(1.702 * v.x), 'y')
ok('swish', r'y = x \cdot \sigma(\beta x)', {'x': -0.6, r'\beta': 1.3}, lambda v: v.x * sig(v.beta * v.x), 'y')
ok('leaky_relu', r'y = \max(0.01 x, x)', {'x': -2}, lambda v: T.maximum(0.01 * v.x, v.x), 'y')
ok('residual_block', r'y = x + \tanh(W x + b)', {'W': [[0.5, -0.3], [0.8, 0.1]], 'x': [0.4, -1.0], 'b': [0.1, 0.2]},
   lambda v: v.x + T.tanh(v.W @ v.x + v.b), 'y')
ok('norm_of_layer', r'r = \|W x\|_2', {'W': W23, 'x': X3}, lambda v: norm(v.W @ v.x), 'r')
ok('rnn_cell', r"h' = \tanh(W h + U x + b)", {'W': [[0.5, -0.3], [0.8, 0.1]], 'h': [0.2, -0.4], 'U': W23, 'x': X3, 'b': B2},
   lambda v: T.tanh(v.W @ v.h + v.U @ v.x + v.b), "h'")
ok('elu_negative', r'y = \alpha (e^{x} - 1)', {r'\alpha': 1, 'x': -0.7}, lambda v: v.alpha * (T.exp(v.x) - 1), 'y')
ok('neuron_sum_form', r'z = \sum_{i=1}^{n} w_i x_i + b \\ a = \tanh(z)', {'w': [0.3, -0.2, 0.5], 'x': X3, 'b': 0.1, 'n': 3},
   lambda v: T.tanh(tsum(at(v.w, i) * at(v.x, i) for i in rng(1, 3)) + v.b), 'a', ints=('n',))
ok('mlp_scalar_output', r'\hat{y} = w^\top \operatorname{relu}(W x + b) + c',
   {'w': [1.5, -0.5], 'W': W23, 'x': [1.0, 0.5, 0.2], 'b': B2, 'c': 0.3},
   lambda v: v.w @ T.relu(v.W @ v.x + v.b) + v.c, r'\hat{y}')

# ================================================================ attention and normalisation

Q23 = [[0.2, -0.4, 0.6], [1.0, 0.3, -0.5]]
K43 = [[0.5, 0.1, -0.3], [-0.2, 0.8, 0.4], [0.9, -0.6, 0.2], [0.0, 0.3, 0.7]]
V42 = [[1.0, -0.5], [0.3, 0.8], [-0.7, 0.2], [0.4, 0.6]]
attn = lambda v, d: T.softmax(v.Q @ v.K.T / T.sqrt(d), -1) @ v.V
ok('attention', r'A = \mathrm{softmax}\left(\frac{Q K^T}{\sqrt{d}}\right) V', {'Q': Q23, 'K': K43, 'V': V42, 'd': 3},
   lambda v: attn(v, v.d), 'A', note='softmax of a matrix is over the last axis (rows)')
ok('attention_bare', r'\mathrm{softmax}(QK^T/\sqrt{d})V', {'Q': Q23, 'K': K43, 'V': V42, 'd': 3}, lambda v: attn(v, v.d))
ok('attention_steps', r'S = \frac{Q K^\top}{\sqrt{d_k}} \\ P = \mathrm{softmax}(S) \\ O = P V', {'Q': Q23, 'K': K43, 'V': V42, 'd_k': 3},
   lambda v: attn(v, v.d_k), 'O')
ok('attention_aligned', r'\begin{aligned} S &= Q K^T / \sqrt{d} \\ O &= \mathrm{softmax}(S) V \end{aligned}',
   {'Q': Q23, 'K': K43, 'V': V42, 'd': 3}, lambda v: attn(v, v.d), 'O')
ok('single_query_attention', r'\alpha = \mathrm{softmax}(K q) \\ c = V^T \alpha', {'K': K43, 'q': [0.5, -0.2, 0.3], 'V': V42},
   lambda v: v.V.T @ T.softmax(v.K @ v.q, 0), 'c')
ok('attention_score_sum', r'e = \sum_{j=1}^{m} \exp(q^T k_j)', {'q': [0.5, -0.2, 0.3], 'k': K43, 'm': 4},
   lambda v: tsum(T.exp(v.q @ at(v.k, j)) for j in rng(1, 4)), 'e', ints=('m',), note='k_j of a matrix k is its row j')
LN_X = [0.5, -1.2, 2.0, 0.3]
ln_ref = lambda v: v.gamma * (v.x - v.x.mean()) / T.sqrt(((v.x - v.x.mean()) ** 2).mean() + v.epsilon) + v.beta
ok('layer_norm', r'\mu = \frac{1}{n}\sum_{i=1}^{n} x_i \\ v = \frac{1}{n}\sum_{i=1}^{n} (x_i - \mu)^2 \\ y = \gamma \frac{x - \mu}{\sqrt{v + \epsilon}} + \beta',
   {'x': LN_X, 'n': 4, r'\gamma': 1.5, r'\beta': 0.1, r'\epsilon': 1e-5}, ln_ref, 'y', ints=('n',),
   note='x - \\mu broadcasts the scalar mean; output vector reduced by sum for the gradient')
ok('layer_norm_mean_only', r'\mu = \frac{1}{n}\sum_{i=1}^{n} x_i', {'x': LN_X, 'n': 4}, lambda v: v.x.sum() / 4, r'\mu', ints=('n',))
ok('batch_norm_scalar', r'\hat{x} = \frac{x - \mu}{\sqrt{s + \epsilon}}', {'x': 1.7, r'\mu': 0.5, 's': 0.8, r'\epsilon': 1e-5},
   lambda v: (v.x - v.mu) / T.sqrt(v.s + v.epsilon), r'\hat{x}')
ok('rms_norm', r'r = \sqrt{\frac{1}{n}\sum_{i=1}^n x_i^2 + \epsilon} \\ y = \frac{x}{r}', {'x': LN_X, 'n': 4, r'\epsilon': 1e-6},
   lambda v: v.x / T.sqrt(tsum(at(v.x, i) ** 2 for i in rng(1, 4)) / 4 + v.epsilon), 'y', ints=('n',))
ok('scaled_dot_product_scalar', r's = \frac{q^T k}{\sqrt{d}}', {'q': [0.5, -0.2, 0.3], 'k': [0.1, 0.9, -0.4], 'd': 3},
   lambda v: (v.q @ v.k) / T.sqrt(v.d), 's')

# ================================================================ optimisers

TH = [0.3, -0.2, 0.5]
G3 = [0.12, -0.4, 0.05]


def ls_grad_step(v):
    ell = 0.5 * sq(v.X @ v.theta - v.y)
    g, = T.autograd.grad(ell, v.theta, create_graph=True)
    return v.theta - v.alpha * g


ok('sgd_step', r"\theta' = \theta - \alpha g", {r'\theta': TH, r'\alpha': 0.1, 'g': G3}, lambda v: v.theta - v.alpha * v.g, r"\theta'")
ok('gd_with_nabla', r"\ell = \frac{1}{2}\|X\theta - y\|_2^2 \\ \theta' = \theta - \alpha \nabla_\theta \ell",
   {'X': X43, r'\theta': TH, 'y': Y4, r'\alpha': 0.05}, ls_grad_step, r"\theta'",
   note='\\nabla_\\theta \\ell evaluates by AD; the gradient of \\theta\' needs second derivatives')
ok('gd_walrus_rebinds_theta', r'\ell = \frac{1}{2}\|X\theta - y\|_2^2 \\ \theta := \theta - \alpha \nabla_\theta \ell',
   {'X': X43, r'\theta': TH, 'y': Y4, r'\alpha': 0.05}, ls_grad_step, r'\theta', gradient=False,
   note='the output rebinds the input name \\theta: value is the updated \\theta; gradient left out (ambiguous key)')
ok('gd_scalar_partial', r"\ell = (w x - y)^2 \\ w' = w - \eta \frac{\partial \ell}{\partial w}", {'w': 0.5, 'x': 2, 'y': 3, r'\eta': 0.1},
   lambda v: v.w - v.eta * 2 * (v.w * v.x - v.y) * v.x, "w'")
ok('momentum', r"v' = \mu v - \alpha g \\ \theta' = \theta + v'", {r'\mu': 0.9, 'v': [0.01, 0.02, -0.03], r'\alpha': 0.1, 'g': G3, r'\theta': TH},
   lambda v: v.theta + (v.mu * v.v - v.alpha * v.g), r"\theta'")
ok('momentum_nabla', r"\ell = \|w\|_2^2 \\ m' = \beta m + \nabla_w \ell \\ w' = w - \alpha m'",
   {'w': [0.5, -1.0], r'\beta': 0.9, 'm': [0.1, 0.2], r'\alpha': 0.1},
   lambda v: v.w - v.alpha * (v.beta * v.m + 2 * v.w), "w'")


def adam(v):
    m1 = v.beta_1 * v.m + (1 - v.beta_1) * v.g
    v1 = v.beta_2 * v.v + (1 - v.beta_2) * v.g ** 2
    mh = m1 / (1 - v.beta_1 ** v.t)
    vh = v1 / (1 - v.beta_2 ** v.t)
    return v.theta - v.alpha * mh / (T.sqrt(vh) + v.epsilon)


ADAM = {'m': [0.01, -0.02, 0.0], 'v': [1e-4, 4e-4, 1e-5], 'g': G3, r'\theta': TH,
        r'\beta_1': 0.9, r'\beta_2': 0.999, 't': 3, r'\alpha': 0.001, r'\epsilon': 1e-8}
ok('adam_vector',
   r"m' = \beta_1 m + (1 - \beta_1) g \\ v' = \beta_2 v + (1 - \beta_2) g^2 \\ \hat{m} = \frac{m'}{1 - \beta_1^t} \\ \hat{v} = \frac{v'}{1 - \beta_2^t} \\ \theta' = \theta - \frac{\alpha \hat{m}}{\sqrt{\hat{v}} + \epsilon}",
   ADAM, adam, r"\theta'", note='g^2 of a vector is elementwise; t is an ordinary scalar with a gradient')
ADAM_S = {'m': 0.01, 'v': 1e-4, 'g': 0.12, r'\theta': 0.3, r'\beta_1': 0.9, r'\beta_2': 0.999, 't': 3, r'\alpha': 0.001, r'\epsilon': 1e-8}
ok('adam_scalar_aligned',
   r"\begin{aligned} m' &= \beta_1 m + (1 - \beta_1) g \\ v' &= \beta_2 v + (1 - \beta_2) g^2 \\ \hat{m} &= m' / (1 - \beta_1^t) \\ \hat{v} &= v' / (1 - \beta_2^t) \\ \theta' &= \theta - \alpha \hat{m} / (\sqrt{\hat{v}} + \epsilon) \end{aligned}",
   ADAM_S, adam, r"\theta'")
ok('adam_first_moment_only', r"m' = \beta_1 m + (1 - \beta_1) g", {r'\beta_1': 0.9, 'm': [0.01, -0.02, 0.0], 'g': G3},
   lambda v: v.beta_1 * v.m + (1 - v.beta_1) * v.g, "m'")
ok('rmsprop_scalar', r"s' = \rho s + (1 - \rho) g^2 \\ \theta' = \theta - \frac{\alpha}{\sqrt{s' + \epsilon}} g",
   {r'\rho': 0.9, 's': 0.02, 'g': 0.3, r'\theta': 1.0, r'\alpha': 0.01, r'\epsilon': 1e-8},
   lambda v: v.theta - v.alpha / T.sqrt(v.rho * v.s + (1 - v.rho) * v.g ** 2 + v.epsilon) * v.g, r"\theta'")
ok('weight_decay', r"\theta' = (1 - \alpha\lambda)\theta - \alpha g", {r'\alpha': 0.1, r'\lambda': 0.01, r'\theta': TH, 'g': G3},
   lambda v: (1 - v.alpha * v['\\lambda']) * v.theta - v.alpha * v.g, r"\theta'")
ok('lr_exponential_decay', r'\alpha_t = \alpha_0 \gamma^t', {r'\alpha_0': 0.1, r'\gamma': 0.95, 't': 10},
   lambda v: v.alpha_0 * v.gamma ** v.t, r'\alpha_t')
ok('lr_cosine', r'\eta_t = \eta_{min} + \frac{1}{2}(\eta_{max} - \eta_{min})\left(1 + \cos\left(\frac{t \pi}{T}\right)\right)',
   {r'\eta_min': 0.001, r'\eta_max': 0.1, 't': 30, 'T': 100},
   lambda v: v.eta_min + 0.5 * (v.eta_max - v.eta_min) * (1 + T.cos(v.t * PI / v['T'])), r'\eta_t',
   note='\\pi is the constant 3.14159... (a user expects it); \\eta_{min} is the name \\eta_min')
ok('newton_step_scalar', r"f = x^3 - 2x - 5 \\ x' = x - \frac{f}{\frac{\partial f}{\partial x}}", {'x': 2},
   lambda v: v.x - (v.x ** 3 - 2 * v.x - 5) / (3 * v.x ** 2 - 2), "x'")
ok('gradient_clipping_factor', r'c = \min\left(1, \frac{\tau}{\|g\|}\right)', {r'\tau': 0.3, 'g': G3},
   lambda v: T.minimum(T.tensor(1.0), v.tau / norm(v.g)), 'c')

# ================================================================ probability

ok('sigmoid_prob', r'p = \sigma(z)', {'z': -1.2}, lambda v: sig(v.z), 'p')
ok('sigmoid_exp_form', r'p = \frac{1}{1 + \exp(-z)}', {'z': 0.3}, lambda v: 1 / (1 + T.exp(-v.z)), 'p')
ok('sigmoid_ratio_form', r'p = \frac{e^{z}}{1 + e^{z}}', {'z': 1.1}, lambda v: T.exp(v.z) / (1 + T.exp(v.z)), 'p')
ok('softmax_component', r'p_i = \frac{\exp(z_i)}{\sum_{j=1}^{n} \exp(z_j)}', {'z': [0.5, -1.0, 2.0, 0.1], 'i': 3, 'n': 4},
   lambda v: T.exp(at(v.z, 3)) / tsum(T.exp(at(v.z, j)) for j in rng(1, 4)), 'p_i', ints=('i', 'n'),
   note='p is not a tensor: p_i is the output name')
ok('bernoulli_log_likelihood', r'L = \sum_{i=1}^n \left( y_i \log p_i + (1 - y_i)\log(1 - p_i) \right)', {'y': [1, 0, 1], 'p': [0.7, 0.4, 0.9], 'n': 3},
   lambda v: tsum(at(v.y, i) * T.log(at(v.p, i)) + (1 - at(v.y, i)) * T.log(1 - at(v.p, i)) for i in rng(1, 3)), 'L', ints=('n',))
ok('logistic_log_likelihood_def',
   r'\ell(w) = \sum_{i=1}^{m} \left[ y_i \log \sigma(w^T x_i) + (1 - y_i) \log(1 - \sigma(w^T x_i)) \right]',
   {'w': [0.3, -0.2, 0.5], 'x': X43, 'y': [1, 0, 1, 1], 'm': 4},
   lambda v: tsum(at(v.y, i) * T.log(sig(v.w @ at(v.x, i))) + (1 - at(v.y, i)) * T.log(1 - sig(v.w @ at(v.x, i))) for i in rng(1, 4)),
   r'\ell', ints=('m',), note='x_i of the matrix x is row i')
ok('gaussian_log_density', r'q = -\frac{(x - \mu)^2}{2 s^2} - \log s - \frac{1}{2}\log(2\pi)', {'x': 0.4, r'\mu': 1.0, 's': 0.5},
   lambda v: -(v.x - v.mu) ** 2 / (2 * v.s ** 2) - T.log(v.s) - 0.5 * math.log(2 * PI), 'q', note='\\pi is the constant')
ok('gaussian_density', r'p = \frac{1}{\sqrt{2\pi s^2}} \exp\left(-\frac{(x - \mu)^2}{2 s^2}\right)', {'x': 0.4, r'\mu': 1.0, 's': 0.5},
   lambda v: 1 / T.sqrt(2 * PI * v.s ** 2) * T.exp(-(v.x - v.mu) ** 2 / (2 * v.s ** 2)), 'p', note='\\pi is the constant')
ok('logsumexp_operator', r'z = \operatorname{logsumexp}(x)', {'x': [0.5, -1.0, 2.0, 0.1]}, lambda v: lse(v.x, 0), 'z')
ok('logsumexp_written_out', r'z = \log \sum_{i=1}^n \exp(x_i)', {'x': [0.5, -1.0, 2.0, 0.1], 'n': 4},
   lambda v: T.log(tsum(T.exp(at(v.x, i)) for i in rng(1, 4))), 'z', ints=('n',))
ok('logsumexp_stable', r'z = c + \log \sum_{i=1}^{n} \exp(x_i - c)', {'x': [0.5, -1.0, 2.0, 0.1], 'c': 2, 'n': 4},
   lambda v: v.c + T.log(tsum(T.exp(at(v.x, i) - v.c) for i in rng(1, 4))), 'z', ints=('n',),
   note='c has gradient exactly 1 - 1 = 0 up to rounding')
ok('bayes_rule_numbers', r'p = \frac{a b}{a b + c (1 - b)}', {'a': 0.9, 'b': 0.01, 'c': 0.05},
   lambda v: v.a * v.b / (v.a * v.b + v.c * (1 - v.b)), 'p')
ok('expectation_sum', r'E = \sum_{i=1}^n p_i x_i', {'p': P4, 'x': [1.0, 2.0, -1.0, 0.5], 'n': 4},
   lambda v: tsum(at(v.p, i) * at(v.x, i) for i in rng(1, 4)), 'E', ints=('n',))
ok('variance_sum', r'V = \sum_{i=1}^{n} p_i (x_i - m)^2', {'p': P4, 'x': [1.0, 2.0, -1.0, 0.5], 'm': 0.4, 'n': 4},
   lambda v: tsum(at(v.p, i) * (at(v.x, i) - v.m) ** 2 for i in rng(1, 4)), 'V', ints=('n',))
ok('perplexity', r'P = \exp\left(-\frac{1}{n}\sum_{i=1}^n \log p_i\right)', {'p': P4, 'n': 4},
   lambda v: T.exp(-tsum(T.log(at(v.p, i)) for i in rng(1, 4)) / 4), 'P', ints=('n',))
ok('logit', r'z = \log\frac{p}{1 - p}', {'p': 0.3}, lambda v: T.log(v.p / (1 - v.p)), 'z')
ok('softmax_dot_weights', r's = \mathrm{softmax}(z)^T w', {'z': [0.5, -1.0, 2.0], 'w': [1.0, -2.0, 0.5]},
   lambda v: T.softmax(v.z, 0) @ v.w, 's')
ok('temperature_softmax', r'p = \mathrm{softmax}(z / \tau)', {'z': [0.5, -1.0, 2.0], r'\tau': 0.7},
   lambda v: T.softmax(v.z / v.tau, 0), 'p')
ok('log_softmax_component', r'\ell = h_y - \operatorname{logsumexp}(h)', {'h': [0.5, -1.0, 2.0], 'y': 3},
   lambda v: at(v.h, 3) - lse(v.h, 0), r'\ell', ints=('y',))
ok('mixture_density', r'p = \pi_1 \exp(-x^2) + (1 - \pi_1)\exp(-(x - 1)^2)', {r'\pi_1': 0.3, 'x': 0.6},
   lambda v: v.pi_1 * T.exp(-v.x ** 2) + (1 - v.pi_1) * T.exp(-(v.x - 1) ** 2), 'p',
   note='\\pi_1 is a bound name (a mixture weight), not the constant')

# ================================================================ norms

ok('norm2_squared', r'r = \|x\|_2^2', {'x': [0.3, -1.2, 2.0]}, lambda v: sq(v.x), 'r')
ok('norm_plain', r'r = \|x\|', {'x': [3.0, -4.0]}, lambda v: norm(v.x), 'r')
ok('norm_2_subscript', r'r = \|x\|_2', {'x': [0.3, -1.2, 2.0]}, lambda v: norm(v.x), 'r')
ok('abs_scalar', r'a = |x|', {'x': -2.5}, lambda v: T.abs(v.x), 'a')
ok('distance_squared', r'd = \|x - y\|_2^2', {'x': [0.3, -1.2, 2.0], 'y': [1.0, 0.5, -0.5]}, lambda v: sq(v.x - v.y), 'd')
ok('sqrt_dot', r'r = \sqrt{x^T x}', {'x': [0.3, -1.2, 2.0]}, lambda v: T.sqrt(v.x @ v.x), 'r')
ok('dot_self', r'r = x^\top x', {'x': [0.3, -1.2, 2.0]}, lambda v: v.x @ v.x, 'r', note='x^T x of a vector is the dot product')
ok('normalize', r'u = \frac{x}{\|x\|}', {'x': [0.3, -1.2, 2.0]}, lambda v: v.x / norm(v.x), 'u')
ok('cosine_similarity', r'c = \frac{u^T v}{\|u\| \|v\|}', {'u': [0.3, -1.2, 2.0], 'v': [1.0, 0.5, -0.5]},
   lambda v: (v.u @ v.v) / (norm(v.u) * norm(v.v)), 'c', note='two norms side by side: \\|u\\| \\|v\\|')
ok('l1_by_sum_abs', r'r = \sum_{i=1}^n |x_i|', {'x': [0.3, -1.2, 2.0], 'n': 3},
   lambda v: tsum(T.abs(at(v.x, i)) for i in rng(1, 3)), 'r', ints=('n',))
ok('abs_difference', r'd = |a - b|', {'a': 0.5, 'b': 1.75}, lambda v: T.abs(v.a - v.b), 'd')
ok('left_right_norm', r'r = \left\| W x - b \right\|^2', {'W': W23, 'x': X3, 'b': B2}, lambda v: sq(v.W @ v.x - v.b), 'r')
ok('abs_vector_elementwise', r'a = |x - 1|', {'x': [0.3, -1.2, 2.0]}, lambda v: T.abs(v.x - 1), 'a',
   note='|.| of a vector is elementwise (not a norm)')
ok('weighted_norm', r'r = \lambda \|w\|_2^2 + |b|', {r'\lambda': 0.5, 'w': [1.0, -2.0], 'b': -0.3},
   lambda v: v['\\lambda'] * sq(v.w) + T.abs(v.b), 'r')

# ================================================================ sums and products

ok('sum_index_as_number', r's = \sum_{i=1}^{n} i x_i', {'x': [0.5, 1.5, -1.0], 'n': 3},
   lambda v: tsum(i * at(v.x, i) for i in rng(1, 3)), 's', ints=('n',), note='the bound index i is a number in the body')
ok('sum_of_squares_constants', r's = \sum_{i=1}^{3} i^2', {}, lambda v: T.tensor(14.0), 's')
ok('sum_default_bound', r's = \sum_{i=1}^{n} i', {}, lambda v: T.tensor(10.0), 's',
   note='n is free and implied by nothing: default bound 4 (SPEC §3)')
ok('prod_one_plus', r'P = \prod_{i=1}^{n} (1 + x_i)', {'x': [0.5, 1.5, -0.5], 'n': 3},
   lambda v: tprod(1 + at(v.x, i) for i in rng(1, 3)), 'P', ints=('n',))
ok('double_sum_matrix', r's = \sum_{i=1}^{m} \sum_{j=1}^{n} A_{ij}', {'A': W23, 'm': 2, 'n': 3},
   lambda v: tsum(at(v.A, i, j) for i in rng(1, 2) for j in rng(1, 3)), 's', ints=('m', 'n'))
ok('double_sum_outer', r's = \sum_{i=1}^{n} \sum_{j=1}^{n} x_i x_j', {'x': [0.5, 1.5, -0.5], 'n': 3},
   lambda v: tsum(at(v.x, i) * at(v.x, j) for i in rng(1, 3) for j in rng(1, 3)), 's', ints=('n',))
ok('weighted_sum_bias', r'z = \sum_{i=1}^{n} w_i x_i + b', {'w': [0.3, -0.2, 0.5], 'x': X3, 'b': 0.1, 'n': 3},
   lambda v: tsum(at(v.w, i) * at(v.x, i) for i in rng(1, 3)) + v.b, 'z', ints=('n',))
ok('geometric_from_zero', r's = \sum_{k=0}^{3} x^k', {'x': 0.5}, lambda v: tsum(v.x ** k for k in range(0, 4)), 's',
   note='lower bound 0; k is used as an exponent, not an index')
ok('finite_difference_penalty', r's = \sum_{i=2}^{n} (x_i - x_{i-1})^2', {'x': [0.5, 1.5, -0.5, 2.0], 'n': 4},
   lambda v: tsum((at(v.x, i) - at(v.x, i - 1)) ** 2 for i in rng(2, 4)), 's', ints=('n',), note='subscript expression x_{i-1}')
ok('matrix_entry_ij', r'y = \Theta_{ij} x_j', {r'\Theta': W23, 'x': X3, 'i': 2, 'j': 3},
   lambda v: at(v.Theta, 2, 3) * at(v.x, 3), 'y', ints=('i', 'j'))
ok('matrix_entry_comma', r'y = \Theta_{1,2} + \Theta_{2,1}', {r'\Theta': W23}, lambda v: at(v.Theta, 1, 2) + at(v.Theta, 2, 1), 'y')
ok('matrix_vector_by_sum', r'z_i = \sum_{j=1}^{n} W_{ij} x_j', {'W': W23, 'x': X3, 'i': 2, 'n': 3},
   lambda v: tsum(at(v.W, 2, j) * at(v.x, j) for j in rng(1, 3)), 'z_i', ints=('i', 'n'))
ok('prod_sigmoids', r'P = \prod_{i=1}^{n} \sigma(x_i)', {'x': [0.5, 1.5, -0.5], 'n': 3},
   lambda v: tprod(sig(at(v.x, i)) for i in rng(1, 3)), 'P', ints=('n',))
ok('mean_by_sum', r'm = \frac{1}{n}\sum_{i=1}^{n} x_i', {'x': [0.5, 1.5, -0.5], 'n': 3},
   lambda v: tsum(at(v.x, i) for i in rng(1, 3)) / 3, 'm', ints=('n',),
   note='not \\bar{x}: in these notes \\bar{v} is adjoint notation (the lecture)')
ok('sum_bound_inferred', r's = \sum_{i=1}^{n} x_i^2', {'x': [0.5, 1.5, -0.5]},
   lambda v: tsum(at(v.x, i) ** 2 for i in rng(1, 3)), 's', note='n unbound: inferred from the length of x (3), as SPEC §8 row 3')
ok('sum_braced_bounds', r's = \sum_{i = 1}^{N} \left( y_i - w x_i \right)^2', {'y': [1.0, 2.1, 2.9], 'x': [1.0, 2.0, 3.0], 'w': 0.95, 'N': 3},
   lambda v: tsum((at(v.y, i) - v.w * at(v.x, i)) ** 2 for i in rng(1, 3)), 's', ints=('N',))
ok('sum_of_exp_over_matrix_rows', r's = \sum_{i=1}^{m} \exp(w^T x_i)', {'w': [0.3, -0.2, 0.5], 'x': X43, 'm': 4},
   lambda v: tsum(T.exp(v.w @ at(v.x, i)) for i in rng(1, 4)), 's', ints=('m',))
ok('prod_likelihood', r'L = \prod_{i=1}^{n} p_i^{y_i} (1 - p_i)^{1 - y_i}', {'p': [0.7, 0.4, 0.9], 'y': [1, 0, 1], 'n': 3},
   lambda v: tprod(at(v.p, i) ** at(v.y, i) * (1 - at(v.p, i)) ** (1 - at(v.y, i)) for i in rng(1, 3)), 'L', ints=('n',))

# ================================================================ matrices

ok('bmatrix_times_vector', r'A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \\ y = A x', {'x': [0.5, -1.0]},
   lambda v: T.tensor([[1.0, 2.0], [3.0, 4.0]]) @ v.x, 'y', note='\\\\ inside bmatrix separates rows, not equations')
ok('bmatrix_column_vector', r'y = \begin{bmatrix} 2 & -1 \\ 0 & 3 \end{bmatrix} \begin{bmatrix} x_1 \\ x_2 \end{bmatrix}', {'x_1': 0.5, 'x_2': 2},
   lambda v: T.tensor([[2.0, -1.0], [0.0, 3.0]]) @ M([v.x_1], [v.x_2]), 'y', note='a column matrix: the result has shape (2, 1)')
ok('bmatrix_of_expressions', r'\begin{bmatrix} x_1 & x_2 \\ x_1 x_2 & 1 \end{bmatrix}', {'x_1': 0.5, 'x_2': 2},
   lambda v: M([v.x_1, v.x_2], [v.x_1 * v.x_2, T.tensor(1.0)]))
ok('rotation', r'R = \begin{bmatrix} \cos t & -\sin t \\ \sin t & \cos t \end{bmatrix} \\ y = R v', {'t': 0.6, 'v': [1.0, 0.5]},
   lambda v: M([T.cos(v.t), -T.sin(v.t)], [T.sin(v.t), T.cos(v.t)]) @ v.v, 'y')
ok('pmatrix', r'y = \begin{pmatrix} a & b \end{pmatrix} \begin{pmatrix} 1 \\ 2 \end{pmatrix}', {'a': 0.5, 'b': -1.5},
   lambda v: M([v.a, v.b]) @ T.tensor([[1.0], [2.0]]), 'y', note='pmatrix as bmatrix (a user expects the same); shape (1, 1)')
ok('gram_matrix', r'G = A^T A', {'A': W23}, lambda v: v.A.T @ v.A, 'G')
ok('quadratic_form', r'q = x^T A x', {'A': [[2.0, 0.5], [0.5, 1.0]], 'x': [0.3, -0.8]}, lambda v: v.x @ v.A @ v.x, 'q')
ok('least_squares_bmatrix', r'A = \begin{bmatrix} 1 & 0 \\ 1 & 1 \\ 1 & 2 \end{bmatrix} \\ \ell = \|A w - b\|_2^2',
   {'w': [0.5, 0.8], 'b': [0.4, 1.5, 1.9]}, lambda v: sq(T.tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]) @ v.w - v.b), r'\ell')
ok('symmetric_part', r'S = \frac{A + A^\top}{2}', {'A': [[1.0, 2.0], [0.0, 3.0]]}, lambda v: (v.A + v.A.T) / 2, 'S')
ok('matrix_product', r'C = A B', {'A': W23, 'B': [[0.5, -1.0], [0.2, 0.4], [1.5, 0.3]]}, lambda v: v.A @ v.B, 'C')
ok('row_vector_times_vector', r'y = \begin{bmatrix} 1 & 2 & 3 \end{bmatrix} x', {'x': X3},
   lambda v: T.tensor([[1.0, 2.0, 3.0]]) @ v.x, 'y', note='(1, 3) times (3,) has shape (1,)')
ok('matrix_scalar_ops', r'B = 2A - \frac{1}{2} A^T A', {'A': [[1.0, 2.0], [0.0, 3.0]]}, lambda v: 2 * v.A - 0.5 * v.A.T @ v.A, 'B')
ok('bilinear', r'z = u^T W v + b', {'u': [0.5, -1.0], 'W': W23, 'v': X3, 'b': 0.2}, lambda v: v.u @ v.W @ v.v + v.b, 'z')

# ================================================================ several equations, aligned

ok('aligned_logistic', r'\begin{aligned} z &= w x + b \\ a &= \sigma(z) \\ \ell &= (a - y)^2 \end{aligned}',
   {'w': 0.8, 'x': 1.5, 'b': -0.3, 'y': 1}, lambda v: (sig(v.w * v.x + v.b) - v.y) ** 2, r'\ell')
ok('chain_of_definitions', r'u = x^2 \\ v = \sin(u) \\ w = u v \\ y = w + \exp(v)', {'x': 0.9},
   lambda v: v.x ** 2 * T.sin(v.x ** 2) + T.exp(T.sin(v.x ** 2)), 'y')
ok('reuse_intermediate', r'a = x_1 + x_2 \\ b = a^2 \\ c = a b \\ y = b - c', {'x_1': 0.4, 'x_2': 0.3},
   lambda v: (v.x_1 + v.x_2) ** 2 - (v.x_1 + v.x_2) ** 3, 'y', note='a reaches y by several pathways')
ok('walrus_trace', r'v_1 := x \\ v_2 := \exp(v_1) \\ v_3 := v_2 + v_1^2', {'x': 0.5},
   lambda v: T.exp(v.x) + v.x ** 2, 'v_3')
ok('aligned_with_eq_sign_alignment', r'\begin{aligned} h &= \tanh(W x) \\ \hat{y} &= v^T h \end{aligned}',
   {'W': W23, 'x': X3, 'v': [0.5, -1.5]}, lambda v: v.v @ T.tanh(v.W @ v.x), r'\hat{y}')
ok('in_block_literal_then_formula', r'x_1 = 0.5 \\ y = \frac{x_1}{1 + x_1^2}', {}, lambda v: v.x_1 / (1 + v.x_1 ** 2), 'y',
   inblock={'x_1': 0.5})

# ================================================================ function definitions and calls

ok('def_and_call_literal', r'f(x) = x^2 + 3x \\ y = f(2)', {}, lambda v: T.tensor(2.0 ** 2 + 3 * 2), 'y',
   note='no inputs: the parameter x is local to f')
ok('def_and_call_bound', r'f(x) = x^2 \\ y = f(a) + f(2a)', {'a': 0.7}, lambda v: v.a ** 2 + (2 * v.a) ** 2, 'y')
ok('two_param_function', r'g(u, v) = u^2 v \\ z = g(x_1, x_2)', {'x_1': 1.5, 'x_2': -0.5}, lambda v: v.x_1 ** 2 * v.x_2, 'z')
ok('sigmoid_definition', r'\sigma(z) = \frac{1}{1 + e^{-z}}', {'z': 0.8}, lambda v: 1 / (1 + T.exp(-v.z)),
   note='a note defining the sigmoid, evaluated at the bound z; output name left to the parser (\\sigma)')
ok('hypothesis_definition', r'h_\theta(x) = \theta^T x', {r'\theta': TH, 'x': X3}, lambda v: v.theta @ v.x, r'h_\theta',
   note='a function name with a subscript')
ok('bare_call', r'f(x) = \frac{\sin(x)}{x} \\ f(1.5)', {}, lambda v: T.tensor(math.sin(1.5) / 1.5))
ok('composition_defined', r'f(x) = x^2 \\ g(x) = \sin(x) \\ y = f(g(t))', {'t': 0.8}, lambda v: T.sin(v.t) ** 2, 'y')
ok('vector_function_component', r'h(x) = W x \\ y = h_2(x)', {'W': W23, 'x': X3}, lambda v: at(v.W @ v.x, 2), 'y')
ok('loss_function_of_params', r'J(w, b) = \frac{1}{m}\sum_{i=1}^{m}(w x_i + b - y_i)^2',
   {'w': 0.9, 'b': 0.1, 'x': [1.0, 2.0, 3.0], 'y': [1.0, 2.1, 2.9], 'm': 3},
   lambda v: tsum((v.w * at(v.x, i) + v.b - at(v.y, i)) ** 2 for i in rng(1, 3)) / 3, 'J', ints=('m',))
ok('relu_definition', r'\operatorname{relu}(z) = \max(0, z)', {'z': 1.3}, lambda v: T.clamp(v.z, min=0),
   note='redefining relu by its formula, evaluated at the bound z (away from the kink); output name left to the parser')

# ================================================================ derivatives (evaluated by AD)

def d(out, wrt):
    return T.autograd.grad(out, wrt, create_graph=True)[0]


ok('partial_first', r'y = x_1^2 x_2 \\ \frac{\partial y}{\partial x_1}', {'x_1': 1.5, 'x_2': -2},
   lambda v: d(v.x_1 ** 2 * v.x_2, v.x_1), note='a bare derivative: its value is the derivative (SPEC §7)')
ok('partial_second', r'y = x_1^3 x_2 \\ \frac{\partial^2 y}{\partial x_1^2}', {'x_1': 1.5, 'x_2': -2},
   lambda v: d(d(v.x_1 ** 3 * v.x_2, v.x_1), v.x_1))
ok('partial_mixed', r'y = x_1^2 \sin(x_2) \\ \frac{\partial^2 y}{\partial x_1 \partial x_2}', {'x_1': 1.5, 'x_2': 0.4},
   lambda v: d(d(v.x_1 ** 2 * T.sin(v.x_2), v.x_1), v.x_2))
ok('dy_dx', r'y = x^3 - \ln x \\ \frac{dy}{dx}', {'x': 2}, lambda v: d(v.x ** 3 - T.log(v.x), v.x))
ok('nabla_vector', r'\ell = \|X\theta - y\|_2^2 \\ g = \nabla_\theta \ell', {'X': X43, r'\theta': TH, 'y': Y4},
   lambda v: d(sq(v.X @ v.theta - v.y), v.theta), 'g')
ok('partial_wrt_matrix', r'\ell = \|W x - b\|_2^2 \\ G = \frac{\partial \ell}{\partial W}', {'W': W23, 'x': X3, 'b': B2},
   lambda v: d(sq(v.W @ v.x - v.b), v.W), 'G')
ok('lecture_partial', r'y = \ln(x_1) + x_1 x_2 - \sin(x_2) \\ \frac{\partial y}{\partial x_2}', {'x_1': 2, 'x_2': 5},
   lambda v: d(T.log(v.x_1) + v.x_1 * v.x_2 - T.sin(v.x_2), v.x_2), note='x_1 - cos(x_2) = 1.716...')
ok('nabla_softmax_loss', r'\ell = -h_y + \log \sum_{j=1}^{n} \exp(h_j) \\ \nabla_h \ell', {'h': H3, 'y': 2, 'n': 3},
   lambda v: d(-at(v.h, 2) + T.log(tsum(T.exp(at(v.h, j)) for j in rng(1, 3))), v.h), ints=('y', 'n'),
   note='softmax(h) - e_y: (0.090, -0.755, 0.665) as SPEC §8')
ok('derivative_in_definition', r'f = \tanh(w x) \\ s = \frac{\partial f}{\partial w} x', {'w': 0.7, 'x': 1.2},
   lambda v: d(T.tanh(v.w * v.x), v.w) * v.x, 's')

# ================================================================ sampled (status only)

sampled('sampled_mse', r'\ell = (y - \hat{y})^2', r'\ell')
sampled('sampled_layer', r'a = \sigma(w x + b)', 'a')
sampled('sampled_lecture_y', r'y = \ln(x_1) + x_1 \cdot x_2 - \sin(x_2)', 'y', note='x_1, x_2 sampled in [0.5, 2): \\ln is defined')

# ================================================================ not evaluable (never an error)

ne('lecture_limit', r'\frac{\partial f(\theta)}{\partial \theta_i} = \lim_{\epsilon \to 0} \frac{f(\theta + \epsilon e_i) - f(\theta)}{\epsilon}')
ne('lecture_approx', r'\frac{\partial f(\theta)}{\partial \theta_i} \approx \frac{f(\theta + \epsilon \delta) - f(\theta - \epsilon \delta)}{2\epsilon}')
ne('lecture_sum_rule', r'\frac{\partial (f(\theta) + g(\theta))}{\partial \theta}  = \frac{\partial f}{\partial \theta} + \frac{\partial g}{\partial \theta}',
   note='f and g are undefined functions')
ne('limit_e', r'e = \lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n')
ne('integral', r'F = \int_0^1 x^2 \, dx')
ne('expectation', r'\mathcal{L} = \mathbb{E}_{x \sim p}\left[ \log q(x) \right]')
ne('expectation_integral', r'\mathbb{E}[X] = \int x \, p(x) \, dx')
ne('text_prose', r'\ell = \text{cross-entropy}(p, q)')
ne('text_only', r'\text{where } x \text{ is the input}')
ne('approx_relation', r'\sigma(x) \approx \frac{1}{2} + \frac{x}{4}', note='\\approx is a relation')
ne('less_equal_relation', r'\|g\|_2 \le \tau', note='a relation, even with bound names', bindings={'g': G3, r'\tau': 1})
ne('undefined_function_call', r'y = f(x)', note='f is undefined')
ne('undefined_function_in_sum', r'\ell(\theta) = \frac{1}{m}\sum_{i=1}^{m} (h_\theta(x_i) - y_i)^2', note='h_\\theta is undefined here')
ne('lecture_loss_undefined_h', r'\ell(x, y) = -h_y(x) + \log \sum_{j=1}^n \exp(h_j(x))', note='h is undefined in this block')
ne('bayes_undefined_p', r'P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}')
ne('argmin', r'\theta^* = \arg\min_\theta \ell(\theta)')
ne('big_o', r'T(n) = \mathcal{O}(n^2)')
ne('function_signature', r'f: \mathbb{R}^n \to \mathbb{R}^k')
ne('forall_constraint', r'\forall i, \; x_i \ge 0')
ne('svm_constraint', r'\min_w \frac{1}{2}\|w\|^2 \text{ s.t. } y_i w^T x_i \ge 1')
ne('distribution', r'x_t \sim \mathcal{N}(0, 1)')
ne('kl_definition_pipe', r'D_{\mathrm{KL}}(p \| q) = \sum_i p_i \log \frac{p_i}{q_i}',
   note='parameters written p \\| q are outside the definition syntax')
ne('cosh_not_supported', r'\ell = \sum_{i=1}^{n} \log(\cosh(p_i - y_i))', bindings={'p': [0.5, 1.0], 'y': [0.4, 1.5], 'n': 2},
   note='\\cosh is not in the SPEC §2 function set: not-evaluable, never error')
ne('sum_excluding_index', r'\ell = \sum_{j \neq y} \max(0, s_j - s_y + 1)', bindings={'s': [2.0, 1.5, -0.3], 'y': 1},
   note='a sum over j \\neq y is outside the \\sum_{j=1}^{n} form')
ne('ellipsis', r's = x_1 + x_2 + \cdots + x_n', note='\\cdots is not evaluable')
ne('composition_operator', r'h = f \circ g')
ne('hessian_undefined', r'H = \nabla^2 f(x)')
ne('ode', r'\frac{d}{dt} x(t) = -k x(t)')
ne('determinant', r'y = \det(A)', bindings={'A': [[1.0, 2.0], [3.0, 4.0]]}, note='\\det is not in the function set')
ne('trace_operator', r'\operatorname{tr}(A^T B)', note='tr is not in the function set')
ne('set_builder', r'S = \{ x : \|x\| \le 1 \}')
ne('lecture_partial_adjoint', r'\bar{v}_i = \sum_{j \in \text{next}(i)} v_i \rightarrow v_j')
ne('lecture_chain_rule', r'\frac{\partial f(g(\theta))}{\partial \theta} = \frac{\partial f(g)}{\partial g(\theta)} \cdot \frac{\partial g(\theta)}{\partial \theta}')
ne('lecture_tensor_adjoint', r'\bar{Z} = \frac{\partial y}{\partial Z} = \begin{bmatrix} \frac{\partial y}{\partial Z_{1,1}} & \cdots & \frac{\partial y}{\partial Z_{1,n}} \\ \vdots & \ddots & \vdots \\ \frac{\partial y}{\partial Z_{m,1}} & \cdots & \frac{\partial y}{\partial Z_{m,n}} \end{bmatrix}')
ne('lecture_mapsto', r'x \rightarrow h_\theta(x)')
ne('broken_frac', r'y = \frac{1}{', note='broken LaTeX: not-evaluable, never error (DEVELOPERS Contract 2)')
ne('broken_paren', r'y = (x + 1', note='unbalanced parenthesis: never error for LaTeX')
ne('broken_env', r'A = \begin{bmatrix} 1 & 2 \\ 3 & 4', note='unclosed environment')
ne('unknown_macro', r'y = \foo{x} + 1', note='unknown command')
ne('dangling_superscript', r'y = x^', note='dangling ^')
ne('only_shape_declaration', r'\theta \in \mathbb{R}^{n}', note='a shape declaration alone has no value')

# ================================================================ errors (evaluable but failing)

err('ln_negative', r'y = \ln(x)', {'x': -1}, lambda v: T.log(v.x), 'SPEC §6: \\ln of a negative')
err('log_one_minus_p', r'\ell = -\log(1 - p)', {'p': 1.5}, lambda v: -T.log(1 - v.p), '\\log of a negative (1 - p = -0.5)')
err('ln_difference_negative', r'y = \ln(x_1 - x_2)', {'x_1': 1, 'x_2': 3}, lambda v: T.log(v.x_1 - v.x_2), '\\ln of -2')
err('ln_inside_sum_negative', r's = \sum_{i=1}^{n} \ln x_i', {'x': [1.0, -2.0, 3.0], 'n': 3},
    lambda v: tsum(T.log(at(v.x, i)) for i in rng(1, 3)), '\\ln of the negative entry x_2', ints=('n',))
err('sqrt_negative', r'y = \sqrt{x}', {'x': -4}, lambda v: T.sqrt(v.x), 'square root of a negative: NaN, reported like \\ln')
err('label_out_of_range', r'\ell = -h_y + \log \sum_{j=1}^{n} \exp(h_j)', {'h': H3, 'y': 5, 'n': 3},
    lambda v: -at(v.h, v.y), 'h_5 with h of length 3: index out of range', ints=('y', 'n'))
err('index_zero_one_based', r'y = h_0', {'h': H3}, lambda v: at(v.h, 0), 'indexing is 1-based: h_0 is out of range')
err('sum_bound_past_end', r's = \sum_{i=1}^{5} x_i', {'x': [1.0, 2.0, 3.0]}, lambda v: tsum(at(v.x, i) for i in rng(1, 5)), 'x_4, x_5 do not exist')
err('sum_bound_n_past_end', r'z = \log \sum_{j=1}^{n} \exp(h_j)', {'h': H3, 'n': 4},
    lambda v: tsum(T.exp(at(v.h, j)) for j in rng(1, 4)), 'n = 4 but h has 3 entries', ints=('n',))
err('matvec_shape_mismatch', r'y = W x', {'W': W23, 'x': [1.0, 2.0]}, lambda v: v.W @ v.x, '(2,3) times (2,): inner dimensions differ')
err('broadcast_mismatch', r'z = x + y', {'x': [1.0, 2.0, 3.0], 'y': [1.0, 2.0]}, lambda v: v.x + v.y, 'shapes (3,) and (2,) do not broadcast')
err('matmul_mismatch', r'C = A B', {'A': W23, 'B': W23}, lambda v: v.A @ v.B, '(2,3) @ (2,3)')
err('dot_length_mismatch', r's = x^T y', {'x': [1.0, 2.0, 3.0], 'y': [1.0, 2.0, 3.0, 4.0]}, lambda v: v.x @ v.y, 'vectors of lengths 3 and 4')
err('attention_value_rows_mismatch', r'A = \mathrm{softmax}(Q K^T) V', {'Q': Q23, 'K': K43, 'V': [[1.0, 0.0], [0.0, 1.0]]},
    lambda v: T.softmax(v.Q @ v.K.T, -1) @ v.V, 'softmax(QK^T) is (2,4) but V has 2 rows')
err('ragged_bmatrix', r'A = \begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix} \\ y = A x', {'x': [1.0, 2.0]},
    lambda v: T.tensor([[1.0, 2.0], [3.0]]), 'rows of different lengths (a user mistake worth showing)')
err('layer_bias_mismatch', r'a = \sigma(W x + b)', {'W': W23, 'x': X3, 'b': [0.1, 0.2, 0.3]},
    lambda v: sig(v.W @ v.x + v.b), 'W x has shape (2,) but b has (3,)')

# ================================================================ notation real notes use (issue 12, SPEC §2)

U2 = [1.0, 2.0]
V2 = [3.0, 4.0]
WV = [0.5, -2.0, 1.5]

ok('log_base_2', r'a = -\log_2 p', {'p': 0.25}, lambda v: -T.log(v.p) / math.log(2), 'a')
ok('log_base_braced', r'c = \log_{b} x', {'b': 3.0, 'x': 7.0}, lambda v: T.log(v.x) / T.log(v.b), 'c')
ok('log_base_10_entropy', r'H = -\sum_{i=1}^{n} p_i \log_{10} p_i', {'p': P4, 'n': 4},
   lambda v: -tsum(at(v.p, i) * T.log(at(v.p, i)) / math.log(10) for i in rng(1, 4)), 'H', ints=('n',))
ok('entropy_bits', r'H = -\sum_i p_i \log_2 p_i', {'p': Q4}, lambda v: -(v.p * T.log(v.p) / math.log(2)).sum(), 'H')
ok('norm_1', r'r = \|w\|_1', {'w': WV}, lambda v: v.w.abs().sum(), 'r')
ok('norm_inf', r'r = \|w\|_\infty', {'w': WV}, lambda v: v.w.abs().max(), 'r')
ok('lasso_penalty', r'J = \frac{1}{2}\|X w - y\|_2^2 + \lambda \|w\|_1', {'X': X43, 'w': [0.3, -0.2, 0.5], 'y': Y4, r'\lambda': 0.1},
   lambda v: 0.5 * sq(v.X @ v.w - v.y) + v['\\lambda'] * v.w.abs().sum(), 'J')
ok('elastic_net', r'R = \alpha \|w\|_1 + \frac{1 - \alpha}{2} \|w\|_2^2', {'w': WV, r'\alpha': 0.3},
   lambda v: v.alpha * v.w.abs().sum() + (1 - v.alpha) / 2 * sq(v.w), 'R')
ok('frobenius_norm', r'r = \|A\|_F', {'A': [[1.0, 2.0], [3.0, 4.0]]}, lambda v: norm(v.A), 'r')
ok('frobenius_weight_decay', r's = \frac{\lambda}{2}\left(\|W\|_F^2 + \|V\|_F^2\right)', {'W': W23, 'V': [[1.0, -1.0], [0.5, 2.0]], r'\lambda': 0.01},
   lambda v: v['\\lambda'] / 2 * (sq(v.W) + sq(v.V)), 's')
# d2l's backprop chapter writes the subscript in roman: \|W\|_\textrm{F}
ok('frobenius_textrm', r's = \frac{\lambda}{2} \left(\|\mathbf{W}^{(1)}\|_\textrm{F}^2 + \|\mathbf{W}^{(2)}\|_\mathrm{F}^2\right)',
   {'W^{(1)}': W23, 'W^{(2)}': [[1.0, -1.0], [0.5, 2.0]], r'\lambda': 0.01},
   lambda v: v['\\lambda'] / 2 * (sq(v['W^{(1)}']) + sq(v['W^{(2)}'])), 's')
ok('max_abs_error', r'e = \|\hat{y} - y\|_\infty', {r'\hat{y}': [1.1, 1.9, 3.2], 'y': [1.0, 2.0, 3.0]},
   lambda v: (v['\\hat{y}'] - v.y).abs().max(), 'e')
ok('hadamard_product', r'f = u \odot v', {'u': U2, 'v': V2}, lambda v: v.u * v.v, 'f')
ok('hadamard_gate', r'c = f \odot c_{prev} + i \odot g', {'f': [0.2, 0.9], 'c_prev': [1.0, -1.0], 'i': [0.5, 0.1], 'g': [0.3, -0.4]},
   lambda v: v.f * v.c_prev + v.i * v.g, 'c', note='an LSTM cell update')
ok('outer_otimes', r'g = u \otimes v', {'u': U2, 'v': V2}, lambda v: T.outer(v.u, v.v), 'g')
ok('outer_transpose', r'h = u v^\top', {'u': U2, 'v': V2}, lambda v: T.outer(v.u, v.v), 'h')
ok('weight_gradient_outer', r'G = (W x - y) x^\top', {'W': W23, 'x': X3, 'y': B2}, lambda v: T.outer(v.W @ v.x - v.y, v.x), 'G')
ok('dot_transpose', r's = u^\top v', {'u': U2, 'v': V2}, lambda v: v.u @ v.v, 's')
ok('circ_elementwise', r'z = x \circ y', {'x': U2, 'y': V2}, lambda v: v.x * v.y, 'z')
ok('variance_lhs_power', r'\sigma^2 = \frac{1}{n}\sum_{i=1}^{n} (x_i - \mu)^2', {'x': LN_X, r'\mu': 1.0, 'n': 4},
   lambda v: tsum((at(v.x, i) - v.mu) ** 2 for i in rng(1, 4)) / 4, r'\sigma^2', ints=('n',))
ok('variance_then_normalise', r'\sigma^2 = \frac{1}{3}\sum_{i=1}^{3} (x_i - \mu)^2 \\ \hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}',
   {'x': [0.5, 1.5, -0.5], r'\mu': 0.5, r'\epsilon': 1e-5},
   lambda v: (v.x - v.mu) / T.sqrt(tsum((at(v.x, i) - v.mu) ** 2 for i in rng(1, 3)) / 3 + v.epsilon), r'\hat{x}')
ok('named_loss_function', r'\ell_{ce}(z, y) = -\log \mathrm{softmax}(z)_y', {'z': H3, 'y': 2},
   lambda v: -T.log_softmax(v.z, 0)[1], r'\ell_{ce}', ints=('y',), note='the subscript ce is part of the name; y is an index')
ok('named_loss_called', r'\ell_{ce}(z, y) = \log \sum_j \exp z_j - z_y \\ L = \ell_{ce}(z, 3)', {'z': [0.5, -1.0, 2.0]},
   lambda v: T.logsumexp(v.z, 0) - v.z[2], 'L')
ok('softmax_word_subscript', r'\ell_{\mathrm{softmax}}(z, y) = \log \sum_{i=1}^{k} \exp z_i - z_y \\ L = \ell_{\mathrm{softmax}}(z, 1)',
   {'z': [0.5, -1.0, 2.0], 'k': 3}, lambda v: T.logsumexp(v.z, 0) - v.z[0], 'L', ints=('k',), note='homework 0 of CMU 10-714 writes it so')
ok('dzeta_dx_function', r'\zeta(x) = x^3 - 2x \\ \frac{d\zeta}{dx}', {'x': 1.5}, lambda v: d(v.x ** 3 - 2 * v.x, v.x))
ok('partial_of_function_two_params', r'f(x, y) = x^2 y + \sin y \\ \frac{\partial f}{\partial y}', {'x': 1.5, 'y': 0.4},
   lambda v: d(v.x ** 2 * v.y + T.sin(v.y), v.y))
ok('second_derivative_of_function', r'g(t) = e^{2t} \\ \frac{d^2 g}{dt^2}', {'t': 0.3}, lambda v: d(d(T.exp(2 * v.t), v.t), v.t))
ok('text_where', r'\ell = c^2 \quad \text{where} \quad c = a b', {'a': 2.0, 'b': 3.0}, lambda v: (v.a * v.b) ** 2, r'\ell')
ok('text_with_and', r'\ell = c^2 + d \quad \text{with} \quad c = a b \quad \text{and} \quad d = a', {'a': 2.0, 'b': 3.0},
   lambda v: (v.a * v.b) ** 2 + v.a, r'\ell')
ok('text_and_two_definitions', r'y = u + v, \quad u = a^2 \;\text{and}\; v = \sin a', {'a': 0.7},
   lambda v: v.a ** 2 + T.sin(v.a), 'y')
ne('taylor_restatement', r'f(x) = f(0) + x f\'(0) + \frac{x^2}{2} f\'\'(0)', note='f on both sides at other arguments states a property')
ne('symmetry_restatement', r'k(x, y) = k(y, x)', note='a symmetry, not a definition')
ne('log_law_restatement', r'\log n_i = -\alpha \log i + c', note='reads as a law about \\log, not a definition of it')
ne('p_norm_general', r'r = \|w\|_p', bindings={'w': WV}, note='a general p-norm is not evaluable')

# ================================================================ integers, products of vectors, more notation (issue 12)

ok('mse_one_over_m', r'J = \frac{1}{m}\sum_{i=1}^{m} (w x_i + b - y_i)^2', {'w': 0.8, 'b': 0.2, 'x': [1.0, 2.0, 3.0], 'y': [1.1, 1.9, 3.2], 'm': 3},
   lambda v: tsum((v.w * at(v.x, i) + v.b - at(v.y, i)) ** 2 for i in rng(1, 3)) / 3, 'J', ints=('m',), note='m is an integer: no gradient')
ok('mean_over_n_subscripted', r'\mu = \frac{1}{n_{\textrm{in}}}\sum_{j=1}^{n_{\textrm{in}}} x_j', {'x': [0.5, 1.5, 2.5, -0.5], r'n_{\textrm{in}}': 4},
   lambda v: v.x.sum() / 4, r'\mu', ints=(r'n_{\textrm{in}}',))
ok('logistic_mean_loss', r'L = -\frac{1}{m}\sum_{i=1}^{m} \left( y_i \log \sigma(z_i) + (1 - y_i) \log(1 - \sigma(z_i)) \right)',
   {'z': [0.3, -1.2, 2.0], 'y': [1, 0, 1], 'm': 3},
   lambda v: -tsum(at(v.y, i) * T.log(sig(at(v.z, i))) + (1 - at(v.y, i)) * T.log(1 - sig(at(v.z, i))) for i in rng(1, 3)) / 3, 'L', ints=('m',))
ok('softmax_ce_mean', r'L = \frac{1}{m}\sum_{i=1}^{m} \left( \log \sum_{j=1}^{k} \exp Z_{ij} - Z_{i,1} \right)', {'Z': [[0.5, -1.0, 2.0], [1.0, 0.0, -1.0]], 'm': 2, 'k': 3},
   lambda v: tsum(T.logsumexp(at(v.Z, i), 0) - at(v.Z, i, 1) for i in rng(1, 2)) / 2, 'L', ints=('m', 'k'))
ok('time_index_minus_one', r'y = h_{t-1} + h_{t+1}', {'h': [1.0, 2.0, 3.0, 4.0], 't': 2}, lambda v: at(v.h, 1) + at(v.h, 3), 'y', ints=('t',))
ok('outer_then_sum', r's = \sum_{i=1}^{2}\sum_{j=1}^{2} (u v^\top)_{ij}', {'u': U2, 'v': V2}, lambda v: T.outer(v.u, v.v).sum(), 's')
ok('rank_one_update', r'A = B + \eta\, g g^\top', {'B': [[1.0, 0.0], [0.0, 1.0]], r'\eta': 0.1, 'g': [0.5, -1.5]},
   lambda v: v.B + v.eta * T.outer(v.g, v.g), 'A')
ok('quadratic_form_top', r'q = x^\top A x', {'x': [1.0, -2.0], 'A': [[2.0, 0.5], [0.5, 1.0]]}, lambda v: v.x @ v.A @ v.x, 'q')
ok('row_times_matrix', r'r = u^\top A', {'u': U2, 'A': [[2.0, 0.5], [0.5, 1.0]]}, lambda v: v.u @ v.A, 'r')
ok('hadamard_then_dot', r's = w^\top (u \odot v)', {'w': [0.5, -1.0], 'u': U2, 'v': V2}, lambda v: v.w @ (v.u * v.v), 's')
ok('gated_residual', r'y = x + g \odot \tanh(W x)', {'x': [0.5, -1.0], 'g': [0.3, 0.7], 'W': [[1.0, 0.5], [-0.5, 1.0]]},
   lambda v: v.x + v.g * T.tanh(v.W @ v.x), 'y')
ok('dot_cdot_vectors', r's = u \cdot v', {'u': U2, 'v': V2}, lambda v: v.u @ v.v, 's')
ok('scalar_times_outer', r'G = \alpha\, u \otimes v', {r'\alpha': 0.5, 'u': U2, 'v': V2}, lambda v: v.alpha * T.outer(v.u, v.v), 'G')
ok('log2_cross_entropy', r'H = -\sum_{i=1}^{n} p_i \log_2 q_i', {'p': P4, 'q': Q4, 'n': 4},
   lambda v: -tsum(at(v.p, i) * T.log(at(v.q, i)) / math.log(2) for i in rng(1, 4)), 'H', ints=('n',))
ok('kl_bits', r'D = \sum_{i=1}^{n} p_i \log_2 \frac{p_i}{q_i}', {'p': P4, 'q': Q4, 'n': 4},
   lambda v: tsum(at(v.p, i) * T.log(at(v.p, i) / at(v.q, i)) / math.log(2) for i in rng(1, 4)), 'D', ints=('n',))
ok('l1_of_difference', r'e = \|\hat{y} - y\|_1', {r'\hat{y}': [1.1, 1.9, 3.2], 'y': [1.0, 2.0, 3.0]}, lambda v: (v['\\hat{y}'] - v.y).abs().sum(), 'e')
ok('inf_norm_of_gradient_step', r'\delta = \eta \|g\|_\infty', {r'\eta': 0.1, 'g': [0.5, -2.0, 1.0]}, lambda v: v.eta * v.g.abs().max(), r'\delta')
ok('std_from_variance', r'\sigma^2 = \frac{1}{4}\sum_{i=1}^{4} x_i^2 \\ s = \sqrt{\sigma^2}', {'x': LN_X},
   lambda v: T.sqrt(tsum(at(v.x, i) ** 2 for i in rng(1, 4)) / 4), 's')
ok('hinge_named_function', r'\ell_{hinge}(s) = \max(0, 1 - s) \\ L = \ell_{hinge}(0.3) + \ell_{hinge}(a)', {'a': -0.5},
   lambda v: T.clamp(1 - T.tensor(0.3), min=0) + T.clamp(1 - v.a, min=0), 'L')
ok('mse_named_function', r'\ell_{mse}(p, t) = (p - t)^2 \\ L = \ell_{mse}(w x, y)', {'w': 0.7, 'x': 2.0, 'y': 1.0},
   lambda v: (v.w * v.x - v.y) ** 2, 'L')
ok('dg_dt_at_t', r'g(t) = t \sin t \\ \frac{dg}{dt}', {'t': 0.8}, lambda v: d(v.t * T.sin(v.t), v.t))
ok('partial_f_x_of_two', r'f(x, y) = e^{x y} \\ \frac{\partial f}{\partial x}', {'x': 0.5, 'y': -1.5}, lambda v: d(T.exp(v.x * v.y), v.x))
ok('with_clause_vector', r'L = \|r\|^2 \quad \text{with} \quad r = A w - b', {'A': [[1.0, 2.0], [3.0, 4.0]], 'w': [0.5, -0.5], 'b': [1.0, 0.0]},
   lambda v: sq(v.A @ v.w - v.b), 'L')
ok('and_two_layers', r'o = W_2 h \quad \text{and} \quad h = \tanh(W_1 x)', {'W_2': [[1.0, -1.0]], 'W_1': [[0.5, 0.2], [-0.3, 0.8]], 'x': [1.0, 2.0]},
   lambda v: v.W_2 @ T.tanh(v.W_1 @ v.x), 'o')
ok('first_column_entry', r's = \sum_{i=1}^{2} Z_{i1}', {'Z': [[0.5, -1.0, 2.0], [1.0, 0.0, -1.0]]}, lambda v: v.Z[:, 0].sum(), 's',
   note='Z_{i1}: one index per letter or digit')
ok('attention_weights_sqrt_d', r'\alpha = \mathrm{softmax}\left(\frac{q^\top K^\top}{\sqrt{d}}\right)', {'q': [0.5, -1.0, 2.0], 'K': [[1.0, 0.0, 0.5], [0.2, -0.3, 1.0]], 'd': 3},
   lambda v: T.softmax((v.q @ v.K.T) / math.sqrt(3), 0), r'\alpha', ints=('d',), note='scaled dot-product attention weights of one query')
ok('batch_norm_with_sums', r'\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i \\ \sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (x_i - \mu_B)^2 \\ \hat{x} = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}',
   {'x': [0.5, 1.5, -0.5, 2.5], 'm': 4, r'\epsilon': 1e-5},
   lambda v: (v.x - v.x.sum() / 4) / T.sqrt(((v.x - v.x.sum() / 4) ** 2).sum() / 4 + v.epsilon), r'\hat{x}', ints=('m',))
ne('h_t_restated', r'h_t = f(h_{t-1}, x_t)', note='f is undefined')
ne('expectation_identity', r'H(X, Y) = H(X) + H(Y \mid X)', note='H on both sides at other arguments: a property of H')


def main():
    ids = [it['id'] for it in ITEMS]
    assert len(ids) == len(set(ids)), 'duplicate ids'
    counts = {k: sum(1 for it in ITEMS if it['expected'] == k) for k in ('ok', 'not-evaluable', 'error')}
    path = os.path.join(HERE, 'latex-corpus.json')
    with open(path, 'w') as f:
        f.write('{"generator": "test/corpus/latex_corpus.py", "torch": %s, "dtype": "float64", "counts": %s,\n"items": [\n'
                % (json.dumps(T.__version__), json.dumps(counts)))
        f.write(',\n'.join(json.dumps(it, separators=(',', ':'), ensure_ascii=False) for it in ITEMS))
        f.write('\n]}\n')
    print(f'wrote {path}: {len(ITEMS)} items {counts}')


if __name__ == '__main__':
    main()
