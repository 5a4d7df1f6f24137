import { GraphQLError } from "graphql";

/** What every GitHub connection takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
}

/** Per-request context: the resolvers count the connections they serve, which the rate-limit cost reads. */
export interface GqlContext {
  connections: number;
}

const encode = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString("base64");

function decode(cursor: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!m) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { type: "INVALID_CURSOR_ARGUMENTS" } });
  return Number(m[1]);
}

/** A page of `items` in GitHub's connection shape; `first` is required and at most 100, as on GitHub. */
export function connection<T>(ctx: GqlContext, name: string, items: readonly T[], args: PageArgs, map: (item: T) => unknown) {
  if ((args.first === undefined || args.first === null) && typeof args.last === "number" && args.last >= 0 && args.last <= 100) {
    ctx.connections++;
    const start = Math.max(items.length - args.last, 0);
    const slice = items.slice(start);
    return {
      totalCount: items.length,
      pageInfo: { hasNextPage: false, hasPreviousPage: start > 0, startCursor: slice.length ? encode(start) : null, endCursor: slice.length ? encode(items.length - 1) : null },
      nodes: slice.map(map),
    };
  }
  if (args.first === undefined || args.first === null) {
    throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, { extensions: { type: "MISSING_PAGINATION_BOUNDARIES" } });
  }
  if (args.first < 0 || args.first > 100) {
    throw new GraphQLError(`Requesting ${args.first} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`, { extensions: { type: "EXCESSIVE_PAGINATION" } });
  }
  ctx.connections++;
  const start = args.after ? decode(args.after) + 1 : 0;
  const slice = items.slice(start, start + args.first);
  const end = start + slice.length - 1;
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end + 1 < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? encode(start) : null,
      endCursor: slice.length ? encode(end) : null,
    },
    nodes: slice.map(map),
  };
}
