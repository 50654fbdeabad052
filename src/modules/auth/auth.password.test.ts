import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './auth.password.js';

describe('passwords', () => {
  it('enforces length, three character classes and no username', () => {
    assert.match(passwordProblem('Ab1!') ?? '', /至少需要 10/);
    assert.match(passwordProblem('abcdefghijkl') ?? '', /三类/);
    assert.match(passwordProblem('Wangwei#2026', 'wangwei') ?? '', /用户名/);
    assert.equal(passwordProblem('Gongkai#2026demo', 'admin'), null);
  });
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Gongkai#2026demo');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'Gongkai#2026demo'), true);
    assert.equal(await verifyPassword(h, 'Gongkai#2026Demo'), false);
    assert.equal(await verifyPassword('not-a-hash', 'x'), false);
  });
});
