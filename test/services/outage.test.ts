import { describe, expect, it } from "vitest";
import { encodeTrace } from "../../src/core/trace.js";
import { outageTime } from "../../src/commands/outage.js";
import { outageMarks, outageMarkTrace, outageWindows } from "../../src/services/outage.js";
import { parseInstant } from "../../src/services/time.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const mark = (edge: "start" | "end", at: string) => encodeTrace(outageMarkTrace({ edge, at, by: "alice" }, NOW, "d1"));

describe("outage times", () => {
  it("reads the times people write, and UTC when no zone is given", () => {
    expect(parseInstant("2026-03-01 09:30 UTC")?.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01T09:30:00Z")?.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01 11:30 +02:00")?.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-03-01 09:30")?.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(parseInstant("2026-02-31 09:30")).toBeNull();
    expect(parseInstant("yesterday")).toBeNull();
  });

  it("`/ims outage start` without a time is the comment's time; HH:MM is that day; the future is refused", () => {
    expect(outageTime([], NOW)).toEqual(NOW);
    expect((outageTime(["09:15"], NOW) as Date).toISOString()).toBe("2026-03-10T09:15:00.000Z");
    expect(outageTime(["13:00"], NOW)).toMatch(/after this comment/);
    expect(outageTime(["soon"], NOW)).toMatch(/is not a time/);
  });
});

describe("outage windows", () => {
  it("joins the form's window and the command marks in time order", () => {
    const text = [mark("end", "2026-03-10T11:00:00.000Z"), mark("start", "2026-03-10T10:00:00.000Z")].join("\n");
    const r = outageWindows({ start: "2026-03-09 08:00 UTC", end: "2026-03-09 08:30 UTC" }, outageMarks(text));
    expect(r.windows).toEqual([
      { start: "2026-03-09T08:00:00.000Z", end: "2026-03-09T08:30:00.000Z", source: "form", by: null },
      { start: "2026-03-10T10:00:00.000Z", end: "2026-03-10T11:00:00.000Z", source: "command", by: "alice" },
    ]);
    expect(r.notes).toEqual([]);
  });

  it("keeps an outage open until an end, and says what it ignored", () => {
    const text = [mark("end", "2026-03-10T09:00:00.000Z"), mark("start", "2026-03-10T10:00:00.000Z"), mark("start", "2026-03-10T10:30:00.000Z")].join("\n");
    const r = outageWindows({ start: "noon", end: null }, outageMarks(text));
    expect(r.windows).toEqual([{ start: "2026-03-10T10:00:00.000Z", end: null, source: "command", by: "alice" }]);
    expect(r.notes).toHaveLength(3);
  });

  it("reads marks only from trace comments, never from visible text", () => {
    expect(outageMarks("/ims outage start 2026-03-10 10:00 UTC")).toEqual([]);
  });
});
