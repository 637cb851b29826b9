// Reads a Jupyter notebook file (nbformat 4, every minor version) into its cells. Outputs,
// attachments and metadata other than a code cell's language are ignored. A file that is not a
// notebook gets a NotebookError whose message says what is wrong and where; nothing else is thrown.
import type { NotebookCellSource } from './notebook';

export class NotebookError extends Error {}

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export function readIpynb(json: string): NotebookCellSource[] {
  let root: unknown;
  try {
    root = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (e) {
    throw new NotebookError(`not a notebook: invalid JSON (${jsonErrorPlace(json, e)})`);
  }
  if (!isObject(root)) throw new NotebookError('not a notebook: the file is JSON but not an object');
  const major = root.nbformat;
  if (typeof major === 'number' && major !== 4) {
    throw new NotebookError(`not readable: nbformat ${major} (only nbformat 4 is read; \`jupyter nbconvert --to notebook\` upgrades it)`);
  }
  if (!Array.isArray(root.cells)) throw new NotebookError('not a notebook: no "cells" list at the top level (nbformat 4)');
  const language = notebookLanguage(root.metadata);
  return root.cells.map((cell, k) => readCell(cell, k, language));
}

function readCell(cell: unknown, k: number, notebookLanguage: string | undefined): NotebookCellSource {
  if (!isObject(cell)) throw new NotebookError(`cell ${k}: not an object`);
  const type = cell.cell_type;
  const text = sourceText(cell.source, k);
  if (type === 'markdown') return { kind: 'markdown', text };
  if (type === 'code') return { kind: 'code', language: cellLanguage(cell.metadata) ?? notebookLanguage, text };
  if (type === 'raw') return { kind: 'raw', text };
  throw new NotebookError(`cell ${k}: unknown cell_type ${JSON.stringify(type)} (expected "markdown", "code" or "raw")`);
}

/** nbformat's multiline string: one string, or a list of strings joined as they are (each keeps its own line end). */
function sourceText(source: unknown, k: number): string {
  if (typeof source === 'string') return source;
  if (source === undefined) throw new NotebookError(`cell ${k}: no "source"`);
  if (Array.isArray(source)) {
    const bad = source.findIndex((line) => typeof line !== 'string');
    if (bad < 0) return source.join('');
    throw new NotebookError(`cell ${k}: "source" line ${bad} is ${describe(source[bad])}, not a string`);
  }
  throw new NotebookError(`cell ${k}: "source" is ${describe(source)}; it must be a string or a list of strings`);
}

/** VS Code records a cell's language in its metadata when it differs from the kernel's. */
function cellLanguage(metadata: unknown): string | undefined {
  const vscode = isObject(metadata) ? metadata.vscode : undefined;
  return isObject(vscode) && typeof vscode.languageId === 'string' ? vscode.languageId : undefined;
}

function notebookLanguage(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const info = metadata.language_info;
  if (isObject(info) && typeof info.name === 'string') return info.name;
  const kernel = metadata.kernelspec;
  return isObject(kernel) && typeof kernel.language === 'string' ? kernel.language : undefined;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** "line 3, col 7" for a JSON.parse error when the engine names a position, else its own message. */
function jsonErrorPlace(json: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, col ${column}`;
}
