import type { ActionHandler } from '../action.ts';

export const describeRegions: ActionHandler = ({ world }) => ({
  Regions: {
    Region: world.regions().map((region) => ({
      RegionId: region.regionId,
      LocalName: region.localName,
      RegionEndpoint: `ecs.${region.regionId}.aliyuncs.com`,
      Status: 'available',
    })),
  },
});
