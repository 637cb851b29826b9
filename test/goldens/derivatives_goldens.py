"""Golden second derivatives for LaTeX derivative notation, computed by PyTorch in float64.

Regenerate (PyTorch is needed only here, never in CI):
    /usr/bin/python3 test/goldens/derivatives_goldens.py      # writes test/goldens/derivatives.json

Each case is a LaTeX block (its statements, joined with `\\\\` by the test), the annotation that
binds its inputs, and the same function written for torch. The block's last statement is a bare
second derivative (partial or d notation, pure or mixed); torch differentiates the function twice
with torch.autograd.grad(create_graph=True) and the test (test/unit/claims/goldens.test.ts)
compares the block's value with that number.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))

LECTURE = 'y = \\ln(x_1) + x_1 x_2 - \\sin(x_2)'


def lecture(v):
    return torch.log(v['x_1']) + v['x_1'] * v['x_2'] - torch.sin(v['x_2'])


def gaussian_sine(v):
    return torch.exp(v['x'] ** 2) * torch.sin(v['x'])


def neuron(v):
    return torch.tanh(v['w'] * v['a'] + v['b'])


def three(v):
    return v['x_1'] * v['x_2'] * v['x_3'] + torch.exp(v['x_1'] * v['x_3']) + torch.sqrt(v['x_2'])


def sigmoid_log(v):
    return -torch.log(torch.sigmoid(v['z'])) + v['z'] ** 3 / 3


CASES = [
    ('lecture_d2_x1', [LECTURE, '\\frac{\\partial^2 y}{\\partial x_1^2}'], {'x_1': 2.0, 'x_2': 5.0}, lecture, ['x_1', 'x_1']),
    ('lecture_d2_x2', [LECTURE, '\\frac{\\partial^2 y}{\\partial x_2^2}'], {'x_1': 2.0, 'x_2': 5.0}, lecture, ['x_2', 'x_2']),
    ('lecture_mixed', [LECTURE, '\\frac{\\partial^2 y}{\\partial x_1 \\partial x_2}'], {'x_1': 2.0, 'x_2': 5.0}, lecture, ['x_1', 'x_2']),
    ('gaussian_sine_d_notation', ['f(x) = \\exp(x^2) \\sin(x)', '\\frac{d^2 f(x)}{d x^2}'], {'x': 0.7}, gaussian_sine, ['x', 'x']),
    ('neuron_mixed_w_b', ['y = \\tanh(w a + b)', '\\frac{\\partial^2 y}{\\partial w \\partial b}'], {'w': 0.3, 'a': 1.5, 'b': -0.2}, neuron, ['w', 'b']),
    ('three_inputs_mixed', ['y = x_1 x_2 x_3 + \\exp(x_1 x_3) + \\sqrt{x_2}', '\\frac{\\partial^2 y}{\\partial x_1 \\partial x_3}'],
     {'x_1': 0.4, 'x_2': 1.3, 'x_3': -0.8}, three, ['x_1', 'x_3']),
    ('three_inputs_sqrt', ['y = x_1 x_2 x_3 + \\exp(x_1 x_3) + \\sqrt{x_2}', '\\frac{\\partial^2 y}{\\partial x_2^2}'],
     {'x_1': 0.4, 'x_2': 1.3, 'x_3': -0.8}, three, ['x_2', 'x_2']),
    ('sigmoid_log', ['\\ell = -\\log(\\sigma(z)) + \\frac{z^3}{3}', '\\frac{\\partial^2 \\ell}{\\partial z^2}'], {'z': 0.9}, sigmoid_log, ['z', 'z']),
]


def second_derivative(fn, values, wrt):
    v = {k: torch.tensor(x, requires_grad=True) for k, x in values.items()}
    (first,) = torch.autograd.grad(fn(v), v[wrt[0]], create_graph=True)
    (second,) = torch.autograd.grad(first, v[wrt[1]])
    return second.item()


def main():
    # sigma(z) is the logistic function: check the closed form so the case means what it says.
    z = 0.9
    s = 1 / (1 + math.exp(-z))
    assert abs(second_derivative(sigmoid_log, {'z': z}, ['z', 'z']) - (s * (1 - s) + 2 * z)) < 1e-12
    cases = []
    for case_id, lines, values, fn, wrt in CASES:
        cases.append({
            'id': case_id,
            'lines': lines,
            'annotation': ', '.join(f'{k} = {x!r}' for k, x in values.items()),
            'value': second_derivative(fn, values, wrt),
        })
    out = {'generator': 'test/goldens/derivatives_goldens.py', 'torch': torch.__version__, 'dtype': 'float64', 'cases': cases}
    with open(os.path.join(HERE, 'derivatives.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
