/**
 * Values read at most once per `ms` in this instance: for records that change rarely and are
 * read by every request (the chosen services, the staff to notify, the Open Referral export), so
 * fifty requests at once do not each read them again. Requests that come while a read is under
 * way wait for that read rather than starting their own. Unknown keys are remembered as unknown
 * for the same time; a read that fails is forgotten, so the next request tries again.
 */
export function freshFor<T>(ms: number, now: () => number, read: (keys: string[]) => Promise<Map<string, T>>) {
  const cache = new Map<string, { at: number; value: Promise<T | undefined> }>();
  return async (keys: string[]): Promise<Map<string, T | undefined>> => {
    const t = now();
    const stale = keys.filter((k) => {
      const cached = cache.get(k);
      return !cached || t - cached.at > ms;
    });
    if (stale.length) {
      const reading = read(stale);
      for (const k of stale) {
        const entry = { at: t, value: reading.then((found) => found.get(k)) };
        cache.set(k, entry);
        entry.value.catch(() => {
          if (cache.get(k) === entry) cache.delete(k);
        });
      }
    }
    const values = await Promise.all(keys.map((k) => cache.get(k)!.value));
    return new Map(keys.map((k, i) => [k, values[i]]));
  };
}
