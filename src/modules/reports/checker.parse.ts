// The report checker, step 1: a published annual report (HTML as saved from a portal, or a Word
// .docx) read into plain data — its text blocks in reading order and each data table as a grid of
// cells with colspan/rowspan expanded (a merged cell appears in every slot it covers, with the
// coordinates of its origin). Deterministic, no network, bounded work: hostile or broken markup
// yields what can be read, never an exception other than `ReportReadError` (a Chinese message).
import type { ChildNode, Element, Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const isTag = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const isText = (n: ChildNode): n is Text => n.type === 'text';

/** A reason, in Chinese, why a file cannot be read as a report. */
export class ReportReadError extends Error {
  override name = 'ReportReadError';
}

export interface GridCell {
  /** The cell's text, whitespace collapsed. */
  text: string;
  /** Where the (possibly merged) cell starts; the same for every slot it covers. */
  row: number;
  col: number;
}

/** A table as rows × columns; `null` where a row is shorter than the widest. */
export type Grid = Array<Array<GridCell | null>>;

export type Block = { kind: 'text'; text: string } | { kind: 'table'; index: number };

export interface ParsedDocument {
  /** The page's <title> or first heading, if any. */
  title: string;
  blocks: Block[];
  tables: Grid[];
}

/** Bounds that keep a hostile document cheap to read. */
export const LIMITS = { maxSpan: 60, maxRows: 400, maxCols: 80, maxTables: 60, maxBytes: 8 * 1024 * 1024 };

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'br',
  'tr',
  'td',
  'th',
  'caption',
  'center',
  'dd',
  'dt',
  'hr',
  'body',
  'html',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'select', 'option']);

const collapse = (s: string) => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();

/** The text under a node, scripts excluded. */
function textOf(node: ChildNode, depth = 0): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || depth > 200 || SKIP_TAGS.has(node.name)) return '';
  if (node.name === 'br') return ' ';
  let s = '';
  for (const c of node.children) s += textOf(c, depth + 1);
  return BLOCK_TAGS.has(node.name) ? ` ${s} ` : s;
}

function hasNestedTable(table: Element): boolean {
  const stack: ChildNode[] = [...table.children];
  let n = 0;
  while (stack.length && n++ < 100_000) {
    const x = stack.pop() as ChildNode;
    if (!isTag(x)) continue;
    if (x.name === 'table') return true;
    stack.push(...x.children);
  }
  return false;
}

/** The table's own rows (not those of tables nested in it). */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element, depth: number) => {
    for (const c of el.children) {
      if (!isTag(c)) continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'table' && depth < 4) visit(c, depth + 1);
    }
  };
  visit(table, 0);
  return rows.slice(0, LIMITS.maxRows);
}

function span(el: Element, name: string): number {
  const v = Number.parseInt(el.attribs[name] ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, LIMITS.maxSpan) : 1;
}

/** A table element as a grid, spans expanded. */
export function tableToGrid(table: Element): Grid {
  const rows = ownRows(table);
  const grid: Grid = rows.map(() => []);
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of tr.children) {
      if (!isTag(td) || (td.name !== 'td' && td.name !== 'th')) continue;
      const line = grid[r] as Array<GridCell | null>;
      while (line[c]) c++;
      if (c >= LIMITS.maxCols) break;
      const cell: GridCell = { text: collapse(textOf(td)), row: r, col: c };
      const rs = Math.min(span(td, 'rowspan'), rows.length - r);
      const cs = Math.min(span(td, 'colspan'), LIMITS.maxCols - c);
      for (let i = 0; i < rs; i++) {
        const target = grid[r + i] as Array<GridCell | null>;
        for (let j = 0; j < cs; j++) if (!target[c + j]) target[c + j] = cell;
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((l) => l.length));
  for (const line of grid) for (let i = 0; i < width; i++) line[i] ??= null;
  return grid.filter((line) => line.some((x) => x !== null));
}

/** Reads HTML into blocks and grids. Never throws for any string. */
export function parseHtml(html: string): ParsedDocument {
  const doc = parseDocument(html.slice(0, LIMITS.maxBytes), { decodeEntities: true, lowerCaseTags: true });
  const blocks: Block[] = [];
  const tables: Grid[] = [];
  let title = '';
  let buf = '';
  const flush = () => {
    const t = collapse(buf);
    if (t) blocks.push({ kind: 'text', text: t });
    buf = '';
  };
  // iterative walk (deep markup must not overflow the stack)
  type Step = { node: ChildNode } | { end: string };
  const stack: Step[] = doc.children
    .slice()
    .reverse()
    .map((node) => ({ node }));
  let steps = 0;
  while (stack.length && steps++ < 2_000_000) {
    const step = stack.pop() as Step;
    if ('end' in step) {
      if (BLOCK_TAGS.has(step.end)) flush();
      continue;
    }
    const node = step.node;
    if (isText(node)) {
      buf += node.data;
      continue;
    }
    if (!isTag(node)) continue;
    if (node.name === 'title') {
      title ||= collapse(node.children.map((c) => textOf(c)).join(''));
      continue;
    }
    if (SKIP_TAGS.has(node.name)) continue;
    if (node.name === 'table' && !hasNestedTable(node) && tables.length < LIMITS.maxTables) {
      flush();
      const grid = tableToGrid(node);
      if (grid.length) {
        blocks.push({ kind: 'table', index: tables.length });
        tables.push(grid);
      }
      continue;
    }
    if (!title && /^h[12]$/.test(node.name)) title = collapse(textOf(node));
    if (BLOCK_TAGS.has(node.name)) flush();
    stack.push({ end: node.name });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as ChildNode });
  }
  flush();
  return { title, blocks, tables };
}

export type SourceKind = 'html' | 'docx';

/** What the bytes are: a .docx (a zip with word/document.xml) or HTML/text; null otherwise. */
export function sniffReport(bytes: Uint8Array): SourceKind | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)))
      .toString('latin1')
      .includes('word/')
      ? 'docx'
      : null;
  }
  const head = decodeText(bytes.subarray(0, 4096));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary files carry control bytes
  if (/[\u0000-\u0008\u000e-\u001a]/.test(head)) return null;
  return /<\s*(html|body|table|p|div|h\d|meta|!doctype)\b/i.test(head) ? 'html' : null;
}

/** Bytes as text: UTF-8 (with or without BOM), else GB18030 (older portals' pages). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

/** A .docx as HTML (mammoth keeps merged cells as colspan/rowspan). */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  try {
    const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return r.value;
  } catch {
    throw new ReportReadError('无法读取该 Word 文件：文件已损坏或不是 .docx 格式。');
  }
}

/** Any report file (HTML or .docx, told apart by content) read into blocks and grids. */
export async function readReport(bytes: Uint8Array): Promise<{ kind: SourceKind; doc: ParsedDocument }> {
  if (bytes.length === 0) throw new ReportReadError('文件为空。');
  if (bytes.length > LIMITS.maxBytes) throw new ReportReadError('文件超过 8 MB，无法核查。');
  const kind = sniffReport(bytes);
  if (!kind) throw new ReportReadError('无法识别该文件：请提供 HTML 网页或 Word（.docx）格式的年度报告。');
  const html = kind === 'docx' ? await docxToHtml(bytes) : decodeText(bytes);
  return { kind, doc: parseHtml(html) };
}
