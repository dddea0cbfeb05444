"""IAM, STS, Lambda, CloudWatch Logs and the Lattice references, checked with boto3.

A second client, independent of the AWS SDK for JavaScript and of the AWS CLI's output layer:
each check calls lattice-local and compares the answer with what AWS answers (codes, HTTP
status, messages where AWS's text is known). Prints one JSON object: the checks that failed,
how many ran, and the operations called per service (for the coverage line).
Environment: LATTICE_LOCAL_URL, RECIPE_ACCOUNT, RECIPE_OTHER_ACCOUNT.
"""
import base64
import hashlib
import io
import json
import os
import zipfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = os.environ['LATTICE_LOCAL_URL']
A = os.environ['RECIPE_ACCOUNT']
B = os.environ['RECIPE_OTHER_ACCOUNT']
REGION = 'us-east-1'
CONFIG = Config(retries={'max_attempts': 1})
operations = {}
failures = []
checks = 0


def record(model, **_):
    operations.setdefault(model.service_model.endpoint_prefix, set()).add(model.name)


def client(service, account=A, creds=None):
    keys = creds or {'aws_access_key_id': account, 'aws_secret_access_key': 'test'}
    c = boto3.client(service, endpoint_url=URL, region_name=REGION, config=CONFIG, **keys)
    c.meta.events.register('before-call', record)
    return c


def check(name, condition, detail=''):
    global checks
    checks += 1
    if not condition:
        failures.append(f'{name}: {detail}')


def error(name, fn, code, status=None, message=None):
    """fn() must fail with `code` (and HTTP `status`, and `message` when given)."""
    try:
        fn()
    except ClientError as e:
        got = (e.response['Error'].get('Code'), e.response['ResponseMetadata'].get('HTTPStatusCode'), e.response['Error'].get('Message'))
        ok = got[0] == code and (status is None or got[1] == status) and (message is None or got[2] == message)
        check(name, ok, f'wanted {code} {status} {message!r}, got {got}')
        return e
    check(name, False, f'wanted {code}, the call succeeded')
    return None


def trust(principal, **extra):
    return json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': principal, 'Action': 'sts:AssumeRole', **extra}]})


def session(creds):
    c = creds['Credentials']
    return {'aws_access_key_id': c['AccessKeyId'], 'aws_secret_access_key': c['SecretAccessKey'], 'aws_session_token': c['SessionToken']}


iam, iam_b = client('iam'), client('iam', B)
sts, sts_b = client('sts'), client('sts', B)
lam, logs, lattice = client('lambda'), client('logs'), client('vpc-lattice')

# ---- IAM: roles and trust policies --------------------------------------------------------------
lambda_trust = trust({'Service': 'lambda.amazonaws.com'})
role = iam.create_role(RoleName='orders-fn', AssumeRolePolicyDocument=lambda_trust, Description='d', Tags=[{'Key': 'team', 'Value': 'orders'}])['Role']
check('CreateRole ARN and id', role['Arn'] == f'arn:aws:iam::{A}:role/orders-fn' and role['RoleId'].startswith('AROA'), role)
error('CreateRole twice', lambda: iam.create_role(RoleName='ORDERS-FN', AssumeRolePolicyDocument=lambda_trust), 'EntityAlreadyExists', 409,
      'Role with name ORDERS-FN already exists.')
error('CreateRole naming a missing role', lambda: iam.create_role(RoleName='x1', AssumeRolePolicyDocument=trust({'AWS': f'arn:aws:iam::{A}:role/ghost'})),
      'MalformedPolicyDocument', 400, f'Invalid principal in policy: "AWS":"arn:aws:iam::{A}:role/ghost"')
error('CreateRole with a non-STS action', lambda: iam.create_role(RoleName='x2', AssumeRolePolicyDocument=json.dumps(
    {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 's3:GetObject'}]})),
    'MalformedPolicyDocument', 400, 'AssumeRole policy may only specify STS AssumeRole actions.')
error('CreateRole with broken JSON', lambda: iam.create_role(RoleName='x3', AssumeRolePolicyDocument='{"Version":'), 'MalformedPolicyDocument', 400, 'Syntax errors in policy.')
error('CreateRole with a bad name', lambda: iam.create_role(RoleName='bad name', AssumeRolePolicyDocument=lambda_trust), 'ValidationError', 400)
got = iam.get_role(RoleName='orders-fn')['Role']
check('GetRole decodes the URL-encoded trust policy', got['AssumeRolePolicyDocument'] == json.loads(lambda_trust), got.get('AssumeRolePolicyDocument'))
check('GetRole tags and MaxSessionDuration', got.get('Tags') == [{'Key': 'team', 'Value': 'orders'}] and got['MaxSessionDuration'] == 3600, got)
error('GetRole of a missing role', lambda: iam.get_role(RoleName='ghost'), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.')
iam.tag_role(RoleName='orders-fn', Tags=[{'Key': 'team', 'Value': 'checkout'}, {'Key': 'tier', 'Value': '1'}])
check('TagRole merges', sorted((t['Key'], t['Value']) for t in iam.get_role(RoleName='orders-fn')['Role']['Tags']) == [('team', 'checkout'), ('tier', '1')])
for i in range(5):
    iam.create_role(RoleName=f'page-{i}', Path='/paged/', AssumeRolePolicyDocument=lambda_trust)
first = iam.list_roles(PathPrefix='/paged/', MaxItems=2)
check('ListRoles truncates with a Marker', first['IsTruncated'] and 'Marker' in first and len(first['Roles']) == 2, first)
names = [r['RoleName'] for p in iam.get_paginator('list_roles').paginate(PathPrefix='/paged/', PaginationConfig={'PageSize': 2}) for r in p['Roles']]
check('ListRoles pages through every role', names == [f'page-{i}' for i in range(5)], names)

# ---- IAM: inline and managed policies -----------------------------------------------------------
invoke = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'vpc-lattice-svcs:Invoke', 'Resource': '*'}]})
error('PutRolePolicy with a principal', lambda: iam.put_role_policy(RoleName='orders-fn', PolicyName='p', PolicyDocument=json.dumps(
    {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 'vpc-lattice-svcs:Invoke', 'Resource': '*'}]})),
    'MalformedPolicyDocument', 400, 'Policy document should not specify a principal.')
iam.put_role_policy(RoleName='orders-fn', PolicyName='invoke', PolicyDocument=invoke)
check('GetRolePolicy decodes the document', iam.get_role_policy(RoleName='orders-fn', PolicyName='invoke')['PolicyDocument'] == json.loads(invoke))
check('ListRolePolicies', iam.list_role_policies(RoleName='orders-fn')['PolicyNames'] == ['invoke'])
error('GetRolePolicy of a missing policy', lambda: iam.get_role_policy(RoleName='orders-fn', PolicyName='nope'), 'NoSuchEntity', 404,
      'The role policy with name nope cannot be found.')
basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
aws_policies = [p['Arn'] for p in iam.get_paginator('list_policies').paginate(Scope='AWS') for p in p['Policies']]
check('AWS managed policies exist in every account', basic in aws_policies and 'arn:aws:iam::aws:policy/VPCLatticeServicesInvokeAccess' in aws_policies, aws_policies)
iam.attach_role_policy(RoleName='orders-fn', PolicyArn=basic)
error('AttachRolePolicy of a missing policy', lambda: iam.attach_role_policy(RoleName='orders-fn', PolicyArn='arn:aws:iam::aws:policy/NoSuchPolicy'), 'NoSuchEntity', 404,
      'Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.')
custom = iam.create_policy(PolicyName='orders-invoke', PolicyDocument=invoke, Description='invoke orders')['Policy']
check('CreatePolicy', custom['Arn'] == f'arn:aws:iam::{A}:policy/orders-invoke' and custom['DefaultVersionId'] == 'v1' and custom['AttachmentCount'] == 0, custom)
error('CreatePolicy twice', lambda: iam.create_policy(PolicyName='orders-invoke', PolicyDocument=invoke), 'EntityAlreadyExists', 409,
      'A policy called orders-invoke already exists. Duplicate names are not allowed.')
iam.attach_role_policy(RoleName='orders-fn', PolicyArn=custom['Arn'])
check('GetPolicy counts attachments', iam.get_policy(PolicyArn=custom['Arn'])['Policy']['AttachmentCount'] == 1)
check('GetPolicyVersion decodes the document', iam.get_policy_version(PolicyArn=custom['Arn'], VersionId='v1')['PolicyVersion']['Document'] == json.loads(invoke))
check('GetPolicyVersion of an AWS managed policy', 'logs:PutLogEvents' in json.dumps(iam.get_policy_version(PolicyArn=basic, VersionId='v1')['PolicyVersion']['Document']))
attached = iam.list_attached_role_policies(RoleName='orders-fn')['AttachedPolicies']
check('ListAttachedRolePolicies', [p['PolicyArn'] for p in attached] == [basic, custom['Arn']], attached)
only = [p['PolicyName'] for p in iam.list_policies(Scope='Local', OnlyAttached=True)['Policies']]
check('ListPolicies Local, attached only', only == ['orders-invoke'], only)
error('DeletePolicy while attached', lambda: iam.delete_policy(PolicyArn=custom['Arn']), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.')
error('DeleteRole with inline policies', lambda: iam.delete_role(RoleName='orders-fn'), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.')
iam.delete_role_policy(RoleName='orders-fn', PolicyName='invoke')
error('DeleteRole with attached policies', lambda: iam.delete_role(RoleName='orders-fn'), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.')
iam.detach_role_policy(RoleName='orders-fn', PolicyArn=custom['Arn'])
error('DetachRolePolicy of a policy not attached', lambda: iam.detach_role_policy(RoleName='orders-fn', PolicyArn=custom['Arn']), 'NoSuchEntity', 404)
iam.delete_policy(PolicyArn=custom['Arn'])
error('GetPolicy after DeletePolicy', lambda: iam.get_policy(PolicyArn=custom['Arn']), 'NoSuchEntity', 404)

# ---- STS AssumeRole: trust policies, MaxSessionDuration, chaining ------------------------------
def denied(caller_arn, role_arn):
    return f'User: {caller_arn} is not authorized to perform: sts:AssumeRole on resource: {role_arn}'


root_a = f'arn:aws:iam::{A}:root'
lambda_role = f'arn:aws:iam::{A}:role/orders-fn'
error('AssumeRole of a role trusting only Lambda', lambda: sts.assume_role(RoleArn=lambda_role, RoleSessionName='s1'), 'AccessDenied', 403, denied(root_a, lambda_role))
ghost = f'arn:aws:iam::{A}:role/ghost'
error('AssumeRole of a missing role', lambda: sts.assume_role(RoleArn=ghost, RoleSessionName='s1'), 'AccessDenied', 403, denied(root_a, ghost))
iam.update_assume_role_policy(RoleName='orders-fn', PolicyDocument=trust({'AWS': A}))
out = sts.assume_role(RoleArn=lambda_role, RoleSessionName='after-update')
check('UpdateAssumeRolePolicy lets the account root in', out['AssumedRoleUser']['Arn'] == f'arn:aws:sts::{A}:assumed-role/orders-fn/after-update', out)
error('DurationSeconds beyond MaxSessionDuration', lambda: sts.assume_role(RoleArn=lambda_role, RoleSessionName='s1', DurationSeconds=7200), 'ValidationError', 400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
# Cross-account: B's role trusting A, and one trusting only B.
iam_b.create_role(RoleName='reader', AssumeRolePolicyDocument=trust({'AWS': root_a}), MaxSessionDuration=14400)
iam_b.create_role(RoleName='private', AssumeRolePolicyDocument=trust({'AWS': B}))
reader = sts.assume_role(RoleArn=f'arn:aws:iam::{B}:role/reader', RoleSessionName='x1', DurationSeconds=14400)
who = client('sts', creds=session(reader)).get_caller_identity()
check('the session acts in the role account', who['Account'] == B and who['Arn'] == f'arn:aws:sts::{B}:assumed-role/reader/x1', who)
error('AssumeRole across accounts without trust', lambda: sts.assume_role(RoleArn=f'arn:aws:iam::{B}:role/private', RoleSessionName='s1'), 'AccessDenied', 403,
      denied(root_a, f'arn:aws:iam::{B}:role/private'))
# Role chaining: B's chained role trusts the reader role; one hour at most.
iam_b.create_role(RoleName='chained', AssumeRolePolicyDocument=trust({'AWS': f'arn:aws:iam::{B}:role/reader'}), MaxSessionDuration=43200)
as_reader = client('sts', creds=session(reader))
chained = as_reader.assume_role(RoleArn=f'arn:aws:iam::{B}:role/chained', RoleSessionName='hop')
check('a session of a trusted role may assume (role chaining)', chained['AssumedRoleUser']['Arn'] == f'arn:aws:sts::{B}:assumed-role/chained/hop')
error('role chaining beyond one hour', lambda: as_reader.assume_role(RoleArn=f'arn:aws:iam::{B}:role/chained', RoleSessionName='hop', DurationSeconds=3601),
      'ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.')
error('the account root is not the trusted role', lambda: sts_b.assume_role(RoleArn=f'arn:aws:iam::{B}:role/chained', RoleSessionName='s1'), 'AccessDenied', 403)
# sts:ExternalId.
iam_b.create_role(RoleName='vendor', AssumeRolePolicyDocument=trust({'AWS': A}, Condition={'StringEquals': {'sts:ExternalId': 'ext-42'}}))
vendor = f'arn:aws:iam::{B}:role/vendor'
error('ExternalId missing', lambda: sts.assume_role(RoleArn=vendor, RoleSessionName='s1'), 'AccessDenied', 403, denied(root_a, vendor))
error('ExternalId wrong', lambda: sts.assume_role(RoleArn=vendor, RoleSessionName='s1', ExternalId='ext-41'), 'AccessDenied', 403)
check('ExternalId right', sts.assume_role(RoleArn=vendor, RoleSessionName='s1', ExternalId='ext-42')['AssumedRoleUser']['Arn'].endswith('vendor/s1'))
# An explicit Deny wins.
iam_b.create_role(RoleName='fenced', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Principal': {'AWS': A}, 'Action': 'sts:AssumeRole'},
    {'Effect': 'Deny', 'Principal': {'AWS': A}, 'Action': 'sts:AssumeRole', 'Condition': {'StringLike': {'sts:RoleSessionName': 'blocked-*'}}}]}))
check('Allow without the Deny condition', sts.assume_role(RoleArn=f'arn:aws:iam::{B}:role/fenced', RoleSessionName='fine')['AssumedRoleUser'] is not None)
error('explicit Deny wins', lambda: sts.assume_role(RoleArn=f'arn:aws:iam::{B}:role/fenced', RoleSessionName='blocked-1'), 'AccessDenied', 403)

# ---- Lambda ------------------------------------------------------------------------------------
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, 'w') as z:
    z.writestr('index.py', 'def handler(event, context):\n    return {"statusCode": 200}\n')
package = buffer.getvalue()
exec_role = iam.create_role(RoleName='fn-exec', AssumeRolePolicyDocument=lambda_trust)['Role']['Arn']
base = dict(Runtime='python3.12', Handler='index.handler', Code={'ZipFile': package})
error('CreateFunction with a missing role', lambda: lam.create_function(FunctionName='f0', Role=f'arn:aws:iam::{A}:role/ghost', **base),
      'InvalidParameterValueException', 400, 'The role defined for the function cannot be assumed by Lambda.')
error('CreateFunction with a role Lambda may not assume', lambda: lam.create_function(FunctionName='f0', Role=f'arn:aws:iam::{B}:role/reader', **base),
      'InvalidParameterValueException', 400, 'The role defined for the function cannot be assumed by Lambda.')
error('CreateFunction without Runtime and Handler', lambda: lam.create_function(FunctionName='f0', Role=exec_role, Code={'ZipFile': package}),
      'InvalidParameterValueException', 400, 'Runtime and Handler are mandatory parameters for functions created with deployment packages.')
error('CreateFunction with a package that is not a zip', lambda: lam.create_function(FunctionName='f0', Role=exec_role, Runtime='python3.12', Handler='index.handler', Code={'ZipFile': b'not a zip'}),
      'InvalidParameterValueException', 400, 'Could not unzip uploaded file. Please check your file, then try to upload again.')
fn = lam.create_function(FunctionName='orders-api', Role=exec_role, Timeout=10, **base)
check('CreateFunction keeps the package hash', fn['CodeSha256'] == base64.b64encode(hashlib.sha256(package).digest()).decode() and fn['CodeSize'] == len(package), fn)
error('CreateFunction twice', lambda: lam.create_function(FunctionName='orders-api', Role=exec_role, **base), 'ResourceConflictException', 409, 'Function already exist: orders-api')
for name in ('a-fn', 'b-fn'):
    lam.create_function(FunctionName=name, Role=exec_role, **base)
got = lam.get_function(FunctionName=fn['FunctionArn'])
check('GetFunction by ARN', got['Configuration']['FunctionName'] == 'orders-api' and got['Configuration']['Timeout'] == 10 and got['Code']['RepositoryType'] == 'S3', got)
listed = [f['FunctionName'] for p in lam.get_paginator('list_functions').paginate(PaginationConfig={'PageSize': 1}) for f in p['Functions']]
check('ListFunctions pages', listed == ['a-fn', 'b-fn', 'orders-api'], listed)
error('GetPolicy without a policy', lambda: lam.get_policy(FunctionName='orders-api'), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.')
tg = lattice.create_target_group(name='orders-api-fn', type='LAMBDA')
stmt = json.loads(lam.add_permission(FunctionName='orders-api', StatementId='vpc-lattice', Action='lambda:InvokeFunction', Principal='vpc-lattice.amazonaws.com',
                                     SourceArn=tg['arn'])['Statement'])
check('AddPermission statement', stmt == {'Sid': 'vpc-lattice', 'Effect': 'Allow', 'Principal': {'Service': 'vpc-lattice.amazonaws.com'}, 'Action': 'lambda:InvokeFunction',
                                          'Resource': fn['FunctionArn'], 'Condition': {'ArnLike': {'AWS:SourceArn': tg['arn']}}}, stmt)
error('AddPermission with a used statement id', lambda: lam.add_permission(FunctionName='orders-api', StatementId='vpc-lattice', Action='lambda:InvokeFunction', Principal='vpc-lattice.amazonaws.com'),
      'ResourceConflictException', 409, 'The statement id (vpc-lattice) provided already exists. Please provide a new statement id, or remove the existing statement.')
policy = json.loads(lam.get_policy(FunctionName='orders-api')['Policy'])
check('GetPolicy', policy['Version'] == '2012-10-17' and [s['Sid'] for s in policy['Statement']] == ['vpc-lattice'], policy)
error('RemovePermission of a missing statement', lambda: lam.remove_permission(FunctionName='orders-api', StatementId='other'), 'ResourceNotFoundException', 404)
lam.remove_permission(FunctionName='orders-api', StatementId='vpc-lattice')
error('GetPolicy after the last statement is gone', lambda: lam.get_policy(FunctionName='orders-api'), 'ResourceNotFoundException', 404)
lam.delete_function(FunctionName='b-fn')
error('GetFunction after DeleteFunction', lambda: lam.get_function(FunctionName='b-fn'), 'ResourceNotFoundException', 404,
      f'Function not found: arn:aws:lambda:{REGION}:{A}:function:b-fn')

# ---- CloudWatch Logs ----------------------------------------------------------------------------
for name in ('/lattice/orders', '/lattice/payments', '/other/x'):
    logs.create_log_group(logGroupName=name, tags={'owner': 'net'})
error('CreateLogGroup twice', lambda: logs.create_log_group(logGroupName='/lattice/orders'), 'ResourceAlreadyExistsException', 400, 'The specified log group already exists')
page = logs.describe_log_groups(logGroupNamePrefix='/lattice/', limit=1)
check('DescribeLogGroups pages', len(page['logGroups']) == 1 and 'nextToken' in page, page)
all_groups = [g['logGroupName'] for p in logs.get_paginator('describe_log_groups').paginate(logGroupNamePrefix='/lattice/') for g in p['logGroups']]
check('DescribeLogGroups prefix', all_groups == ['/lattice/orders', '/lattice/payments'], all_groups)
error('PutRetentionPolicy outside the allowed values', lambda: logs.put_retention_policy(logGroupName='/lattice/orders', retentionInDays=2), 'InvalidParameterException', 400)
logs.put_retention_policy(logGroupName='/lattice/orders', retentionInDays=30)
group = logs.describe_log_groups(logGroupNamePrefix='/lattice/orders')['logGroups'][0]
check('retention and ARNs', group['retentionInDays'] == 30 and group['arn'] == group['logGroupArn'] + ':*', group)
logs.tag_resource(resourceArn=group['logGroupArn'], tags={'tier': '1'})
check('ListTagsForResource', logs.list_tags_for_resource(resourceArn=group['logGroupArn'])['tags'] == {'owner': 'net', 'tier': '1'})
error('DeleteLogGroup of a missing group', lambda: logs.delete_log_group(logGroupName='/nope'), 'ResourceNotFoundException', 400, 'The specified log group does not exist.')
error('DescribeLogStreams of a missing group', lambda: logs.describe_log_streams(logGroupName='/nope'), 'ResourceNotFoundException', 400)
logs.delete_log_group(logGroupName='/other/x')

# ---- Lattice refers to things that exist --------------------------------------------------------
sn = lattice.create_service_network(name='refs-net')
error('access logs to a missing log group', lambda: lattice.create_access_log_subscription(resourceIdentifier=sn['id'], destinationArn=f'arn:aws:logs:{REGION}:{A}:log-group:/nope'),
      'ResourceNotFoundException', 404)
als = lattice.create_access_log_subscription(resourceIdentifier=sn['id'], destinationArn=group['logGroupArn'])
check('a log group destination is reported with :*', als['destinationArn'] == group['logGroupArn'] + ':*', als)
missing = f'arn:aws:lambda:{REGION}:{A}:function:ghost'
reg = lattice.register_targets(targetGroupIdentifier=tg['id'], targets=[{'id': missing}])
check('a LAMBDA target that is not a function is unsuccessful', reg['successful'] == [] and reg['unsuccessful'][0]['id'] == missing and reg['unsuccessful'][0]['failureCode'] == 'InvalidTargetId', reg)
reg = lattice.register_targets(targetGroupIdentifier=tg['id'], targets=[{'id': fn['FunctionArn']}])
check('an existing function registers', reg['successful'] == [{'id': fn['FunctionArn']}], reg)

print(json.dumps({'checks': checks, 'failures': failures, 'operations': {k: sorted(v) for k, v in operations.items()}}))
