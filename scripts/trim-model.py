#!/usr/bin/env python3
"""Trims a botocore service model to the operations lattice-local serves.

The models in lib/models are AWS's own (botocore's service-2.json and paginators-1.json):
this script copies the listed operations and every shape they reach (input, output, errors),
drops documentation, and writes lib/models/<name>.service.json (+ .paginators.json when the
service has paginators for the kept operations). Nothing is typed by hand, so a newer botocore
is one re-run away:

    python3 scripts/trim-model.py            # every model in SUBSETS
    python3 scripts/trim-model.py iam        # one of them
"""
import gzip
import json
import os
import sys

import botocore

SUBSETS = {
    # EC2: what Lattice and PrivateLink attach to (VPCs, subnets, security groups, instances,
    # zones), VPC endpoints of every type, endpoint services, their permissions and connections.
    'ec2-subset': ('ec2', '2016-11-15', [
        'DescribeVpcs', 'DescribeSubnets', 'DescribeSecurityGroups', 'DescribeInstances', 'DescribeAvailabilityZones',
        'CreateVpc', 'DeleteVpc', 'CreateSubnet', 'DeleteSubnet', 'CreateSecurityGroup', 'DeleteSecurityGroup',
        'DescribeVpcEndpoints', 'CreateVpcEndpoint', 'ModifyVpcEndpoint', 'DeleteVpcEndpoints',
        'DescribeVpcEndpointServices', 'DescribeVpcEndpointServiceConfigurations',
        'CreateVpcEndpointServiceConfiguration', 'ModifyVpcEndpointServiceConfiguration',
        'DeleteVpcEndpointServiceConfigurations', 'DescribeVpcEndpointServicePermissions',
        'ModifyVpcEndpointServicePermissions', 'DescribeVpcEndpointConnections',
        'AcceptVpcEndpointConnections', 'RejectVpcEndpointConnections',
    ]),
    'iam': ('iam', '2010-05-08', [
        'CreateRole', 'GetRole', 'ListRoles', 'DeleteRole', 'UpdateAssumeRolePolicy',
        'PutRolePolicy', 'GetRolePolicy', 'ListRolePolicies', 'DeleteRolePolicy',
        'AttachRolePolicy', 'DetachRolePolicy', 'ListAttachedRolePolicies',
        'CreatePolicy', 'GetPolicy', 'GetPolicyVersion', 'ListPolicies', 'DeletePolicy', 'TagRole',
        'UntagRole', 'UpdateRole',
    ]),
    'lambda': ('lambda', '2015-03-31', [
        'CreateFunction', 'GetFunction', 'ListFunctions', 'DeleteFunction',
        'AddPermission', 'RemovePermission', 'GetPolicy',
    ]),
    'logs': ('logs', '2014-03-28', [
        'CreateLogGroup', 'DescribeLogGroups', 'DeleteLogGroup', 'PutRetentionPolicy',
        'TagResource', 'ListTagsForResource', 'DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents',
    ]),
    'resourcegroupstaggingapi': ('resourcegroupstaggingapi', '2017-01-26', [
        'GetResources', 'GetTagKeys', 'GetTagValues',
    ]),
}

DATA = os.path.join(os.path.dirname(botocore.__file__), 'data')
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib', 'models')


def read(service, version, name):
    path = os.path.join(DATA, service, version, name)
    for candidate in (path, path + '.gz'):
        if os.path.exists(candidate):
            opener = gzip.open if candidate.endswith('.gz') else open
            with opener(candidate, 'rt', encoding='utf-8') as f:
                return json.load(f)
    return None


def strip_docs(value):
    if isinstance(value, dict):
        return {k: strip_docs(v) for k, v in value.items() if k not in ('documentation', 'documentationUrl', 'examples')}
    if isinstance(value, list):
        return [strip_docs(v) for v in value]
    return value


def trim(key):
    service, version, operations = SUBSETS[key]
    model = read(service, version, 'service-2.json')
    missing = [op for op in operations if op not in model['operations']]
    if missing:
        raise SystemExit(f'{service} {version} has no {", ".join(missing)}')
    shapes = {}

    def reach(name):
        if name in shapes:
            return
        shape = model['shapes'][name]
        shapes[name] = shape
        refs = list((shape.get('members') or {}).values())
        refs += [shape[k] for k in ('member', 'key', 'value') if k in shape]
        for ref in refs:
            reach(ref['shape'])

    kept = {}
    for op in operations:
        spec = model['operations'][op]
        kept[op] = spec
        for part in ('input', 'output'):
            if part in spec:
                reach(spec[part]['shape'])
        for error in spec.get('errors', []):
            reach(error['shape'])
    out = {
        'version': model.get('version', '2.0'),
        'metadata': model['metadata'],
        'operations': kept,
        'shapes': {name: shapes[name] for name in sorted(shapes)},
    }
    with open(os.path.join(OUT, f'{key}.service.json'), 'w', encoding='utf-8') as f:
        json.dump(strip_docs(out), f, indent=1, sort_keys=False)
        f.write('\n')
    paginators = read(service, version, 'paginators-1.json')
    pages = {op: p for op, p in (paginators or {}).get('pagination', {}).items() if op in kept}
    if pages:
        with open(os.path.join(OUT, f'{key}.paginators.json'), 'w', encoding='utf-8') as f:
            json.dump({'pagination': pages}, f, indent=1)
            f.write('\n')
    print(f'{key}: {len(kept)} operations, {len(shapes)} shapes, {len(pages)} paginators (botocore {botocore.__version__})')


if __name__ == '__main__':
    for key in sys.argv[1:] or SUBSETS:
        trim(key)
