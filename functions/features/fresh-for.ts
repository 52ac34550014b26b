/**
 * Values read at most once per `ms` in this instance: for records that change rarely and are
 * read by every request (the chosen services, the staff to notify), so fifty requests at once
 * do not each read them again. Unknown keys are remembered as unknown for the same time.
 */
export function freshFor<T>(ms: number, now: () => number, read: (keys: string[]) => Promise<Map<string, T>>) {
  const cache = new Map<string, { at: number; value: T | undefined }>();
  return async (keys: string[]): Promise<Map<string, T | undefined>> => {
    const t = now();
    const stale = keys.filter((k) => {
      const cached = cache.get(k);
      return !cached || t - cached.at > ms;
    });
    if (stale.length) {
      const found = await read(stale);
      for (const k of stale) cache.set(k, { at: t, value: found.get(k) });
    }
    return new Map(keys.map((k) => [k, cache.get(k)?.value]));
  };
}
