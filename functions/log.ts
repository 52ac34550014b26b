/**
 * The only way OneDoor writes a log line. It takes named, non-personal fields only: no
 * query strings, bodies, addresses or free text can reach the logs, by construction.
 */
export type LogLine = {
  level: "info" | "warn" | "error";
  event: string;
  requestId?: string;
  method?: string;
  /** The route pattern (`/api/services/:id`), never the concrete path with its values. */
  route?: string;
  status?: number;
  durationMs?: number;
  code?: string;
  /** An error's class name only: messages may echo input. */
  errorName?: string;
};

export type Logger = (line: LogLine) => void;

/** Writes JSON lines to stdout (CloudWatch in AWS, the terminal locally). */
export const jsonLogger: Logger = (line) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

/** A logger for tests that keeps lines in memory. */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = ((line: LogLine) => void lines.push(line)) as Logger & { lines: LogLine[] };
  logger.lines = lines;
  return logger;
}
