import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmailMessage, Mailer } from "./mailer";

export type OutboxMessage = EmailMessage & { id: string; sentAt: string };

/**
 * The local outbox: each message is a JSON file in `dir` (git-ignored `.data/outbox` under
 * `npm start`), read with `npm run outbox`. Nothing leaves the machine.
 */
export function localOutbox(dir: string): Mailer & { messages(): OutboxMessage[] } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    async send(message) {
      const sentAt = new Date().toISOString();
      const id = randomUUID();
      writeFileSync(join(dir, `${sentAt.replace(/[:.]/g, "-")}-${id}.json`), JSON.stringify({ ...message, id, sentAt }, null, 2), { mode: 0o600 });
    },
    messages() {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as OutboxMessage);
    },
  };
}

/** An outbox in memory, for tests that read what was sent. */
export function memoryOutbox(): Mailer & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}
