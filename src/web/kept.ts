import { useState } from 'preact/hooks';

const kept = new Map<string, unknown>();

/**
 * A useState whose value outlives the view: going to History and back finds the pasted input and
 * its result as they were (for the life of the page, never stored).
 */
export function useKept<T>(key: string, initial: T): [T, (update: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  const set = (update: T | ((old: T) => T)) =>
    setValue((old) => {
      const next = typeof update === 'function' ? (update as (old: T) => T)(old) : update;
      kept.set(key, next);
      return next;
    });
  return [value, set];
}
