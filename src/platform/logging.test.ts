import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIdNumbers, reportError } from './logging.js';

describe('log masking of identity numbers', () => {
  it('masks 18- and 15-character numbers, plain, with x, in groups, URL-encoded', () => {
    assert.equal(maskIdNumbers('/x/450103197001011238?id=45010319700101123x'), '/x/450*************38?id=450*************3x');
    assert.equal(maskIdNumbers('q=450103 19700101 1238&r=4501+0319+7001+0112+38'), 'q=450*************38&r=450*************38');
    assert.equal(maskIdNumbers('q=%20450103%2019700101%201238%20'), 'q=%20450*************38%20');
    assert.equal(
      maskIdNumbers('"old":"450103700101123","msg":"号码\\n450103197001011238"'),
      '"old":"450**********23","msg":"号码\\n450*************38"',
    );
  });

  it('finds a number next to another one, and in groups after one', () => {
    assert.equal(maskIdNumbers('12 450103197001011238'), '12 450*************38');
    assert.equal(maskIdNumbers('12 4501 0319 7001 0112 38 99'), '124***************38 99');
    assert.equal(maskIdNumbers('x=2%20450103197001011238'), 'x=2%20450*************38');
  });

  it('leaves other numbers alone: times, phones, dates, longer runs', () => {
    for (const s of ['"time":1795675004528', '13800000000', '2026-03-02 2026-03-05', '4501031970010112381', '12345678901234'])
      assert.equal(maskIdNumbers(s), s);
  });
});

describe('errors reported outside a request', () => {
  it('writes one masked line with the stack', () => {
    const lines: string[] = [];
    reportError('after-commit hook failed', new Error('申请人 110101199003077777 的邮件未发出'), {
      write: (l: string) => lines.push(l),
    });
    assert.equal(lines.length, 1);
    const line = lines[0] as string;
    assert.match(line, /^after-commit hook failed: Error: 申请人 110\*{13}77 的邮件未发出\n/);
    assert.match(line, /at .*logging\.test\.ts/, 'the stack is kept');
    assert.doesNotMatch(line, /110101199003077777/);
    reportError('calendar.onChanged failed', '原因 11010119900307777X', { write: (l: string) => lines.push(l) });
    assert.equal(lines[1], 'calendar.onChanged failed: 原因 110*************7X\n');
  });
});
