import * as log from '../log.ts';
import { inert } from '../log.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeGitHubFailure, mayHaveBeenApplied } from './failure.ts';
import { httpStatus } from './http-status.ts';
import { isAuthoredBy, tokenIdentity, type TokenIdentity } from './identity.ts';
import type { GitHubClient } from './octokit.ts';
import { RETRY_BASE_MS } from './retry-policy.ts';

/**
 * One report kept as a single GitHub document that later runs edit: the sticky comment on a pull request
 * (sticky-comment.ts) and the monitoring issue of a scheduled run (issue.ts) are the same mechanism over two
 * places. A place lists the documents carrying the report's marker and creates, edits and deletes them; this file
 * decides which document is ours and what to do with it.
 */

/** A comment or an issue as GitHub lists it: enough to tell whose it is and to link it. */
export interface StickyDocument {
  id: number;
  html_url: string;
  body?: string | null | undefined;
  user: { login?: string | null; type?: string | null } | null;
}

/** Where the documents of one report live, and how they are written. */
export interface StickyPlace<D extends StickyDocument = StickyDocument> {
  /** `report comment`, `monitoring issue`: for messages. */
  what: string;
  /** Documents of this kind in that place, counted: `n` → "2 comment(s) on #12". */
  count: (n: number) => string;
  /** Every document that carries the marker (every page is read). */
  listMarked(): Promise<D[]>;
  /** Creates the document; never retried by the client (createOnce decides). */
  create(body: string): Promise<D>;
  update(target: D, body: string): Promise<D>;
  /** Deletes it (comments only: an issue cannot be deleted through the REST API). */
  remove?(target: D): Promise<void>;
  apiUrl?: string | undefined;
}

/** How an existing report is refreshed. */
export type StickyMode = 'update' | 'recreate';

/** The report as it now stands: the document and what was done. */
export interface StickyResult<D extends StickyDocument = StickyDocument> {
  document: D;
  action: 'created' | 'updated' | 'recreated';
}

/** How many times a document is created when each answer is lost; before each repeat the place is listed again. */
const CREATE_ATTEMPTS = 3;

/**
 * Our documents among those carrying the marker: "ours" is the marker and an author that is the token's own
 * account (identity.ts). A document anyone else wrote is never edited or deleted, even when it quotes the marker.
 * The identity is asked once, and only when some document carries the marker (most first runs never need it).
 */
export function authorFilter(client: GitHubClient): <D extends StickyDocument>(documents: D[]) => Promise<D[]> {
  let identity: Promise<TokenIdentity> | undefined;
  return async (documents) => {
    if (documents.length === 0) return [];
    identity ??= tokenIdentity(client);
    const me = await identity;
    return documents.filter((d) => isAuthoredBy(d.user, me));
  };
}

/**
 * Finds our documents of the report in `place`, logging those that quote the marker but are someone else's.
 * Returns them oldest first, with everything that carried the marker (ours or not), for createOnce.
 */
export async function findOurs<D extends StickyDocument>(
  place: StickyPlace<D>,
  ours: (documents: D[]) => Promise<D[]>,
): Promise<{ marked: D[]; mine: D[] }> {
  const marked = await place.listMarked();
  const mine = await ours(marked);
  if (mine.length < marked.length) {
    log.info(
      `${inert(place.count(marked.length - mine.length))} quote the ${place.what}'s marker but were not written by this token; they are left alone.`,
    );
  }
  return { marked, mine };
}

/**
 * Creates or updates the one document of ours carrying the marker.
 * - update: our newest document is edited in place; if the edit is refused (403, or 404 when it was deleted
 *   meanwhile), a new one is created.
 * - recreate: our earlier documents are deleted and a new one is created; if a delete is refused, that one is
 *   edited in place instead, so the place never shows two reports.
 * - Creating is never repeated blindly: when its answer is lost (a 5xx or no answer, which can come after GitHub
 *   created it), the place is listed again and a document of ours that was not there before is taken as the one
 *   just created.
 */
export async function upsertSticky<D extends StickyDocument>(
  client: GitHubClient,
  place: StickyPlace<D>,
  body: string,
  mode: StickyMode,
): Promise<StickyResult<D>> {
  const ours = authorFilter(client);
  const { marked, mine } = await findOurs(place, ours);
  if (mode === 'update' && mine.length > 0) {
    const edited = await tryEdit(place, mine[mine.length - 1]!, body);
    if (edited) return { document: edited, action: 'updated' };
  }
  if (mode === 'recreate' && mine.length > 0) {
    const kept = await deleteAll(place, mine);
    if (kept.length > 0) {
      const edited = await tryEdit(place, kept[kept.length - 1]!, body);
      if (edited) return { document: edited, action: 'updated' };
    }
  }
  const seen = new Set(marked.map((d) => d.id));
  const created = await createOnce(place, body, async () =>
    ours((await place.listMarked()).filter((d) => !seen.has(d.id))),
  );
  return { document: created, action: mode === 'recreate' && mine.length > 0 ? 'recreated' : 'created' };
}

/** Edits a document; undefined when GitHub refuses (403) or it is gone (404), so the caller creates instead. */
async function tryEdit<D extends StickyDocument>(
  place: StickyPlace<D>,
  target: D,
  body: string,
): Promise<D | undefined> {
  try {
    return await place.update(target, body);
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404) throw error;
    log.warning(`Could not edit the ${place.what} ${inert(target.html_url)} (HTTP ${status}); posting a new one.`);
    return undefined;
  }
}

/** Deletes our earlier documents; returns those GitHub would not delete (a 404 means already gone). */
async function deleteAll<D extends StickyDocument>(place: StickyPlace<D>, documents: D[]): Promise<D[]> {
  if (!place.remove) return documents;
  const kept: D[] = [];
  for (const old of documents) {
    try {
      await place.remove(old);
    } catch (error) {
      if (httpStatus(error) === 404) continue;
      log.warning(
        `Could not delete the earlier ${place.what} ${inert(old.html_url)} (${inert(describeGitHubFailure(error, place.apiUrl ?? 'GitHub'))}); editing it in place instead.`,
      );
      kept.push(old);
    }
  }
  return kept;
}

/** Creates the document at most once: after a lost answer, `createdMeanwhile` says whether it exists already. */
async function createOnce<D extends StickyDocument>(
  place: StickyPlace<D>,
  body: string,
  createdMeanwhile: () => Promise<D[]>,
): Promise<D> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await place.create(body);
    } catch (error) {
      if (!mayHaveBeenApplied(error) || attempt >= CREATE_ATTEMPTS) throw error;
      log.info(
        `Posting the ${place.what} got no usable answer (${inert(describeGitHubFailure(error, place.apiUrl ?? 'GitHub', 1))}); checking whether it was posted before trying again.`,
      );
      await sleep(attempt * attempt * RETRY_BASE_MS);
      const found = (await createdMeanwhile()).at(-1);
      if (found) return found;
    }
  }
}
