/** Who may approve. Slack resolves it (a static list and/or a user group); the workflow only asks. */
export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
}
