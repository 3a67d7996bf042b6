// The Markdown report is pasted into tickets and rendered by GitHub and friends. A value from a
// record must never add a column or a row, nor become a link, an image, raw HTML or hidden text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { escapeMarkdownCell } from '../../../src/core/report/escape';
import { groupResult } from '../../../src/core/report/group';
import { ALL_PAYLOADS, RAW_CONTROL, RAW_INVISIBLE, hostileCases, writeHostileFiles } from '../../fixtures/hostile/hostileRecords';
import { checkFiles } from './pipeline';

// linkify and html on: the strictest reading, as a renderer that autolinks bare URLs would do.
const parser = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof parser.parse>[number];
const FORBIDDEN = new Set(['link_open', 'image', 'html_inline', 'html_block']);
/** The only links allowed: TagTrail's own, to an event's CloudTrail console page, for ids and regions of AWS's shape. */
const CONSOLE_LINK = /^https:\/\/([a-z]{2}-[a-z]+-\d{1,2})\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=\1#\/events\/[A-Za-z0-9][A-Za-z0-9-]*$/;

function flat(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flat(t.children ?? [])]);
}

/** Each table as its header line, its rows' source lines, and its parsed body rows' cells. */
function tables(text: string): { header: string; lines: string[]; rows: Token[][] }[] {
  const tokens = parser.parse(text, {});
  const src = text.split('\n');
  const out: { header: string; lines: string[]; rows: Token[][] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'table_open' || !open.map) continue;
    const rows: Token[][] = [];
    let cells: Token[] = [];
    let inBody = false;
    for (i++; tokens[i]!.type !== 'table_close'; i++) {
      const t = tokens[i]!;
      if (t.type === 'tbody_open') inBody = true;
      if (inBody && t.type === 'inline') cells.push(t);
      if (inBody && t.type === 'tr_close') {
        rows.push(cells);
        cells = [];
      }
    }
    const [from, to] = open.map;
    out.push({ header: src[from]!, lines: src.slice(from + 2, to), rows });
  }
  return out;
}

/** Column separators in a table line: pipes not escaped by a backslash. */
function pipes(line: string): number {
  return line.replace(/\\./g, '').split('|').length - 1;
}

async function hostileReport(product?: string) {
  const files = writeHostileFiles();
  const { result } = await checkFiles([files.jsonl, files.trailGz, files.eventsDir], [files.inventory], product ? { product } : {});
  const text = renderMarkdown(result, { maxReadErrors: 10_000 });
  return { result, text };
}

test('hostile corpus: the findings, gaps and read-error tables keep their row and column counts', async () => {
  const { result, text } = await hostileReport();
  const cases = hostileCases();
  // Each case is read twice (JSONL and trail file); the events folder adds one more finding.
  assert.ok(result.stats.findings >= 2 * cases.filter((c) => c.expect === 'finding').length, `findings ${result.stats.findings}`);
  assert.ok(result.stats.gaps >= 2 * cases.filter((c) => c.expect === 'gap').length, `gaps ${result.stats.gaps}`);
  assert.ok(result.readErrors.length >= 2 * cases.filter((c) => c.expect === 'rejected').length, `read errors ${result.readErrors.length}`);

  const all = tables(text);
  const grouped = groupResult(result);
  const byHeader = (h: string) => all.find((t) => t.header.startsWith(h)) ?? assert.fail(`no table starting ${h}`);
  const expected: [string, number, number][] = [
    ['| Severity | Caller |', grouped.findingGroups.length, 7],
    ['| Kind | Caller, resource or action |', grouped.gapGroups.length, 7],
    ['| Source | Line or record |', result.readErrors.length, 3],
    ['| Caller product |', result.pairs.length, 6],
  ];
  for (const [header, rows, columns] of expected) {
    const t = byHeader(header);
    assert.equal(t.rows.length, rows, `${header}: parsed rows`);
    assert.equal(t.lines.length, rows, `${header}: source lines`);
    t.lines.forEach((l, i) => assert.equal(pipes(l), columns + 1, `${header} row ${i + 1} has ${pipes(l) - 1} columns: ${l.slice(0, 200)}`));
  }
  // Columns are where they should be: each findings row has its group's count in the fifth cell and
  // its first event id, escaped or as a link's text, in the last (the table parser itself turns `\|`
  // back into `|` before inline parsing, as GFM specifies).
  byHeader('| Severity | Caller |').rows.forEach((cells, i) => {
    const g = grouped.findingGroups[i]!;
    assert.equal(cells[4]?.content, String(g.count), `row ${i + 1}`);
    const id = g.events[0]!.eventID;
    const last = cells[6]?.content ?? '';
    assert.ok(last.startsWith(`[${id.slice(0, 8)}][f`) || last.startsWith(escapeMarkdownCell(id, 80).replace(/\\\|/g, '|')), `row ${i + 1}: ${last.slice(0, 80)}`);
  });
});

test('hostile corpus: no link, image or HTML token, and table cells and headings hold plain text only', async () => {
  for (const product of [undefined, `evil ${ALL_PAYLOADS}`]) {
    const { text } = await hostileReport(product);
    const tokens = parser.parse(text, {});
    const bad = flat(tokens).filter((t) => FORBIDDEN.has(t.type) && !(t.type === 'link_open' && CONSOLE_LINK.test(String(t.attrGet('href') ?? ''))));
    assert.deepEqual(bad.map((t) => `${t.type}: ${t.content.slice(0, 80)}`), [], `product filter ${product === undefined ? 'none' : 'hostile'}`);
    // Cells and the title carry record and inventory values: there even emphasis or code is injected.
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const inCell = i > 0 && ['td_open', 'th_open'].includes(tokens[i - 1]!.type);
      const inTitle = i > 0 && tokens[i - 1]!.type === 'heading_open' && tokens[i - 1]!.tag === 'h1';
      if (t.type !== 'inline' || !(inCell || inTitle)) continue;
      const kinds = new Set((t.children ?? []).map((c) => c.type));
      // Console links (checked above) are the one markup allowed, in the event id cells.
      const allowed = inCell ? ['text', 'link_open', 'link_close'] : ['text'];
      assert.deepEqual([...kinds].filter((k) => !allowed.includes(k)), [], `markup in ${inCell ? 'cell' : 'title'}: ${t.content.slice(0, 120)}`);
    }
    // TagTrail's console links (href checked above, text an id's first 8 characters) are set aside.
    const html = parser.render(text).replace(/<a href="https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/cloudtrailv2\/[^"]*">[A-Za-z0-9-]{1,8}<\/a>/g, '');
    assert.doesNotMatch(html, /<(img|script|svg|div|a|iframe)\b/i, 'no element from a record in the rendered HTML');
  }
});

test('hostile corpus: no control, bidi or zero-width character survives raw in the report', async () => {
  const { text } = await hostileReport(`evil ${ALL_PAYLOADS}`);
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    assert.doesNotMatch(l, RAW_CONTROL, `line ${i + 1}: ${JSON.stringify(l.slice(0, 120))}`);
    assert.doesNotMatch(l, RAW_INVISIBLE, `line ${i + 1}`);
    assert.doesNotMatch(l, /\t|\r/, `line ${i + 1}`);
  });
  // The report stays a reasonable size however long the hostile fields (cells are cut at 500 characters).
  assert.ok(text.length < 4 * 1024 * 1024, `report is ${text.length} characters`);
});

test('hostile corpus: prototype keys in records pollute nothing', async () => {
  await hostileReport();
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
  assert.equal(({} as Record<string, unknown>)['bucketName'], undefined);
});
