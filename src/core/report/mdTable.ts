import { escapeMarkdownCell } from './escape';

/** Markdown TagTrail wrote itself (event links): put in a cell as it is. Never made from record text. */
export interface RawMd {
  raw: string;
}

function isRaw(v: unknown): v is RawMd {
  return typeof v === 'object' && v !== null && typeof (v as RawMd).raw === 'string';
}

/**
 * A GFM table whose every cell goes through `escapeMarkdownCell`: no value can add a column, end
 * the row or start markup. An empty cell is written as `–` so that column counts stay visible.
 */
export function mdTable(header: string[], rows: unknown[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const out = [line(header.map((h) => escapeMarkdownCell(h))), line(header.map(() => '---'))];
  for (const r of rows) {
    out.push(line(header.map((_, i) => {
      const v = r[i];
      if (v === undefined || v === null || v === '') return '–';
      if (isRaw(v)) return v.raw;
      return typeof v === 'number' ? String(v) : escapeMarkdownCell(v as string);
    })));
  }
  return out.join('\n');
}

/** Inline text for prose and list items, escaped like a cell. */
export function md(v: string | number): string {
  return typeof v === 'number' ? String(v) : escapeMarkdownCell(v);
}
