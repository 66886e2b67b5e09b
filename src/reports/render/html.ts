import {
  contentsOf,
  headingId,
  provenanceLines,
  runsOf,
  type Block,
  type Inline,
  type ReportDocument,
  type TableCell,
  type Tone,
} from '../document.js';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function inline(content: Inline): string {
  return runsOf(content)
    .map((r) => {
      let t = esc(r.text);
      if (r.strong) t = `<strong>${t}</strong>`;
      if (r.href) t = `<a class="govuk-link" href="${esc(r.href)}">${t}</a>`;
      return t;
    })
    .join('');
}

const headingClass = { 1: 'govuk-heading-xl', 2: 'govuk-heading-l', 3: 'govuk-heading-m' } as const;

const tagClass: Record<Tone, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--yellow',
  red: 'govuk-tag--red',
  grey: 'govuk-tag--grey',
  blue: 'govuk-tag--blue',
  orange: 'govuk-tag--orange',
  purple: 'govuk-tag--purple',
};

/** A cell's content: text, a coloured tag with its words, or a small image with its words beside or hidden. */
function cellHtml(c: TableCell): string {
  if (typeof c === 'string') return esc(c);
  let text = esc(c.text);
  if (c.href) text = `<a class="govuk-link" href="${esc(c.href)}">${text}</a>`;
  if (c.tone) text = `<strong class="govuk-tag ${tagClass[c.tone]} app-tag">${text}</strong>`;
  if (!c.image) return text;
  // The image is decoration beside the same words, which screen readers and copy-paste get.
  const svg = c.image.svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
  return `<span class="app-cell-image">${svg}</span>${c.textHidden ? `<span class="govuk-visually-hidden">${text}</span>` : ` ${text}`}`;
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const num = (i: number) => (b.numeric?.[i] ? ' app-num' : '');
  const head = b.head
    .map((h, i) => `<th scope="col" class="govuk-table__header${num(i)}">${esc(h)}</th>`)
    .join('');
  const rows = b.rows
    .map(
      (r) =>
        `<tr class="govuk-table__row">${r
          .map((c, i) =>
            i === 0 && b.rowHeaders
              ? `<th scope="row" class="govuk-table__header">${cellHtml(c)}</th>`
              : `<td class="govuk-table__cell${num(i)}">${cellHtml(c)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="govuk-table app-table--numeric"><caption class="govuk-table__caption govuk-table__caption--s">${esc(b.caption)}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead><tbody class="govuk-table__body">${rows}</tbody></table>`;
}

function chart(b: Extract<Block, { kind: 'chart' }>, standalone: boolean): string {
  const data = table({
    kind: 'table',
    caption: `Data for: ${b.caption}`,
    head: b.chart.table.head,
    rows: b.chart.table.rows,
    rowHeaders: true,
  });
  return `<figure class="app-figure">${b.chart.svg}<figcaption class="govuk-body-s">${esc(b.caption)}</figcaption><details class="govuk-details"${standalone ? ' open' : ''}><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Data table for this chart</span></summary><div class="govuk-details__text">${data}</div></details></figure>`;
}

/** The body of a report as HTML fragments: used inside app pages and in the standalone document. */
export function reportBody(doc: ReportDocument, standalone = false): string {
  const used = new Set<string>();
  const contents = contentsOf(doc);
  return doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading': {
          const id = b.id ?? headingId(b.text, used);
          return `<h${b.level} id="${esc(id)}" class="${headingClass[b.level]}">${esc(b.text)}</h${b.level}>`;
        }
        case 'paragraph':
          return `<p class="govuk-body">${inline(b.content)}</p>`;
        case 'list':
          return `<ul class="govuk-list govuk-list--bullet">${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
        case 'table':
          return table(b);
        case 'chart':
          return chart(b, standalone);
        case 'contents':
          return `<nav aria-labelledby="contents-title" class="app-contents"><h2 id="contents-title" class="govuk-heading-m">Contents</h2><ol class="govuk-list">${contents
            .filter((c) => c.level <= 2)
            .map(
              (c) =>
                `<li class="app-contents__level-${c.level}"><a class="govuk-link" href="#${esc(c.id)}">${esc(c.text)}</a></li>`,
            )
            .join('')}</ol></nav>`;
        case 'pageBreak':
          return '<div class="app-page-break" aria-hidden="true"></div>';
      }
    })
    .join('\n');
}

export function provenanceFooter(doc: ReportDocument): string {
  return `<footer class="app-provenance govuk-body-s"><h2 class="govuk-heading-s">About this document</h2><ul class="govuk-list">${provenanceLines(
    doc.provenance,
  )
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul></footer>`;
}

/** A standalone, accessible HTML document (also what Chromium prints to PDF). */
export function renderHtml(doc: ReportDocument, css: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}${doc.landscape ? '@page { size: A4 landscape; }' : ''}</style></head><body class="govuk-template__body"><main class="govuk-width-container app-report${doc.landscape ? ' app-report--wide' : ''}" id="main-content"><h1 class="govuk-heading-xl">${esc(doc.title)}</h1>${doc.subtitle ? `<p class="govuk-body-l">${esc(doc.subtitle)}</p>` : ''}${reportBody(doc, true)}${provenanceFooter(doc)}</main></body></html>`;
}
