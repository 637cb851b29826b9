// TensorFlow.js (dev dependency, float32) as the comparison: the cpu and wasm backends in one process.
// The wasm backend's binaries are loaded from node_modules, never from the network.
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's main (CommonJS) file registers no gradients, and tf.grad and the optimizers need them.
// They are published only as extensionless ES modules that Node cannot load directly, so this path is
// relative on purpose: it escapes the build's `@tensorflow/*` externals and esbuild bundles them. They
// register into tfjs's global gradient registry, which the external tfjs-core reads.
import '../node_modules/@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfBackend = 'cpu' | 'wasm';
export type Tf = typeof tf;

// tfjs-cpu prints a banner recommending tfjs-node on first use under Node: not news in this comparison.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (!String(args[0]).includes('tfjs-node')) warn(...args);
};

let wasmPathSet = false;

/** tfjs with `backend` active. */
export async function tfWith(backend: TfBackend): Promise<Tf> {
  if (backend === 'wasm' && !wasmPathSet) {
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(`${dist}/`);
    wasmPathSet = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" failed to initialise`);
  await tf.ready();
  return tf;
}
