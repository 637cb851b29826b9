"""Golden values for the engine, computed by PyTorch in float64.

Regenerate (PyTorch is needed only here, never in CI):
    /usr/bin/python3 test/goldens/engine_goldens.py      # writes test/goldens/engine.json

Every case is data: its inputs, and a small straight-line `program` that both this script (with
torch) and test/unit/goldens/engine-goldens.test.ts (with the engine) interpret step by step, so
the two sides cannot drift apart. A step is [result, op, args, attrs]:
  - op and attrs follow the engine's Contract 1 (DEVELOPERS.md): sum(a, axes, keepdims),
    softmax(a, axis), index(a, i, axis), slice(a, specs), gather(a, indices, axis), ...
  - an arg is the name of an input, a constant or an earlier result; a number literal; or a list
    of names (stack, concat).
Where a case has an independent torch formulation (F.cross_entropy, ...), the program's value is
checked against it here, so the program really computes what its `expr` says.

A non-scalar output is differentiated with a seed of ones (= gradient of its sum), as grad() does.
`jvps` are forward-mode goldens (torch.autograd.functional.jvp) for jvp() on some of the cases.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
DT = torch.float64
HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- program interpreter (torch side)

def _dims(a, axes):
    if axes is None:
        return tuple(range(a.dim()))
    return tuple(axes) if isinstance(axes, list) else (axes,)


def _reduce(fn):
    def run(a, axes=None, keepdims=False):
        dims = _dims(a, axes)
        if not dims:  # 0-d input: nothing to reduce
            return a
        return fn(a, dims, keepdims)
    return run


def _slice(a, specs):
    key = []
    for s in specs:
        if isinstance(s, int):
            key.append(s)
        else:
            key.append(slice(s.get('start'), s.get('stop'), s.get('step')))
    return a[tuple(key)]


OPS = {
    'add': torch.add, 'sub': torch.sub, 'mul': torch.mul, 'div': torch.div, 'pow': torch.pow,
    'neg': torch.neg, 'exp': torch.exp, 'log': torch.log, 'sin': torch.sin, 'cos': torch.cos,
    'tan': torch.tan, 'tanh': torch.tanh, 'sigmoid': torch.sigmoid, 'relu': torch.relu,
    'abs': torch.abs, 'sqrt': torch.sqrt, 'maximum': torch.maximum, 'minimum': torch.minimum,
    'matmul': torch.matmul,
    'transpose': lambda a, axes=None: a.permute(*(axes if axes is not None else reversed(range(a.dim())))),
    'reshape': lambda a, shape: a.reshape(shape),
    'broadcastTo': lambda a, shape: a.expand(*shape),
    'sum': _reduce(lambda a, d, k: torch.sum(a, dim=d, keepdim=k)),
    'mean': _reduce(lambda a, d, k: torch.mean(a, dim=d, keepdim=k)),
    'max': _reduce(lambda a, d, k: torch.amax(a, dim=d, keepdim=k)),
    'logsumexp': _reduce(lambda a, d, k: torch.logsumexp(a, dim=d, keepdim=k)),
    'softmax': lambda a, axis=-1: torch.softmax(a, dim=axis),
    'logSoftmax': lambda a, axis=-1: torch.log_softmax(a, dim=axis),
    'index': lambda a, i, axis=0: torch.select(a, axis, i),
    'slice': _slice,
    'gather': lambda a, indices, axis=0: torch.index_select(a, axis, torch.tensor(indices)),
    'stack': lambda ts, axis=0: torch.stack(ts, dim=axis),
    'concat': lambda ts, axis=0: torch.cat(ts, dim=axis),
    'where': lambda c, a, b: torch.where(c != 0, a, b),
}


def run_program(program, env):
    env = dict(env)
    last = None
    for step in program:
        out, op, args = step[0], step[1], step[2]
        attrs = step[3] if len(step) > 3 else {}

        def arg(a):
            if isinstance(a, str):
                return env[a]
            if isinstance(a, list):
                return [env[n] for n in a]
            return torch.tensor(float(a), dtype=DT)
        env[out] = OPS[op](*[arg(a) for a in args], **attrs)
        last = out
    return env[last]


def leaves(inputs, constants):
    env = {k: torch.tensor(v, dtype=DT, requires_grad=True) for k, v in inputs.items()}
    env.update({k: torch.tensor(v, dtype=DT) for k, v in constants.items()})
    return env


def tolist(t):
    return t.detach().clone().tolist()


# ---------------------------------------------------------------- first-order cases

CASES = []


def case(id, expr, inputs, program, constants=None, reference=None):
    """reference(env) -> tensor: an independent torch formulation the program must agree with."""
    constants = constants or {}
    env = leaves(inputs, constants)
    out = run_program(program, env)
    if reference is not None:
        ref = reference(env)
        assert torch.allclose(out, ref, rtol=1e-12, atol=1e-12), (id, out, ref)
    names = list(inputs)
    grads = torch.autograd.grad(out, [env[n] for n in names], grad_outputs=torch.ones_like(out), allow_unused=True)
    CASES.append({
        'id': id, 'expr': expr, 'inputs': inputs, 'constants': constants, 'program': program,
        'value': tolist(out),
        'grad': {n: tolist(g if g is not None else torch.zeros_like(env[n])) for n, g in zip(names, grads)},
    })
    return env


def randn(gen, *shape):
    return torch.randn(*shape, generator=gen, dtype=DT)


def away_from_zero(t, margin=0.05):
    """Push entries off the kinks of relu/abs so that finite behaviour is unambiguous."""
    return torch.where(t.abs() < margin, t.sign() * margin + (t == 0) * margin, t)


g = torch.Generator().manual_seed(20261127)

# 2-layer MLP, ReLU, softmax cross-entropy with integer labels (one-hot mask picks the label logit).
X = randn(g, 4, 5)
W1 = randn(g, 5, 8) * 0.7
b1 = randn(g, 8) * 0.1
W2 = randn(g, 8, 3) * 0.7
b2 = randn(g, 3) * 0.1
labels = [0, 2, 1, 2]
pre = X @ W1 + b1
assert pre.abs().min() > 1e-3, 'MLP pre-activation too close to the relu kink: change the seed'
mlp_inputs = {'X': X.tolist(), 'W1': W1.tolist(), 'b1': b1.tolist(), 'W2': W2.tolist(), 'b2': b2.tolist()}
mlp_program = [
    ['z1', 'matmul', ['X', 'W1']], ['a1', 'add', ['z1', 'b1']], ['h1', 'relu', ['a1']],
    ['z2', 'matmul', ['h1', 'W2']], ['logits', 'add', ['z2', 'b2']],
    ['lse', 'logsumexp', ['logits'], {'axes': 1}],
    ['masked', 'mul', ['logits', 'Y']], ['picked', 'sum', ['masked'], {'axes': 1}],
    ['per', 'sub', ['lse', 'picked']], ['loss', 'mean', ['per']],
]
mlp_constants = {'Y': F.one_hot(torch.tensor(labels), 3).to(DT).tolist()}
case('mlp_relu_softmax_ce',
     'mean(logsumexp(relu(X@W1+b1)@W2+b2, axis 1) - logits[i, labels[i]]), labels [0,2,1,2] as one-hot Y',
     mlp_inputs, mlp_program, mlp_constants,
     reference=lambda e: F.cross_entropy(torch.relu(e['X'] @ e['W1'] + e['b1']) @ e['W2'] + e['b2'], torch.tensor(labels)))

# Logistic regression: sigmoid + binary cross-entropy, mean over the batch.
Xl = randn(g, 6, 3)
wl = randn(g, 3)
targets = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]
case('logistic_regression_bce',
     'mean(-(t*log(sigmoid(X@w+b)) + (1-t)*log(1-sigmoid(X@w+b))))',
     {'X': Xl.tolist(), 'w': wl.tolist(), 'b': 0.3},
     [['z', 'matmul', ['X', 'w']], ['zb', 'add', ['z', 'b']], ['p', 'sigmoid', ['zb']],
      ['logp', 'log', ['p']], ['q', 'sub', [1, 'p']], ['logq', 'log', ['q']], ['u', 'sub', [1, 't']],
      ['pos', 'mul', ['t', 'logp']], ['neg_', 'mul', ['u', 'logq']], ['ll', 'add', ['pos', 'neg_']],
      ['nll', 'neg', ['ll']], ['loss', 'mean', ['nll']]],
     {'t': targets},
     reference=lambda e: F.binary_cross_entropy(torch.sigmoid(e['X'] @ e['w'] + e['b']), torch.tensor(targets)))

# Least squares ||Ax - b||^2.
A = randn(g, 5, 3)
case('least_squares',
     'sum((A@x - b)^2)',
     {'A': A.tolist(), 'x': randn(g, 3).tolist(), 'b': randn(g, 5).tolist()},
     [['Ax', 'matmul', ['A', 'x']], ['r', 'sub', ['Ax', 'b']], ['r2', 'pow', ['r', 2]], ['loss', 'sum', ['r2']]],
     reference=lambda e: torch.linalg.norm(e['A'] @ e['x'] - e['b']) ** 2)

# Deep scalar chain: 50 ops cycling sin, exp, log, mul-by-c.
chain = []
prev = 'x'
for i in range(50):
    kind = ['sin', 'exp', 'log', 'mul'][i % 4]
    out = f'v{i + 1}'
    chain.append([out, kind, [prev, 'c'] if kind == 'mul' else [prev]])
    prev = out


def chain_reference(e):
    v = e['x']
    for i in range(50):
        v = [torch.sin, torch.exp, torch.log, lambda t: t * e['c']][i % 4](v)
    return v


case('deep_scalar_chain_50', 'x -> sin -> exp -> log -> *c, repeated (50 ops)',
     {'x': 0.7, 'c': 1.1}, chain, reference=chain_reference)

# The lecture's scalar example (SPEC §8): value 11.652071455223084, gradient (5.5, 1.7163378145367738).
case('lecture_scalar', 'log(x1) + x1*x2 - sin(x2)', {'x1': 2.0, 'x2': 5.0},
     [['v3', 'log', ['x1']], ['v4', 'mul', ['x1', 'x2']], ['v5', 'sin', ['x2']],
      ['v6', 'add', ['v3', 'v4']], ['y', 'sub', ['v6', 'v5']]])

# Product of theta's entries (SPEC §8: 24, gradient (24, 12, 8, 6)).
case('product_of_entries', 'theta[0]*theta[1]*theta[2]*theta[3]', {'theta': [1.0, 2.0, 3.0, 4.0]},
     [['t0', 'index', ['theta'], {'i': 0}], ['t1', 'index', ['theta'], {'i': 1}],
      ['t2', 'index', ['theta'], {'i': 2}], ['t3', 'index', ['theta'], {'i': -1}],
      ['p01', 'mul', ['t0', 't1']], ['p012', 'mul', ['p01', 't2']], ['f', 'mul', ['p012', 't3']]])

# SPEC §8 softmax loss with 1-based label y=2 (0-based index 1).
case('softmax_loss_spec', '-h[1] + log(sum(exp(h)))', {'h': [1.0, 2.0, 3.0]},
     [['hy', 'index', ['h'], {'i': 1}], ['e', 'exp', ['h']], ['s', 'sum', ['e']], ['ls', 'log', ['s']],
      ['nhy', 'neg', ['hy']], ['l', 'add', ['nhy', 'ls']]])

# logsumexp over axes, with and without keepdims (manual log-softmax), non-scalar output.
Z = randn(g, 3, 4)
case('logsumexp_axes', 'Z - logsumexp(Z, axis 1, keepdims) (non-scalar: seed ones)', {'Z': Z.tolist()},
     [['m', 'logsumexp', ['Z'], {'axes': 1, 'keepdims': True}], ['ls', 'sub', ['Z', 'm']]],
     reference=lambda e: torch.log_softmax(e['Z'], dim=1))
case('logsumexp_all_and_axis0', 'logsumexp(Z) * sum(logsumexp(Z, axis 0) * w)',
     {'Z': randn(g, 3, 4).tolist(), 'w': randn(g, 4).tolist()},
     [['a', 'logsumexp', ['Z']], ['b', 'logsumexp', ['Z'], {'axes': [0]}], ['bw', 'mul', ['b', 'w']],
      ['s', 'sum', ['bw']], ['y', 'mul', ['a', 's']]])

# softmax · weights, softmax over axis 0 of a matrix, logSoftmax.
case('softmax_dot_weights', 'sum(softmax(z) * w)', {'z': randn(g, 5).tolist(), 'w': randn(g, 5).tolist()},
     [['p', 'softmax', ['z']], ['pw', 'mul', ['p', 'w']], ['y', 'sum', ['pw']]])
case('softmax_axis0_matrix', 'sum(softmax(Z, axis 0) * C) + sum(logSoftmax(Z, axis 1) * D)',
     {'Z': randn(g, 3, 4).tolist()},
     [['p', 'softmax', ['Z'], {'axis': 0}], ['pc', 'mul', ['p', 'C']], ['a', 'sum', ['pc']],
      ['q', 'logSoftmax', ['Z'], {'axis': 1}], ['qd', 'mul', ['q', 'D']], ['b', 'sum', ['qd']], ['y', 'add', ['a', 'b']]],
     {'C': randn(g, 3, 4).tolist(), 'D': randn(g, 3, 4).tolist()})

# Batched matmul with broadcasting: (2,1,3,4) @ (3,4,2) -> (2,3,3,2); matrix @ vector; vector @ matrix.
case('matmul_batched_broadcast', 'tanh(A @ B), A (2,1,3,4), B (3,4,2) -> (2,3,3,2), non-scalar',
     {'A': randn(g, 2, 1, 3, 4).tolist(), 'B': randn(g, 3, 4, 2).tolist()},
     [['C', 'matmul', ['A', 'B']], ['T', 'tanh', ['C']]])
case('matmul_vector_forms', 'sum(M @ v) * (u @ M @ v) + (v @ v)',
     {'M': randn(g, 3, 4).tolist(), 'v': randn(g, 4).tolist(), 'u': randn(g, 3).tolist()},
     [['Mv', 'matmul', ['M', 'v']], ['s', 'sum', ['Mv']], ['uM', 'matmul', ['u', 'M']],
      ['uMv', 'matmul', ['uM', 'v']], ['p', 'mul', ['s', 'uMv']], ['vv', 'matmul', ['v', 'v']], ['y', 'add', ['p', 'vv']]])
case('matmul_batch_times_vector', 'exp(A @ v), A (2,3,4), v (4,) -> (2,3)',
     {'A': (randn(g, 2, 3, 4) * 0.5).tolist(), 'v': randn(g, 4).tolist()},
     [['Av', 'matmul', ['A', 'v']], ['y', 'exp', ['Av']]])

# mean / max reductions (random data: no ties).
case('mean_max_reductions', 'sum(mean(X, axis 0, keepdims) * max(X, axis 1, keepdims)) + max(X) - mean(X)',
     {'X': randn(g, 3, 4).tolist()},
     [['m0', 'mean', ['X'], {'axes': [0], 'keepdims': True}], ['m1', 'max', ['X'], {'axes': 1, 'keepdims': True}],
      ['pr', 'mul', ['m0', 'm1']], ['s', 'sum', ['pr']], ['mx', 'max', ['X']], ['mn', 'mean', ['X']],
      ['a', 'add', ['s', 'mx']], ['y', 'sub', ['a', 'mn']]])
case('max_over_last_axis_3d', 'sum(max(T, axes [0, 2]) * w)',
     {'T': randn(g, 2, 3, 4).tolist(), 'w': randn(g, 3).tolist()},
     [['m', 'max', ['T'], {'axes': [0, 2]}], ['mw', 'mul', ['m', 'w']], ['y', 'sum', ['mw']]])

# where / abs / relu / maximum / minimum away from kinks and ties.
xw = away_from_zero(randn(g, 6))
case('where_abs_relu', 'sum(where(cond, abs(x), relu(x) * x)) + sum(maximum(x, y) - minimum(x, 0.2))',
     {'x': xw.tolist(), 'y': (xw + 0.5 * torch.sign(randn(g, 6))).tolist()},
     [['ax', 'abs', ['x']], ['rx', 'relu', ['x']], ['rxx', 'mul', ['rx', 'x']], ['w', 'where', ['cond', 'ax', 'rxx']],
      ['s1', 'sum', ['w']], ['mx', 'maximum', ['x', 'y']], ['mn', 'minimum', ['x', 0.2]], ['d', 'sub', ['mx', 'mn']],
      ['s2', 'sum', ['d']], ['out', 'add', ['s1', 's2']]],
     {'cond': [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]})

# pow with a tensor exponent, div, neg, cos, tan, sqrt, a number on the left.
case('pow_div_trig', 'sum(x ** y / sqrt(x)) + sum(2 ** y) - sum(cos(x) * tan(y / 3)) + sum(1 / x)',
     {'x': [0.5, 1.3, 2.2], 'y': [-1.2, 0.4, 2.5]},
     [['xy', 'pow', ['x', 'y']], ['sx', 'sqrt', ['x']], ['q', 'div', ['xy', 'sx']], ['a', 'sum', ['q']],
      ['ty', 'pow', [2, 'y']], ['b', 'sum', ['ty']], ['y3', 'div', ['y', 3]], ['t', 'tan', ['y3']], ['cx', 'cos', ['x']],
      ['ct', 'mul', ['cx', 't']], ['c', 'sum', ['ct']], ['inv', 'div', [1, 'x']], ['d', 'sum', ['inv']],
      ['ab', 'add', ['a', 'b']], ['abc', 'sub', ['ab', 'c']], ['out', 'add', ['abc', 'd']]])

# Shape ops: transpose (default reverses axes, and explicit), reshape, broadcastTo, slice, gather, stack, concat.
case('shape_ops', 'sum(stack/concat/slice/gather/transpose/reshape/broadcastTo of X, weighted by W)',
     {'X': randn(g, 2, 3, 4).tolist(), 'v': randn(g, 3).tolist()},
     [['Xt', 'transpose', ['X']],                                   # (4,3,2)
      ['Xp', 'transpose', ['X'], {'axes': [1, 0, 2]}],              # (3,2,4)
      ['R', 'reshape', ['Xp'], {'shape': [6, 4]}],
      ['S', 'slice', ['R'], {'specs': [{'start': 1, 'stop': 6, 'step': 2}, {'stop': 3}]}],  # (3,3)
      ['G', 'gather', ['Xt'], {'indices': [3, 0, 0], 'axis': 0}],   # (3,3,2)
      ['G0', 'index', ['G'], {'i': 1, 'axis': 2}],                  # (3,3)
      ['B', 'broadcastTo', ['v'], {'shape': [3, 3]}],
      ['St', 'stack', [['S', 'G0', 'B']], {'axis': 1}],             # (3,3,3)
      ['Cc', 'concat', [['S', 'B']], {'axis': 0}],                  # (6,3)
      ['a', 'mul', ['St', 'W']], ['sa', 'sum', ['a']],
      ['c2', 'sin', ['Cc']], ['sc', 'sum', ['c2']], ['out', 'add', ['sa', 'sc']]],
     {'W': randn(g, 3, 3, 3).tolist()})

# A non-scalar output reduced by the default seed, with broadcasting add of a row and a column.
case('broadcast_add_nonscalar', 'sigmoid(col + row) * M, col (3,1), row (4,)',
     {'col': randn(g, 3, 1).tolist(), 'row': randn(g, 4).tolist(), 'M': randn(g, 3, 4).tolist()},
     [['s', 'add', ['col', 'row']], ['p', 'sigmoid', ['s']], ['y', 'mul', ['p', 'M']]])


# ---------------------------------------------------------------- second order

def elementwise(op, points, exponent=None):
    x = torch.tensor(points, dtype=DT, requires_grad=True)
    y = torch.pow(x, exponent) if op == 'pow' else OPS[op](x)
    d1, = torch.autograd.grad(y.sum(), x, create_graph=True)
    # d1 of a linear op (neg) no longer depends on x: its second derivative is zero
    d2 = torch.autograd.grad(d1.sum(), x)[0] if d1.requires_grad else torch.zeros_like(x)
    entry = {'op': op, 'points': points, 'value': tolist(y), 'd1': tolist(d1), 'd2': tolist(d2)}
    if exponent is not None:
        entry['exponent'] = exponent
    return entry


ANYWHERE = [-1.3, -0.4, 0.3, 0.9, 2.1]
POSITIVE = [0.2, 0.7, 1.5, 3.0]
AWAY_FROM_ZERO = [-2.0, -0.6, 0.5, 1.7]
ELEMENTWISE = [
    elementwise('exp', ANYWHERE), elementwise('log', POSITIVE), elementwise('sin', ANYWHERE),
    elementwise('cos', ANYWHERE), elementwise('tan', [-1.2, -0.4, 0.3, 1.1]), elementwise('tanh', ANYWHERE),
    elementwise('sigmoid', ANYWHERE), elementwise('sqrt', POSITIVE), elementwise('abs', AWAY_FROM_ZERO),
    elementwise('relu', AWAY_FROM_ZERO), elementwise('neg', ANYWHERE),
    elementwise('pow', ANYWHERE, 3), elementwise('pow', ANYWHERE, 2), elementwise('pow', POSITIVE, 0.5),
    elementwise('pow', POSITIVE, -2), elementwise('pow', POSITIVE, 2.5),
]


def hessian_case(id, expr, inputs, program, constants=None):
    """Full Hessian of a scalar program over scalar inputs: H[i][j] = d2 out / d in_i d in_j."""
    constants = constants or {}
    env = leaves(inputs, constants)
    out = run_program(program, env)
    xs = [env[n] for n in inputs]
    g1 = torch.autograd.grad(out, xs, create_graph=True)
    rows = [[tolist(h) for h in torch.autograd.grad(gi, xs, retain_graph=True)] for gi in g1]
    return {'id': id, 'expr': expr, 'inputs': inputs, 'constants': constants, 'program': program,
            'value': tolist(out), 'grad': [tolist(t) for t in g1], 'hessian': rows}


def hvp_case(id, expr, inputs, program, wrt, direction, constants=None):
    """H v for the scalar program w.r.t. input `wrt`: grad(sum(grad(out, wrt) * v), wrt)."""
    constants = constants or {}
    env = leaves(inputs, constants)
    out = run_program(program, env)
    gx, = torch.autograd.grad(out, env[wrt], create_graph=True)
    v = torch.tensor(direction, dtype=DT)
    hv, = torch.autograd.grad((gx * v).sum(), env[wrt])
    return {'id': id, 'expr': expr, 'inputs': inputs, 'constants': constants, 'program': program,
            'wrt': wrt, 'direction': direction, 'value': tolist(out), 'grad': tolist(gx), 'hvp': tolist(hv)}


HESSIANS = [
    hessian_case('lecture_scalar_hessian', 'log(x1) + x1*x2 - sin(x2)', {'x1': 2.0, 'x2': 5.0},
                 [['v3', 'log', ['x1']], ['v4', 'mul', ['x1', 'x2']], ['v5', 'sin', ['x2']],
                  ['v6', 'add', ['v3', 'v4']], ['y', 'sub', ['v6', 'v5']]]),
    hessian_case('mixed_scalar_hessian', 'exp(a*b) / (1 + c^2) + tanh(a - c) * sqrt(b)',
                 {'a': 0.4, 'b': 1.3, 'c': -0.8},
                 [['ab', 'mul', ['a', 'b']], ['e', 'exp', ['ab']], ['c2', 'pow', ['c', 2]], ['den', 'add', [1, 'c2']],
                  ['q', 'div', ['e', 'den']], ['amc', 'sub', ['a', 'c']], ['t', 'tanh', ['amc']], ['sb', 'sqrt', ['b']],
                  ['ts', 'mul', ['t', 'sb']], ['y', 'add', ['q', 'ts']]]),
]

gh = torch.Generator().manual_seed(7)
Wh = randn(gh, 4, 3)
HVPS = [
    hvp_case('composite_hvp', 'sum(tanh(W@x)^2) + logsumexp(x) * sum(x*x) + sum(softmax(x) * c)',
             {'x': [0.3, -0.7, 1.1], 'W': Wh.tolist()},
             [['Wx', 'matmul', ['W', 'x']], ['t', 'tanh', ['Wx']], ['t2', 'pow', ['t', 2]], ['a', 'sum', ['t2']],
              ['l', 'logsumexp', ['x']], ['xx', 'mul', ['x', 'x']], ['sxx', 'sum', ['xx']], ['b', 'mul', ['l', 'sxx']],
              ['p', 'softmax', ['x']], ['pc', 'mul', ['p', 'c']], ['c_', 'sum', ['pc']],
              ['ab', 'add', ['a', 'b']], ['y', 'add', ['ab', 'c_']]],
             'x', [1.0, -0.5, 2.0], {'c': [0.2, -1.0, 0.7]}),
    hvp_case('mlp_hvp_wrt_W1', 'the MLP softmax cross-entropy loss, H v w.r.t. W1',
             mlp_inputs, mlp_program, 'W1', randn(gh, 5, 8).tolist(), mlp_constants),
    hvp_case('logistic_hvp_wrt_w', 'the logistic-regression loss, H v w.r.t. w',
             CASES[1]['inputs'], CASES[1]['program'], 'w', [0.5, -1.0, 0.25], CASES[1]['constants']),
]


def jvp_case(id, base, tangents):
    """Forward mode: the directional derivative of a first-order case along one tangent per input."""
    names = list(base['inputs'])
    consts = {k: torch.tensor(v, dtype=DT) for k, v in base['constants'].items()}

    def f(*xs):
        return run_program(base['program'], {**dict(zip(names, xs)), **consts})
    primals = tuple(torch.tensor(base['inputs'][n], dtype=DT) for n in names)
    tans = tuple(torch.tensor(tangents[n], dtype=DT) for n in names)
    value, tangent = torch.autograd.functional.jvp(f, primals, tans)
    return {'id': id, 'case': base['id'], 'tangents': tangents, 'value': tolist(value), 'tangent': tolist(tangent)}


def tangent_like(gen, nested_value):
    return torch.randn(torch.tensor(nested_value).shape, generator=gen, dtype=DT).tolist()


gj = torch.Generator().manual_seed(11)
CASE = {c['id']: c for c in CASES}
JVPS = [jvp_case('lecture_forward_x1', CASE['lecture_scalar'], {'x1': 1.0, 'x2': 0.0})]
for cid in ['mlp_relu_softmax_ce', 'logsumexp_axes', 'softmax_axis0_matrix', 'matmul_batched_broadcast',
            'shape_ops', 'where_abs_relu', 'pow_div_trig', 'deep_scalar_chain_50']:
    c = CASE[cid]
    JVPS.append(jvp_case(f'{cid}_random_tangent', c, {n: tangent_like(gj, v) for n, v in c['inputs'].items()}))


def main():
    doc = {
        'generator': 'test/goldens/engine_goldens.py',
        'torch': torch.__version__,
        'dtype': 'float64',
        'cases': CASES,
        'elementwise': ELEMENTWISE,
        'hessians': HESSIANS,
        'hvps': HVPS,
        'jvps': JVPS,
    }
    for c in CASES:
        assert all(math.isfinite(v) for v in torch.tensor(c['value']).flatten().tolist()), c['id']
    path = os.path.join(HERE, 'engine.json')
    # one case per line: compact, yet a regenerated file diffs case by case
    with open(path, 'w') as f:
        f.write('{\n')
        head = [k for k in doc if not isinstance(doc[k], list)]
        f.write(''.join(f'{json.dumps(k)}: {json.dumps(doc[k])},\n' for k in head))
        groups = [k for k in doc if isinstance(doc[k], list)]
        for gi, k in enumerate(groups):
            rows = ',\n'.join(json.dumps(c, separators=(',', ':')) for c in doc[k])
            f.write(f'{json.dumps(k)}: [\n{rows}\n]{"," if gi < len(groups) - 1 else ""}\n')
        f.write('}\n')
    print(f'wrote {path}: {len(CASES)} cases, {len(ELEMENTWISE)} elementwise, {len(HESSIANS)} hessians, {len(HVPS)} hvps, {len(JVPS)} jvps')


if __name__ == '__main__':
    main()
