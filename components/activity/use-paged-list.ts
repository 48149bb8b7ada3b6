"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/components/api-client";

export type Page<T> = { items: T[]; next: string | null };
export type PagedList<T, F> = {
  items: T[];
  filters: F;
  hasMore: boolean;
  /** What is loading right now: the list for new filters, the next page, or nothing. */
  busy: "reload" | "more" | null;
  error: string | null;
  setFilters: (filters: F) => void;
  reload: () => void;
  loadMore: () => void;
  /** Fetches the newest page and puts what is new on top (live updates), keeping loaded pages. */
  mergeNewest: () => void;
  update: (fn: (items: T[]) => T[]) => void;
};

const describe = (err: unknown) => (err instanceof ApiError ? err.message : "Could not reach Unify. Check your connection and retry.");

/**
 * A filtered, cursor-paginated list that starts from server-rendered data. A newer
 * request always wins over an older one, so quick filter changes never show stale rows.
 */
export function usePagedList<T extends { id: string | number }, F>(
  initial: Page<T>,
  initialFilters: F,
  load: (filters: F, cursor: string | null) => Promise<Page<T>>,
): PagedList<T, F> {
  const [items, setItems] = useState(initial.items);
  const [next, setNext] = useState(initial.next);
  const [filters, setFiltersState] = useState(initialFilters);
  const [busy, setBusy] = useState<"reload" | "more" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  const state = useRef({ filters: initialFilters, next: initial.next, seq: 0 });
  useEffect(() => {
    loadRef.current = load;
  });

  const run = useCallback(async (kind: "reload" | "more" | "merge", f: F) => {
    const seq = kind === "merge" ? state.current.seq : ++state.current.seq;
    if (kind !== "merge") {
      setBusy(kind);
      setError(null);
    }
    try {
      const page = await loadRef.current(f, kind === "more" ? state.current.next : null);
      if (seq !== state.current.seq) return;
      if (kind === "reload") {
        setItems(page.items);
        setNext((state.current.next = page.next));
      } else if (kind === "more") {
        setItems((list) => [...list, ...page.items.filter((i) => !list.some((x) => x.id === i.id))]);
        setNext((state.current.next = page.next));
      } else {
        setItems((list) => {
          const fresh = page.items.filter((i) => !list.some((x) => x.id === i.id));
          const byId = new Map(page.items.map((i) => [i.id, i]));
          return [...fresh, ...list.map((x) => byId.get(x.id) ?? x)];
        });
      }
    } catch (err) {
      if (seq === state.current.seq && kind !== "merge") setError(describe(err));
    } finally {
      if (seq === state.current.seq && kind !== "merge") setBusy(null);
    }
  }, []);

  return {
    items,
    filters,
    hasMore: next !== null,
    busy,
    error,
    setFilters: (f) => {
      state.current.filters = f;
      setFiltersState(f);
      void run("reload", f);
    },
    reload: () => void run("reload", state.current.filters),
    loadMore: () => void run("more", state.current.filters),
    mergeNewest: () => void run("merge", state.current.filters),
    update: (fn) => setItems(fn),
  };
}

/** Builds an API path with only the query parameters that have a value. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
