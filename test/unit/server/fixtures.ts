// Documents the server tests open: our lecture-shaped note (test/fixtures/autodiff-lecture.md), and the
// same note with the lecture's example pinned at x₁ = 2, x₂ = 5 by an annotation.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lspSession';

import { OWN_LECTURE_PATH } from '../../lectureNote';

export const lecture = (): string => readFileSync(OWN_LECTURE_PATH, 'utf8');

export const EXAMPLE = 'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)';

/** The lecture note with `<!-- autodiff: x_1 = 2, x_2 = 5 -->` right before the example block. */
export function pinnedLecture(): string {
  const text = lecture();
  const block = `$$\n${EXAMPLE}\n$$`;
  if (!text.includes(block)) throw new Error('the lecture note no longer holds the example block');
  return text.replace(block, () => `<!-- autodiff: x_1 = 2, x_2 = 5 -->\n${block}`);
}

// The lecture's example by hand: y = ln x₁ + x₁x₂ − sin x₂.
export const X1 = 2, X2 = 5;
export const Y = Math.log(X1) + X1 * X2 - Math.sin(X2);
export const DY_DX1 = 1 / X1 + X2;
export const DY_DX2 = X1 - Math.cos(X2);
