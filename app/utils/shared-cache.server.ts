// A few-second cache for what is the same for every visitor (the public activity list, the home
// page's lists, the organisation menus) — never per-user data. Pages at 50 concurrent spend most
// of their database time rebuilding these identical answers (issue #13 item 6).
//
// Correctness:
//  - In this process a write invalidates at once: db.server.ts reports every write (model or raw
//    SQL) through `noteWrite`, which bumps a generation per table; an entry built from a table
//    that has changed since its load started is never served. A test that writes and then reads
//    sees fresh data.
//  - Other processes (WEB_CONCURRENCY, several servers on one database) cannot tell us about their
//    writes: there, staleness is bounded by the entry's time to live (PUBLIC_CACHE_MS, default
//    5000 ms; 0 turns the cache off).
//  - Concurrent misses for one key share one load (no stampede of identical queries).
// The state lives on globalThis: the built server bundle and code imported beside it (tests, the
// benchmarks) each get their own copy of this module but must share one cache and one prisma.
//
// Whole pages (app/server/page-cache.js): a page rendered for a visitor without a session whose
// loaders read the database only through this cache is itself the same for every such visitor,
// so it is kept too, under the same rules: dropped when one of the tables its entries were read
// from is written in this process, and after PUBLIC_CACHE_MS in any case. What a page read is
// noted while it renders (trackPageReads); any database call outside sharedCache (a view counted,
// a session read) makes the page one that is not kept.

import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@prisma/client";

type Entry = { expires: number; generation: number; tables: readonly string[]; value: Promise<unknown> };
/** What one page's rendering read: the tables of the shared entries it used, and whether anything else. */
export type PageReads = { tables: Set<string>; other: boolean; writesBefore: number };
/** A kept page: the response as Remix gave it, its policy, and its body compressed once per encoding. */
export type KeptPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  policy: string;
  encoded: Record<string, Buffer>;
};
type PageEntry = KeptPage & { expires: number; generation: number; tables: readonly string[] };
type State = {
  entries: Map<string, Entry>;
  pages: Map<string, PageEntry>;
  pageReads: AsyncLocalStorage<PageReads>;
  /** Every write this process has made, of any table (a page rendered while one happened is not kept). */
  writes: number;
  generations: Map<string, number>;
  everything: number;
  /** Every table some entry depends on, with the pattern raw statements are checked against (built once). */
  watched: Map<string, RegExp>;
};

const MAX_ENTRIES = 500;
const MAX_PAGES = 200;
const MAX_PAGE_BYTES = 1_000_000;
const state: State = ((globalThis as { __xgSharedCache?: State }).__xgSharedCache ??= {
  entries: new Map(),
  pages: new Map(),
  pageReads: new AsyncLocalStorage(),
  writes: 0,
  generations: new Map(),
  everything: 0,
  watched: new Map(),
});

function ttlMs() {
  const configured = Number(process.env.PUBLIC_CACHE_MS ?? 5000);
  return Number.isFinite(configured) && configured > 0 ? configured : 0;
}

/** A number that changes whenever one of `tables` (or an unknown table) is written. */
function generationOf(tables: readonly string[]) {
  let sum = state.everything;
  for (const table of tables) sum += state.generations.get(table) ?? 0;
  return sum;
}

/**
 * `load()`'s value, shared for up to PUBLIC_CACHE_MS by every caller with the same `key`.
 * `tables` names the models the value is read from (Prisma model names: "Activity").
 */
export function sharedCache<T>(key: string, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const ttl = ttlMs();
  if (!ttl) return load();
  const page = state.pageReads.getStore();
  if (page) for (const table of tables) page.tables.add(table);
  for (const table of tables) if (!state.watched.has(table)) state.watched.set(table, new RegExp(`\\b${table}\\b`));
  const now = Date.now();
  const hit = state.entries.get(key);
  if (hit && hit.expires > now && hit.generation === generationOf(hit.tables)) return hit.value as Promise<T>;
  // The load is shared by whoever asks next: its queries are not the asking page's own reads. (Awaited
  // in here: a Prisma query runs only once awaited, and would otherwise run in the caller's context.)
  const entry: Entry = {
    expires: now + ttl,
    generation: generationOf(tables),
    tables,
    value: state.pageReads.exit(async () => await load()),
  };
  // A failed load is not remembered.
  entry.value.catch(() => {
    if (state.entries.get(key) === entry) state.entries.delete(key);
  });
  state.entries.delete(key); // re-inserted last: the Map's order is the eviction order
  state.entries.set(key, entry);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  return entry.value as Promise<T>;
}

/**
 * Called for every database call outside sharedCache's loads (the client's, and db.server.ts's raw
 * runner): a page that reads the database itself is not the same for everyone, so is not kept.
 */
export function noteUncachedRead() {
  const page = state.pageReads.getStore();
  if (page) page.other = true;
}

/** Called for every write this process makes; `table` is the Prisma model, or null when unknown (raw SQL). */
export function noteWrite(table: string | null) {
  state.writes++;
  if (table === null) state.everything++;
  else state.generations.set(table, (state.generations.get(table) ?? 0) + 1);
}

/** The SQL text of a raw query's arguments (a Prisma.sql object, a template's strings, or a string). */
function sqlText(args: unknown): string | null {
  const first = Array.isArray(args) && !("raw" in args) ? args[0] : args;
  if (typeof first === "string") return first;
  if (Array.isArray(first)) return first.join("?"); // a template's strings
  const sql = first as { strings?: unknown; sql?: unknown } | null;
  if (Array.isArray(sql?.strings)) return sql.strings.join("?");
  if (typeof sql?.sql === "string") return sql.sql;
  return null;
}

/**
 * A raw statement: every cached table its text names (quoted or not) is treated as written; a
 * statement whose text cannot be read invalidates everything. Plain SELECTs write nothing.
 */
export function noteRawWrite(args: unknown) {
  const text = sqlText(args);
  if (text === null) return noteWrite(null);
  if (/^\s*SELECT\b/i.test(text)) return;
  for (const [table, named] of state.watched) if (named.test(text)) noteWrite(table);
}

const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);

/**
 * The client with every write reported to this cache once it has completed (db.server.ts wraps
 * its one client). Inside an interactive transaction the report comes before the commit: a
 * concurrent read in that window may cache the old rows, stale for at most the time to live.
 */
export function reportWrites<C extends PrismaClient>(client: C): C {
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        noteUncachedRead();
        try {
          return await query(args);
        } finally {
          if (model) {
            if (!READS.has(operation)) noteWrite(model);
          } else if (operation.startsWith("$executeRaw") || operation.startsWith("$queryRaw")) {
            noteRawWrite(args);
          }
        }
      },
    },
  }) as unknown as C;
}

/** Forgets every entry and page (tests that change data behind the app's back). */
export function clearSharedCache() {
  state.entries.clear();
  state.pages.clear();
  state.everything++;
}

/** How long a kept page lives (PUBLIC_CACHE_MS); 0 when pages are not kept. */
export const pageLifetimeMs = ttlMs;

/** Runs `render` (one request) noting what it reads, for keepPage. */
export function trackPageReads<T>(render: () => T): { result: T; reads: PageReads } {
  const reads: PageReads = { tables: new Set(), other: false, writesBefore: state.writes };
  return { result: state.pageReads.run(reads, render), reads };
}

/** The page kept under `key`, if it is still what a render would give (as sharedCache's entries). */
export function keptPage(key: string): KeptPage | null {
  const page = state.pages.get(key);
  if (!page) return null;
  if (page.expires > Date.now() && page.generation === generationOf(page.tables)) return page;
  state.pages.delete(key);
  return null;
}

/**
 * Keeps a rendered page under `key` when everything it read came from this cache and nothing was
 * written while it rendered; says whether it did.
 */
export function keepPage(key: string, reads: PageReads, page: KeptPage): boolean {
  const ttl = ttlMs();
  if (!ttl || reads.other || reads.writesBefore !== state.writes || page.body.length > MAX_PAGE_BYTES) return false;
  const tables = [...reads.tables];
  state.pages.delete(key);
  state.pages.set(key, { ...page, tables, expires: Date.now() + ttl, generation: generationOf(tables) });
  if (state.pages.size > MAX_PAGES) state.pages.delete(state.pages.keys().next().value!);
  return true;
}
