/**
 * Runs `work` over `items` with at most `size` running at once; results in the items' order. After a failure no
 * new item is started, the running ones are waited for (so nothing is still writing when the caller cleans
 * up), and the first failure is thrown.
 */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const runners = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await work(items[i] as T, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  });
  await Promise.all(runners);
  if (failed) throw failed.error;
  return results;
}
