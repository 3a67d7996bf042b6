/**
 * Finds unresolved events that mention a resource, for its events panel: an event the resolver
 * could not tie to any ARN may still name the resource (its ARN, name or id appears in the record),
 * which is what LookupEvents' ResourceName filter matches on. A person looking at the resource
 * wants those beside the events that resolved to it. No `vscode` here: tested in Node.
 */

import { parseArn } from '../../core/arn/arn';

// Shorter names ("db", "app") would match unrelated text in almost every record.
const MIN_ID_LENGTH = 4;
// Characters that continue a name: a match must not be part of a longer name ("orders" in "orders-archive").
const NAME_CHAR = /[A-Za-z0-9_-]/;

/**
 * The strings whose presence in a record means it names the resource: the ARN, the resource part,
 * the id or name after its type (`key/<id>`, `table/<name>`, `secret:<name>-<suffix>`), the last
 * path segment, and for Secrets Manager the name without the random suffix AWS appends.
 */
export function identifiersOf(arn: string): string[] {
  const ids = new Set<string>([arn]);
  const parsed = parseArn(arn);
  if (parsed) {
    const { service, resource } = parsed;
    ids.add(resource);
    const typed = /^[A-Za-z0-9-]+[/:](.+)$/.exec(resource);
    const name = service === 's3' ? resource : typed?.[1] ?? resource;
    ids.add(name);
    const last = name.split('/').pop();
    if (last) ids.add(last);
    if (service === 'secretsmanager') ids.add(name.replace(/-[A-Za-z0-9]{6}$/, ''));
  }
  return [...ids].filter((s) => s.length >= MIN_ID_LENGTH);
}

/** True when `text` holds one of `ids` as a whole name (not inside a longer one). */
export function mentionsAny(text: string, ids: readonly string[]): boolean {
  for (const id of ids) {
    for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
      const before = text[at - 1];
      const after = text[at + id.length];
      if ((before === undefined || !NAME_CHAR.test(before)) && (after === undefined || !NAME_CHAR.test(after))) return true;
    }
  }
  return false;
}
