#!/usr/bin/env node
// Runs `adjoint eval --json` (dist/cli.js: run `npm run build` first) over every note in a folder and
// prints, per block status, the count and the messages grouped by cause. Not part of `npm test`: the
// corpus it is meant for (the d2l book's chapters) lives outside the repo.
//
//   node scripts/corpus-report.mjs [FOLDER] [--examples N]
//
// A cause is a message with its numbers and quoted source replaced by placeholders, so
// "m = 1.25437 is not an integer" and "n = 0.7 is not an integer" count together.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTE = /\.(md|tex|autodiff|ipynb)$/;
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function parseArgs(argv) {
  const options = { folder: '../shared/corpus/d2l-en', examples: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--examples') options.examples = Number(argv[++i]);
    else options.folder = argv[i];
  }
  return options;
}

function notes(folder) {
  return readdirSync(folder).sort().flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return notes(path);
    return NOTE.test(entry) ? [path] : [];
  });
}

function cause(message) {
  return (message ?? '(no message)')
    .split('\n')[0]
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '‹text›')
    .replace(/(?<![A-Za-z_])-?\d+(\.\d+)?(e[-+]?\d+)?/gi, 'N')
    .replace(/^.* = N is not an integer/, '‹expr› = N is not an integer')
    .replace(/^the left side .* is not a name$/, 'the left side ‹expr› is not a name')
    .replace(/^(\S+) does not depend on \S+ in this block/, '‹expr› does not depend on ‹name› in this block')
    .replace(/^declares the shape of .* \(/, 'declares the shape of ‹names› (')
    .slice(0, 140);
}

function analyse(file) {
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, 'eval', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 })).blocks;
  } catch (err) {
    return [{ syntax: 'latex', status: 'cli failure', line: 0, message: String(err.message).split('\n')[0] }];
  }
}

const { folder, examples } = parseArgs(process.argv.slice(2));
const byStatus = new Map();
let files = 0;
for (const file of notes(folder)) {
  files++;
  for (const block of analyse(file)) {
    if (block.syntax !== 'latex') continue;
    const causes = byStatus.get(block.status) ?? new Map();
    byStatus.set(block.status, causes);
    const key = block.status === 'ok' ? '' : cause(block.message);
    const group = causes.get(key) ?? { count: 0, examples: [] };
    causes.set(key, group);
    group.count++;
    if (group.examples.length < examples) group.examples.push(`${relative(folder, file)}:${block.line}  ${block.message ?? ''}`);
  }
}

const total = [...byStatus.values()].reduce((n, causes) => n + [...causes.values()].reduce((m, g) => m + g.count, 0), 0);
console.log(`${files} files, ${total} LaTeX blocks`);
for (const [status, causes] of [...byStatus].sort()) {
  const count = [...causes.values()].reduce((n, g) => n + g.count, 0);
  console.log(`\n${status}: ${count}`);
  if (status === 'ok') continue;
  for (const [key, group] of [...causes].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${String(group.count).padStart(5)}  ${key}`);
    for (const example of group.examples) console.log(`         ${example}`);
  }
}
