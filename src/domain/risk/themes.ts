/**
 * Risk themes. Councils group strategic risks under a few themes; these seven are the ones adult
 * social care registers use. Text naming a known theme (in any case or spacing) becomes its label;
 * a council's own theme is kept as written.
 */
export const KNOWN_THEMES = [
  'Systems and processes',
  'Statutory and compliance',
  'Safeguarding',
  'Workforce',
  'Transformation',
  'Partnership',
  'Finance',
] as const;

const key = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const known = new Map<string, string>(KNOWN_THEMES.map((t) => [key(t), t]));

export function themeLabel(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return known.get(key(trimmed)) ?? trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** 'Systems and processes, statutory and compliance' → two labels; empty parts dropped, repeats once. */
export function parseThemes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]+/)
        .map((t) => t.trim())
        .filter(Boolean)
        .map(themeLabel),
    ),
  ];
}
