import type { Block } from '../document.js';
import type { CommentaryInput } from './inputs.js';

/** Commentary beside the figures: what is happening, why, and what we are doing, per measure that has some. */
export function commentaryBlocks(
  items: { title: string; commentary: CommentaryInput | null }[],
  heading: string,
): Block[] {
  const written = items.filter((i) => i.commentary);
  if (written.length === 0) return [];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: heading }];
  for (const { title, commentary: c } of written) {
    blocks.push({ kind: 'heading', level: 3, text: `${title} (${c!.period})` });
    for (const [label, text] of [
      ['What is happening', c!.happening],
      ['Why', c!.why],
      ['What we are doing', c!.action],
    ] as const) {
      if (text) blocks.push({ kind: 'paragraph', content: [{ text: `${label}: `, strong: true }, { text }] });
    }
  }
  return blocks;
}
