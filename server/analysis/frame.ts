// Lexical frames: the block's own names, a function call's parameters, a sum's bound index.
import type { Tensor } from '../../engine';
import type { Expr, Span } from '../parse/ast';
import type { Syntax } from '../scan/blocks';

export interface FunctionDef { name: string; params: string[]; body: Expr; syntax: Syntax; span: Span }

export class Frame {
  readonly values = new Map<string, Tensor>();
  readonly functions = new Map<string, FunctionDef>();

  constructor(readonly parent?: Frame) {}

  value(name: string): Tensor | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const t = f.values.get(name);
      if (t) return t;
    }
    return undefined;
  }

  fn(name: string): FunctionDef | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const d = f.functions.get(name);
      if (d) return d;
    }
    return undefined;
  }
}
