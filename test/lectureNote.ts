// The lecture note that must keep working (SPEC: fixtures/lecture-04-autodiff.md). It lives in the
// shared folder beside the checkout — CI lays a copy of it there too — never copied into the repo.
import * as path from 'path';

export const LECTURE_PATH = path.resolve(__dirname, '..', '..', 'shared', 'fixtures', 'lecture-04-autodiff.md');
