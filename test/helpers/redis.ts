import { describe } from "vitest";

/**
 * The Redis that tests may use: REDIS_TEST_URL, which `.ci/run` sets after starting redis-server on a
 * loopback port. In CI a missing one fails the suite (a service the tests need is never skipped
 * there); on a developer's machine without it the suite is skipped with the reason in its name.
 */
export const redisTestUrl: string | undefined = process.env.REDIS_TEST_URL?.trim() || undefined;
const inCi = process.env.CI === "true" || process.env.CI === "1";

export function describeWithRedis(name: string, body: (url: string) => void): void {
  if (redisTestUrl) {
    describe(name, () => body(redisTestUrl));
    return;
  }
  if (inCi) {
    describe(name, () => {
      body("redis://REDIS_TEST_URL-is-not-set.invalid:6390");
      throw new Error("REDIS_TEST_URL is not set under CI: .ci/run starts redis-server and exports it; these tests need it");
    });
  }
  describe.skipIf(true)(`${name} (skipped: REDIS_TEST_URL is not set; start redis-server and set it, as .ci/run does)`, () => body(""));
}

/** A key prefix of its own for each test store, so parallel test files never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `ims-test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}
