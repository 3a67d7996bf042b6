import type { ReadError } from '../core/model';
import { escapeTerminal } from '../core/report/escape';

/**
 * The Output channel line for a read error. File names and messages can carry record text, and the
 * channel shows each line after its own timestamp and level, so a raw newline in either would let a
 * file or record forge whole log lines; control, bidi and invisible characters are made visible.
 */
export function readErrorLine(e: ReadError): string {
  return `read error ${escapeTerminal(e.source)}${e.position !== undefined ? `:${e.position}` : ''}: ${escapeTerminal(e.message)}`;
}
