/**
 * How every Lambda is bundled (SST's `nodejs` option): a plain module that the stacks and
 * `npm run bench` both read, so the bench measures what is deployed.
 *
 * - The AWS SDK v3 is left out of the bundle. The nodejs24.x runtime ships it, and since Node 18
 *   Lambda resolves ES module imports through the runtime's NODE_PATH, so `import … from
 *   "@aws-sdk/…"` finds it. That takes about 700 KB off each function and its cold start. The
 *   trade: the SDK is the runtime's version, kept patched by AWS, not the one in our lock file
 *   (tests run the lock file's). OneDoor uses only long-stable calls of DynamoDB, KMS and SES.
 * - Code that only some requests need is split into chunks loaded on first use: compromise's
 *   lexicon for redaction proposals (domain/redaction-proposals.ts) when a moderator opens
 *   something to moderate, and the AWS Encryption SDK (security/field-encryption.ts) when a value
 *   is first sealed or opened.
 */
export const LAMBDA_BUNDLING: { esbuild: { external: string[] }; splitting: boolean } = {
  esbuild: { external: ["@aws-sdk/*"] },
  splitting: true,
};
