// The notes the tests read.
// - OWN_LECTURE_PATH: our own note in the shape of a lecture-4 note (test/fixtures/autodiff-lecture.md),
//   always in the repository: every test that needs "a real note" reads this one.
// - The shared lecture note (SPEC: fixtures/lecture-04-autodiff.md) lives beside the checkout, not in
//   it (its text is not ours to copy). CI lays it there; a fresh clone has none. The tests written
//   for that exact note run when it is there and otherwise report one line saying why they skipped.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const OWN_LECTURE_PATH = path.resolve(__dirname, 'fixtures', 'autodiff-lecture.md');

export const SHARED_LECTURE_PATH = path.resolve(__dirname, '..', '..', 'shared', 'fixtures', 'lecture-04-autodiff.md');

/** The shared lecture note's text, or undefined when the checkout has no ../shared beside it. */
export const sharedLecture: string | undefined = existsSync(SHARED_LECTURE_PATH) ? readFileSync(SHARED_LECTURE_PATH, 'utf8') : undefined;

const SKIP_REASON = `skipped: the lecture note is not beside the checkout (${SHARED_LECTURE_PATH}); CI lays it there`;

/** A suite on the shared lecture note: runs when the note is there, else one pending test says why. */
export function describeOnSharedLecture(title: string, body: (text: string) => void): void {
  const text = sharedLecture;
  if (text === undefined) {
    describe(title, () => { it(SKIP_REASON, function () { this.skip(); }); });
    return;
  }
  describe(title, () => body(text));
}
