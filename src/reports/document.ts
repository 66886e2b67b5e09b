import type { TrendChart } from './charts/trend-chart.js';

/**
 * A report as structure, not layout: one definition, rendered to accessible HTML, tagged PDF and
 * Word by the renderers beside this file. Text carries no markup; emphasis and links are runs.
 */
export interface Run {
  text: string;
  strong?: boolean;
  href?: string;
}
export type Inline = string | Run[];

/** A small picture in a table cell (a sparkline, an SPC icon), with its text alternative. */
export interface CellImage {
  svg: string;
  altText: string;
  width: number;
  height: number;
}

/** A colour a status cell carries, always beside its words (never instead of them). */
export type Tone = 'green' | 'amber' | 'red' | 'grey' | 'blue' | 'orange' | 'purple';

/** A table cell with more than text: a tone (RAG), a small image, a link. Its text is what CSV and Excel get. */
export interface RichCell {
  text: string;
  tone?: Tone;
  image?: CellImage;
  /** True when the image says it all on the page (its alternative text is the text). */
  textHidden?: boolean;
  href?: string;
}
export type TableCell = string | RichCell;
export const cellText = (c: TableCell): string => (typeof c === 'string' ? c : c.text);

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; content: Inline }
  | { kind: 'list'; items: Inline[] }
  | {
      kind: 'table';
      caption: string;
      head: string[];
      rows: TableCell[][];
      numeric?: boolean[];
      rowHeaders?: boolean;
      /** A name for the table when exported (a sheet name, a file name part). */
      exportName?: string;
    }
  | { kind: 'chart'; caption: string; chart: TrendChart }
  | { kind: 'contents' }
  | { kind: 'pageBreak' };

export interface Provenance {
  releases: { id: number; fileName: string; fileSha256: string; importedAt: string }[];
  comparatorGroup?: { id: number; name: string; version: number } | undefined;
  generatedAt: string;
  generatedBy: string;
  snapshotId?: number | undefined;
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** Wide tables: printed on landscape pages, in PDF and Word alike. */
  landscape?: boolean;
  blocks: Block[];
  provenance: Provenance;
}

export const runsOf = (inline: Inline): Run[] => (typeof inline === 'string' ? [{ text: inline }] : inline);
export const plainText = (inline: Inline): string =>
  runsOf(inline)
    .map((r) => r.text)
    .join('');

/** Anchor ids for headings that lack one, stable for the same text. */
export function headingId(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section';
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/** The headings a contents list shows (levels 1 and 2), with their anchors. */
export function contentsOf(doc: ReportDocument): { level: number; text: string; id: string }[] {
  const used = new Set<string>();
  return doc.blocks.flatMap((b) =>
    b.kind === 'heading' ? [{ level: b.level, text: b.text, id: b.id ?? headingId(b.text, used) }] : [],
  );
}

export function provenanceLines(p: Provenance): string[] {
  const lines = p.releases.map(
    (r) =>
      `Data release ${r.id}: ${r.fileName}, imported ${r.importedAt}, SHA-256 ${r.fileSha256.slice(0, 16)}…`,
  );
  if (p.comparatorGroup)
    lines.push(`Comparator group: ${p.comparatorGroup.name}, version ${p.comparatorGroup.version}`);
  lines.push(
    `Generated ${p.generatedAt} by ${p.generatedBy}${p.snapshotId ? ` from saved snapshot ${p.snapshotId}` : ''}`,
  );
  return lines;
}
