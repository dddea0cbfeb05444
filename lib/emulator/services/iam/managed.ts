// The AWS managed policies lattice-local knows: the ones the microservice-authorization recipe
// and Lattice users attach. They exist in every account (arn:aws:iam::aws:policy/…), cannot be
// changed or deleted, and are counted per account when attached. Their documents keep AWS's
// actions for the Lambda and Lattice policies; the broad ones (AdministratorAccess,
// ReadOnlyAccess) are abbreviated to the statements that matter here.
import { createHash } from 'node:crypto';

export interface ManagedPolicy {
  PolicyName: string;
  Path: string;
  Arn: string;
  PolicyId: string;
  DefaultVersionId: string;
  Description: string;
  CreateDate: number;
  UpdateDate: number;
  Document: string;
}

const doc = (statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function policyId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'ANPA';
  for (let i = 0; i < 17; i++) id += alphabet[digest[i]! & 31];
  return id;
}

function managed(name: string, path: string, version: string, created: string, updated: string, description: string, document: string): ManagedPolicy {
  const arn = `arn:aws:iam::aws:policy${path}${name}`;
  return {
    PolicyName: name,
    Path: path,
    Arn: arn,
    PolicyId: policyId(arn),
    DefaultVersionId: version,
    Description: description,
    CreateDate: Date.parse(created),
    UpdateDate: Date.parse(updated),
    Document: document,
  };
}

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [
  managed('AdministratorAccess', '/', 'v1', '2015-02-06T18:39:46Z', '2015-02-06T18:39:46Z', 'Provides full access to AWS services and resources.', doc([{ Effect: 'Allow', Action: '*', Resource: '*' }])),
  managed('ReadOnlyAccess', '/', 'v1', '2015-02-06T18:39:48Z', '2015-02-06T18:39:48Z', 'Provides read-only access to AWS services and resources.', doc([{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'lambda:Get*', 'lambda:List*', 'logs:Describe*', 'logs:ListTagsForResource', 'vpc-lattice:Get*', 'vpc-lattice:List*', 'ram:Get*', 'ram:List*', 'ec2:Describe*', 'sts:GetCallerIdentity', 'tag:Get*'], Resource: '*' }])),
  managed('AWSLambdaBasicExecutionRole', '/service-role/', 'v1', '2015-04-09T15:03:43Z', '2015-04-09T15:03:43Z', 'Provides write permissions to CloudWatch Logs.', doc([{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }])),
  managed('AWSLambdaVPCAccessExecutionRole', '/service-role/', 'v1', '2016-02-11T23:15:26Z', '2016-02-11T23:15:26Z', 'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.', doc([{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'], Resource: '*' }])),
  managed('CloudWatchLogsFullAccess', '/', 'v1', '2015-02-06T18:40:02Z', '2015-02-06T18:40:02Z', 'Provides full access to CloudWatch Logs', doc([{ Effect: 'Allow', Action: ['logs:*'], Resource: '*' }])),
  managed('VPCLatticeFullAccess', '/', 'v1', '2022-11-29T00:00:00Z', '2022-11-29T00:00:00Z', 'Grants full access to Amazon VPC Lattice and limited access to other dependent services.', doc([{ Effect: 'Allow', Action: ['vpc-lattice:*'], Resource: '*' }])),
  managed('VPCLatticeReadOnlyAccess', '/', 'v1', '2022-11-29T00:00:00Z', '2022-11-29T00:00:00Z', 'Grants read-only access to Amazon VPC Lattice and limited access to other dependent services.', doc([{ Effect: 'Allow', Action: ['vpc-lattice:Get*', 'vpc-lattice:List*'], Resource: '*' }])),
  managed('VPCLatticeServicesInvokeAccess', '/', 'v1', '2022-11-29T00:00:00Z', '2022-11-29T00:00:00Z', 'Provides access to invoke Amazon VPC Lattice services.', doc([{ Effect: 'Allow', Action: ['vpc-lattice-svcs:Invoke'], Resource: '*' }])),
];

export const managedPolicy = (arn: string): ManagedPolicy | undefined => MANAGED_POLICIES.find((p) => p.Arn === arn);
