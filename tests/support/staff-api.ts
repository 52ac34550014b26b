import type { AppDeps } from "../../functions/app";
import { directoryRepository } from "../../functions/db/directory";
import { siteOrigin } from "../../functions/domain/site-origin";
import { ORIGIN_SECRET_HEADER } from "../../functions/http/source";
import { seedExampleDirectory } from "../../functions/local/seed";
import { freshDatabase, testApp } from "./database";
import { LOCAL_SESSION_COOKIE } from "./staff";

/** The origin `app.request()` uses; unsafe requests must say they come from it. */
export const ORIGIN = "http://localhost";

/** A seeded app whose clock a test can move, and a `call` that speaks JSON with a session cookie. */
/**
 * With `originSecret`, the app is set up as deployed behind CloudFront, and `call` adds the
 * secret to every request as CloudFront does (unless `headers` says otherwise).
 */
export async function staffApp(options: { limits?: AppDeps["limits"]; publicOrigin?: string; originSecret?: string; hashKey?: Buffer } = {}) {
  const db = await freshDatabase();
  await seedExampleDirectory(directoryRepository(db));
  const clock = { now: Date.now() };
  const publicOrigin = options.publicOrigin ?? ORIGIN;
  const { app, logger, outbox, fieldCipher, hashKey } = testApp(db, clock, options.limits, publicOrigin, options.originSecret, options.hashKey);
  const originSecret = options.originSecret;
  const cookieName = siteOrigin(publicOrigin).local ? LOCAL_SESSION_COOKIE : `__Host-${LOCAL_SESSION_COOKIE}`;

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; origin?: string | null; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(originSecret === undefined ? {} : { [ORIGIN_SECRET_HEADER]: originSecret }), ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
    if (options.token) headers.cookie = `${cookieName}=${options.token}`;
    const res = await app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, headers: res.headers, setCookie: res.headers.get("set-cookie") ?? "" };
  }

  /** The session token a response set, if any. */
  const tokenFrom = (setCookie: string) => /onedoor_staff=([^;]+)/.exec(setCookie)?.[1];

  return { db, app, clock, logger, outbox, fieldCipher, hashKey, call, tokenFrom };
}
