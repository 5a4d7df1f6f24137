import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTraces, encodeTrace } from "../../src/core/trace.js";
import type { Trace } from "../../src/core/trace.js";
import { cardHash, embeddedHash, renderCard } from "../../src/records/card.js";
import type { Card } from "../../src/records/card.js";
import { md } from "../../src/core/explain.js";

const trace = (over: Partial<Trace> = {}): Trace => ({ v: 1, rule: "incident.classify", inputs: { n: -1 }, result: { p: "P1" }, time: "2026-01-01T00:00:00.000Z", delivery: "d-1", ...over });

describe("decision traces", () => {
  it("survive any string content inside an HTML comment and decode to the same value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer(), (s, n) => {
        const t = trace({ inputs: { s, n, neg: 0 - n } }); // 0 - n: never -0, which JSON cannot carry
        const encoded = encodeTrace(t);
        expect(encoded.slice(4, -3)).not.toContain("--");
        expect(decodeTraces(`before ${encoded} after`)).toEqual([t]);
      }),
    );
  });

  it("skips damaged traces", () => {
    expect(decodeTraces("<!-- ims-trace {not json} --> <!-- ims-trace " + JSON.stringify({ v: 2 }) + " -->")).toEqual([]);
  });
});

describe("record card", () => {
  const card = (t: Trace): Card => ({ heading: "Incident record · Priority P1", sections: [{ id: "a", title: "A", body: "x" }], traces: [t] });

  it("hashes the same for a redelivery (other time and delivery id), so it is not rewritten", () => {
    expect(cardHash(card(trace()))).toBe(cardHash(card(trace({ time: "2027-01-01T00:00:00.000Z", delivery: "d-2" }))));
    expect(embeddedHash(renderCard(card(trace())))).toBe(cardHash(card(trace())));
  });

  it("hashes differently when the decision changes", () => {
    expect(cardHash(card(trace()))).not.toBe(cardHash(card(trace({ result: { p: "P2" } }))));
  });

  it("stays under GitHub's comment limit however long the sections", () => {
    const big: Card = { heading: "h", sections: [{ id: "a", title: null, body: "y".repeat(100_000) }], traces: [trace()] };
    const body = renderCard(big);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("card truncated");
    expect(decodeTraces(body)).toHaveLength(1);
  });

  it("escapes people's text: no HTML, no mentions, no links", () => {
    expect(md("@all <script>x</script> [a](http://e)")).toBe("@\u200ball &lt;script&gt;x&lt;/script&gt; \\[a\\]\\(http://e\\)");
  });
});
