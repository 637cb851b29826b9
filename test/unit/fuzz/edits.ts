// Random edits of real notes for the fuzz tests: the damage people do while typing (deleted braces,
// unclosed `$$`, huge numbers, runaway nesting, pasted unicode, CRLF line ends), as fast-check arbitraries.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

export const ROOT = path.resolve(__dirname, '../../..');
import { OWN_LECTURE_PATH, sharedLecture } from '../../lectureNote';

export interface Note { name: string; languageId: 'markdown' | 'latex' | 'autodiff'; text: string }

/** Our lecture-shaped note, the shared lecture note when it is beside the checkout, and every bundled example, as they are. */
export function realNotes(): Note[] {
  const examples = readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.md') || f.endsWith('.autodiff'))
    .map((f): Note => ({ name: `examples/${f}`, languageId: f.endsWith('.md') ? 'markdown' : 'autodiff', text: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));
  const own: Note = { name: 'test/fixtures/autodiff-lecture.md', languageId: 'markdown', text: readFileSync(OWN_LECTURE_PATH, 'utf8') };
  const shared: Note[] = sharedLecture === undefined ? [] : [{ name: 'lecture-04-autodiff.md', languageId: 'markdown', text: sharedLecture }];
  return [own, ...shared, ...examples, FUNCTIONS_NOTE];
}

/** Functions defined in one block and called in later ones: edits above a definition move the body the
 *  callers inline, which the incremental analysis must follow. */
const FUNCTIONS_NOTE: Note = {
  name: 'functions.md',
  languageId: 'markdown',
  text: [
    'Some prose first.', '',
    '$$', 'g(x) = x^2 + \\sin(x)', '$$', '',
    '<!-- autodiff: x_1 = 2 -->', '$$', 'y = g(x_1) + g(3) \\cdot x_1', '$$', '',
    'Then $a = 1.5$ and', '',
    '$$', 'h(t) = g(t) \\cdot a + \\exp(t)', '$$', '',
    '$$', 'z = h(x_1) - g(a)', '$$', '',
    '```autodiff', 'v = [1.0, 2.0]', 'w = sum(v * v) + a', '```', '',
  ].join('\n'),
};

/** One edit: a function from text to text, with a description for fast-check's counterexample. */
export interface Edit { describe: string; apply: (text: string) => string }

const HUGE_NUMBERS = ['1e308', '1e309', '-1e308', '1e-400', '99999999999999999999999999999999', '0.' + '9'.repeat(400), 'NaN', '1/0'];
const NEST_OPENERS = ['(', '{', '\\frac{1}{', '\\sqrt{', '[', '\\left(', 'e^{', 'x_{'];

/** The first `{`, `}`, `(` or `)` at or after `at` (wrapping around), or -1. */
function braceNear(text: string, at: number): number {
  for (let k = 0; k < text.length; k++) {
    const i = (at + k) % text.length;
    if ('{}()[]'.includes(text[i])) return i;
  }
  return -1;
}

const splice = (text: string, at: number, removed: number, inserted: string): string =>
  text.slice(0, Math.min(at, text.length)) + inserted + text.slice(Math.min(at + removed, text.length));

const position = fc.double({ min: 0, max: 1, noNaN: true });
const at = (text: string, where: number): number => Math.floor(where * text.length);

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  position.map((w): Edit => ({
    describe: `delete the brace near ${w.toFixed(3)}`,
    apply: (t) => { const i = braceNear(t, at(t, w)); return i < 0 ? t : splice(t, i, 1, ''); },
  })),
  position.map((w): Edit => ({ describe: `unclosed $$ at ${w.toFixed(3)}`, apply: (t) => splice(t, at(t, w), 0, '\n$$\ny = ') })),
  fc.tuple(position, fc.constantFrom(...HUGE_NUMBERS)).map(([w, n]): Edit => ({
    describe: `insert ${n.slice(0, 12)} at ${w.toFixed(3)}`, apply: (t) => splice(t, at(t, w), 0, n),
  })),
  fc.tuple(position, fc.constantFrom(...NEST_OPENERS), fc.boolean()).map(([w, open, closed]): Edit => ({
    describe: `10,000 levels of ${open} (${closed ? 'closed' : 'unclosed'}) at ${w.toFixed(3)}`,
    apply: (t) => {
      const closer = open.endsWith('{') ? '}' : open.endsWith('[') ? ']' : ')';
      return splice(t, at(t, w), 0, open.repeat(10_000) + 'x' + (closed ? closer.repeat(10_000) : ''));
    },
  })),
  fc.tuple(position, fc.string({ unit: 'binary', maxLength: 40 })).map(([w, s]): Edit => ({
    describe: `insert unicode ${JSON.stringify(s)} at ${w.toFixed(3)}`, apply: (t) => splice(t, at(t, w), 0, s),
  })),
  fc.tuple(position, fc.nat(200)).map(([w, n]): Edit => ({ describe: `delete ${n} characters at ${w.toFixed(3)}`, apply: (t) => splice(t, at(t, w), n, '') })),
  fc.constant<Edit>({ describe: 'CRLF line ends', apply: (t) => t.replace(/\r?\n/g, '\r\n') }),
  fc.constant<Edit>({ describe: 'lone CR line ends', apply: (t) => t.replace(/\r?\n/g, '\r') }),
);
