// Test helper: a report fixture's HTML (paragraphs and tables of its editor area) written as a real
// Word file with the `docx` package, merged cells kept (columnSpan / rowSpan → gridSpan / vMerge).
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

const isEl = (n: ChildNode): n is Element => n.type === 'tag';
const own = (n: Element, name: string): Element[] =>
  n.children.filter(isEl).flatMap((c) => (c.name === name ? [c] : c.name === 'table' ? [] : own(c, name)));

export async function docxFromHtml(html: string, title: string): Promise<Buffer> {
  const dom = parseDocument(html);
  const editor = DomUtils.findOne((e) => e.attribs.class === 'TRS_Editor', dom.children);
  if (!editor) throw new Error('no editor area in fixture');
  const children: Array<Paragraph | Table> = [new Paragraph(title)];
  for (const n of editor.children.filter(isEl)) {
    if (n.name === 'p') children.push(new Paragraph(DomUtils.textContent(n)));
    if (n.name !== 'table') continue;
    const rows = own(n, 'tr').map(
      (tr) =>
        new TableRow({
          children: own(tr, 'td').map(
            (td) =>
              new TableCell({
                children: [new Paragraph(DomUtils.textContent(td))],
                columnSpan: Number(td.attribs.colspan ?? 1),
                rowSpan: Number(td.attribs.rowspan ?? 1),
              }),
          ),
        }),
    );
    children.push(new Table({ rows }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
