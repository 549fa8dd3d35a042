/** Load data for a view and re-load when its key changes; stale answers are ignored. */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** `ready`: data already read for this key (the first page's early reads), shown in the first render without loading again. */
export function useLoad<T>(load: () => Promise<T>, key: string, ready?: T): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>(
    ready === undefined ? { status: 'loading' } : { status: 'ready', data: ready },
  );
  const [generation, setGeneration] = useState(0);
  const preloaded = useRef(ready === undefined ? undefined : key);
  useEffect(() => {
    const skip = preloaded.current === key && generation === 0;
    preloaded.current = undefined;
    if (skip) return undefined;
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
    // The key names everything the loader depends on.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
