// Instants as people in China read them: Beijing time (Asia/Shanghai, UTC+8, no daylight saving).

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The parts of an ISO instant in Beijing time, or null when it is not a time. */
function shanghaiParts(iso: string): Record<string, string> | null {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  return Object.fromEntries(SHANGHAI.formatToParts(t).map((x) => [x.type, x.value]));
}

/** An ISO instant in Beijing time: `2026-03-02 10:15` (with `seconds`, `2026-03-02 10:15:00`).
 * Empty or missing gives ''; text that is not a time is shown as it is. */
export function chinaDateTime(iso: string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!iso) return '';
  const p = shanghaiParts(iso);
  if (!p) return iso;
  const hm = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return opts.seconds ? `${hm}:${p.second}` : hm;
}

/** The calendar date in Beijing of an ISO instant: `2026-03-02` (the same fallbacks as chinaDateTime). */
export function chinaDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = shanghaiParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}
