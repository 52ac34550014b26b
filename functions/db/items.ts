/** An item as the domain sees it: the table's keys, index keys, type tag and TTL taken off. */
export const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, expiresAt: _e, ...rest } = item;
  return rest;
};

/**
 * An update that adds each counter's amount, creating the item and attributes as needed. Counter
 * names go through placeholders, so they may hold dots: `score.safe.5` is one attribute.
 */
export function addCounters(TableName: string, key: Record<string, string>, counters: Record<string, number>) {
  const names = Object.keys(counters);
  return {
    TableName,
    Key: key,
    UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(", ")}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#c${i}`, n])),
    ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:c${i}`, counters[n]!])),
  };
}
