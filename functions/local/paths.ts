import { join } from "node:path";

/** The embedded default's table name and data folder, shared by `npm start` and the importer. */
export const LOCAL_TABLE = "onedoor";
export const DATA_DIR = join(process.cwd(), ".data");
/** Where DynamoDB Local keeps the embedded default's data (git-ignored, survives restarts). */
export const DYNAMODB_DATA_DIR = join(DATA_DIR, "dynamodb");
/** Where `npm start` keeps the emails it would have sent (`npm run outbox` shows them). */
export const OUTBOX_DIR = join(DATA_DIR, "outbox");
