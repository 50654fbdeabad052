// What a file really is, from its bytes (file-type, plus two looks inside containers), and whether a
// publication may carry it. The name the author gave and the type the browser sent are never read.
//
// Refused: executables and scripts however named; SVG, HTML and XML (they can carry scripts that run
// on our origin); plain ZIP archives (their content cannot be checked or searched, and they are the
// usual wrapper of malware: publish the documents themselves); macro-enabled Office files; anything
// file-type does not know and that is not valid UTF-8 text.
import { fileTypeFromBuffer } from 'file-type';
import { KINDS, type KindKey } from './attachments.types.js';
import { zipEntries } from './attachments.zip.js';

export type Sniffed = { ok: true; kind: KindKey; mime: string } | { ok: false; reason: string };

/** file-type extensions of programs, installers and scripts. */
const EXECUTABLE = new Set([
  'exe',
  'elf',
  'macho',
  'mach-o',
  'dex',
  'class',
  'wasm',
  'msi',
  'deb',
  'rpm',
  'apk',
  'jar',
  'lnk',
  'swf',
  'cab',
  'crx',
  'xpi',
]);

const FILE_TYPE_KINDS: Record<string, KindKey> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  jpg: 'jpg',
  png: 'png',
  gif: 'gif',
};

const refuse = (reason: string): Sniffed => ({ ok: false, reason });
const accept = (kind: KindKey): Sniffed => ({ ok: true, kind, mime: KINDS[kind].mime });

export const REFUSALS = {
  empty: '文件是空的（0 字节），请选择正确的文件。',
  executable: '该文件实际上是可执行程序或脚本，不能作为附件上传。',
  markup: '不能上传 SVG、HTML 或 XML 文件：这类文件可能含有脚本。请转换为 PDF 或图片（JPG、PNG）后上传。',
  zip: '不能上传压缩包（ZIP）：压缩包中的内容无法检查和检索，请直接上传其中的文件。',
  macro: '不能上传带宏的 Office 文件，请另存为不带宏的格式（如 .docx、.xlsx）后上传。',
  oldOffice: '无法确认该 Office 旧格式文件的类型，请另存为 .docx、.xlsx 或 .pptx 后上传。',
  unknown: '不支持该文件类型。可以上传：PDF、Word、Excel、PowerPoint、OFD、JPG、PNG、GIF 图片和 UTF-8 文本（TXT、CSV）。',
} as const;

export async function sniff(buf: Buffer): Promise<Sniffed> {
  if (buf.length === 0) return refuse(REFUSALS.empty);
  const ft = await fileTypeFromBuffer(buf);
  if (ft) {
    const direct = FILE_TYPE_KINDS[ft.ext];
    if (direct) return accept(direct);
    if (EXECUTABLE.has(ft.ext) || /executable|x-msdownload|x-sh$|x-elf|x-mach/.test(ft.mime)) return refuse(REFUSALS.executable);
    if (ft.ext === 'xml' || ft.ext === 'svg' || ft.ext === 'html') return refuse(REFUSALS.markup);
    if (ft.ext === 'cfb') return cfbKind(buf);
    if (ft.ext === 'zip') return zipKind(buf);
    if (/macroenabled/i.test(ft.mime)) return refuse(REFUSALS.macro);
    return refuse(REFUSALS.unknown);
  }
  return textKind(buf);
}

/** A ZIP is accepted only as OFD (GB/T 33190: `OFD.xml` at the root). */
function zipKind(buf: Buffer): Sniffed {
  const entries = zipEntries(buf);
  if (entries?.some((e) => e.name === 'OFD.xml')) return accept('ofd');
  return refuse(REFUSALS.zip);
}

/**
 * Old Office files are Compound File Binary containers, like MSI installers. The kind is told by the
 * streams in the directory: `WordDocument`, `Workbook`/`Book`, `PowerPoint Document`.
 */
function cfbKind(buf: Buffer): Sniffed {
  const names = cfbNames(buf);
  if (names.has('WordDocument')) return accept('doc');
  if (names.has('Workbook') || names.has('Book')) return accept('xls');
  if (names.has('PowerPoint Document')) return accept('ppt');
  return refuse(REFUSALS.oldOffice);
}

function cfbNames(buf: Buffer): Set<string> {
  const names = new Set<string>();
  if (buf.length < 512) return names;
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return names;
  const size = 1 << shift;
  const perFat = size / 4;
  const fatSector = (i: number) => (i < 109 ? buf.readUInt32LE(0x4c + i * 4) : 0xffffffff);
  const next = (s: number): number => {
    const f = fatSector(Math.floor(s / perFat));
    const off = (f + 1) * size + (s % perFat) * 4;
    return f >= 0xfffffffa || off + 4 > buf.length ? 0xfffffffe : buf.readUInt32LE(off);
  };
  let s = buf.readUInt32LE(0x30);
  for (let hops = 0; s < 0xfffffffa && hops < 10_000; hops++) {
    const base = (s + 1) * size;
    if (base + size > buf.length) break;
    for (let e = base; e < base + size; e += 128) {
      const len = buf.readUInt16LE(e + 0x40);
      if (len >= 2 && len <= 64) names.add(buf.toString('utf16le', e, e + len - 2));
    }
    s = next(s);
  }
  return names;
}

/** Valid UTF-8 without binary control characters; not markup, not a script. CSV when its lines agree. */
function textKind(buf: Buffer): Sniffed {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return refuse(REFUSALS.unknown);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary control characters are what is refused
  if (/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return refuse(REFUSALS.unknown);
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('#!')) return refuse(REFUSALS.executable);
  if (start.startsWith('<') || /<\s*(script|svg|html|iframe|object|embed)\b/i.test(text)) return refuse(REFUSALS.markup);
  return accept(looksLikeCsv(start) ? 'csv' : 'txt');
}

function looksLikeCsv(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 50);
  if (lines.length < 2) return false;
  const commas = (l: string) => l.replace(/"[^"]*"/g, '').split(',').length - 1;
  const n = commas(lines[0] as string);
  return n >= 1 && lines.every((l) => commas(l) === n);
}
