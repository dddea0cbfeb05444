"""The microservice-authorization recipe's AWS CLI commands, as written, against lattice-local.

Runs the AWS CLI in process (awscli.clidriver, the same argument parsing, shorthand, file://
and fileb:// handling, --query and output as the `aws` command, without a process start per
command) and prints one JSON line per command: the step, the arguments, the exit code, the
parsed output and the error code. Where a command of the recipe is wrong on AWS too, the
corrected command follows it (step id ending in `-fixed`) so the rest of the recipe runs on
the state its author meant. Environment: LATTICE_LOCAL_URL, RECIPE_ACCOUNT, RECIPE_WORKDIR.
"""
import contextlib
import io
import json
import os
import re
import sys
import zipfile

from awscli.clidriver import create_clidriver

ENDPOINT = os.environ['LATTICE_LOCAL_URL']
ACCOUNT = os.environ['RECIPE_ACCOUNT']
WORK = os.environ['RECIPE_WORKDIR']
os.environ.update({
    'AWS_ACCESS_KEY_ID': ACCOUNT,
    'AWS_SECRET_ACCESS_KEY': 'test',
    'AWS_DEFAULT_REGION': 'us-east-1',
    'AWS_EC2_METADATA_DISABLED': 'true',
    'AWS_PAGER': '',
})
for name in ('AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'):
    os.environ.pop(name, None)
os.chdir(WORK)

ERROR = re.compile(r'An error occurred \(([^)]+)\) when calling the (\w+) operation: (.*)')


DRIVER = create_clidriver()


def aws(step, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = DRIVER.main(list(args) + ['--endpoint-url', ENDPOINT])
    text = out.getvalue()
    try:
        output = json.loads(text) if text.strip().startswith(('{', '[')) else text.strip()
    except ValueError:
        output = text.strip()
    match = ERROR.search(err.getvalue())
    result = {
        'step': step,
        'args': list(args),
        'rc': rc,
        'output': output,
        'error': match.group(1) if match else None,
        'message': match.group(3).strip() if match else (err.getvalue().strip()[-600:] if rc else None),
    }
    print(json.dumps(result), flush=True)
    return result


def write(name, text):
    with open(name, 'w') as f:
        f.write(text)


SUFFIX = 'a1b2c3'  # the recipe asks Secrets Manager for it; not emulated, so fixed here
REGION = 'us-east-1'
NETWORK_NAME = f'microservices-network-{SUFFIX}'
SERVICE_NAME = f'order-service-{SUFFIX}'
CLIENT_FUNCTION = f'product-service-{SUFFIX}'
PROVIDER_FUNCTION = f'order-service-{SUFFIX}'
LOG_GROUP = f'/aws/vpclattice/{NETWORK_NAME}'

# ---- Preparation
aws('prep-account', 'sts', 'get-caller-identity', '--query', 'Account', '--output', 'text')

# ---- 1. IAM roles
write('lambda-trust-policy.json', json.dumps({
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}, indent=2))
aws('1-create-product-role', 'iam', 'create-role', '--role-name', f'ProductServiceRole-{SUFFIX}', '--assume-role-policy-document', 'file://lambda-trust-policy.json')
aws('1-create-order-role', 'iam', 'create-role', '--role-name', f'OrderServiceRole-{SUFFIX}', '--assume-role-policy-document', 'file://lambda-trust-policy.json')
for role in ('ProductServiceRole', 'OrderServiceRole'):
    aws(f'1-attach-basic-{role}', 'iam', 'attach-role-policy', '--role-name', f'{role}-{SUFFIX}', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')

# ---- 2. Service network (the recipe passes map tags in list shorthand: the CLI refuses it)
r = aws('2-create-service-network', 'vpc-lattice', 'create-service-network', '--name', NETWORK_NAME, '--auth-type', 'AWS_IAM',
        '--tags', 'Key=Environment,Value=Demo', 'Key=Purpose,Value=MicroserviceAuth')
if r['rc'] != 0:
    r = aws('2-create-service-network-fixed', 'vpc-lattice', 'create-service-network', '--name', NETWORK_NAME, '--auth-type', 'AWS_IAM',
            '--tags', 'Environment=Demo,Purpose=MicroserviceAuth')
NETWORK_ID, NETWORK_ARN = r['output']['id'], r['output']['arn']

# ---- 3. Lambda functions
write('product-service.py', 'import json\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"service": "product-service"})}\n')
write('order-service.py', 'import json\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"service": "order-service"})}\n')
for name in ('product-service', 'order-service'):
    with zipfile.ZipFile(f'{name}.zip', 'w') as z:
        z.write(f'{name}.py')
PRODUCT_ROLE_ARN = aws('3-get-product-role', 'iam', 'get-role', '--role-name', f'ProductServiceRole-{SUFFIX}', '--query', 'Role.Arn', '--output', 'text')['output']
ORDER_ROLE_ARN = aws('3-get-order-role', 'iam', 'get-role', '--role-name', f'OrderServiceRole-{SUFFIX}', '--query', 'Role.Arn', '--output', 'text')['output']
aws('3-create-client-function', 'lambda', 'create-function', '--function-name', CLIENT_FUNCTION, '--runtime', 'python3.12', '--role', PRODUCT_ROLE_ARN,
    '--handler', 'product-service.lambda_handler', '--zip-file', 'fileb://product-service.zip', '--timeout', '30')
provider = aws('3-create-provider-function', 'lambda', 'create-function', '--function-name', PROVIDER_FUNCTION, '--runtime', 'python3.12', '--role', ORDER_ROLE_ARN,
               '--handler', 'order-service.lambda_handler', '--zip-file', 'fileb://order-service.zip', '--timeout', '30')
PROVIDER_ARN = provider['output']['FunctionArn']

# ---- 4. Service, LAMBDA target group, listener
r = aws('4-create-service', 'vpc-lattice', 'create-service', '--name', SERVICE_NAME, '--auth-type', 'AWS_IAM')
SERVICE_ID, SERVICE_ARN = r['output']['id'], r['output']['arn']
TARGET_GROUP_ID = aws('4-create-target-group', 'vpc-lattice', 'create-target-group', '--name', f'order-targets-{SUFFIX}', '--type', 'LAMBDA')['output']['id']
r = aws('4-register-targets', 'vpc-lattice', 'register-targets', '--target-group-identifier', TARGET_GROUP_ID, '--targets', f'id={PROVIDER_FUNCTION}')
if r['output'].get('unsuccessful'):
    aws('4-register-targets-fixed', 'vpc-lattice', 'register-targets', '--target-group-identifier', TARGET_GROUP_ID, '--targets', f'id={PROVIDER_ARN}')
# What bash hands the CLI for forward="{\"targetGroups\":[…]}": JSON inside shorthand, which it cannot parse.
r = aws('4-create-listener', 'vpc-lattice', 'create-listener', '--service-identifier', SERVICE_ID, '--name', 'order-listener', '--protocol', 'HTTP', '--port', '80',
        '--default-action', 'forward={"targetGroups":[{"targetGroupIdentifier":"%s"}]}' % TARGET_GROUP_ID)
if r['rc'] != 0:
    aws('4-create-listener-fixed', 'vpc-lattice', 'create-listener', '--service-identifier', SERVICE_ID, '--name', 'order-listener', '--protocol', 'HTTP', '--port', '80',
        '--default-action', json.dumps({'forward': {'targetGroups': [{'targetGroupIdentifier': TARGET_GROUP_ID}]}}))

# ---- 5. Association (the recipe reads it back by "network/service", which is not an identifier)
SNSA_ID = aws('5-associate', 'vpc-lattice', 'create-service-network-service-association', '--service-network-identifier', NETWORK_ID, '--service-identifier', SERVICE_ID)['output']['id']
r = aws('5-get-association', 'vpc-lattice', 'get-service-network-service-association', '--service-network-service-association-identifier', f'{NETWORK_ID}/{SERVICE_ID}', '--query', 'status', '--output', 'text')
if r['rc'] != 0:
    aws('5-get-association-fixed', 'vpc-lattice', 'get-service-network-service-association', '--service-network-service-association-identifier', SNSA_ID, '--query', 'status', '--output', 'text')

# ---- 6. Auth policy
write('auth-policy.json', json.dumps({
    'Version': '2012-10-17',
    'Statement': [
        {'Sid': 'AllowProductServiceAccess', 'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:role/ProductServiceRole-{SUFFIX}'},
         'Action': 'vpc-lattice-svcs:Invoke', 'Resource': f'arn:aws:vpc-lattice:{REGION}:{ACCOUNT}:service/{SERVICE_ID}/*',
         'Condition': {'StringEquals': {'vpc-lattice-svcs:RequestMethod': ['GET', 'POST']}, 'StringLike': {'vpc-lattice-svcs:RequestPath': '/orders*'}}},
        {'Sid': 'DenyUnauthorizedAccess', 'Effect': 'Deny', 'Principal': '*', 'Action': 'vpc-lattice-svcs:Invoke',
         'Resource': f'arn:aws:vpc-lattice:{REGION}:{ACCOUNT}:service/{SERVICE_ID}/*',
         'Condition': {'StringNotLike': {'aws:PrincipalArn': f'arn:aws:iam::{ACCOUNT}:role/ProductServiceRole-{SUFFIX}'}}},
    ],
}, indent=2))
r = aws('6-put-auth-policy', 'vpc-lattice', 'put-auth-policy', '--resource-identifier', SERVICE_ID, '--policy', 'file://auth-policy.json')
if r['rc'] != 0:
    with open('auth-policy.json') as f:
        one_line = json.dumps(json.load(f), separators=(',', ':'))
    aws('6-put-auth-policy-fixed', 'vpc-lattice', 'put-auth-policy', '--resource-identifier', SERVICE_ID, '--policy', one_line)

# ---- 7. Logs and access logging (CloudWatch alarms are not emulated)
aws('7-create-log-group', 'logs', 'create-log-group', '--log-group-name', LOG_GROUP)
aws('7-create-access-log-subscription', 'vpc-lattice', 'create-access-log-subscription', '--resource-identifier', NETWORK_ID,
    '--destination-arn', f'arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{LOG_GROUP}')
aws('7-put-metric-alarm', 'cloudwatch', 'put-metric-alarm', '--alarm-name', f'VPC-Lattice-Auth-Failures-{SUFFIX}', '--alarm-description', 'Monitor VPC Lattice authorization failures',
    '--metric-name', '4XXError', '--namespace', 'AWS/VpcLattice', '--statistic', 'Sum', '--period', '300', '--threshold', '5',
    '--comparison-operator', 'GreaterThanThreshold', '--evaluation-periods', '2', '--dimensions', f'Name=ServiceNetwork,Value={NETWORK_ID}')

# ---- 8. Lambda permission for Lattice, identity policy of the client role
aws('8-add-permission', 'lambda', 'add-permission', '--function-name', PROVIDER_FUNCTION, '--statement-id', 'vpc-lattice-invoke', '--action', 'lambda:InvokeFunction',
    '--principal', 'vpc-lattice.amazonaws.com')
write('vpc-lattice-invoke-policy.json', json.dumps({
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Action': ['vpc-lattice-svcs:Invoke'], 'Resource': f'arn:aws:vpc-lattice:{REGION}:{ACCOUNT}:service/{SERVICE_ID}/*'}],
}, indent=2))
aws('8-put-role-policy', 'iam', 'put-role-policy', '--role-name', f'ProductServiceRole-{SUFFIX}', '--policy-name', 'VPCLatticeInvokePolicy', '--policy-document', 'file://vpc-lattice-invoke-policy.json')

# ---- Validation
aws('v1-get-service-network', 'vpc-lattice', 'get-service-network', '--service-network-identifier', NETWORK_ID)
aws('v1-get-service', 'vpc-lattice', 'get-service', '--service-identifier', SERVICE_ID)
aws('v1-get-auth-policy', 'vpc-lattice', 'get-auth-policy', '--resource-identifier', SERVICE_ID)
aws('v2-invoke', 'lambda', 'invoke', '--function-name', CLIENT_FUNCTION, '--payload', '{"test": "authorized_request"}', 'response.json')
aws('v3-describe-log-streams', 'logs', 'describe-log-streams', '--log-group-name', LOG_GROUP, '--order-by', 'LastEventTime', '--descending')
aws('v3-get-metric-statistics', 'cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/VpcLattice', '--metric-name', 'RequestCount',
    '--dimensions', f'Name=ServiceNetwork,Value={NETWORK_ID}', '--start-time', '2026-01-01T00:00:00', '--end-time', '2026-01-01T01:00:00',
    '--period', '300', '--statistics', 'Sum')

# ---- Cleanup, as written
aws('c1-delete-auth-policy', 'vpc-lattice', 'delete-auth-policy', '--resource-identifier', SERVICE_ID)
r = aws('c1-delete-association', 'vpc-lattice', 'delete-service-network-service-association', '--service-network-service-association-identifier', f'{NETWORK_ID}/{SERVICE_ID}')
if r['rc'] != 0:
    aws('c1-delete-association-fixed', 'vpc-lattice', 'delete-service-network-service-association', '--service-network-service-association-identifier', SNSA_ID)
LISTENER_ID = aws('c1-list-listeners', 'vpc-lattice', 'list-listeners', '--service-identifier', SERVICE_ID, '--query', 'items[0].id', '--output', 'text')['output']
aws('c1-delete-listener', 'vpc-lattice', 'delete-listener', '--service-identifier', SERVICE_ID, '--listener-identifier', LISTENER_ID)
r = aws('c2-deregister-targets', 'vpc-lattice', 'deregister-targets', '--target-group-identifier', TARGET_GROUP_ID, '--targets', f'id={PROVIDER_FUNCTION}')
if r['output'].get('unsuccessful'):
    aws('c2-deregister-targets-fixed', 'vpc-lattice', 'deregister-targets', '--target-group-identifier', TARGET_GROUP_ID, '--targets', f'id={PROVIDER_ARN}')
aws('c2-delete-target-group', 'vpc-lattice', 'delete-target-group', '--target-group-identifier', TARGET_GROUP_ID)
aws('c2-delete-service', 'vpc-lattice', 'delete-service', '--service-identifier', SERVICE_ID)
aws('c2-delete-service-network', 'vpc-lattice', 'delete-service-network', '--service-network-identifier', NETWORK_ID)
aws('c3-delete-client-function', 'lambda', 'delete-function', '--function-name', CLIENT_FUNCTION)
aws('c3-delete-provider-function', 'lambda', 'delete-function', '--function-name', PROVIDER_FUNCTION)
aws('c3-detach-product', 'iam', 'detach-role-policy', '--role-name', f'ProductServiceRole-{SUFFIX}', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')
aws('c3-delete-product-inline', 'iam', 'delete-role-policy', '--role-name', f'ProductServiceRole-{SUFFIX}', '--policy-name', 'VPCLatticeInvokePolicy')
aws('c3-delete-product-role', 'iam', 'delete-role', '--role-name', f'ProductServiceRole-{SUFFIX}')
aws('c3-detach-order', 'iam', 'detach-role-policy', '--role-name', f'OrderServiceRole-{SUFFIX}', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')
aws('c3-delete-order-role', 'iam', 'delete-role', '--role-name', f'OrderServiceRole-{SUFFIX}')
aws('c4-delete-alarms', 'cloudwatch', 'delete-alarms', '--alarm-names', f'VPC-Lattice-Auth-Failures-{SUFFIX}')
aws('c4-delete-log-group', 'logs', 'delete-log-group', '--log-group-name', LOG_GROUP)
