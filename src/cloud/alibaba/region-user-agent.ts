import type { RegionId } from '../../domain/copy-request.ts';

/**
 * KMS requests carry no RegionId (the region is the endpoint's); with one local endpoint the
 * stand-in reads it from this suffix. Harmless in production, where it only labels the caller.
 */
export function regionUserAgent(regionId: RegionId): string {
  return `snapcopy region/${regionId}`;
}
