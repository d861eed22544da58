/**
 * Plain-language explanations for the codes snapcopy meets, shown to the requester next to the
 * code. Matched by exact code or by a pattern over a family of codes; first match wins.
 */
type CodeMatcher = string | RegExp;

const HINTS: ReadonlyArray<readonly [CodeMatcher[], string]> = [
  [
    ['InvalidSnapshotId.NotFound'],
    'The snapshot does not exist in that region, or it was deleted. Check the snapshot ID and the region.',
  ],
  [
    ['InvalidSnapshotId.NotReady'],
    'The source snapshot is still being created. Wait until it is accomplished, then ask again.',
  ],
  [
    [/^InvalidSnapshotCategory\./, 'OperationDenied.SnapshotCategoryNotSupportCopy'],
    'Archived and local (flash) snapshots cannot be copied. Choose a standard snapshot.',
  ],
  [
    ['InvalidOperation.NotSupportCopyInSameRegion'],
    'A standard copy must go to another region. Choose a different destination, or use Copy and Encrypt to copy within the region.',
  ],
  [
    [
      'InvalidEncrypted.NotSupportDecrypt',
      'InvalidSnapshotId.EncryptedNotSupport',
      'InvalidSnapshot.EncryptedNotSupported',
    ],
    'The source snapshot is encrypted, so it can only be copied with Copy and Encrypt.',
  ],
  [
    ['InvalidEncrypted.NotMatchKmsKeyId', 'InvalidEncrypted.NotMatchEncryptAlgorithm'],
    'A key was given for a copy that is not encrypted. Use Copy and Encrypt, or drop the key.',
  ],
  [
    ['InvalidParameter.KmsNotEnabled', 'Forbidden.KmsServiceNotEnabled'],
    'KMS is not activated for this Alibaba Cloud account. Activate KMS in the console, or make a standard copy without encryption.',
  ],
  [
    ['InvalidParameter.KMSKeyId.NotFound', 'Forbidden.KeyNotFound', 'Forbidden.AliasNotFound'],
    'The KMS key was not found in the destination region. Choose a key of the destination region, or the default service key.',
  ],
  [
    [
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      'Rejected.Disabled',
      'Rejected.PendingDeletion',
      'Rejected.PendingImport',
    ],
    'The KMS key is not enabled (it is disabled, pending deletion or waiting for key material). Enable it or choose another key.',
  ],
  [
    ['InvalidKMSKeyId.NotSymmetric'],
    'The KMS key is not a symmetric encryption key. ECS encrypts snapshots only with symmetric keys (Aliyun_AES_256, Aliyun_SM4).',
  ],
  [
    ['InvalidParameter.KMSKeyId.KMSUnauthorized', 'InvalidParameter.KMSKeyId.CMKUnauthorized'],
    'ECS is not authorized to use this KMS key. Grant the ECS service role access to the key, or choose another key.',
  ],
  [
    [
      'InvalidRegionId.NotSupportedEncryptedSnapshotCopy',
      'InvalidRegion.NotSupport',
      'InvalidRegionId.NotSupportEncryptAlgorithm',
      'OperationDenied.NonCompliantDestinationRegion',
    ],
    'The destination region does not accept this copy. China (Nanjing - Local Region) is closing down and takes no encrypted copies; choose another region.',
  ],
  [
    ['InvalidRegionId.NotExists', 'InvalidRegionId.MalFormed'],
    'The region ID is not a region of this account. Pick a region from the list.',
  ],
  [
    [
      'InvalidOperation.UnfinishedCrossRegionCopy',
      'InvalidOperation.UnfinishedEncryptedSnapshotCopy',
      'InvalidOperation.DiskHasUnfinishedSnapshotCopy',
    ],
    'This disk already has an unfinished copy to the destination region, and only one may run at a time. Wait for it to finish or cancel it.',
  ],
  [
    ['IdempotentParameterMismatch', 'IdempotenceParamNotMatch'],
    'This request was already sent once with different parameters. Make a new request instead of changing this one.',
  ],
  [
    ['IdempotentProcessing', 'InvalidOperation.Conflict', 'Operation.Conflict'],
    'A conflicting operation is still running on this snapshot. Try again in a little while.',
  ],
  [
    [/^QuotaExceed/],
    'The snapshot quota of the account is used up in that region. Delete snapshots you no longer need, or raise the quota in Quota Center.',
  ],
  [
    [
      'InvalidSnapshotName.Malformed',
      'InvalidDescription.Malformed',
      'InvalidRetentionDays.Malformed',
      'Duplicate.TagKey',
      /^InvalidTag/,
    ],
    'A name, description, retention period or tag is outside the API rules. Correct it and ask again.',
  ],
  [
    ['SnapshotCreatedImage', 'SnapshotCreatedDisk'],
    'The snapshot is in use by an image or disks, so it cannot be deleted that way.',
  ],
  [
    [/^InvalidAccountStatus\./, /^Forbidden\.InDebt/],
    'The Alibaba Cloud account is overdue or lacks balance. Top up the account, then ask again.',
  ],
  [
    [/^InvalidAccessKeyId\./, 'SignatureDoesNotMatch', 'IncompleteSignature', /^InvalidSecurityToken/],
    'Alibaba Cloud rejected the AccessKey: it is unknown, disabled, or its secret is wrong. Check the credentials snapcopy runs with.',
  ],
  [
    ['InvalidTimeStamp.Expired', 'IllegalTimestamp', 'SignatureNonceUsed'],
    "Alibaba Cloud rejected the request's timestamp. Synchronise this machine's clock (NTP).",
  ],
  [
    [/^Forbidden/, 'InvalidOperation.Unauthorized', 'InvalidUser.NotInWhiteList', 'NoPermission'],
    'The RAM identity snapcopy runs as may not do this. Grant it the permissions listed in the README RAM policy.',
  ],
  [
    [/Throttling/, 'Rejected.LimitExceeded'],
    'Alibaba Cloud is throttling API calls of this account. snapcopy retries with backoff; if it persists, lower the load or raise the API rate limit in Quota Center.',
  ],
  [
    ['InternalError', 'InternalFailure', 'ServiceUnavailable', 'SerivceUnavailableTemporary', /^Http5\d\d$/],
    'Alibaba Cloud had an internal error. snapcopy retries; if it persists, try again later.',
  ],
  [
    ['RequestTimeout'],
    'Alibaba Cloud did not answer in time. snapcopy retries; if it persists, check the network path to the endpoint.',
  ],
  [
    [/^E[A-Z]+$/],
    'The Alibaba Cloud endpoint could not be reached. Check the network, proxy and endpoint settings.',
  ],
  [
    ['InvalidResponse'],
    'The endpoint answered with something that is not an Alibaba Cloud API reply, often a proxy error page.',
  ],
  [
    ['UnknownAccountStatus'],
    'KMS reported an account status snapcopy does not know. Check the KMS page of the console.',
  ],
  [
    ['CredentialsUnavailable'],
    'No Alibaba Cloud credentials were found. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run with a RAM role.',
  ],
];

function matches(matcher: CodeMatcher, code: string): boolean {
  return typeof matcher === 'string' ? matcher === code : matcher.test(code);
}

export function hintFor(code: string): string {
  const entry = HINTS.find(([matchers]) => matchers.some((matcher) => matches(matcher, code)));
  return (
    entry?.[1] ??
    `Alibaba Cloud refused the call with ${code}. Look the code up at https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}.`
  );
}
