import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { Core } from "../core.js";
import { HttpError } from "../errors.js";
import { ok } from "../http.js";
import type { Router } from "../router.js";
import type { GqlContext } from "./connection.js";
import { queryCost } from "./cost.js";
import { issueObj, parseGid, repositoryObj } from "./objects.js";
import { simulatorSchema } from "./schema.js";

/** GraphQL points per token and hour, as GitHub grants them (its own budget, apart from REST). */
const POINTS = 5000;
const budgets = new WeakMap<Core, Map<string, { used: number; reset: number }>>();

function spend(core: Core, who: string, cost: number) {
  const now = core.clock.now().getTime();
  let byToken = budgets.get(core);
  if (!byToken) budgets.set(core, (byToken = new Map()));
  let b = byToken.get(who);
  if (!b || b.reset <= now) byToken.set(who, (b = { used: 0, reset: now + 3_600_000 }));
  b.used += cost;
  return { cost, remaining: Math.max(POINTS - b.used, 0), used: b.used, limit: POINTS, resetAt: new Date(b.reset).toISOString().replace(/\.\d{3}Z$/, "Z"), nodeCount: 0 };
}

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

/** GitHub's error shape: `type` beside message, path and locations. */
function format(e: GraphQLError): GraphQLFormattedError & { type?: unknown } {
  const f = e.toJSON();
  const { extensions, ...rest } = f;
  return { ...(extensions?.type ? { type: extensions.type } : {}), ...rest };
}

/** `POST /graphql`: the exporter's subset of GitHub's schema, answered from the simulator's state. */
export function registerGraphql(router: Router): void {
  router.add("POST /graphql", (ctx) => {
    if (ctx.identity.kind === "anonymous") throw new HttpError(401, "This endpoint requires you to be authenticated.");
    const query = typeof ctx.body.query === "string" ? ctx.body.query : "";
    const variables = typeof ctx.body.variables === "object" && ctx.body.variables !== null ? (ctx.body.variables as Record<string, unknown>) : {};
    const context: GqlContext = { connections: 0 };
    const core = ctx.core;
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (e) {
      return ok({ errors: [format(e as GraphQLError)] });
    }
    const invalid = validate(simulatorSchema(), doc);
    if (invalid.length) return ok({ errors: invalid.map(format) });
    const rate = spend(core, ctx.actor, queryCost(doc, variables));
    const root = {
      rateLimit: () => rate,
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = core.store.repos.get(`${owner}/${name}`.toLowerCase());
        if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return repositoryObj(core, repo);
      },
      node: ({ id }: { id: string }) => {
        const ref = parseGid(id);
        const m = ref && /^(.+)#(\d+)$/.exec(ref.key);
        const repo = m ? core.store.repos.get(m[1]!.toLowerCase()) : undefined;
        const issue = repo && m ? repo.issues.get(Number(m[2])) : undefined;
        if (!ref || !repo || !issue || (ref.type === "PullRequest") !== !!issue.pull) throw notFound(`Could not resolve to a node with the global id of '${id}'`);
        return issueObj(core, repo, issue);
      },
    };
    const result = execute({ schema: simulatorSchema(), document: doc, rootValue: root, contextValue: context, variableValues: variables });
    if ("then" in result) throw new Error("simulator GraphQL resolvers must be synchronous");
    const body: Record<string, unknown> = {};
    if (result.data !== undefined) body.data = result.data;
    if (result.errors?.length) body.errors = result.errors.map(format);
    return ok(body);
  });
}
