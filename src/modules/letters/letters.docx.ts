// A letter as a Word document (.docx), laid out after GB/T 9704: A4, margins 37/26/35/28 mm,
// title 宋体 二号 (22 pt) centred, body 仿宋 三号 (16 pt) with a two-character first-line indent,
// fixed 28 pt line spacing, seal line and date on the right. The `docx` package escapes all text.
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import type { Letter } from './letters.templates.js';

const MM = 56.6929; // twips per millimetre
const BODY_PT = 16;
const TITLE_PT = 22;
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const; // 28 pt
const INDENT_2_CHARS = BODY_PT * 2 * 20; // two characters, in twips
const FANGSONG = { ascii: '仿宋', eastAsia: '仿宋', hAnsi: '仿宋', cs: '仿宋' };
const SONG = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', cs: '宋体' };

function run(text: string, opts: { title?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: opts.title ? SONG : FANGSONG,
    size: (opts.title ? TITLE_PT : BODY_PT) * 2, // half-points
    bold: !!opts.title,
    language: { eastAsia: 'zh-CN' },
  });
}

function body(text: string, opts: { indent?: boolean; right?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text)],
    spacing: LINE,
    ...(opts.indent ? { indent: { firstLine: INDENT_2_CHARS } } : {}),
    ...(opts.right ? { alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS } } : {}),
  });
}

function blank(): Paragraph {
  return new Paragraph({ children: [run('')], spacing: LINE });
}

/** The letter as the bytes of a .docx file. */
export async function renderLetterDocx(letter: Letter): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      children: [run(letter.title, { title: true })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
    }),
  ];
  if (letter.number)
    children.push(new Paragraph({ children: [run(letter.number)], alignment: AlignmentType.CENTER, spacing: LINE }));
  children.push(blank(), body(letter.addressee));
  for (const b of letter.body) {
    if (b.kind === 'p') children.push(body(b.text, { indent: true }));
    else
      b.items.forEach((item, i) => {
        children.push(body(`${i + 1}. ${item}`, { indent: true }));
      });
  }
  children.push(body(letter.closing, { indent: true }), blank(), blank());
  children.push(body(letter.signature, { right: true }), body(letter.date, { right: true }));
  if (letter.contact) children.push(blank(), body(`（${letter.contact}）`));

  const doc = new Document({
    creator: letter.signature,
    title: letter.title,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
