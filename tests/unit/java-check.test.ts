import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { JavaMissingError, requireJava } from "../../functions/local/dynamodb";

const realPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = realPath;
});

test("with no Java on the PATH, it says exactly how to install Java 17", () => {
  process.env.PATH = mkdtempSync(join(tmpdir(), "no-java-"));
  expect(() => requireJava()).toThrow(JavaMissingError);
  expect(() => requireJava()).toThrow(/No Java was found.*\n.*\n\s+sudo apt-get install -y openjdk-17-jre-headless/);
});

test("with an old Java, it names the version it found", () => {
  const dir = mkdtempSync(join(tmpdir(), "old-java-"));
  writeFileSync(join(dir, "java"), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
  chmodSync(join(dir, "java"), 0o755);
  process.env.PATH = dir;
  expect(() => requireJava()).toThrow(/Java 11 was found, but DynamoDB Local needs Java 17 or newer/);
});

test("with Java 17 or newer, it lets DynamoDB Local start", () => {
  expect(() => requireJava()).not.toThrow();
});
