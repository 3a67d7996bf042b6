// Every string in a report may come from a CloudTrail record, i.e. from whoever made the call
// (session names, user agents, bucket names, error messages). Nothing from a record may change the
// structure of what we print: not a table, not a terminal, not the reader's view of the text.

/** Bidi controls and invisible characters that can make text read differently than it is (Trojan Source). */
export const INVISIBLE = /[\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u2028\u2029\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function codePoint(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Cuts at `max` code points (never inside a surrogate pair); returns the kept text and how much was cut. */
function cut(s: string, max: number): [string, number] {
  if (s.length <= max) return [s, 0];
  const cps = Array.from(s);
  return cps.length <= max ? [s, 0] : [cps.slice(0, max).join(''), cps.length - max];
}

/** Cuts at `max` code points (never inside a surrogate pair) and says how much was left out. */
export function truncate(s: string, max: number): string {
  const [kept, omitted] = cut(s, max);
  return omitted > 0 ? `${kept}… (${omitted} more characters)` : kept;
}

/**
 * Reports are built from typed results, but the values inside came from JSON anyone could write:
 * a field typed `string` may hold a number, an object or null. Never let that throw.
 */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return '[unprintable value]';
    }
  }
  return String(v);
}

// Every character that can open Markdown syntax inside a line (cells and list items are inline, so
// line-start markers such as `-`, `#`, `>` or `1.` cannot act), and `@`, which autolinks e-mail
// addresses. `(`, `)` and `!` stay as they are: with `[` and `]` escaped no link or image can form
// around them. `:`, `/` and `.` stay readable too: ARNs are the main content, and a ticket system
// that does not render Markdown shows the raw text.
const MD_UNSAFE = new RegExp(`${CONTROL.source}|${INVISIBLE.source}|[\\\\\`*_[\\]<|&~$^@]`);

/**
 * Makes any string safe inside a Markdown table cell (and any inline Markdown text): every character
 * that can open inline syntax is backslash-escaped (so no `|`, link, image, emphasis, code span,
 * entity, math or HTML can form), URL schemes and `www.` are defanged so that renderers that autolink bare URLs
 * (GitHub) do not, control, bidi and invisible characters are shown as `[U+XXXX]`, and values longer
 * than `max` code points are cut with a note.
 */
export function escapeMarkdownCell(value: string, max = 500): string {
  const [s, omitted] = cut(textOf(value).replace(LONE_SURROGATE, '\uFFFD'), max);
  const escaped = s.replace(/:\/\/|\bwww\.|[\s\S]/gi, (c) => {
    if (c === '://') return '\\[:\\]//';
    if (c.length === 4) return `${c.slice(0, 3)}\\[.\\]`;
    if (c === '\t') return ' ';
    if (!MD_UNSAFE.test(c)) return c;
    if (CONTROL.test(c) || INVISIBLE.test(c)) return `\\[U+${codePoint(c)}\\]`;
    return `\\${c}`;
  });
  return omitted > 0 ? `${escaped}… (${omitted} more characters)` : escaped;
}

const TERM_UNSAFE = new RegExp(`${CONTROL.source}|${INVISIBLE.source}|\\\\`, 'g');

/**
 * Makes a string safe to print on a terminal: escape sequences, carriage returns, backspaces, bells
 * and every other control character, plus bidi and invisible characters, become visible `\xNN` /
 * `\u{XXXX}` text, so no record can move the cursor, recolour, retitle or hide text. Backslashes are
 * doubled so that the escaped form is unambiguous.
 */
export function escapeTerminal(value: string, max = 2000): string {
  return truncate(textOf(value).replace(LONE_SURROGATE, '\uFFFD'), max).replace(TERM_UNSAFE, (c) => {
    if (c === '\\') return '\\\\';
    const cp = c.codePointAt(0) ?? 0;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
  });
}

/**
 * Makes a string safe inside a VS Code notification (showErrorMessage and friends). Notifications
 * turn `[label](command:…)` into a link that runs the command with its arguments when clicked, so a
 * product tag, event id or error text from AWS could plant one; `](` is split so no link forms.
 * Control, bidi and invisible characters are made visible as for a terminal.
 */
export function escapeNotice(value: string, max = 1000): string {
  return escapeTerminal(value, max).replace(/\](?=\()/g, '] ');
}
