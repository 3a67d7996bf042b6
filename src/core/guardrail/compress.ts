/**
 * Shortens a service's list of guardable actions with wildcards, only where a wildcard matches no
 * other action of the service: `svc:*` when every action is guardable, else `svc:Get*`-style
 * prefixes on CamelCase word boundaries. Matching is case-insensitive as IAM's is. A wildcard also
 * matches actions AWS adds later, which is said in the proposal's notes.
 */

function words(name: string): string[] {
  return name.match(/[A-Z0-9]+(?![a-z])|[A-Z0-9]?[a-z0-9]+|[^A-Za-z0-9]+/g) ?? [name];
}

/**
 * The shortest list of `prefix:Pattern` entries covering exactly `guardable` among `all` (the
 * service's action names). Names of `guardable` missing from `all` are kept as they are.
 */
export function compressActions(prefix: string, guardable: readonly string[], all: readonly string[]): string[] {
  const want = new Set(guardable.map((n) => n.toLowerCase()));
  if (want.size === 0) return [];
  const allLow = all.map((n) => n.toLowerCase());
  if (allLow.length > 0 && allLow.every((n) => want.has(n))) return [`${prefix}:*`];
  const out: string[] = [];
  // Only where every action of the service starting with `head` is wanted (and there are two or more).
  const safe = (head: string): boolean => {
    const h = head.toLowerCase();
    let n = 0;
    for (const a of allLow) if (a.startsWith(h)) {
      if (!want.has(a)) return false;
      n++;
    }
    return n >= 2;
  };
  const split = [...new Set(guardable)].sort().map((n) => ({ name: n, w: words(n) }));
  const walk = (items: { name: string; w: string[] }[], depth: number): void => {
    const groups = new Map<string, { name: string; w: string[] }[]>();
    for (const it of items) {
      if (it.w.length <= depth) {
        out.push(`${prefix}:${it.name}`);
        continue;
      }
      const head = it.w.slice(0, depth + 1).join('');
      const g = groups.get(head);
      if (g) g.push(it);
      else groups.set(head, [it]);
    }
    for (const [head, g] of groups) {
      if (g.length === 1 && (g[0] as { w: string[] }).w.length === depth + 1) out.push(`${prefix}:${(g[0] as { name: string }).name}`);
      else if (g.length >= 2 && safe(head)) out.push(`${prefix}:${head}*`);
      else walk(g, depth + 1);
    }
  };
  walk(split, 0);
  return [...new Set(out)].sort();
}
