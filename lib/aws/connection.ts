// Whether the console can reach an account: GetCallerIdentity as it (assuming its role).
import { accessOf, type AccountConfig } from './accounts-config';
import { callerIdentity } from './discover';
import { describeAwsError } from './errors';

export interface ConnectionTest {
  ok: boolean;
  /** GetCallerIdentity's answer when it worked. */
  identity?: { account: string; arn: string; userId: string };
  /** The exact AWS error otherwise. */
  code?: string;
  message?: string;
  /** Set when the credentials work but belong to another account than the one configured. */
  warning?: string;
}

/** GetCallerIdentity as the account (assuming its role when it has one): proves the console can reach it. */
export async function testAccountConnection(account: AccountConfig): Promise<ConnectionTest> {
  try {
    const identity = await callerIdentity(accessOf(account), account.regions[0], { maxAttempts: 2 });
    const result: ConnectionTest = { ok: true, identity };
    if (identity.account && identity.account !== account.id) result.warning = `These credentials act in account ${identity.account}, not ${account.id}.`;
    return result;
  } catch (err) {
    const info = describeAwsError(err);
    return { ok: false, code: info.code, message: account.roleArn ? `AssumeRole or GetCallerIdentity as ${account.roleArn} failed: ${info.message}` : info.message };
  }
}
