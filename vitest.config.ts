import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/api/**/*.test.ts"],
    globalSetup: ["tests/support/dynamodb-global-setup.ts"],
    // A guard against hangs, not a budget: API tests seed DynamoDB Local and run scrypt, slower on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
