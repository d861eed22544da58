/** The ECS (2014-05-26) actions the stand-in answers; anything else is `InvalidAction.NotFound`. */
import type { ActionHandler } from '../action.ts';
import { copySnapshot } from './copy-snapshot.ts';
import { createSnapshot } from './create-snapshot.ts';
import { deleteSnapshot } from './delete-snapshot.ts';
import { describeDisks } from './describe-disks.ts';
import { describeRegions } from './describe-regions.ts';
import { describeSnapshots } from './describe-snapshots.ts';

export const ecsActions: Readonly<Record<string, ActionHandler>> = {
  CopySnapshot: copySnapshot,
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
  DescribeDisks: describeDisks,
  DescribeRegions: describeRegions,
  DescribeSnapshots: describeSnapshots,
};
