import { NOTICE } from "../markers.js";
import { emptyPart, mentionOf, namedOf, traceOf, type LiveContext, type LivePart } from "./part.js";

/**
 * A security event goes to the security team once (functional escalation, 27001 A.16.1.4 / 5.25):
 * one notice while open, the team assigned when configured. An assessed one says how it was assessed.
 */
export function decideSecurityRouting(ctx: LiveContext): LivePart {
  const part = emptyPart();
  const sec = ctx.config.security;
  const security = ctx.cls.security;
  if (security === "event") {
    if (ctx.open && !ctx.ownText.includes(NOTICE.securityRouted)) {
      part.comments.push({
        marker: NOTICE.securityRouted,
        body: `**Security event**: ${mentionOf(ctx, sec.team)}, please assess this information security event (27001 A.16.1.4 / 5.25) with \`/ims assess incident\` or \`/ims assess not-incident\`.`,
      });
      if (sec.assign) part.assignTeams.push(sec.team);
    }
    part.sections.push({ id: "security", title: null, body: `**Security:** routed to ${namedOf(ctx, sec.team)} for assessment (only its members can assess)` });
    part.traces.push(traceOf(ctx, "security.route", { security: "event", team: sec.team }, { routedTo: sec.team, assign: sec.assign }));
  } else if (security === "incident" || security === "not-incident") {
    const words = security === "incident" ? "an information security incident" : "not an information security incident";
    part.sections.push({ id: "security", title: null, body: `**Security:** assessed by \`${sec.team}\` as ${words}` });
    part.traces.push(traceOf(ctx, "security.route", { security, team: sec.team }, { assessed: security }));
  }
  return part;
}
