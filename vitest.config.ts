import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // vitest's default on a 2-core machine is one worker (cores - 1); most files wait on the simulator's
    // HTTP or a child process, so two keep the suite within CI's budget
    maxWorkers: 2,
    setupFiles: ["test/setup.ts"],
  },
});
