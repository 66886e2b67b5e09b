/**
 * The "Making Data Count" icons as small SVGs: variation (grey for common cause; blue improvement, orange
 * concern, purple neither, with H or L for higher or lower values) and assurance (blue P for pass,
 * orange F for fail, grey ? for hit and miss). Each carries its meaning in words as well.
 */
import { assuranceLabel, variationLabel, type Assurance, type Variation } from '../../domain/spc/icons.js';
import type { CellImage, Tone } from '../document.js';

const colours: Record<'grey' | 'blue' | 'orange' | 'purple', { fill: string; text: string }> = {
  grey: { fill: '#505a5f', text: '#ffffff' },
  blue: { fill: '#1d70b8', text: '#ffffff' },
  orange: { fill: '#f47738', text: '#0b0c0c' },
  purple: { fill: '#4c2c92', text: '#ffffff' },
};

function icon(tone: keyof typeof colours, letter: string, label: string): CellImage {
  const c = colours[tone];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" role="img"><title>${label}</title>` +
    `<circle cx="12" cy="12" r="11" fill="${c.fill}"/>` +
    `<text x="12" y="16.5" text-anchor="middle" font-family="Arial, sans-serif" font-size="13" font-weight="700" fill="${c.text}">${letter}</text></svg>`;
  return { svg, altText: label, width: 24, height: 24 };
}

export function variationTone(v: Variation): Tone {
  return v === 'common-cause'
    ? 'grey'
    : v.startsWith('improvement')
      ? 'blue'
      : v.startsWith('concern')
        ? 'orange'
        : 'purple';
}

export function variationIcon(v: Variation): CellImage {
  const tone = variationTone(v) as keyof typeof colours;
  const letter = v === 'common-cause' ? '~' : v.endsWith('high') ? 'H' : 'L';
  return icon(tone, letter, variationLabel[v]);
}

export function assuranceTone(a: Assurance): Tone {
  return a === 'pass' ? 'blue' : a === 'fail' ? 'orange' : 'grey';
}

export function assuranceIcon(a: Assurance): CellImage {
  const letter = a === 'pass' ? 'P' : a === 'fail' ? 'F' : '?';
  return icon(assuranceTone(a) as keyof typeof colours, letter, assuranceLabel[a]);
}
