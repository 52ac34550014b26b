import { Hono } from "hono";
import type { DirectoryFeature } from "../features/directory";

/** Placeholder until the Open Referral module lands (being written now). */
export const openReferralRoutes = (_directory: DirectoryFeature) => new Hono();
