// Text of an attachment for search: PDF (unpdf, page by page), .docx (mammoth), .xlsx/.pptx/OFD from
// their XML, text as is. Capped in size and time: a file that takes too long gives what was read so
// far. Old binary Office files (.doc/.xls/.ppt) and images give none.
import { setTimeout as delay } from 'node:timers/promises';
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import type { KindKey } from './attachments.types.js';
import { type ZipEntry, zipEntries, zipRead, zipWithin } from './attachments.zip.js';

export const EXTRACT_MAX_CHARS = 500_000;
const EXTRACT_MS = 10_000;
/** Inflated size allowed per XML part and in total (guards against ZIP bombs). */
const PART_MAX = 16 * 1024 * 1024;
const TOTAL_MAX = 64 * 1024 * 1024;

/** A .docx small enough once inflated to hand to mammoth (a ZIP bomb is not). */
export const docxWithinLimits = (buf: Buffer) => zipWithin(buf, PART_MAX, TOTAL_MAX);

export interface ExtractOptions {
  maxChars?: number;
  timeoutMs?: number;
}

/** The text of a file of this kind, or null when none can be read. Never throws. */
export async function extractText(buf: Buffer, kind: KindKey, opts: ExtractOptions = {}): Promise<string | null> {
  const maxChars = opts.maxChars ?? EXTRACT_MAX_CHARS;
  const deadline = Date.now() + (opts.timeoutMs ?? EXTRACT_MS);
  try {
    const text = await Promise.race([
      byKind(buf, kind, deadline, maxChars),
      delay(opts.timeoutMs ?? EXTRACT_MS, null, { ref: false }),
    ]);
    if (text === null) return null;
    const clean = text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\u3000]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return clean === '' ? null : clean.slice(0, maxChars);
  } catch {
    return null;
  }
}

async function byKind(buf: Buffer, kind: KindKey, deadline: number, maxChars: number): Promise<string | null> {
  switch (kind) {
    case 'pdf':
      return pdfText(buf, deadline, maxChars);
    case 'docx':
      // mammoth inflates the whole archive at once: only one that stays within the caps
      return docxWithinLimits(buf) ? (await mammoth.extractRawText({ buffer: buf })).value : null;
    case 'xlsx':
      return xmlText(buf, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/, /<t(?:\s[^>]*)?>([^<]*)<\/t>/g, deadline, maxChars);
    case 'pptx':
      return xmlText(buf, /^ppt\/slides\/slide\d+\.xml$/, /<a:t>([^<]*)<\/a:t>/g, deadline, maxChars);
    case 'ofd':
      return xmlText(
        buf,
        /(^|\/)Pages\/Page_\d+\/Content\.xml$/,
        /<ofd:TextCode[^>]*>([^<]*)<\/ofd:TextCode>/g,
        deadline,
        maxChars,
      );
    case 'txt':
    case 'csv':
      return buf.toString('utf8').replace(/^\uFEFF/, '');
    default:
      return null;
  }
}

async function pdfText(buf: Buffer, deadline: number, maxChars: number): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const pages: string[] = [];
  let length = 0;
  try {
    for (let i = 1; i <= pdf.numPages && Date.now() < deadline && length < maxChars; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text);
      length += text.length;
    }
  } finally {
    await pdf.destroy();
  }
  return pages.join('\n');
}

const naturalOrder = (a: ZipEntry, b: ZipEntry) => a.name.localeCompare(b.name, 'en', { numeric: true });

function xmlText(buf: Buffer, part: RegExp, text: RegExp, deadline: number, maxChars: number): string | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const out: string[] = [];
  let inflated = 0;
  let length = 0;
  for (const e of entries.filter((x) => part.test(x.name)).sort(naturalOrder)) {
    if (Date.now() > deadline || length >= maxChars || inflated + e.size > TOTAL_MAX) break;
    const xml = zipRead(buf, e, Math.min(PART_MAX, TOTAL_MAX - inflated));
    if (!xml) continue;
    inflated += xml.length;
    const words = [...xml.toString('utf8').matchAll(text)].map((m) => decodeXml(m[1] ?? ''));
    const line = words.join(' ');
    out.push(line);
    length += line.length;
  }
  return out.join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? '';
    const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}
