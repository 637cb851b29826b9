// One training step of a 784-256-10 MLP (batch 128, ReLU, softmax cross-entropy): forward,
// backward and an SGD update. Adjoint (float64) against tfjs-cpu and tfjs-wasm (float32).
import {
  add, constant, gradValues, logSoftmax, matmul, mean, mul, NDArray, neg, relu, sum, Tensor, variable,
} from '../../engine';
import { formatMs, medianMs } from '../measure';
import { Suite } from '../suite';
import { tfWith, TfBackend } from '../tfjs';
import { torchNote, torchPeer } from '../torch';

const BATCH = 128, INPUT = 784, HIDDEN = 256, CLASSES = 10;
const LEARNING_RATE = 0.01;
const TORCH_TARGET = 4;

function randomArray(shape: number[], scale: number): NDArray {
  const size = shape.reduce((p, d) => p * d, 1);
  return new NDArray(Float64Array.from({ length: size }, () => (Math.random() * 2 - 1) * scale), shape);
}

function oneHotLabels(): NDArray {
  const data = new Float64Array(BATCH * CLASSES);
  for (let i = 0; i < BATCH; i++) data[i * CLASSES + Math.floor(Math.random() * CLASSES)] = 1;
  return new NDArray(data, [BATCH, CLASSES]);
}

function adjointStepMs(x: NDArray, labels: NDArray): number {
  const params = [
    randomArray([INPUT, HIDDEN], 0.05), randomArray([HIDDEN], 0.01),
    randomArray([HIDDEN, CLASSES], 0.05), randomArray([CLASSES], 0.01),
  ];
  const input = constant(x);
  const targets = constant(labels);
  const step = () => {
    const [W1, b1, W2, b2] = params.map((p) => variable(p));
    const hidden = relu(add(matmul(input, W1), b1));
    const logits = add(matmul(hidden, W2), b2);
    const loss: Tensor = neg(mean(sum(mul(logSoftmax(logits, 1), targets), 1)));
    const grads = gradValues(loss, [W1, b1, W2, b2]);
    // SGD in place (as torch's p.sub_): this step's graph is dropped, so nothing else reads the old values.
    params.forEach((p, i) => {
      const g = grads[i].data;
      const data = p.data;
      for (let j = 0; j < data.length; j++) data[j] -= LEARNING_RATE * g[j];
    });
  };
  return medianMs(step, { runs: 7, warmup: 3, minRunMs: 100 });
}

async function tfjsStepMs(backend: TfBackend, x: NDArray, labels: NDArray): Promise<number> {
  const tf = await tfWith(backend);
  const input = tf.tensor2d(Float32Array.from(x.data), [BATCH, INPUT]);
  const targets = tf.tensor2d(Float32Array.from(labels.data), [BATCH, CLASSES]);
  const W1 = tf.variable(tf.randomUniform([INPUT, HIDDEN], -0.05, 0.05));
  const b1 = tf.variable(tf.zeros([HIDDEN]));
  const W2 = tf.variable(tf.randomUniform([HIDDEN, CLASSES], -0.05, 0.05));
  const b2 = tf.variable(tf.zeros([CLASSES]));
  const optimizer = tf.train.sgd(LEARNING_RATE);
  const step = () => {
    const loss = optimizer.minimize(() => {
      const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(input, W1), b1)), W2), b2);
      return tf.losses.softmaxCrossEntropy(targets, logits) as ReturnType<typeof tf.scalar>;
    }, true);
    loss!.dataSync();
    loss!.dispose();
  };
  const ms = medianMs(step, { runs: 5, warmup: 2, minRunMs: 100 });
  tf.dispose([input, targets, W1, b1, W2, b2]);
  optimizer.dispose();
  return ms;
}

export const suite: Suite = {
  section: 'engine',
  order: 2,
  title: 'MLP training step, 784-256-10, batch 128, ms per step (lower is better)',
  async run() {
    const x = randomArray([BATCH, INPUT], 1);
    const labels = oneHotLabels();
    const adjoint = adjointStepMs(x, labels);
    const cpu = await tfjsStepMs('cpu', x, labels);
    const wasm = await tfjsStepMs('wasm', x, labels);
    const torch = torchPeer<number>({ kind: 'mlp-step', batch: BATCH, input: INPUT, hidden: HIDDEN, classes: CLASSES, learningRate: LEARNING_RATE });
    const ratio = torch.ok ? `${(adjoint / torch.result).toFixed(1)}×` : 'not compared (no PyTorch)';
    return {
      columns: ['implementation', 'ms per step'],
      rows: [
        ['Adjoint (float64, graph rebuilt every step, backward by gradValues, parameters updated in place)', formatMs(adjoint)],
        ['tfjs-cpu (float32)', formatMs(cpu)],
        ['tfjs-wasm (float32)', formatMs(wasm)],
        ['PyTorch (float64, one thread)', torch.ok ? formatMs(torch.result) : 'skipped'],
      ],
      notes: [
        'A step: forward (ReLU hidden layer, softmax cross-entropy mean over the batch), backward to all four parameters, SGD update. Median of 5–7 runs.',
        torchNote(torch),
        `Target (issue 13): ≤ ${TORCH_TARGET}× PyTorch float64 on one thread — ${torch.ok ? `${adjoint <= TORCH_TARGET * torch.result ? 'met' : 'missed'} (${ratio})` : ratio}.`,
        `Target (issue 2): faster than tfjs-wasm — ${adjoint < wasm ? 'met' : 'missed'} (${formatMs(adjoint)} ms vs ${formatMs(wasm)} ms).`,
      ],
    };
  },
};
