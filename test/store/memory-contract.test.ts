import { describe } from "vitest";
import { MemoryStore } from "../../src/store/memory.js";
import { storeContract } from "./contract.js";

describe("the store contract, in memory", () => {
  storeContract(async () => {
    let t = Date.parse("2025-03-03T09:00:00Z");
    return {
      store: new MemoryStore(() => t),
      pass: async (ms) => {
        t += ms;
      },
    };
  });
});
