import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdownCell, escapeTerminal, truncate } from '../../../src/core/report/escape';

test('markdown cells: pipes, links, images, HTML, entities and code cannot form', () => {
  assert.equal(escapeMarkdownCell('a|b'), 'a\\|b');
  // `!`, `(`, `)` and `>` stay readable: with `[`, `]` and `<` escaped no image, link or tag can form.
  assert.equal(escapeMarkdownCell('![x](y)'), '!\\[x\\](y)');
  assert.equal(escapeMarkdownCell('<img src=x>'), '\\<img src=x>');
  assert.equal(escapeMarkdownCell('&lt;'), '\\&lt;');
  assert.equal(escapeMarkdownCell('`x`'), '\\`x\\`');
  assert.equal(escapeMarkdownCell('<!-- hide -->'), '\\<!-- hide -->');
});

test('markdown cells: ARNs stay readable, URLs are defanged', () => {
  assert.equal(escapeMarkdownCell('arn:aws:s3:::bucket/key.txt'), 'arn:aws:s3:::bucket/key.txt');
  assert.equal(escapeMarkdownCell('see https://evil.example/x'), 'see https\\[:\\]//evil.example/x');
  assert.equal(escapeMarkdownCell('www.evil.example'), 'www\\[.\\]evil.example');
});

test('markdown cells: control, bidi and invisible characters become visible code points', () => {
  assert.equal(escapeMarkdownCell('a\nb\rc'), 'a\\[U+000A\\]b\\[U+000D\\]c');
  assert.equal(escapeMarkdownCell('\u202Eexe.txt'), '\\[U+202E\\]exe.txt');
  assert.equal(escapeMarkdownCell('a\u200Bb\uFEFF'), 'a\\[U+200B\\]b\\[U+FEFF\\]');
  assert.equal(escapeMarkdownCell('x\uD800'), 'x\uFFFD');
});

test('long values are cut on code points with a note', () => {
  assert.equal(truncate('😀😀😀', 2), '😀😀… (1 more characters)');
  assert.match(escapeMarkdownCell('a'.repeat(600)), /… \(100 more characters\)$/);
});

test('terminal: escape sequences and controls are shown, not obeyed', () => {
  assert.equal(escapeTerminal('\u001b[2J\u0007ok\r'), '\\x1b[2J\\x07ok\\x0d');
  assert.equal(escapeTerminal('\u009b31m'), '\\x9b31m');
  assert.equal(escapeTerminal('a\\x1b'), 'a\\\\x1b');
  assert.equal(escapeTerminal('\u2067rtl'), '\\u{2067}rtl');
  assert.equal(escapeTerminal('plain arn:aws:iam::1:role/x'), 'plain arn:aws:iam::1:role/x');
});
