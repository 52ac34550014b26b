import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/api/**/*.test.ts"],
    globalSetup: ["tests/support/dynamodb-global-setup.ts"],
    // A guard against hangs, not a budget: API tests seed DynamoDB Local and run scrypt, slower on a busy 2-core machine.
    testTimeout: 60_000,
    // Vitest runs one file at a time on 2 cores (it takes cores - 1), yet API tests mostly wait on
    // DynamoDB Local and scrypt. Three at once: the stage went from about 290 s to 157 s here
    // (four gave 152 s, with each test slower).
    maxWorkers: 3,
    hookTimeout: 60_000,
  },
});
