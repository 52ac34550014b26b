import { createHmac } from "node:crypto";
import { MAX_NOISE, type Noise } from "../domain/disclosure";

/**
 * The secret noise for published counts (disclosure.ts rule 7): a keyed hash of what the count
 * counts (its key: the area or service, what, and over which months) and the true count, under
 * the deployment's hash key, turned into a whole number from -MAX_NOISE to MAX_NOISE. The same
 * count always gets the same change; without the hash key nobody can tell which change it got,
 * and knowing one count's change says nothing of another's.
 *
 * Changing the hash key draws every change again. Saved pages from before and after would then
 * give two draws of the same counts, so the key is changed only when it has to be (if it leaked,
 * the noise has leaked with it).
 */
export function countNoise(hashKey: Buffer): Noise {
  const spread = 2 * MAX_NOISE + 1;
  return (key, count) => (createHmac("sha256", hashKey).update(`count-noise:${key}:${count}`).digest().readUInt32BE(0) % spread) - MAX_NOISE;
}
