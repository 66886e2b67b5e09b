/**
 * The 5×5 risk heat map as a self-contained SVG (impact across, likelihood up), so the same chart
 * serves the page, the PDF and the Word file. Each cell says its band in words as well as colour,
 * and carries the risk IDs scored there; the text alternative and data table say the same.
 */
import { describeBands, ragLabel, type RagBand } from '../../domain/risk/bands.js';
import type { HeatGrid } from '../../domain/risk/heat.js';

export interface HeatMapChart {
  svg: string;
  altText: string;
  table: { head: string[]; rows: string[][] };
}

const fills = { red: '#f6d0c9', amber: '#fde3cc', green: '#cce2d8' } as const;
const strokes = { red: '#942514', amber: '#6e3619', green: '#005a30' } as const;
const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Risk IDs for a cell, shortened to fit: '2, 3, 4 +2 more'. */
function cellLabel(refs: readonly string[], max = 14): string {
  let text = '';
  for (const [i, r] of refs.entries()) {
    const next = text ? `${text}, ${r}` : r;
    if (next.length > max) return `${text} +${refs.length - i} more`;
    text = next;
  }
  return text;
}

const list = (refs: readonly string[]) =>
  refs.length <= 1 ? (refs[0] ?? '') : `${refs.slice(0, -1).join(', ')} and ${refs.at(-1)}`;

export function heatMap(title: string, grid: HeatGrid, bands: readonly RagBand[]): HeatMapChart {
  const cw = 92;
  const ch = 64;
  const left = 86;
  const top = 34;
  const width = left + 5 * cw + 16;
  const height = top + 5 * ch + 64;
  const cells = grid.rows
    .flatMap((row, r) =>
      row.map((c, i) => {
        const x = left + i * cw;
        const y = top + r * ch;
        const refs = cellLabel(c.references);
        return [
          `<rect x="${x}" y="${y}" width="${cw}" height="${ch}" fill="${fills[c.band.rag]}" stroke="${strokes[c.band.rag]}" stroke-width="1"/>`,
          `<text x="${x + 5}" y="${y + 15}" font-size="11" fill="#0b0c0c">${c.score} ${ragLabel[c.band.rag].charAt(0)}</text>`,
          refs
            ? `<text x="${x + cw / 2}" y="${y + 42}" font-size="13" font-weight="bold" text-anchor="middle" fill="#0b0c0c">${esc(refs)}</text>`
            : '',
        ].join('');
      }),
    )
    .join('');
  const xTicks = [1, 2, 3, 4, 5]
    .map(
      (n, i) =>
        `<text x="${left + i * cw + cw / 2}" y="${top + 5 * ch + 18}" font-size="12" text-anchor="middle">${n}</text>`,
    )
    .join('');
  const yTicks = [5, 4, 3, 2, 1]
    .map(
      (n, i) =>
        `<text x="${left - 10}" y="${top + i * ch + ch / 2 + 4}" font-size="12" text-anchor="end">${n}</text>`,
    )
    .join('');
  const placed = grid.rows.flat().filter((c) => c.references.length > 0);
  const byBand = (['red', 'amber', 'green'] as const)
    .map((rag) => {
      const here = placed.filter((c) => c.band.rag === rag);
      if (!here.length) return '';
      const parts = here.map(
        (c) => `${list(c.references)} at impact ${c.impact}, likelihood ${c.likelihood} (score ${c.score})`,
      );
      return `${ragLabel[rag]}: ${parts.join('; ')}.`;
    })
    .filter(Boolean);
  const unplaced = grid.unplaced.length
    ? [
        `Not placed because impact and likelihood are not yet recorded: ${grid.unplaced
          .map((u) => `${u.reference} (score ${u.score})`)
          .join(', ')}.`,
      ]
    : [];
  const count = placed.reduce((n, c) => n + c.references.length, 0);
  const altText = [
    `${title}: ${count} risk${count === 1 ? '' : 's'} placed by impact (1 to 5, across) and likelihood (1 to 5, up). Bands: ${describeBands(bands)}.`,
    ...byBand,
    ...unplaced,
  ].join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="hm-t hm-d" font-family="Arial, sans-serif"><title id="hm-t">${esc(title)}</title><desc id="hm-d">${esc(altText)}</desc><text x="${left}" y="20" font-size="13" font-weight="bold">${esc(title)}</text>${cells}${xTicks}${yTicks}<text x="${left + (5 * cw) / 2}" y="${top + 5 * ch + 40}" font-size="13" text-anchor="middle">Impact</text><text x="20" y="${top + (5 * ch) / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 20 ${top + (5 * ch) / 2})">Likelihood</text></svg>`;
  const table = {
    head: ['Likelihood', ...[1, 2, 3, 4, 5].map((n) => `Impact ${n}`)],
    rows: grid.rows.map((row) => [
      String(row[0]!.likelihood),
      ...row.map(
        (c) =>
          `${c.score} ${ragLabel[c.band.rag]}${c.references.length ? `: ${c.references.join(', ')}` : ''}`,
      ),
    ]),
  };
  return { svg, altText, table };
}
