"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";

export type ApiData<T> = { data: T | null; error: string | null; loading: boolean; reload: () => void };

/**
 * GET data for a view: starts from what the server rendered (no loading flash), refetches
 * when the path changes or on `reload()`. A failed refresh keeps the last good data.
 */
export function useApiData<T>(path: string, initial: T | null): ApiData<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: initial, error: null, loading: initial === null });
  const [nonce, setNonce] = useState(0);
  // The path whose data the server rendered; it is not fetched again until reload().
  const served = useRef(initial !== null ? path : null);

  useEffect(() => {
    if (path === served.current && nonce === 0) return;
    served.current = null;
    const controller = new AbortController();
    const run = async () => {
      setState((s) => ({ ...s, loading: true }));
      try {
        const data = await api<T>(path, { signal: controller.signal });
        setState({ data, error: null, loading: false });
      } catch (err) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: err instanceof ApiError ? err.message : "Could not reach Unify; check your connection." }));
      }
    };
    void run();
    return () => controller.abort();
  }, [path, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
