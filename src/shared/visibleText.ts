// Text from CloudTrail is shown with textContent, so it can never become markup; but bidi overrides
// and invisible characters still change what a reader sees (Trojan Source: `admin\u202Egnp.exe`
// displays as `adminexe.png`). The webview shows them as visible `[U+XXXX]` marks, as reports do.

// eslint-disable-next-line no-control-regex -- control characters are what is being made visible
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u2028\u2029\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;

/** The string with control, bidi and invisible characters replaced by `[U+XXXX]`; other text unchanged. */
export function visibleText(s: string): string {
  return s.replace(HIDDEN, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
