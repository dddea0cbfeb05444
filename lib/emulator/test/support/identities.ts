// Roles, functions and log groups the suites need before Lattice can refer to them, created
// in process (the SDK clients the suites use cover Lattice, RAM, EC2 and STS only; the AWS CLI
// and boto3 drive IAM, Lambda and Logs over the wire in recipe-cli.test.ts).
import { callOperation } from '../../index';
import type { LocalContext } from '../../services/types';

const trust = (principal: Record<string, string>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

/** Role `name` in `account`, assumable by every principal of `trustedAccount` (default: itself). */
export async function ensureRole(local: LocalContext, account: string, name: string, trustedAccount = account, maxSessionDuration?: number): Promise<string> {
  const out = await callOperation(local, {
    service: 'iam',
    operation: 'CreateRole',
    account,
    region: 'us-east-1',
    input: { RoleName: name, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${trustedAccount}:root` }), ...(maxSessionDuration ? { MaxSessionDuration: maxSessionDuration } : {}) },
  });
  return out.Role.Arn as string;
}

/** Lambda function `name` (an empty package) with an execution role; returns its ARN. */
export async function ensureFunction(local: LocalContext, account: string, name: string, region = 'us-east-1'): Promise<string> {
  const role = `arn:aws:iam::${account}:role/${name}-execution`;
  await callOperation(local, { service: 'iam', operation: 'CreateRole', account, region, input: { RoleName: `${name}-execution`, AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) } });
  const zip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]).toString('base64');
  const out = await callOperation(local, { service: 'lambda', operation: 'CreateFunction', account, region, input: { FunctionName: name, Runtime: 'python3.12', Handler: 'index.handler', Role: role, Code: { ZipFile: zip } } });
  return out.FunctionArn as string;
}

/** CloudWatch Logs log group `name`; returns its ARN (without `:*`). */
export async function ensureLogGroup(local: LocalContext, account: string, name: string, region = 'us-east-1'): Promise<string> {
  await callOperation(local, { service: 'logs', operation: 'CreateLogGroup', account, region, input: { logGroupName: name } });
  return `arn:aws:logs:${region}:${account}:log-group:${name}`;
}
