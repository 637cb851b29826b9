// Relation tokens between the sides of an equation.
import { ASSIGN_COMMANDS, RELATION_COMMANDS } from './commands';
import type { LatexToken } from './tokens';

const RELATION_SYMBOLS = new Set(['=', ':=', '<', '>', ':']);

/** The relation `t` stands for ('=', ':=', '<', '\\approx', ...), or undefined. */
export function relationOf(t: LatexToken): string | undefined {
  if (t.kind === 'symbol') return RELATION_SYMBOLS.has(t.value) ? t.value : undefined;
  if (t.kind !== 'command') return undefined;
  if (ASSIGN_COMMANDS.has(t.value)) return ':=';
  return RELATION_COMMANDS.get(t.value);
}

export function isRelationToken(t: LatexToken): boolean {
  return relationOf(t) !== undefined;
}
