// The public form's captcha, without third parties: a proof of work solved by a small script
// (src/ui/static/pow.js), and for browsers without JavaScript a question of simple arithmetic in
// Chinese. The server keeps no state for a challenge: it is signed (HMAC) and expires; a solved
// challenge is remembered until it expires so that it is used once.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Leading zero bits the proof of work needs (about 65,000 hashes: a second or two in a browser). */
export const POW_BITS = 16;
const TTL_MS = 30 * 60_000;
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface Challenge {
  /** Signed, opaque: `exp.rand.a.b.sig` (a and b are the question's numbers). */
  token: string;
  bits: number;
  /** The question shown without JavaScript, e.g. 「三加五等于几？」. */
  question: string;
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`gongkai:captcha:${payload}`).digest('base64url');

export function chineseNumber(n: number): string {
  if (n <= 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${DIGITS[n - 10]}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** Leading zero bits of a digest. */
function zeroBits(d: Buffer): number {
  let n = 0;
  for (const byte of d) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export const powDigest = (token: string, nonce: string) => createHash('sha256').update(`${token}:${nonce}`).digest();

/** Finds a nonce (for tests and tools; browsers run the same search in pow.js). */
export function solvePow(token: string, bits = POW_BITS): string {
  for (let i = 0; ; i++) if (zeroBits(powDigest(token, String(i))) >= bits) return String(i);
}

export function createCaptcha(secret: string, now: () => number) {
  const used = new Map<string, number>();
  const sweep = (t: number) => {
    for (const [k, exp] of used) if (exp < t) used.delete(k);
  };
  return {
    issue(): Challenge {
      const a = randomInt(1, 10);
      const b = randomInt(1, 10);
      const payload = `${now() + TTL_MS}.${randomBytes(12).toString('base64url')}.${a}.${b}`;
      return {
        token: `${payload}.${sign(secret, payload)}`,
        bits: POW_BITS,
        question: `${chineseNumber(a)}加${chineseNumber(b)}等于几？`,
      };
    },
    /**
     * Checks a submission: a valid unexpired unused challenge, and either the proof of work or
     * the right answer (Arabic or Chinese numerals). Returns a Chinese reason, or null when passed.
     */
    verify(token: unknown, pow: unknown, answer: unknown): string | null {
      if (typeof token !== 'string') return '验证信息缺失，请刷新页面后重新提交。';
      const parts = token.split('.');
      if (parts.length !== 5) return '验证信息无效，请刷新页面后重新提交。';
      const [exp, rand, a, b, sig] = parts as [string, string, string, string, string];
      const payload = `${exp}.${rand}.${a}.${b}`;
      const want = Buffer.from(sign(secret, payload));
      const got = Buffer.from(sig);
      if (want.length !== got.length || !timingSafeEqual(want, got)) return '验证信息无效，请刷新页面后重新提交。';
      const t = now();
      if (Number(exp) < t) return '验证已过期，请重新回答验证问题。';
      sweep(t);
      if (used.has(rand)) return '该验证已使用过，请刷新页面后重新提交。';
      const powOk = typeof pow === 'string' && /^\d{1,12}$/.test(pow) && zeroBits(powDigest(token, pow)) >= POW_BITS;
      const sum = Number(a) + Number(b);
      const typed = typeof answer === 'string' ? answer.normalize('NFKC').trim() : '';
      const answerOk = typed !== '' && (typed === String(sum) || typed === chineseNumber(sum));
      if (!powOk && !answerOk) return typed === '' ? '请回答验证问题。' : '验证问题的答案不正确，请重新计算。';
      used.set(rand, Number(exp));
      return null;
    },
  };
}
export type Captcha = ReturnType<typeof createCaptcha>;
