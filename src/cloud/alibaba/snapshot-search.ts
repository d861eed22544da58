import type { RegionId } from '../../domain/copy-request.ts';
import type { Snapshot, SnapshotPage, SnapshotSearch } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';
import { describeSnapshotPage, SNAPSHOTS_PER_CALL } from './snapshot-pages.ts';

const DEFAULT_RESULTS = 20;
/** A picker waits on this call: scan at most this many API pages, then hand back a token to go on. */
const MAX_PAGES_PER_SEARCH = 5;

/**
 * Where a search stopped: the API page and how many matches of that page were already handed
 * out. The API cannot filter by name substring or ID prefix, so matches are picked client-side
 * and one API page may hold more of them than one answer has room for.
 */
interface SearchCursor {
  apiToken?: string;
  skip: number;
}

function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string | undefined): SearchCursor {
  if (!token) return { skip: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<SearchCursor>;
    return {
      apiToken: typeof parsed.apiToken === 'string' ? parsed.apiToken : undefined,
      skip: typeof parsed.skip === 'number' && parsed.skip > 0 ? parsed.skip : 0,
    };
  } catch {
    // A token from another version of the picker: starting over is the only sensible reading.
    return { skip: 0 };
  }
}

function matcherFor(query: string | undefined): (snapshot: Snapshot) => boolean {
  const needle = query?.trim().toLowerCase();
  if (!needle) return () => true;
  return (snapshot) =>
    snapshot.snapshotId.toLowerCase().startsWith(needle) || snapshot.name.toLowerCase().includes(needle);
}

export async function searchSnapshots(
  context: CloudContext,
  regionId: RegionId,
  search: SnapshotSearch,
): Promise<SnapshotPage> {
  const limit = Math.min(SNAPSHOTS_PER_CALL, Math.max(1, search.maxResults ?? DEFAULT_RESULTS));
  const matches = matcherFor(search.query);
  const found: Snapshot[] = [];
  let cursor = decodeCursor(search.nextToken);
  for (let pages = 0; pages < MAX_PAGES_PER_SEARCH && found.length < limit; pages++) {
    const page = await describeSnapshotPage(context, regionId, {}, cursor.apiToken);
    const hits = page.snapshots.filter(matches).slice(cursor.skip);
    const room = limit - found.length;
    found.push(...hits.slice(0, room));
    if (hits.length > room) {
      return { snapshots: found, nextToken: encodeCursor({ ...cursor, skip: cursor.skip + room }) };
    }
    if (!page.nextToken) return { snapshots: found };
    cursor = { apiToken: page.nextToken, skip: 0 };
  }
  return { snapshots: found, nextToken: encodeCursor(cursor) };
}
