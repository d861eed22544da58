/** Parameter checks several ECS actions share, each failing with the code the real API uses. */
import { ApiError } from '../api-error.ts';
import type { RequestParams } from '../request-params.ts';
import type { World } from '../world.ts';

/** The required `RegionId` of the Describe APIs, which must name a region of the world. */
export function readRegionId(params: RequestParams, world: World): string {
  const regionId = params.required('RegionId', 64);
  if (!world.region(regionId)) {
    throw new ApiError(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist.');
  }
  return regionId;
}

/** An enumerated filter value; anything else is refused with the API's own error. */
export function readChoice(
  params: RequestParams,
  name: string,
  allowed: readonly string[],
  invalid: () => ApiError,
): string | undefined {
  const value = params.string(name, 64)?.toLowerCase();
  if (value !== undefined && !allowed.includes(value)) throw invalid();
  return value;
}

export function refuseDryRun(params: RequestParams): void {
  if (params.boolean('DryRun')) {
    throw new ApiError(400, 'DryRunOperation', 'Request validation has been passed with DryRun flag set.');
  }
}
