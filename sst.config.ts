/// <reference path="./.sst/platform/config.d.ts" />

/** Stages that hold real people's records: kept on `sst remove`, tables deletion-protected. */
const PROTECTED_STAGES = ["production", "staging"];

export default $config({
  app(input) {
    const isProtected = PROTECTED_STAGES.includes(input.stage);
    return {
      name: "onedoor",
      home: "aws",
      // Everything else (personal stages, `sst dev`, CI previews) is disposable.
      removal: isProtected ? "retain" : "remove",
      protect: isProtected,
    };
  },
  async run() {
    // Stack modules create resources when imported, so they are imported here, after SST has
    // set up `$app` and the providers (SST does not allow top-level imports in this file).
    await import("./stacks/database");
    await import("./stacks/api");
    await import("./stacks/retention");
    await import("./stacks/reminders");
    const { alarmTopicArn } = await import("./stacks/alarms");
    const { router } = await import("./stacks/router");
    await import("./stacks/site");
    return { url: router.url, alarmTopicArn };
  },
});
