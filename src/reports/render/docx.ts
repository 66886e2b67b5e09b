import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import {
  contentsOf,
  provenanceLines,
  runsOf,
  type Block,
  type Inline,
  type ReportDocument,
  type RichCell,
  type Tone,
} from '../document.js';

/** Turns an SVG into a PNG for Word processors that cannot show SVG. */
export type Rasterise = (svg: string, width: number, height: number) => Promise<Uint8Array>;

const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

function runs(content: Inline): ParagraphChild[] {
  return runsOf(content).map((r) => {
    const text = new TextRun({
      text: r.text,
      bold: r.strong ?? false,
      style: r.href ? 'Hyperlink' : undefined,
    });
    return r.href?.startsWith('http') ? new ExternalHyperlink({ link: r.href, children: [text] }) : text;
  });
}

/** Cell fills for status tones: light tints, so black text stays readable; the words carry the meaning. */
const fills: Record<Tone, string> = {
  green: 'CCE2D8',
  amber: 'FFF7BF',
  red: 'F6D7D2',
  grey: 'E5E6E7',
  blue: 'D2E2F1',
  orange: 'FCD6C3',
  purple: 'DBD5E9',
};

async function cell(c: DocCell, header: boolean, numeric: boolean, rasterise: Rasterise): Promise<TableCell> {
  const rich = typeof c === 'string' ? { text: c } : c;
  const children: ParagraphChild[] = [];
  if (rich.image) {
    const { svg, width, height, altText } = rich.image;
    children.push(
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg, 'utf8'),
        fallback: { type: 'png', data: await rasterise(svg, width, height) },
        transformation: { width, height },
        altText: { name: altText.slice(0, 60), title: altText.slice(0, 60), description: altText },
      }),
    );
  }
  if (!rich.image || !rich.textHidden)
    children.push(
      new TextRun({ text: rich.image ? ` ${rich.text}` : rich.text, bold: header || !!rich.tone }),
    );
  return new TableCell({
    ...(rich.tone ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: fills[rich.tone] } } : {}),
    children: [new Paragraph({ alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children })],
  });
}
type DocCell = string | RichCell;

async function table(
  b: Extract<Block, { kind: 'table' }>,
  rasterise: Rasterise,
): Promise<(Paragraph | Table)[]> {
  const num = (i: number) => b.numeric?.[i] ?? false;
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: await Promise.all(b.head.map((h, i) => cell(h, true, num(i), rasterise))),
    }),
  ];
  for (const r of b.rows)
    rows.push(
      new TableRow({
        children: await Promise.all(
          r.map((c, i) => cell(c, i === 0 && (b.rowHeaders ?? false), num(i), rasterise)),
        ),
      }),
    );
  return [
    new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })], keepNext: true }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
    new Paragraph({ text: '' }),
  ];
}

async function chart(
  b: Extract<Block, { kind: 'chart' }>,
  rasterise: Rasterise,
): Promise<(Paragraph | Table)[]> {
  const width = Number(/width="(\d+)"/.exec(b.chart.svg)?.[1] ?? 640);
  const height = Number(/height="(\d+)"/.exec(b.chart.svg)?.[1] ?? 320);
  const png = await rasterise(b.chart.svg, width, height);
  const image = new ImageRun({
    type: 'svg',
    data: Buffer.from(b.chart.svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width: Math.round(width * 0.9), height: Math.round(height * 0.9) },
    altText: { name: b.caption, title: b.caption, description: b.chart.altText },
  });
  return [
    new Paragraph({ children: [image] }),
    new Paragraph({ children: [new TextRun({ text: b.caption, italics: true })] }),
    ...(await table(
      {
        kind: 'table',
        caption: `Data for: ${b.caption}`,
        head: b.chart.table.head,
        rows: b.chart.table.rows,
        rowHeaders: true,
      },
      rasterise,
    )),
  ];
}

async function block(b: Block, doc: ReportDocument, rasterise: Rasterise): Promise<(Paragraph | Table)[]> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: headingLevels[b.level], text: b.text })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.content) })];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i) }));
    case 'table':
      return table(b, rasterise);
    case 'chart':
      return chart(b, rasterise);
    case 'contents':
      return [
        new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Contents' }),
        ...contentsOf(doc)
          .filter((c) => c.level <= 2)
          .map((c) => new Paragraph({ text: c.text, indent: { left: (c.level - 1) * 360 } })),
      ];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** A Word document with real headings, header rows that repeat, charts with alternative text, page numbers. */
export async function renderDocx(doc: ReportDocument, rasterise: Rasterise): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, text: doc.title })];
  if (doc.subtitle) children.push(new Paragraph({ text: doc.subtitle }));
  for (const b of doc.blocks) children.push(...(await block(b, doc, rasterise)));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'About this document' }));
  for (const line of provenanceLines(doc.provenance))
    children.push(new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }));
  const document = new Document({
    title: doc.title,
    creator: 'Ascent',
    description: doc.subtitle ?? doc.title,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        ...(doc.landscape
          ? { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } } }
          : {}),
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${doc.title} · page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
