// The server's log: pino (through Fastify), one JSON line per entry, and never an identity number.
//
// Identity numbers (身份证号码: 18 characters, 17 digits and a digit or X; the old 15-digit form)
// are masked in every line before it is written, whatever put them there: a URL with the number
// in its path or query string, an error message quoting a form value, an object logged whole.
// Masking the finished line is the one place that covers them all (a serializer covers only the
// fields it knows). Runs of digits broken by spaces, `+` or `%20` (a number typed in groups, or
// URL-encoded) count as one number. Logging is low-volume here (request lines only at debug), so
// one regular-expression pass per line costs nothing measurable.
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

// Runs of digit groups joined by one space, `+` or `%20` (a group may end in X), touching no other
// digit; letters may touch them (`\n` in a JSON string, `%3D`, a hash: masking part of one costs
// nothing). Inside a run, every stretch of whole groups making 15 digits, or 17 digits and a digit
// or X, may be an identity number (a group is never split: a 19-digit number is not one); all such
// stretches are masked together, since it cannot be told which grouping was meant.
const RUN = /(?:(?<=%20)|(?<![0-9%]))[0-9]+[Xx]?(?:(?: |\+|%20)[0-9]+[Xx]?)*/g;
const GROUP = /(?: |\+|%20)?([0-9]+[Xx]?)/gy;
const isId = (chars: string) =>
  chars.length === 18 ? /^[0-9]{17}[0-9Xx]$/.test(chars) : chars.length === 15 && /^[0-9]{15}$/.test(chars);
const masked = (chars: string) => `${chars.slice(0, 3)}${'*'.repeat(chars.length - 5)}${chars.slice(-2)}`;

/** Replaces every identity-number-shaped run in `s` (15 digits, or 17 digits and a digit or X). */
export function maskIdNumbers(s: string): string {
  return s.replace(RUN, (run) => {
    const groups = [...run.matchAll(GROUP)].map((m) => {
      const text = m[1] as string;
      return { text, end: m.index + m[0].length, start: m.index + m[0].length - text.length, hit: false };
    });
    if (groups.reduce((n, g) => n + g.text.length, 0) < 15) return run;
    for (let i = 0; i < groups.length; i++) {
      let chars = '';
      for (let j = i; j < groups.length && chars.length < 18; j++) {
        chars += groups[j]?.text;
        if (isId(chars)) for (let k = i; k <= j; k++) (groups[k] as { hit: boolean }).hit = true;
      }
    }
    let out = '';
    let done = 0; // characters of `run` already copied to `out`
    for (let i = 0; i < groups.length; i++) {
      const first = groups[i] as (typeof groups)[number];
      if (!first.hit) continue;
      let j = i;
      let chars = first.text;
      while (groups[j + 1]?.hit) chars += groups[++j]?.text;
      out += run.slice(done, first.start) + masked(chars);
      done = (groups[j] as (typeof groups)[number]).end;
      i = j;
    }
    return out + run.slice(done);
  });
}

/** Something pino can write lines to. */
export interface LogSink {
  write(line: string): unknown;
}

/** A destination that masks identity numbers in each line and hands it to `sink`. */
export function maskingDestination(sink: LogSink = process.stdout): LogSink {
  return {
    write: (line: string) => sink.write(maskIdNumbers(line)),
  };
}

/**
 * An error caught where no request logger is at hand (an after-commit hook, a cache listener): one
 * line on stderr with its stack, identity numbers masked as in every other line.
 */
export function reportError(context: string, err: unknown, sink: LogSink = process.stderr): void {
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  sink.write(`${maskIdNumbers(`${context}: ${detail}`)}\n`);
}

/**
 * Per-request lines (incoming, completed, errors of the default handler) at `debug`: off in
 * production (`info`), there for an operator who sets LOG_LEVEL=debug to follow a problem.
 */
/** Whether a logger writes debug lines (pino's levels: debug is 20). */
const debugOn = (log: { level: string; levelVal?: number }) =>
  (log.levelVal ?? 30) <= 20 || log.level === 'debug' || log.level === 'trace';

export class DebugRequestLog extends LogController {
  constructor() {
    super({ disableRequestLogging: false });
  }
  override incomingRequest(request: FastifyRequest): void {
    // below debug nothing is built nor serialised (a public page is a few hundred microseconds)
    if (debugOn(request.log)) request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(error: Error | null | undefined, _request: FastifyRequest, reply: FastifyReply): void {
    if (!debugOn(reply.log)) return;
    if (error) reply.log.debug({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
