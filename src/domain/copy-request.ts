/**
 * The words of the domain. Everything here is plain JSON so it can live inside a persisted
 * XState snapshot and cross process boundaries unchanged.
 */

export type RegionId = string;

/** "Copy" keeps the data in plain text; "Copy and Encrypt" re-encrypts it under a KMS key. */
export type CopyType = 'copy' | 'copyAndEncrypt';

/** The default service key, fully managed by ECS and free of KMS charges. */
export const DEFAULT_SERVICE_KEY_ALIAS = 'alias/acs/ecs';

export type KeyChoice = { kind: 'defaultServiceKey' } | { kind: 'customerMasterKey'; keyId: string };

export interface Tag {
  key: string;
  value: string;
}

/** What the requester asked for, exactly as gathered by the modal or a command. */
export interface CopyParameters {
  sourceRegionId: RegionId;
  sourceSnapshotId: string;
  destinationRegionId: RegionId;
  copyType: CopyType;
  /** Only meaningful for copyAndEncrypt. */
  key?: KeyChoice;
  name: string;
  description: string;
  tags: Tag[];
  /** Unset: the copy is kept until deleted. */
  retentionDays?: number;
  reason?: string;
}

export interface Requester {
  userId: string;
  /** Where the request was asked: the card is posted here (or to the requester's DM). */
  channelId: string;
}

/** Why a request needs a human decision (SPEC §5). */
export type ApprovalReason = 'crossRegion' | 'customerMasterKey';

export interface ApprovalDecision {
  required: boolean;
  reasons: ApprovalReason[];
}

/** A refusal of a rule in SPEC §2: which field it concerns, why, and what to do instead. */
/** `Field`: a copy request's field by default; a batch's refusals can also name its selector. */
export interface Refusal<Field extends string = RequestField> {
  code: string;
  field: Field;
  message: string;
}

export type RequestField =
  | 'sourceRegionId'
  | 'sourceSnapshotId'
  | 'destinationRegionId'
  | 'copyType'
  | 'key'
  | 'name'
  | 'description'
  | 'tags'
  | 'retentionDays'
  | 'reason';
