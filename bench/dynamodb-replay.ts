/**
 * The yardstick for the API under load: the very DynamoDB calls one request to an endpoint made,
 * recorded as they went to the database (marshalled), and sent again with nothing of OneDoor
 * around them. Calls that overlapped when recorded are sent together; the rest one after another.
 *
 * Reads are sent as recorded. Writes go to fresh partition keys with their conditions dropped, so
 * they can be sent again and again: the same items, the same sizes, the same number of writes in
 * each transaction, but never a conflict and never a hot item. That makes the yardstick a little
 * cheaper than the real write (an update of a large existing item costs more than creating one),
 * so the ratio beside it is, if anything, overstated.
 */
import * as dynamodb from "@aws-sdk/client-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Database } from "../functions/db/client";

type Input = Record<string, any>;
/** One call: the low-level command's name (`QueryCommand`) and its marshalled input. */
export type RecordedCall = { command: string; input: Input; startedAt: number; endedAt: number };
/** Calls that were in flight together. */
export type Wave = RecordedCall[];

/** Records every call `db` makes while `recording.on` is true. Add once, before the app is built. */
export function recorderOn(db: Database) {
  const recording = { on: false, calls: [] as RecordedCall[] };
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!recording.on) return next(args);
      const call: RecordedCall = { command: String(context.commandName), input: structuredClone(args.input as Input), startedAt: performance.now(), endedAt: 0 };
      recording.calls.push(call);
      try {
        return await next(args);
      } finally {
        call.endedAt = performance.now();
      }
    },
    // By the build step the document client has marshalled the input: it can be sent as it is.
    { step: "build", name: "benchRecorder" },
  );
  return {
    /** The calls `run` made, grouped into waves of calls that overlapped. */
    async record(run: () => Promise<unknown>): Promise<Wave[]> {
      recording.calls = [];
      recording.on = true;
      try {
        await run();
      } finally {
        recording.on = false;
      }
      return wavesOf(recording.calls);
    },
  };
}

function wavesOf(calls: RecordedCall[]): Wave[] {
  const waves: Wave[] = [];
  let endOfWave = -Infinity;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (waves.length && call.startedAt < endOfWave) {
      waves.at(-1)!.push(call);
      endOfWave = Math.max(endOfWave, call.endedAt);
    } else {
      waves.push([call]);
      endOfWave = call.endedAt;
    }
  }
  return waves;
}

const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "TransactWriteItemsCommand", "BatchWriteItemCommand"]);

/** Is this call a write (sent to fresh keys) rather than a read (sent as it was)? */
export const isWrite = (call: RecordedCall) => WRITES.has(call.command);

const freshKey = (key: Record<string, AttributeValue>, suffix: string) => ({ ...key, pk: { S: `${key.pk?.S ?? "BARE"}#BARE#${suffix}` } });

/** Keeps only the names and values an expression still uses once its condition is dropped. */
function withoutCondition(write: Input): Input {
  const { ConditionExpression: _condition, ExpressionAttributeNames, ExpressionAttributeValues, ReturnValuesOnConditionCheckFailure: _r, ...rest } = write;
  const used = [rest.UpdateExpression, rest.ProjectionExpression].filter(Boolean).join(" ");
  // Placeholders are "#name" and ":value": letters, digits and underscores after the sign.
  const keep = (map: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(map ?? {}).filter(([name]) => new RegExp(`${name}(?![A-Za-z0-9_])`).test(used)));
  const [names, values] = [keep(ExpressionAttributeNames), keep(ExpressionAttributeValues)];
  return { ...rest, ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}), ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) };
}

function toFreshKeys(call: RecordedCall, suffix: string): Input {
  const input = call.input;
  const put = (p: Input) => ({ ...withoutCondition(p), Item: freshKey(p.Item, suffix) });
  const keyed = (k: Input) => ({ ...withoutCondition(k), Key: freshKey(k.Key, suffix) });
  switch (call.command) {
    case "PutItemCommand":
      return put(input);
    case "UpdateItemCommand":
    case "DeleteItemCommand":
      return keyed(input);
    case "TransactWriteItemsCommand": {
      const { ClientRequestToken: _token, ...rest } = input;
      return {
        ...rest,
        TransactItems: input.TransactItems.map((item: Input) =>
          item.Put ? { Put: put(item.Put) }
          : item.Update ? { Update: keyed(item.Update) }
          : item.Delete ? { Delete: keyed(item.Delete) }
          // A check of an item that is not there, as cheap as the real check.
          : { ConditionCheck: { TableName: item.ConditionCheck.TableName, Key: freshKey(item.ConditionCheck.Key, suffix), ConditionExpression: "attribute_not_exists(pk)" } },
        ),
      };
    }
    case "BatchWriteItemCommand":
      return {
        ...input,
        RequestItems: Object.fromEntries(
          Object.entries(input.RequestItems as Record<string, Input[]>).map(([table, writes]) => [
            table,
            writes.map((w) => (w.PutRequest ? { PutRequest: { Item: freshKey(w.PutRequest.Item, suffix) } } : { DeleteRequest: { Key: freshKey(w.DeleteRequest.Key, suffix) } })),
          ]),
        ),
      };
    default:
      return input;
  }
}

let replays = 0;

/** Read and write capacity units DynamoDB reported for the calls. */
export type Capacity = { readUnits: number; writeUnits: number };

const unitsOf = (consumed: unknown) => (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum: number, c: { CapacityUnits?: number }) => sum + (c.CapacityUnits ?? 0), 0);

/**
 * Sends the recorded waves again on a plain client: reads as they were, writes to fresh keys.
 * With `measure`, every call asks for its consumed capacity, and the sums are returned.
 */
export async function replay(client: dynamodb.DynamoDBClient, waves: readonly Wave[], measure = false): Promise<Capacity> {
  const suffix = `${process.pid}-${++replays}`;
  const capacity: Capacity = { readUnits: 0, writeUnits: 0 };
  for (const wave of waves) {
    await Promise.all(
      wave.map(async (call) => {
        const Command = (dynamodb as unknown as Record<string, new (input: Input) => never>)[call.command];
        if (!Command) throw new Error(`The bench cannot send a ${call.command} again.`);
        const input = isWrite(call) ? toFreshKeys(call, suffix) : call.input;
        const answer = (await client.send(new Command(measure ? { ...input, ReturnConsumedCapacity: "TOTAL" } : input))) as { ConsumedCapacity?: unknown };
        capacity[isWrite(call) ? "writeUnits" : "readUnits"] += unitsOf(answer.ConsumedCapacity);
      }),
    );
  }
  return capacity;
}

/** What the recorded waves hold, for the report: "3 reads, 1 write in 2 steps". */
export function shapeOf(waves: readonly Wave[]): { reads: number; writes: number; steps: number } {
  const calls = waves.flat();
  return { reads: calls.filter((c) => !isWrite(c)).length, writes: calls.filter(isWrite).length, steps: waves.length };
}
