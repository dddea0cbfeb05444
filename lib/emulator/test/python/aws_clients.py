"""Drives lattice-local with clients Trellis did not write: boto3, and the AWS CLI's own driver.

Run by aws-cli.test.ts as `python3 aws_clients.py GROUP` with LATTICE_LOCAL_URL (and INVENTORY,
the JSON of what the test made in EC2) in the environment. Each group makes its calls and prints
one JSON object of what it saw on its last line; the test asserts on it. Credentials follow
lattice-local's convention: the access key id is the account, the secret `test`.

The CLI runs in this process through awscli.clidriver (the code behind the `aws` command, with
its argument parsing, pagination flags and error output), so a group pays Python's start-up once.
"""

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import urllib.request

import boto3
from awscli.clidriver import create_clidriver
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

ENDPOINT = os.environ["LATTICE_LOCAL_URL"]
INVENTORY = json.loads(os.environ.get("INVENTORY", "{}"))
REGION = "us-east-1"
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


CALLED = {}
"""Every operation a group called, by service (boto3 and the CLI), for the suite's coverage line."""


def note(service, operation):
    CALLED.setdefault(service, set()).add(operation)


def client(service, account):
    session = boto3.session.Session(aws_access_key_id=account, aws_secret_access_key="test", region_name=REGION)
    made = session.client(service, endpoint_url=ENDPOINT, config=NO_RETRIES)
    made.meta.events.register("before-call", lambda model, **_: note(service, model.name))
    return made


def error_of(call, **kwargs):
    """The error a boto3 call answered: code, message, HTTP status and modeled members."""
    try:
        call(**kwargs)
    except ClientError as e:
        r = e.response
        members = {k: v for k, v in r.items() if k not in ("Error", "ResponseMetadata")}
        return {"code": r["Error"].get("Code"), "message": r["Error"].get("Message"), "status": r["ResponseMetadata"]["HTTPStatusCode"], **members}
    return {"code": None, "message": "the call succeeded"}


_drivers = {}


def cli(account, *args):
    """One AWS CLI command, as `aws --endpoint-url … ARGS` would run it: exit code, parsed output, stderr."""
    if account not in _drivers:
        # The driver's session reads the credentials from the environment when it is made.
        os.environ.update({"AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": REGION})
        _drivers[account] = create_clidriver()
    if len(args) > 1 and not args[1].startswith("-"):
        note(args[0], "".join(part.capitalize() for part in args[1].split("-")))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = _drivers[account].main(["--endpoint-url", ENDPOINT, "--output", "json", *args])
    text = out.getvalue().strip()
    return {"rc": rc, "out": json.loads(text) if text else None, "err": err.getvalue().strip()}


def set_activation_delay(ms):
    """lattice-local's admin endpoint: how long creations stay CREATE_IN_PROGRESS."""
    body = json.dumps({"activationDelayMs": ms}).encode()
    request = urllib.request.Request(f"{ENDPOINT}/_local/faults", data=body, method="POST", headers={"content-type": "application/json", "x-lattice-local": "admin"})
    urllib.request.urlopen(request).read()


def raw_ec2(account, action):
    """An EC2 query request signed by botocore's SigV4, for an action no SDK can name."""
    request = AWSRequest(method="POST", url=ENDPOINT + "/", data=f"Action={action}&Version=2016-11-15".encode(), headers={"content-type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(account, "test"), "ec2", REGION).add_auth(request)
    prepared = request.prepare()
    try:
        with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body if isinstance(prepared.body, bytes) else prepared.body.encode(), headers=dict(prepared.headers), method="POST")) as response:
            return {"status": response.status, "body": response.read().decode()}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": e.read().decode()}


def raw_ram(account, path, body):
    """A RAM REST-JSON request signed by botocore's SigV4 and sent as given: no idempotency token filled in."""
    request = AWSRequest(method="POST", url=ENDPOINT + path, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    SigV4Auth(Credentials(account, "test"), "ram", REGION).add_auth(request)
    prepared = request.prepare()
    with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method="POST")) as response:
        return json.loads(response.read().decode())


def forward(tg_id):
    return {"forward": {"targetGroups": [{"targetGroupIdentifier": tg_id, "weight": 100}]}}


# ---- Groups -------------------------------------------------------------------------------------


def recipe():
    """A service network, a service with a target group, listener and rule, both associations,
    read back by both clients, then torn down in the order AWS requires."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    seen = {}
    sn = lattice.create_service_network(name="cli-recipe-net", authType="AWS_IAM", tags={"team": "network"})
    svc = lattice.create_service(name="cli-orders", authType="NONE")
    tg = lattice.create_target_group(name="cli-orders-tg", type="INSTANCE", config={"port": 8080, "protocol": "HTTP", "vpcIdentifier": INVENTORY["vpcId"]})
    seen["created"] = {"sn": sn["id"], "svc": svc["id"], "svcStatus": svc["status"], "tg": tg["id"], "tgStatus": tg["status"], "dns": svc["dnsEntry"]["domainName"]}
    registered = lattice.register_targets(targetGroupIdentifier=tg["id"], targets=[{"id": INVENTORY["instanceId"], "port": 8080}])
    listener = lattice.create_listener(serviceIdentifier=svc["id"], name="http", protocol="HTTP", port=80, defaultAction=forward(tg["id"]))
    rule = lattice.create_rule(
        serviceIdentifier=svc["id"],
        listenerIdentifier=listener["id"],
        name="orders-not-here",
        priority=10,
        match={"httpMatch": {"pathMatch": {"match": {"prefix": "/legacy"}}}},
        action={"fixedResponse": {"statusCode": 404}},
    )
    snsa = lattice.create_service_network_service_association(serviceNetworkIdentifier=sn["id"], serviceIdentifier=svc["arn"])
    snva = lattice.create_service_network_vpc_association(serviceNetworkIdentifier=sn["arn"], vpcIdentifier=INVENTORY["vpcId"], securityGroupIds=[INVENTORY["securityGroupId"]])
    rules = lattice.list_rules(serviceIdentifier=svc["id"], listenerIdentifier=listener["id"])["items"]
    seen["ids"] = [sn["id"], svc["id"], tg["id"], listener["id"], rule["id"], snsa["id"], snva["id"], *[r["id"] for r in rules]]
    seen["registered"] = {"successful": len(registered["successful"]), "unsuccessful": len(registered["unsuccessful"])}
    seen["rules"] = sorted([r["name"], r["isDefault"]] for r in rules)
    seen["associations"] = {"snsa": snsa["status"], "snva": snva["status"], "snvaGroups": snva["securityGroupIds"]}
    seen["service"] = {k: lattice.get_service(serviceIdentifier=svc["arn"])[k] for k in ("status", "authType")}
    seen["targets"] = [[t["id"], t["port"]] for t in lattice.list_targets(targetGroupIdentifier=tg["arn"])["items"]]
    seen["createdAtIsDate"] = type(lattice.get_service_network(serviceNetworkIdentifier=sn["id"])["createdAt"]).__name__

    # The CLI reads the same estate.
    got = cli(account, "vpc-lattice", "get-service-network", "--service-network-identifier", sn["id"])
    seen["cliNetwork"] = {"rc": got["rc"], "name": got["out"]["name"], "numberOfAssociatedServices": got["out"]["numberOfAssociatedServices"], "numberOfAssociatedVPCs": got["out"]["numberOfAssociatedVPCs"]}
    listed = cli(account, "vpc-lattice", "list-service-network-service-associations", "--service-network-identifier", sn["arn"], "--query", "items[].serviceName")
    seen["cliAssociations"] = listed["out"]
    seen["cliIdentity"] = cli(account, "sts", "get-caller-identity")["out"]
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]})
    seen["cliAuthPolicy"] = cli(account, "vpc-lattice", "put-auth-policy", "--resource-identifier", sn["id"], "--policy", policy)["out"]

    # Teardown: the network refuses while anything is associated.
    seen["deleteBusyNetwork"] = error_of(lattice.delete_service_network, serviceNetworkIdentifier=sn["id"])
    lattice.delete_service_network_vpc_association(serviceNetworkVpcAssociationIdentifier=snva["id"])
    seen["deleteNetworkWithService"] = error_of(lattice.delete_service_network, serviceNetworkIdentifier=sn["id"])
    lattice.delete_service_network_service_association(serviceNetworkServiceAssociationIdentifier=snsa["arn"])
    lattice.delete_service_network(serviceNetworkIdentifier=sn["id"])
    lattice.delete_service(serviceIdentifier=svc["id"])
    lattice.delete_target_group(targetGroupIdentifier=tg["id"])
    seen["left"] = {
        "networks": len(lattice.list_service_networks()["items"]),
        "services": len(lattice.list_services()["items"]),
        "targetGroups": len(lattice.list_target_groups()["items"]),
    }
    return seen


def pagination():
    """The CLI's --max-items/--starting-token and --page-size, and boto3's paginator, over seven services."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    names = [f"cli-page-{i}" for i in range(1, 8)]
    for name in names:
        lattice.create_service(name=name)
    seen = {"names": names, "pages": []}
    token = None
    while True:
        args = ["vpc-lattice", "list-services", "--max-items", "3"] + (["--starting-token", token] if token else [])
        page = cli(account, *args)["out"]
        seen["pages"].append([s["name"] for s in page["items"]])
        token = page.get("NextToken")
        if not token or len(seen["pages"]) > 5:
            break
    small = cli(account, "vpc-lattice", "list-services", "--page-size", "2", "--query", "items[].name")
    seen["pageSize2"] = small["out"]
    pages = list(lattice.get_paginator("list_services").paginate(PaginationConfig={"PageSize": 2}))
    seen["boto3Pages"] = [[s["name"] for s in p["items"]] for p in pages]
    seen["subnetPages"] = [len(p["Subnets"]) for p in client("ec2", account).get_paginator("describe_subnets").paginate(PaginationConfig={"PageSize": 5})]
    seen["forgedToken"] = error_of(lattice.list_services, nextToken="not-a-token-of-ours")
    return seen


def conflicts():
    """ConflictException texts, not-found and validation errors, policies with newlines, and
    tags across accounts, through boto3 and the CLI."""
    account, other = INVENTORY["account"], INVENTORY["otherAccount"]
    lattice = client("vpc-lattice", account)
    seen = {}

    set_activation_delay(3_600_000)
    try:
        sn = lattice.create_service_network(name="cli-conflict-net")
        svc = lattice.create_service(name="cli-still-creating")
        seen["svc"] = {"id": svc["id"], "status": svc["status"]}
        seen["boto3Associate"] = error_of(lattice.create_service_network_service_association, serviceNetworkIdentifier=sn["id"], serviceIdentifier=svc["id"])
        seen["cliAssociate"] = cli(account, "vpc-lattice", "create-service-network-service-association", "--service-network-identifier", sn["id"], "--service-identifier", svc["id"])
        tg = lattice.create_target_group(name="cli-creating-tg", type="LAMBDA")
        seen["tg"] = tg["id"]
        seen["listenerToCreatingTg"] = error_of(lattice.create_listener, serviceIdentifier=svc["id"], name="http", protocol="HTTP", port=80, defaultAction=forward(tg["id"]))
        gateway = lattice.create_resource_gateway(name="cli-creating-gw", vpcIdentifier=INVENTORY["vpcId"], subnetIds=[INVENTORY["subnetId"]], securityGroupIds=[INVENTORY["securityGroupId"]])
        rcfg = lattice.create_resource_configuration(
            name="cli-creating-db",
            type="SINGLE",
            resourceGatewayIdentifier=gateway["id"],
            portRanges=["5432"],
            protocol="TCP",
            resourceConfigurationDefinition={"ipResource": {"ipAddress": "10.0.1.9"}},
        )
        seen["rcfg"] = rcfg["id"]
        seen["associateCreatingRcfg"] = error_of(lattice.create_service_network_resource_association, serviceNetworkIdentifier=sn["id"], resourceConfigurationIdentifier=rcfg["arn"])
    finally:
        set_activation_delay(0)

    first = lattice.create_service_network(name="cli-first-net")
    second = lattice.create_service_network(name="cli-second-net")
    lattice.create_service_network_vpc_association(serviceNetworkIdentifier=first["id"], vpcIdentifier=INVENTORY["vpcId"])
    seen["first"] = first["id"]
    seen["secondVpcAssociation"] = error_of(lattice.create_service_network_vpc_association, serviceNetworkIdentifier=second["id"], vpcIdentifier=INVENTORY["vpcId"])
    seen["deleteNetworkWithVpc"] = cli(account, "vpc-lattice", "delete-service-network", "--service-network-identifier", first["id"])

    seen["notFound"] = error_of(lattice.get_service, serviceIdentifier="svc-0123456789abcdef0")
    seen["badName"] = error_of(lattice.create_service, name="Not_A_Valid_Name")

    # Auth policies: one line is accepted; the same policy with newlines (as a file, the way the
    # CLI reads one) is refused.
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]}
    seen["oneLinePolicy"] = lattice.put_auth_policy(resourceIdentifier=second["id"], policy=json.dumps(document))["state"]
    seen["boto3NewlinePolicy"] = error_of(lattice.put_auth_policy, resourceIdentifier=second["id"], policy=json.dumps(document, indent=2))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(document, f, indent=2)
    try:
        seen["cliNewlinePolicy"] = cli(account, "vpc-lattice", "put-auth-policy", "--resource-identifier", second["id"], "--policy", f"file://{f.name}")
    finally:
        os.unlink(f.name)

    # Tags of another account's network: shared with the caller → 403; not shared → 404.
    shared = lattice.create_service_network(name="cli-shared-net", tags={"team": "network"})
    ram = client("ram", account)
    share = ram.create_resource_share(name="cli-share", resourceArns=[shared["arn"]], principals=[other])["resourceShare"]
    consumer_ram = client("ram", other)
    invitations = consumer_ram.get_resource_share_invitations(resourceShareArns=[share["resourceShareArn"]])["resourceShareInvitations"]
    for invitation in invitations:
        consumer_ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])
    consumer = client("vpc-lattice", other)
    seen["consumerSees"] = [n["arn"] for n in consumer.list_service_networks()["items"]]
    seen["sharedArn"] = shared["arn"]
    seen["tagsShared"] = error_of(consumer.list_tags_for_resource, resourceArn=shared["arn"])
    seen["tagsUnshared"] = error_of(consumer.list_tags_for_resource, resourceArn=second["arn"])
    seen["tagsOwn"] = lattice.list_tags_for_resource(resourceArn=shared["arn"])["tags"]
    return seen


def ec2():
    """VPC endpoint states and filters as EC2 spells them, zones, and actions outside the subset."""
    account = INVENTORY["account"]
    ec2 = client("ec2", account)
    lattice = client("vpc-lattice", account)
    seen = {"zones": [[z["ZoneName"], z["ZoneId"]] for z in ec2.describe_availability_zones()["AvailabilityZones"]]}
    sn = lattice.create_service_network(name="cli-endpoint-net")
    ready = ec2.create_vpc_endpoint(VpcEndpointType="ServiceNetwork", VpcId=INVENTORY["vpcId"], ServiceNetworkArn=sn["arn"], SubnetIds=[INVENTORY["subnetId"]])["VpcEndpoint"]
    set_activation_delay(3_600_000)
    try:
        waiting = ec2.create_vpc_endpoint(VpcEndpointType="ServiceNetwork", VpcId=INVENTORY["vpcId"], ServiceNetworkArn=sn["arn"], SubnetIds=[INVENTORY["subnetId"]])["VpcEndpoint"]
    finally:
        set_activation_delay(0)
    seen["states"] = [ready["State"], waiting["State"]]

    def by_state(*values):
        found = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-endpoint-state", "Values": list(values)}])["VpcEndpoints"]
        return sorted(e["VpcEndpointId"] for e in found)

    seen["ids"] = {"ready": ready["VpcEndpointId"], "waiting": waiting["VpcEndpointId"]}
    seen["filtered"] = {
        "available": by_state("available"),
        "pending": by_state("pending"),
        "Available": by_state("Available"),
        "avail*": by_state("avail*"),
        "both": by_state("available", "pending"),
    }
    seen["typeAndState"] = len(
        ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-endpoint-type", "Values": ["ServiceNetwork"]}, {"Name": "vpc-endpoint-state", "Values": ["pending"]}])["VpcEndpoints"]
    )
    seen["unknownFilter"] = error_of(ec2.describe_vpc_endpoints, Filters=[{"Name": "colour", "Values": ["blue"]}])
    seen["cliStates"] = cli(account, "ec2", "describe-vpc-endpoints", "--filters", "Name=vpc-endpoint-state,Values=available", "--query", "VpcEndpoints[].State")["out"]
    seen["unimplemented"] = error_of(ec2.create_transit_gateway)
    seen["cliUnimplemented"] = cli(account, "ec2", "create-transit-gateway")
    notAction = raw_ec2(account, "FrobnicateWidgets")
    seen["notAnAction"] = {"status": notAction["status"], "code": re.search(r"<Code>(.*?)</Code>", notAction["body"]).group(1), "message": re.search(r"<Message>(.*?)</Message>", notAction["body"]).group(1)}
    return seen


def privatelink():
    """A VPC built through the API, an endpoint service behind an NLB, its allowed principals,
    connections from another account accepted and rejected, endpoints to AWS services, and the
    deletes, through boto3 and the CLI."""
    provider, consumer_account = INVENTORY["account"], INVENTORY["otherAccount"]
    ec2 = client("ec2", provider)
    consumer = client("ec2", consumer_account)
    seen = {}

    vpc = consumer.create_vpc(CidrBlock="10.80.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "cli-built"}]}])["Vpc"]
    subnet = consumer.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.80.1.0/24", AvailabilityZone="us-east-1c")["Subnet"]
    group = consumer.create_security_group(VpcId=vpc["VpcId"], GroupName="cli-endpoints", Description="endpoint interfaces")
    seen["built"] = {"vpcState": vpc["State"], "subnetZone": subnet["AvailabilityZone"], "groupId": group["GroupId"]}
    seen["badRange"] = error_of(consumer.create_vpc, CidrBlock="10.0.0.0/8")
    seen["conflict"] = error_of(consumer.create_subnet, VpcId=vpc["VpcId"], CidrBlock="10.80.1.0/25")

    nlb = f"arn:aws:elasticloadbalancing:{REGION}:{provider}:loadbalancer/net/cli-nlb/0123456789abcdef"
    config = cli(provider, "ec2", "create-vpc-endpoint-service-configuration", "--network-load-balancer-arns", nlb, "--acceptance-required")["out"]["ServiceConfiguration"]
    service_id, service_name = config["ServiceId"], config["ServiceName"]
    seen["service"] = {"id": service_id, "name": service_name, "state": config["ServiceState"], "acceptance": config["AcceptanceRequired"]}
    seen["hidden"] = error_of(consumer.create_vpc_endpoint, VpcEndpointType="Interface", VpcId=vpc["VpcId"], ServiceName=service_name, SubnetIds=[subnet["SubnetId"]])
    added = ec2.modify_vpc_endpoint_service_permissions(ServiceId=service_id, AddAllowedPrincipals=[f"arn:aws:iam::{consumer_account}:root"])
    seen["added"] = [[p["PrincipalType"], p["Principal"]] for p in added["AddedPrincipals"]]
    seen["permissions"] = cli(provider, "ec2", "describe-vpc-endpoint-service-permissions", "--service-id", service_id, "--query", "AllowedPrincipals[].Principal")["out"]
    seen["visible"] = [d["Owner"] for d in consumer.describe_vpc_endpoint_services(ServiceNames=[service_name])["ServiceDetails"]]

    first = consumer.create_vpc_endpoint(VpcEndpointType="Interface", VpcId=vpc["VpcId"], ServiceName=service_name, SubnetIds=[subnet["SubnetId"]], SecurityGroupIds=[group["GroupId"]])["VpcEndpoint"]
    second = consumer.create_vpc_endpoint(VpcEndpointType="Interface", VpcId=vpc["VpcId"], ServiceName=service_name, SubnetIds=[subnet["SubnetId"]])["VpcEndpoint"]
    seen["ids"] = {"first": first["VpcEndpointId"], "second": second["VpcEndpointId"]}
    seen["created"] = [first["State"], second["State"]]
    pending = cli(provider, "ec2", "describe-vpc-endpoint-connections", "--filters", "Name=vpc-endpoint-state,Values=pendingAcceptance", "--query", "VpcEndpointConnections[].[VpcEndpointId,VpcEndpointOwner]")
    seen["pending"] = pending["out"]
    seen["accepted"] = ec2.accept_vpc_endpoint_connections(ServiceId=service_id, VpcEndpointIds=[first["VpcEndpointId"]])["Unsuccessful"]
    seen["rejected"] = cli(provider, "ec2", "reject-vpc-endpoint-connections", "--service-id", service_id, "--vpc-endpoint-ids", second["VpcEndpointId"])["out"]["Unsuccessful"]
    connections = ec2.describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service_id]}])["VpcEndpointConnections"]
    seen["states"] = sorted([c["VpcEndpointId"], c["VpcEndpointState"]] for c in connections)
    seen["consumerStates"] = sorted([e["VpcEndpointId"], e["State"]] for e in consumer.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["VpcEndpoints"])

    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service_id, AcceptanceRequired=False, PrivateDnsName="ledger.example.com")
    configs = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"]
    seen["modified"] = {"acceptance": configs[0]["AcceptanceRequired"], "dns": configs[0]["PrivateDnsName"], "verification": configs[0]["PrivateDnsNameConfiguration"]["State"]}
    seen["blockedDelete"] = [u["Error"]["Code"] for u in ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[service_id])["Unsuccessful"]]

    gateway = consumer.create_vpc_endpoint(VpcEndpointType="Gateway", VpcId=vpc["VpcId"], ServiceName=f"com.amazonaws.{REGION}.s3")["VpcEndpoint"]
    secrets = cli(consumer_account, "ec2", "create-vpc-endpoint", "--vpc-endpoint-type", "Interface", "--vpc-id", vpc["VpcId"], "--service-name", f"com.amazonaws.{REGION}.secretsmanager", "--subnet-ids", subnet["SubnetId"])["out"]["VpcEndpoint"]
    seen["awsEndpoints"] = [[gateway["VpcEndpointType"], gateway["State"]], [secrets["VpcEndpointType"], secrets["PrivateDnsEnabled"]]]
    consumer.modify_vpc_endpoint(VpcEndpointId=first["VpcEndpointId"], RemoveSecurityGroupIds=[group["GroupId"]])
    seen["modifiedGroups"] = consumer.describe_vpc_endpoints(VpcEndpointIds=[first["VpcEndpointId"]])["VpcEndpoints"][0]["Groups"]
    seen["gatewayTypes"] = sorted({d["ServiceName"] for d in consumer.describe_vpc_endpoint_services(Filters=[{"Name": "service-type", "Values": ["Gateway"]}])["ServiceDetails"]})

    consumer.delete_vpc_endpoints(VpcEndpointIds=[first["VpcEndpointId"], second["VpcEndpointId"], gateway["VpcEndpointId"], secrets["VpcEndpointId"]])
    seen["deleted"] = ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[service_id])["Unsuccessful"]
    seen["vpcInUse"] = error_of(consumer.delete_vpc, VpcId=vpc["VpcId"])
    consumer.delete_security_group(GroupId=group["GroupId"])
    consumer.delete_subnet(SubnetId=subnet["SubnetId"])
    seen["vpcDeleted"] = cli(consumer_account, "ec2", "delete-vpc", "--vpc-id", vpc["VpcId"])["rc"]
    seen["vpcGone"] = [v["VpcId"] for v in consumer.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["cli-built"]}])["Vpcs"]]
    seen["groupsLeft"] = [g["GroupName"] for g in consumer.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["cli-endpoints"]}])["SecurityGroups"]]
    seen["instances"] = [i["InstanceId"] for r in ec2.describe_instances(Filters=[{"Name": "vpc-id", "Values": [INVENTORY["vpcId"]]}])["Reservations"] for i in r["Instances"]]
    return seen


def ram_permissions():
    """RAM permissions and their versions, a share's permission, replacement, resource policies,
    and client tokens (generated when none is sent; a replay reports the current state)."""
    account, other = INVENTORY["account"], INVENTORY["otherAccount"]
    lattice = client("vpc-lattice", account)
    ram = client("ram", account)
    managed = "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionVpcLatticeServiceNetwork"
    read_write = "arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeServiceNetworkReadWrite"
    seen = {}
    sn = lattice.create_service_network(name="cli-permissions-net")
    share = ram.create_resource_share(name="cli-permissions", resourceArns=[sn["arn"]], principals=[other])["resourceShare"]
    share_arn = share["resourceShareArn"]

    got = ram.get_permission(permissionArn=managed)["permission"]
    seen["managed"] = {"version": got["version"], "type": got["permissionType"], "actions": json.loads(got["permission"])["Action"]}
    seen["managedVersions"] = [p["version"] for p in ram.list_permission_versions(permissionArn=managed)["permissions"]]
    template = json.dumps({"Effect": "Allow", "Action": ["vpc-lattice:GetServiceNetwork"]})
    created = cli(account, "ram", "create-permission", "--name", "cli-read", "--resource-type", "vpc-lattice:ServiceNetwork", "--policy-template", template)["out"]["permission"]
    arn = created["arn"]
    seen["created"] = {"arn": arn, "version": created["version"], "type": created["permissionType"]}
    ram.create_permission_version(permissionArn=arn, policyTemplate=json.dumps({"Effect": "Allow", "Action": ["vpc-lattice:GetServiceNetwork", "vpc-lattice:CreateServiceNetworkVpcAssociation"]}))
    ram.set_default_permission_version(permissionArn=arn, permissionVersion=2)
    ram.delete_permission_version(permissionArn=arn, permissionVersion=1)
    seen["versions"] = [[p["version"], p["defaultVersion"]] for p in ram.list_permission_versions(permissionArn=arn)["permissions"]]
    seen["associate"] = ram.associate_resource_share_permission(resourceShareArn=share_arn, permissionArn=arn, replace=True)["returnValue"]
    seen["carried"] = [[p["arn"], p["version"]] for p in ram.list_resource_share_permissions(resourceShareArn=share_arn)["permissions"]]
    seen["associations"] = [p["resourceShareArn"] for p in ram.list_permission_associations(permissionArn=arn)["permissions"]]
    seen["inUse"] = error_of(ram.delete_permission, permissionArn=arn)
    work = ram.replace_permission_associations(fromPermissionArn=arn, toPermissionArn=read_write)["replacePermissionAssociationsWork"]
    seen["work"] = [w["status"] for w in ram.list_replace_permission_associations_work(workIds=[work["id"]])["replacePermissionAssociationsWorks"]]
    seen["afterReplace"] = [p["arn"] for p in ram.list_resource_share_permissions(resourceShareArn=share_arn)["permissions"]]
    ram.disassociate_resource_share_permission(resourceShareArn=share_arn, permissionArn=read_write)
    seen["deleted"] = ram.delete_permission(permissionArn=arn)["permissionStatus"]
    seen["policies"] = [json.loads(p)["Statement"][0]["Resource"] for p in cli(account, "ram", "get-resource-policies", "--resource-arns", sn["arn"])["out"]["policies"]]
    seen["sources"] = ram.list_source_associations(resourceShareArns=[share_arn])["sourceAssociations"]
    seen["promoteShare"] = error_of(ram.promote_resource_share_created_from_policy, resourceShareArn=share_arn)
    seen["promotePermission"] = error_of(ram.promote_permission_created_from_policy, permissionArn=managed, name="promoted")

    # The rest of RAM, once each: the consumer's invitation, the lists, tags, and organization sharing.
    consumer = client("ram", other)
    invitation = consumer.get_resource_share_invitations(resourceShareArns=[share_arn])["resourceShareInvitations"][0]
    seen["pendingResources"] = [r["arn"] for r in consumer.list_pending_invitation_resources(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])["resources"]]
    seen["accepted"] = consumer.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])["resourceShareInvitation"]["status"]
    ram.update_resource_share(resourceShareArn=share_arn, name="cli-permissions-renamed")
    ram.tag_resource(resourceShareArn=share_arn, tags=[{"key": "team", "value": "network"}])
    ram.untag_resource(resourceShareArn=share_arn, tagKeys=["team"])
    seen["shares"] = [[x["name"], x["tags"]] for x in ram.get_resource_shares(resourceOwner="SELF", resourceShareArns=[share_arn])["resourceShares"]]
    seen["principals"] = [x["id"] for x in ram.list_principals(resourceOwner="SELF", resourceShareArns=[share_arn])["principals"]]
    seen["consumerResources"] = [x["arn"] for x in consumer.list_resources(resourceOwner="OTHER-ACCOUNTS")["resources"]]
    seen["types"] = [t["resourceType"] for t in ram.list_resource_types()["resourceTypes"]]
    seen["permissionCount"] = len(ram.list_permissions(resourceType="vpc-lattice:ServiceNetwork")["permissions"])
    extra = lattice.create_service(name="cli-permissions-svc")
    ram.associate_resource_share(resourceShareArn=share_arn, resourceArns=[extra["arn"]])
    ram.disassociate_resource_share(resourceShareArn=share_arn, resourceArns=[extra["arn"]])
    seen["associationStates"] = sorted({a["status"] for a in ram.get_resource_share_associations(associationType="RESOURCE", resourceShareArns=[share_arn])["resourceShareAssociations"]})
    rejecting = ram.create_resource_share(name="cli-rejected", resourceArns=[sn["arn"]], principals=["210000000010"])["resourceShare"]
    rejecter = client("ram", "210000000010")
    to_reject = rejecter.get_resource_share_invitations(resourceShareArns=[rejecting["resourceShareArn"]])["resourceShareInvitations"][0]
    seen["rejected"] = rejecter.reject_resource_share_invitation(resourceShareInvitationArn=to_reject["resourceShareInvitationArn"])["resourceShareInvitation"]["status"]
    seen["noOrganization"] = error_of(ram.enable_sharing_with_aws_organization)

    # Client tokens: none sent → one generated and returned; a replay reports the share as it is now.
    seen["generatedToken"] = raw_ram(account, "/createresourceshare", {"name": "cli-no-token"}).get("clientToken")
    first = ram.create_resource_share(name="cli-replayed", clientToken="cli-replay-1")["resourceShare"]
    ram.delete_resource_share(resourceShareArn=first["resourceShareArn"])
    again = ram.create_resource_share(name="cli-replayed", clientToken="cli-replay-1")
    seen["replay"] = {"same": again["resourceShare"]["resourceShareArn"] == first["resourceShareArn"], "first": first["status"], "now": again["resourceShare"]["status"], "token": again["clientToken"]}
    return seen


def tagging():
    """GetResources through boto3's paginator and the CLI: type and tag filters, pages of two, a bad type."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    arns = {}
    for i in range(5):
        arns[f"svc{i}"] = lattice.create_service(name=f"tagged-{i}", tags={"team": "orders" if i % 2 else "payments"})["arn"]
    lattice.create_service(name="tagged-none")
    arns["tg"] = lattice.create_target_group(name="tagged-lambdas", type="LAMBDA", tags={"team": "orders"})["arn"]
    tagging = client("resourcegroupstaggingapi", account)
    pages = list(tagging.get_paginator("get_resources").paginate(ResourceTypeFilters=["vpc-lattice:service"], ResourcesPerPage=2))
    seen = {"arns": arns}
    seen["boto3Pages"] = [[m["ResourceARN"] for m in p["ResourceTagMappingList"]] for p in pages]
    seen["boto3Tags"] = {m["ResourceARN"]: {t["Key"]: t["Value"] for t in m["Tags"]} for p in pages for m in p["ResourceTagMappingList"]}
    orders = cli(account, "resourcegroupstaggingapi", "get-resources", "--tag-filters", "Key=team,Values=orders", "--resource-type-filters", "vpc-lattice:service", "vpc-lattice:targetgroup")
    seen["cliOrders"] = sorted(m["ResourceARN"] for m in orders["out"]["ResourceTagMappingList"])
    seen["badType"] = error_of(tagging.get_resources, ResourceTypeFilters=["vpc-lattice:nonsense"])
    return seen


GROUPS = {"recipe": recipe, "pagination": pagination, "conflicts": conflicts, "ec2": ec2, "privatelink": privatelink, "ram_permissions": ram_permissions, "tagging": tagging}

if __name__ == "__main__":
    seen = GROUPS[sys.argv[1]]()
    seen["called"] = {service: sorted(operations) for service, operations in CALLED.items()}
    print(json.dumps(seen, default=str))
