import { escapeMarkdownCell } from './escape';

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
      return typeof v === 'number' ? String(v) : escapeMarkdownCell(v as string);
    })));
  }
  return out.join('\n');
}

/** Inline text for prose and list items, escaped like a cell. */
export function md(v: string | number): string {
  return typeof v === 'number' ? String(v) : escapeMarkdownCell(v);
}
