import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decryptPii, encryptPii, maskId } from './crypto.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';

describe('identity numbers at rest', () => {
  it('round-trips, never stores the plain text, and differs each time', () => {
    const id = '450102199001011234';
    const a = encryptPii(SECRET, id);
    const b = encryptPii(SECRET, id);
    assert.notEqual(a, b);
    assert.ok(!a.includes(id));
    assert.equal(decryptPii(SECRET, a), id);
  });
  it('refuses a tampered value or the wrong key', () => {
    const sealed = encryptPii(SECRET, '450102199001011234');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 0x01; // flip one bit of the ciphertext
    const tampered = [parts[0], parts[1], parts[2], data.toString('base64url')].join('.');
    assert.throws(() => decryptPii(SECRET, tampered));
    assert.throws(() => decryptPii(`${SECRET}x`, sealed));
  });
  it('masks all but the first three and last two characters', () => {
    assert.equal(maskId('450102199001011234'), '450*************34');
    assert.equal(maskId('1234'), '****');
  });
});
