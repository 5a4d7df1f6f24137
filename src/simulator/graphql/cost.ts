import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";

function firstOf(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, vars: Record<string, unknown>): number | null {
  const a = args?.find((x) => x.name.value === "first" || x.name.value === "last");
  if (!a) return null;
  if (a.value.kind === Kind.INT) return Number(a.value.value);
  if (a.value.kind === Kind.VARIABLE) return Number(vars[a.value.name.value] ?? 0) || 0;
  return 0;
}

/**
 * GitHub's query cost, computed before execution from the document: every connection is one request
 * per page of its parents (the product of the parent connections' `first`), the sum divided by 100,
 * at least 1. Example: 100 issues each with timelineItems(first: 100) cost (1 + 100) / 100 -> 2.
 */
export function queryCost(doc: DocumentNode, vars: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const first = firstOf(s.arguments, vars);
        if (first !== null) {
          requests += multiplier;
          walk(s.selectionSet, multiplier * Math.max(first, 1), seen);
        } else walk(s.selectionSet, multiplier, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, multiplier, seen);
      else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
        walk(fragments.get(s.name.value)?.selectionSet, multiplier, new Set([...seen, s.name.value]));
      }
    }
  };
  for (const d of doc.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, 1, new Set());
  return Math.max(1, Math.round(requests / 100));
}
