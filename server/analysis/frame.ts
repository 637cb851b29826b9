// Lexical frames: the block's own names, a function call's parameters, a sum's bound index. Every
// frame knows the scope (block) its code was written in: that is where its free names resolve.
import type { Tensor } from '../../engine';
import type { Expr } from '../parse/ast';
import type { FunctionDef, Scope } from './scope';

export type IndexArg = { kind: 'passed'; arg: Expr; frame: Frame } | { kind: 'free' };

export class Frame {
  readonly values = new Map<string, Tensor>();
  readonly functions = new Map<string, FunctionDef>();
  /** Index-only parameters (index-params.ts): a bare name passed at a call, read there; or, for a
   *  function shown as its block's output, a free index of its own. */
  readonly indexArgs = new Map<string, IndexArg>();
  readonly scope: Scope;

  constructor(parent: Frame);
  constructor(scope: Scope);
  constructor(parentOrScope: Frame | Scope) {
    if (parentOrScope instanceof Frame) {
      this.parent = parentOrScope;
      this.scope = parentOrScope.scope;
    } else {
      this.scope = parentOrScope;
    }
  }

  readonly parent?: Frame;

  value(name: string): Tensor | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const t = f.values.get(name);
      if (t) return t;
    }
    return undefined;
  }

  indexArg(name: string): IndexArg | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      if (f.values.has(name)) return undefined;
      const a = f.indexArgs.get(name);
      if (a) return a;
    }
    return undefined;
  }

  fn(name: string): FunctionDef | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const d = f.functions.get(name);
      if (d) return d;
    }
    return this.scope.functions.get(name);
  }
}
