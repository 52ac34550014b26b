/** When personal data kept from `from` (an ISO time) is due to go, the deployment's retention period later. */
export function retentionEndsAt(from: string, months: number): string {
  const at = new Date(from);
  at.setUTCMonth(at.getUTCMonth() + months);
  return at.toISOString();
}

/** The same moment in epoch seconds, as the table's TTL attribute holds it. */
export const retentionEnds = (from: string, months: number) => Math.ceil(Date.parse(retentionEndsAt(from, months)) / 1000);
