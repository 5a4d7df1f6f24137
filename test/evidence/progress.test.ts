import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/evidence/progress.js";

function stream(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, s: { isTTY, write: (t: string) => (lines.push(t), true) } as unknown as NodeJS.WriteStream };
}

describe("createProgress", () => {
  it("prints plain lines at most once per interval when not a terminal", () => {
    const { lines, s } = stream(false);
    let t = 0;
    const p = createProgress({ label: "records", total: 100, stream: s, interval: 1000, now: () => t });
    p.update(10);
    t = 500;
    p.update(20);
    t = 1500;
    p.update(50);
    p.log("waiting for the rate limit");
    p.stop();
    expect(lines).toEqual(["records: 10/100 (10%)\n", "records: 50/100 (50%)\n", "waiting for the rate limit\n", "records: 50/100 (50%)\n"]);
  });
});
