import { createHmac } from "node:crypto";
import { MAX_NOISE, type Noise } from "../domain/disclosure";

/**
 * The secret noise for one area's published counts (disclosure.ts rule 7): a keyed hash of the
 * area and the true count, under the deployment's hash key, turned into a whole number from
 * -MAX_NOISE to MAX_NOISE. The same count in the same area always gets the same change; without
 * the key, nobody can tell which change a count got.
 */
export function countNoise(hashKey: Buffer, areaId: string): Noise {
  const spread = 2 * MAX_NOISE + 1;
  return (count) => (createHmac("sha256", hashKey).update(`count-noise:${areaId}:${count}`).digest().readUInt32BE(0) % spread) - MAX_NOISE;
}
