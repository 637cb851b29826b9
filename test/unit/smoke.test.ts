import { strict as assert } from 'assert';
describe('smoke', () => { it('runs', () => assert.equal(1 + 1, 2)); });
